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
/// ```swift
/// let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
/// let detector = try ExemplarDetector(image: image, exemplars: [coin])
/// let preprocessor = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight)
/// let (tensor, transform) = preprocessor.tensor(from: image)
/// let matches = try detector.detect(tensor, scoreThreshold: 0.55)[0].map { transform.mapToSource($0.box) }
/// ```
public struct ExemplarDetector: Detector {
    /// The shortest exemplar side accepted, in pixels: below it there is too little to match.
    public static let minimumSide = 4

    /// `"exemplar"`.
    public let name = "exemplar"
    /// `["exemplar"]`: every match is of the one class "like the exemplar".
    public let classNames = ["exemplar"]
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

    /// Prepares the templates: every exemplar at every scale of `options`, cut from `image`
    /// and resampled to the working scale.
    ///
    /// - Throws: ``ExemplarError`` when there is no box, a box is outside `image`, too small or
    ///   flat.
    public init(image: RGBImage, exemplars: [PixelRect], options: ExemplarOptions = ExemplarOptions()) throws(ExemplarError) {
        try Self.validate(exemplars, imageWidth: image.width, imageHeight: image.height)
        var sides: Float = 0
        for box in exemplars { sides += Float(box.width * box.height).squareRoot() }
        let scale = min(1, Float(options.workingSide) / (sides / Float(exemplars.count)))
        self.scale = scale
        inputWidth = max(1, Int((Float(image.width) * scale).rounded()))
        inputHeight = max(1, Int((Float(image.height) * scale).rounded()))
        self.options = options
        var templates: [ExemplarTemplate] = []
        for box in exemplars {
            let sized = options.scales.compactMap { relative -> ExemplarTemplate? in
                let width = max(3, Int((Float(box.width) * scale * relative).rounded()))
                let height = max(3, Int((Float(box.height) * scale * relative).rounded()))
                let (tensor, _) = Preprocessor(inputWidth: width, inputHeight: height).tensor(from: image, region: box)
                return ExemplarTemplate(GreyPlane(luma: tensor, index: 0))
            }
            if sized.isEmpty { throw .featureless(box) }
            templates += sized
        }
        self.templates = templates
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
    /// ``ExemplarOptions/peakDistance`` template sides apart, boxed by the matching template.
    public func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        precondition(batch.channels == 3 && batch.width == inputWidth && batch.height == inputHeight,
                     "exemplar input is \(batch.channels)×\(batch.height)×\(batch.width), not 3×\(inputHeight)×\(inputWidth)")
        try BLAS.load()
        return (0..<batch.batch).map { index in
            let map = CorrelationMap(plane: GreyPlane(luma: batch, index: index), templates: templates)
            return map.peaks(threshold: scoreThreshold, templates: templates, distance: options.peakDistance).map { peak in
                let template = templates[peak.template]
                let left = Float(peak.x + map.originX + (map.windowWidth - template.width) / 2)
                let top = Float(peak.y + map.originY + (map.windowHeight - template.height) / 2)
                return Detection(box: BoundingBox(x1: left, y1: top, x2: left + Float(template.width),
                                                  y2: top + Float(template.height)),
                                 classIndex: 0, score: min(1, peak.score))
            }
        }
    }
}
