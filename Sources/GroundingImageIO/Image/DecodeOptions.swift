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
    /// The most working memory one decode may need, as ``ImageHeader/estimatedMemory`` counts it
    /// from the header before anything is allocated: the decoded pixels, plus libjpeg's buffer of
    /// every DCT coefficient (2 bytes each) for a progressive or multi-scan JPEG, or a second copy
    /// of the pixels when EXIF orientation turns them. The file's own bytes are not counted
    /// (``maxFileBytes`` bounds them).
    ///
    /// The default, 768 MiB, admits every image within the default pixel limit except
    /// progressive or multi-scan JPEGs with full-resolution colour (4:4:4) above about 89
    /// megapixels, which need 9 bytes per pixel (a 100 MP one, 900 MB).
    public var maxMemoryBytes: Int = 768 << 20
    /// Whether damaged data that the codec recovers from is an error: `false` (the default)
    /// decodes such a file and reports the damage in ``DecodedImage/warnings``; `true` refuses it
    /// with ``ImageError/corrupt(file:detail:)``.
    public var strict: Bool = false
    /// For JPEG, the smallest long side the decoded image may have: the decoder picks the
    /// smallest TurboJPEG DCT scaling factor (1/8, 1/4, 3/8, 1/2, … 1) that keeps the long side
    /// at least this long, which is several times faster than a full decode. `nil` decodes at full
    /// size. PNG is always decoded at full size.
    public var minimumLongSide: Int? = nil
    /// Whether to turn the image upright per its EXIF orientation tag.
    public var appliesOrientation: Bool = true

    /// Options with the defaults: 100-megapixel, 1 GiB file and 768 MiB memory limits, full size,
    /// oriented, damage reported as warnings.
    public init() {}
}
