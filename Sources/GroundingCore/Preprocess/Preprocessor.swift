import GroundingCompute
import GroundingImageIO

/// Turns an image region into detector input: resize (stretch or letterbox), convert to planar
/// Float32 RGB and scale to `byte / 255`, in one fused pass; then, when the detector's
/// ``InputSpec`` asks for it, reorder the channels and apply its mean and standard deviation.
///
/// ```swift
/// let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox)
/// let (tensor, transform) = preprocessor.tensor(from: image)
/// // … run the detector on `tensor`, then map its boxes back:
/// let sourceBox = transform.mapToSource(inputBox)
/// ```
public struct Preprocessor: Sendable, Hashable {
    /// Detector input width in pixels.
    public var inputWidth: Int
    /// Detector input height in pixels.
    public var inputHeight: Int
    /// Stretch to fill, or letterbox with 0.5 padding.
    public var mode: ResizeMode
    /// The resampling filter.
    public var filter: ResampleFilter
    /// Channel order and value mapping (the size and fit are ``inputWidth``, ``inputHeight`` and ``mode``).
    public var spec: InputSpec
    /// The share of each side of the input a region is fitted into, centred, the rest padded:
    /// 1 (all of it) but for a view from further back (``StepBack``), which shows the region
    /// smaller than the detector's input.
    public var share: Float = 1

    /// The value letterbox padding is filled with (Darknet's mid-grey).
    public static let letterboxPadding: Float = 0.5

    /// Creates a preprocessor for a `inputWidth × inputHeight` detector input, RGB in 0...1.
    public init(inputWidth: Int, inputHeight: Int, mode: ResizeMode = .stretch, filter: ResampleFilter = .automatic) {
        self.init(spec: InputSpec(width: inputWidth, height: inputHeight, resize: mode), filter: filter)
    }

    /// Creates a preprocessor for a detector's ``Detector/inputSpec``, fitting each region into
    /// the middle `share` of each side of the input (1: all of it).
    public init(spec: InputSpec, filter: ResampleFilter = .automatic, share: Float = 1) {
        precondition(spec.width > 0 && spec.height > 0, "detector input size must be positive")
        precondition(spec.std.min() > 0, "input standard deviations must be positive")
        precondition(share > 0 && share <= 1, "a region fills a share of the input in (0, 1], not \(share)")
        self.inputWidth = spec.width
        self.inputHeight = spec.height
        self.mode = spec.resize
        self.filter = filter
        self.spec = spec
        self.share = share
    }

    /// Where `region` lands in the input: the transform that maps input pixels back to it.
    public func transform(for region: PixelRect) -> InputTransform {
        let placed = placement(of: region)
        // Per-axis scales of the whole-pixel resized size, so that mapping back is exact.
        return InputTransform(region: region,
                              scaleX: Float(placed.width) / Float(region.width),
                              scaleY: Float(placed.height) / Float(region.height),
                              padX: Float(placed.x), padY: Float(placed.y))
    }

    /// The rectangle of the input that `region` is resized into: the middle ``share`` of each
    /// side (all of it unless stepping back) when stretching; when letterboxing, the largest
    /// whole-pixel size with the region's aspect ratio inside that. Centred: odd leftovers put
    /// the extra padding pixel on the right or bottom.
    private func placement(of region: PixelRect) -> PixelRect {
        precondition(region.width > 0 && region.height > 0, "region \(region) is empty")
        let areaWidth = min(inputWidth, max(1, Int((Double(inputWidth) * Double(share)).rounded())))
        let areaHeight = min(inputHeight, max(1, Int((Double(inputHeight) * Double(share)).rounded())))
        let width: Int, height: Int
        switch mode {
        case .stretch:
            (width, height) = (areaWidth, areaHeight)
        case .letterbox:
            let scale = min(Double(areaWidth) / Double(region.width), Double(areaHeight) / Double(region.height))
            width = min(areaWidth, max(1, Int((Double(region.width) * scale).rounded())))
            height = min(areaHeight, max(1, Int((Double(region.height) * scale).rounded())))
        }
        return PixelRect(x: (inputWidth - width) / 2, y: (inputHeight - height) / 2, width: width, height: height)
    }

    /// The filter actually used to resize `region` to `width × height`.
    package func resolvedFilter(region: PixelRect, width: Int, height: Int) -> ResampleFilter {
        guard filter == .automatic else { return filter }
        return region.width >= 2 * width && region.height >= 2 * height ? .area : .bilinear
    }

    /// Preprocesses `region` of `image` into batch slot `index` of `tensor`, leaving the other
    /// slots untouched, and returns the transform from input pixels back to `image` pixels.
    ///
    /// - Precondition: `tensor` has 3 channels and this preprocessor's input size, `index` is a
    ///   slot of it, and `region` is a non-empty rectangle inside `image`.
    public func fill(_ tensor: inout PlanarTensor, at index: Int, from image: RGBImage, region: PixelRect) -> InputTransform {
        check(tensor, slots: index..<index + 1, image: image, regions: [region])
        tensor.values.withUnsafeMutableBufferPointer { values in
            fill(values.baseAddress! + index * 3 * inputWidth * inputHeight, from: image, region: region)
        }
        return transform(for: region)
    }

