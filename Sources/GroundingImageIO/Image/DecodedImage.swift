/// A decoded image with what the file said about it.
///
/// Transparent PNG pixels are composited over white.
///
/// ```swift
/// let decoded = try ImageDecoder.decode(contentsOf: "TestImages/dog.jpg")
/// print(decoded.image.width, decoded.orientation, decoded.fullWidth)
/// for warning in decoded.warnings { print(warning) }   // damage the decoder recovered from
/// ```
public struct DecodedImage: Sendable, Hashable {
    /// The pixels: upright when ``DecodeOptions/appliesOrientation`` is set, and possibly
    /// DCT-downscaled per ``DecodeOptions/minimumLongSide``.
    public var image: RGBImage
    /// The file's format.
    public var format: ImageFormat
    /// The orientation tag as stored in the file: a JPEG's Exif segment or a PNG's eXIf chunk
    /// (``ExifOrientation/up`` without one).
    public var orientation: ExifOrientation
    /// Full-resolution width (before any DCT downscale), in the same orientation as ``image``
    /// (so upright when orientation is applied).
    public var fullWidth: Int
    /// Full-resolution height, in the same orientation as ``image``.
    public var fullHeight: Int
    /// Damage the codec reported and recovered from (empty for a sound file). libjpeg (through
    /// TurboJPEG) and libpng's simplified API report only the first problem they meet, so there is
    /// at most one.
    public var warnings: [DecodeWarning]

    /// Creates a decoded image.
    public init(image: RGBImage, format: ImageFormat, orientation: ExifOrientation, fullWidth: Int, fullHeight: Int,
                warnings: [DecodeWarning] = []) {
        self.image = image
        self.format = format
        self.orientation = orientation
        self.fullWidth = fullWidth
        self.fullHeight = fullHeight
        self.warnings = warnings
    }
}
