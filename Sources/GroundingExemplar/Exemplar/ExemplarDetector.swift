import GroundingCompute
import GroundingCore
import GroundingImageIO

/// A class-agnostic detector: finds everything that looks like one or more example boxes drawn
/// on the image itself ("how many of these?"), by zero-mean normalised cross-correlation over a
/// range of sizes.
///
/// It is built for one image and its exemplars, and plugs into the engine like any model: its
/// input is the whole image scaled so that the exemplar's side is about
/// ``ExemplarOptions/workingSide`` pixels (``allowsTiling`` is false, so the engine never slices
/// or stretches it), and ``detect(_:scoreThreshold:)`` returns one box per match, in input pixels,
/// scored by its correlation. Its one class is `"exemplar"`.
///
/// Its memory is bounded whatever the image and box: as a ``PiecewiseDetector`` it reads its
/// input a block at a time, and holds one block's planes, tables and scores (at most 64 MB)
/// and the strongest 262,144 response peaks, never an image-sized array; on a whole tensor it
/// works block by block too.
///
/// ```swift
/// let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
/// let detector = try ExemplarDetector(image: image, exemplars: [coin])
/// let preprocessor = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight)
/// let (tensor, transform) = preprocessor.tensor(from: image)
/// let matches = try detector.detect(tensor, scoreThreshold: 0.5)[0].map { transform.mapToSource($0.box) }
/// ```
public struct ExemplarDetector: PiecewiseDetector {
    /// The shortest exemplar side accepted, in pixels: below it there is too little to match.
    public static let minimumSide = 4

    /// `"exemplar"`.
    public let name = "exemplar"
    /// `["exemplar"]`: every match is of the one class "like the exemplar".
    public let vocabulary = Vocabulary(names: ["exemplar"])
    /// The image's width at the working scale.
    public let inputWidth: Int
    /// The image's height at the working scale.
    public let inputHeight: Int
    /// One image per call: the detector is built for one image.
    public let maxBatchSize = 1
    /// False: the input must be the whole image at the working scale.
    public var allowsTiling: Bool { false }
    /// Input pixels per image pixel (≤ 1).
    public let scale: Float
    /// The options it matches with.
    public let options: ExemplarOptions
    let templates: [ExemplarTemplate]
    /// The templates at half the working scale, for the coarse search; empty when the exemplar
    /// is too small at the working scale to be halved (see ``coarseMinimumSide``).
    let coarseTemplates: [ExemplarTemplate]
    /// The most bytes one block of the correlation holds at once (``BlockPlan``); tests lower it
    /// to cut a small image into many blocks.
    package var workingBudget = ExemplarDetector.defaultWorkingBudget

    /// The coarse-to-fine search is used when the exemplar's working side (geometric mean) is at
    /// least this: halved, it still has ~10 pixels a side to match.
    static let coarseMinimumSide: Float = 20
    /// Coarse matches are kept down to this much below the similarity threshold: halving blurs
    /// texture, and a true match's coarse score was up to ~0.15 lower than its fine one on the coins.
    static let coarseMargin: Float = 0.2
    /// Fine positions evaluated around each coarse match, in each direction: the coarse position
    /// is off by up to one coarse pixel (two fine ones) and the peak may sit one more away.
    static let refineRadius = 3

    /// Prepares the templates: every exemplar at every scale of `options`, cut from `image`
    /// and resampled to the working scale.
    ///
    /// - Throws: ``ExemplarError`` when there is no box, a box is outside `image`, too small,
    ///   flat, or has only detail too fine to survive the working scale.
    public init(image: RGBImage, exemplars: [PixelRect], options: ExemplarOptions = ExemplarOptions()) throws(ExemplarError) {
        try Self.validate(exemplars, imageWidth: image.width, imageHeight: image.height)
        var sides: Float = 0
        for box in exemplars { sides += Float(box.width * box.height).squareRoot() }
        let scale = min(1, Float(options.workingSide) / (sides / Float(exemplars.count)))
        self.scale = scale
        inputWidth = max(1, Int((Float(image.width) * scale).rounded()))
        inputHeight = max(1, Int((Float(image.height) * scale).rounded()))
        self.options = options
        // The cost is judged on the sizes asked for, before any template is cut: building them
        // all first took 22 s and 3.8 GB for 30 boxes at every size and turn, only to refuse them.
        let (sizes, turns) = (options.scales.count, options.orientations.turns.count)
        let count = exemplars.count * sizes * turns
        guard count <= Self.maximumTemplates else {
            throw .tooManyTemplates(count, boxes: exemplars.count, sizes: sizes, turns: turns, maximum: Self.maximumTemplates)
        }
        let planned = Self.fitting(exemplars.flatMap { Self.sizes(of: $0, scale: scale, options: options) },
                                   width: inputWidth, height: inputHeight) { $0 }
        try Self.checkCost(of: planned, planeWidth: inputWidth, planeHeight: inputHeight)
        let templates = Self.fitting(try Self.templates(of: exemplars, in: image, scale: scale, options: options),
                                     width: inputWidth, height: inputHeight, size: \.size)
        // Flat sizes left out can only lower the cost, except where every size that fits the
        // photo is flat and the larger ones are kept instead: judged again on what is matched.
        try Self.checkCost(of: templates.map(\.size), planeWidth: inputWidth, planeHeight: inputHeight)
        self.templates = templates
        let workingSide = scale * sides / Float(exemplars.count)
        coarseTemplates = workingSide >= Self.coarseMinimumSide
            ? Self.fitting(try Self.templates(of: exemplars, in: image, scale: scale / 2, options: options),
                           width: inputWidth / 2, height: inputHeight / 2, size: \.size) : []
    }

