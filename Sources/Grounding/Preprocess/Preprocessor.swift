/// Turns an image region into detector input: resize (stretch or letterbox), convert to planar
/// Float32 RGB and scale to `byte / 255`, in one fused pass.
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

    /// The value letterbox padding is filled with (Darknet's mid-grey).
    public static let letterboxPadding: Float = 0.5

    /// Creates a preprocessor for a `inputWidth × inputHeight` detector input.
    public init(inputWidth: Int, inputHeight: Int, mode: ResizeMode = .stretch, filter: ResampleFilter = .automatic) {
        precondition(inputWidth > 0 && inputHeight > 0, "detector input size must be positive")
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.mode = mode
        self.filter = filter
    }

    /// Where `region` lands in the input: the resized size and its offset (zero unless
    /// letterboxing), as the transform that maps input pixels back to the source.
    public func transform(for region: PixelRect) -> InputTransform {
        precondition(region.width > 0 && region.height > 0, "region \(region) is empty")
        switch mode {
        case .stretch:
            return InputTransform(region: region,
                                  scaleX: Float(inputWidth) / Float(region.width),
                                  scaleY: Float(inputHeight) / Float(region.height))
        case .letterbox:
            let scale = min(Double(inputWidth) / Double(region.width), Double(inputHeight) / Double(region.height))
            let width = min(inputWidth, max(1, Int((Double(region.width) * scale).rounded())))
            let height = min(inputHeight, max(1, Int((Double(region.height) * scale).rounded())))
            // Per-axis scales of the whole-pixel resized size, so that mapping back is exact.
            return InputTransform(region: region,
                                  scaleX: Float(width) / Float(region.width),
                                  scaleY: Float(height) / Float(region.height),
                                  padX: Float((inputWidth - width) / 2),
                                  padY: Float((inputHeight - height) / 2))
        }
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
        precondition(tensor.channels == 3 && tensor.width == inputWidth && tensor.height == inputHeight,
                     "tensor \(tensor.channels)×\(tensor.height)×\(tensor.width) does not match 3×\(inputHeight)×\(inputWidth)")
        precondition(index >= 0 && index < tensor.batch, "slot \(index) is outside a batch of \(tensor.batch)")
        precondition(region.width > 0 && region.height > 0 && PixelRect(width: image.width, height: image.height).contains(region),
                     "region \(region) is empty or outside the \(image.width)×\(image.height) image")
        let transform = transform(for: region)
        let width = Int((transform.scaleX * Float(region.width)).rounded())
        let height = Int((transform.scaleY * Float(region.height)).rounded())
        let filter = resolvedFilter(region: region, width: width, height: height)
        let resizer = PlanarResizer(horizontal: ResampleAxis(filter, from: region.width, to: width),
                                    vertical: ResampleAxis(filter, from: region.height, to: height))
        let planeSize = inputWidth * inputHeight
        let slot = index * 3 * planeSize
        tensor.values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress! + slot
            if width < inputWidth || height < inputHeight {
                base.update(repeating: Self.letterboxPadding, count: 3 * planeSize)
            }
            let origin = base + Int(transform.padY) * inputWidth + Int(transform.padX)
            resizer.resize(image, region: region, into: origin, rowStride: inputWidth, planeStride: planeSize)
        }
        return transform
    }

    /// Preprocesses `region` of `image` (the whole image by default) into a new one-image tensor.
    public func tensor(from image: RGBImage, region: PixelRect? = nil) -> (PlanarTensor, InputTransform) {
        var tensor = PlanarTensor(batch: 1, channels: 3, height: inputHeight, width: inputWidth)
        let transform = fill(&tensor, at: 0, from: image, region: region ?? PixelRect(width: image.width, height: image.height))
        return (tensor, transform)
    }
}
