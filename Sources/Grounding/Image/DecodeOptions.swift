/// How ``ImageDecoder`` decodes: limits, DCT downscaling, orientation.
///
/// ```swift
/// var options = DecodeOptions()
/// options.minimumLongSide = 416   // enough for a 416×416 detector; decodes 12 MP photos at 1/8
/// let decoded = try ImageDecoder.decode(contentsOf: "photo.jpg", options: options)
/// ```
///
/// Transparent PNG pixels are always composited over **white**.
public struct DecodeOptions: Sendable, Hashable {
    /// The most pixels (`width * height`) an image may declare. Checked against the header
    /// before any pixel buffer is allocated.
    public var maxPixels: Int = 100_000_000
    /// The biggest file that is read into memory at all (1 GiB).
    public var maxFileBytes: Int = 1 << 30
    /// For JPEG, the smallest long side the decoded image may have: the decoder picks the
    /// smallest TurboJPEG DCT scaling factor (1/8, 1/4, 3/8, 1/2, … 1) that keeps the long side
    /// at least this long, which is several times faster than a full decode. `nil` decodes at full
    /// size. PNG is always decoded at full size.
    public var minimumLongSide: Int? = nil
    /// Whether to turn the image upright per its EXIF orientation tag.
    public var appliesOrientation: Bool = true

    /// Options with the defaults: 100-megapixel limit, full size, oriented.
    public init() {}
}