    /// The most multiply-adds a full search may take (``CorrelationMap/Layout/multiplyAdds``):
    /// about 20 s on two cores, less where the coarse search spares most positions. Measured: an
    /// 8-pixel box on a 2560×1600 photo (too small for the coarse search) at sizes 0.5–2 with every
    /// turn is 1.3·10¹¹ and took 6.5 s; a 60-pixel raindrop on a 1920×1200 photo at the default
    /// sizes is 10¹⁰ (1 s); a 46-pixel coin on a 384×303 photo at sizes 0.1–10 is 1.8·10¹¹ (2.4 s,
    /// coarse to fine), and with every turn 1.5·10¹²: refused.
    static let maximumWork: Double = 4e11

    /// The most templates (boxes × sizes × turns) one search holds. The widest options, sizes
    /// 0.1–10 in steps of 1.01 with every turn, make 3,704 of one box; the defaults make 8.
    static let maximumTemplates = 8_192

    /// The most floats the templates take as the columns of the correlation's matrix (window ×
    /// templates): 128 MB. Within ``maximumWork`` on a small photo they could take gigabytes.
    static let maximumTemplateFloats = 1 << 25

    /// Throws ``ExemplarError/tooMuchWork(templates:windowWidth:windowHeight:positions:)`` when
    /// templates of `sizes` over a `planeWidth × planeHeight` plane cost more than
    /// ``maximumWork`` or take more than ``maximumTemplateFloats``.
    private static func checkCost(of sizes: [(width: Int, height: Int)], planeWidth: Int, planeHeight: Int) throws(ExemplarError) {
        let layout = CorrelationMap.Layout(planeWidth: planeWidth, planeHeight: planeHeight, sizes: sizes)
        guard layout.multiplyAdds <= maximumWork,
              layout.windowWidth * layout.windowHeight * sizes.count <= maximumTemplateFloats else {
            throw .tooMuchWork(templates: sizes.count, windowWidth: layout.windowWidth, windowHeight: layout.windowHeight,
                               positions: layout.width * layout.height)
        }
    }

    /// `templates` without those larger than a `width × height` plane: a match larger than the
    /// photo is not one of several objects to count, and such sizes cost the most (they set the
    /// window every template is correlated over); all of them when none would be left.
    private static func fitting<Template>(_ templates: [Template], width: Int, height: Int,
                                          size: (Template) -> (width: Int, height: Int)) -> [Template] {
        let fitting = templates.filter { size($0).width <= width && size($0).height <= height }
        return fitting.isEmpty ? templates : fitting
    }

    /// The working size of `box` at a relative scale `relative` of `scale`, upright.
    private static func size(of box: PixelRect, scale: Float, relative: Float) -> (width: Int, height: Int) {
        (max(3, Int((Float(box.width) * scale * relative).rounded())), max(3, Int((Float(box.height) * scale * relative).rounded())))
    }

    /// The sizes of the templates `box` makes at `scale` (its every size and turn), flat or not.
    private static func sizes(of box: PixelRect, scale: Float, options: ExemplarOptions) -> [(width: Int, height: Int)] {
        options.scales.flatMap { relative in
            let (width, height) = size(of: box, scale: scale, relative: relative)
            return options.orientations.turns.map { $0.quarterTurns % 2 == 0 ? (width, height) : (height, width) }
        }
    }

    /// Every exemplar at every relative scale of `options`, cut from `image` and resampled to
    /// `scale` (input pixels per image pixel).
    ///
    /// - Throws: ``ExemplarError/featureless(_:)`` for a box that is flat in `image`, and
    ///   ``ExemplarError/detailTooFine(_:workingWidth:workingHeight:)`` for one that is flat only
    ///   at `scale` (each template pixel averages many of its pixels, and noise averages out).
    private static func templates(of exemplars: [PixelRect], in image: RGBImage, scale: Float,
                                  options: ExemplarOptions) throws(ExemplarError) -> [ExemplarTemplate] {
        var templates: [ExemplarTemplate] = []
        for box in exemplars {
            guard let sized = Self.templates(of: box, in: image, scale: scale, options: options) else {
                guard Self.hasDetail(box, in: image) else { throw .featureless(box) }
                throw .detailTooFine(box, workingWidth: Int((Float(box.width) * scale).rounded()),
                                     workingHeight: Int((Float(box.height) * scale).rounded()))
            }
            templates += sized
        }
        return templates
    }