    /// Preprocesses `regions` of `image` into batch slots `0..<regions.count` of `tensor`, one
    /// slot per worker at a time on up to `threads` workers (nil: the request's default), and
    /// returns their transforms in order. Every value is the one ``fill(_:at:from:region:)``
    /// writes: each slot is made by the same code, whichever thread makes it.
    ///
    /// - Precondition: as ``fill(_:at:from:region:)``, for every region, and `tensor` has a slot
    ///   for each.
    public func fill(_ tensor: inout PlanarTensor, from image: RGBImage, regions: [PixelRect],
                     threads: Int? = nil) -> [InputTransform] {
        check(tensor, slots: 0..<regions.count, image: image, regions: regions)
        let slotSize = 3 * inputWidth * inputHeight
        tensor.values.withUnsafeMutableBufferPointer { values in
            // Each worker writes only its own slots of the buffer, so the calls do not race.
            nonisolated(unsafe) let base = values.baseAddress!
            Parallel.forEach(regions.count, width: threads ?? Parallel.defaultWidth) { _, slot in
                fill(base + slot * slotSize, from: image, region: regions[slot])
            }
        }
        return regions.map(transform(for:))
    }

    /// The preconditions of filling `slots` of `tensor` with `regions` of `image`.
    private func check(_ tensor: PlanarTensor, slots: Range<Int>, image: RGBImage, regions: [PixelRect]) {
        precondition(tensor.channels == 3 && tensor.width == inputWidth && tensor.height == inputHeight,
                     "tensor \(tensor.channels)×\(tensor.height)×\(tensor.width) does not match 3×\(inputHeight)×\(inputWidth)")
        precondition(slots.lowerBound >= 0 && slots.upperBound <= tensor.batch,
                     "slots \(slots) are outside a batch of \(tensor.batch)")
        let whole = PixelRect(width: image.width, height: image.height)
        for region in regions {
            precondition(region.width > 0 && region.height > 0 && whole.contains(region),
                         "region \(region) is empty or outside the \(image.width)×\(image.height) image")
        }
    }

    /// Pads, resizes and normalises `region` of `image` into the one slot at `base`.
    private func fill(_ base: UnsafeMutablePointer<Float>, from image: RGBImage, region: PixelRect) {
        let placed = placement(of: region)
        let planeSize = inputWidth * inputHeight
        if placed.width < inputWidth || placed.height < inputHeight {
            base.update(repeating: spec.padding, count: 3 * planeSize)
        }
        let origin = base + placed.y * inputWidth + placed.x
        resizer(for: region, placed: placed).resize(image, region: region, into: origin,
                                                    rowStride: inputWidth, planeStride: planeSize)
        if !spec.isPlainUnitRange { normalize(base, planeSize: planeSize) }
    }

    /// Reorders the three RGB planes at `base` as ``spec`` asks and maps each value `v` in 0...1
    /// to `(v − mean) / std`.
    private func normalize(_ base: UnsafeMutablePointer<Float>, planeSize: Int) {
        if spec.channelOrder == .bgr {
            for i in 0..<planeSize { swap(&base[i], &base[2 * planeSize + i]) }
        }
        for channel in 0..<3 {
            let plane = base + channel * planeSize
            let scale = 1 / spec.std[channel], shift = -spec.mean[channel] / spec.std[channel]
            for i in 0..<planeSize { plane[i] = plane[i] * scale + shift }
        }
    }

    /// `region` of `image` as this preprocessor's input, made only a piece at a time as it is
    /// read: for a detector that reads a large input in pieces (``PiecewiseDetector``).
    ///
    /// ```swift
    /// let input = preprocessor.lazyInput(from: image, region: PixelRect(width: image.width, height: image.height))
    /// let top = input.tensor(rows: 0..<16, columns: 0..<input.width)
    /// ```
    ///
    /// - Precondition: `region` is a non-empty rectangle inside `image`, and the spec asks for
    ///   plain RGB in 0...1 (the only input piecewise detectors take so far).
    public func lazyInput(from image: RGBImage, region: PixelRect) -> LazyInput {
        precondition(spec.isPlainUnitRange, "piecewise inputs are RGB in 0...1; this spec maps values otherwise")
        precondition(region.width > 0 && region.height > 0 && PixelRect(width: image.width, height: image.height).contains(region),
                     "region \(region) is empty or outside the \(image.width)×\(image.height) image")
        let placed = placement(of: region)
        return LazyInput(image: image, region: region, width: inputWidth, height: inputHeight, placed: placed,
                         resizer: resizer(for: region, placed: placed), transform: transform(for: region))
    }

    /// The resize kernel that takes `region` to its `placed` size.
    private func resizer(for region: PixelRect, placed: PixelRect) -> PlanarResizer {
        let filter = resolvedFilter(region: region, width: placed.width, height: placed.height)
        return PlanarResizer(horizontal: ResampleAxis(filter, from: region.width, to: placed.width),
                             vertical: ResampleAxis(filter, from: region.height, to: placed.height))
    }

    /// Preprocesses `region` of `image` (the whole image by default) into a new one-image tensor.
    public func tensor(from image: RGBImage, region: PixelRect? = nil) -> (PlanarTensor, InputTransform) {
        var tensor = PlanarTensor(batch: 1, channels: 3, height: inputHeight, width: inputWidth)
        let transform = fill(&tensor, at: 0, from: image, region: region ?? PixelRect(width: image.width, height: image.height))
        return (tensor, transform)
    }
}