    /// `box` at every relative scale and in every orientation of `options`, cut from `image` and
    /// resampled to `scale` (input pixels per image pixel), leaving out the sizes where it is
    /// flat; nil when it is flat at all of them.
    private static func templates(of box: PixelRect, in image: RGBImage, scale: Float,
                                  options: ExemplarOptions) -> [ExemplarTemplate]? {
        let sized = options.scales.flatMap { relative -> [ExemplarTemplate] in
            let (width, height) = size(of: box, scale: scale, relative: relative)
            let (tensor, _) = Preprocessor(inputWidth: width, inputHeight: height).tensor(from: image, region: box)
            let plane = GreyPlane(luma: tensor, index: 0)
            return options.orientations.turns.compactMap { ExemplarTemplate(plane.turned(mirrored: $0.mirrored, quarterTurns: $0.quarterTurns)) }
        }
        return sized.isEmpty ? nil : sized
    }

    /// Whether `box` of `image` varies at full size by more than ``ExemplarTemplate`` takes for
    /// flat (its grey values' variance against the same floor).
    private static func hasDetail(_ box: PixelRect, in image: RGBImage) -> Bool {
        var sum: Double = 0, squares: Double = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in box.y..<box.y + box.height {
                let row = pixels.baseAddress! + y * image.rowStride + box.x * 3
                for x in 0..<box.width {
                    let v = (0.299 * Double(row[3 * x]) + 0.587 * Double(row[3 * x + 1]) + 0.114 * Double(row[3 * x + 2])) / 255
                    sum += v
                    squares += v * v
                }
            }
        }
        let count = Double(box.width * box.height)
        return squares - sum * sum / count > count * ExemplarTemplate.flatVariance
    }

    /// Checks that there is at least one box and that every box lies inside a
    /// `imageWidth × imageHeight` image with sides of at least ``minimumSide``.
    public static func validate(_ exemplars: [PixelRect], imageWidth: Int, imageHeight: Int) throws(ExemplarError) {
        guard !exemplars.isEmpty else { throw .noBoxes }
        for box in exemplars {
            if box.width > imageWidth || box.height > imageHeight {
                throw .largerThanImage(box, width: imageWidth, height: imageHeight)
            }
            if !PixelRect(width: imageWidth, height: imageHeight).contains(box) {
                throw .outsideImage(box, width: imageWidth, height: imageHeight)
            }
            if box.width < minimumSide || box.height < minimumSide {
                throw .tooSmall(box, minimumSide: minimumSide)
            }
        }
    }

    /// The matches in each image of `batch` (the whole image at the working scale) with a
    /// correlation of at least `scoreThreshold`, one per object: peaks of the response at least
    /// ``ExemplarOptions/peakDistance`` of a template's width apart across, or of its smaller side
    /// up and down, boxed by the matching template.
    ///
    /// Coarse to fine when ``coarseTemplates`` exist: the whole image is correlated at half the
    /// working scale (a sixteenth of the work), and the full-scale response is computed only
    /// within ``refineRadius`` of the coarse matches scoring at least
    /// `scoreThreshold − ` ``coarseMargin``.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        try detect(batch, scoreThreshold: scoreThreshold, exhaustive: false)
    }

    /// The matches in `input` (the whole image at the working scale), read a block at a time:
    /// the same as ``detect(_:scoreThreshold:)`` on the whole tensor.
    public func detect(_ input: LazyInput, scoreThreshold: Float) throws -> [Detection] {
        precondition(input.width == inputWidth && input.height == inputHeight,
                     "exemplar input is \(input.width)×\(input.height), not \(inputWidth)×\(inputHeight)")
        try BLAS.load()
        return try matches(in: WorkingImage(input), scoreThreshold: scoreThreshold, exhaustive: false)
    }

    /// ``detect(_:scoreThreshold:)``, or with `exhaustive` the full-scale response everywhere
    /// (no coarse search), which tests compare the coarse-to-fine answer with.
    package func detect(_ batch: PlanarTensor, scoreThreshold: Float, exhaustive: Bool) throws -> [[Detection]] {
        precondition(batch.channels == 3 && batch.width == inputWidth && batch.height == inputHeight,
                     "exemplar input is \(batch.channels)×\(batch.height)×\(batch.width), not 3×\(inputHeight)×\(inputWidth)")
        try BLAS.load()
        return try (0..<batch.batch).map { index in
            try matches(in: WorkingImage(batch, index: index), scoreThreshold: scoreThreshold, exhaustive: exhaustive)
        }
    }
}
