/// What an image file's header says, and what decoding it will cost, learnt without decoding:
/// ``ImageDecoder/header(contentsOf:options:)`` reads only the first bytes of the file.
///
/// ``estimatedMemory`` is what ``ImageDecoder`` checks against ``DecodeOptions/maxMemoryBytes``
/// before it allocates anything; a caller running several decodes at once can budget with it.
///
/// ```swift
/// let header = try ImageDecoder.header(contentsOf: "TestImages/kite.jpg")
/// print(header.width, header.height, header.estimatedMemory)   // 1352 900 3650400
/// ```
public struct ImageHeader: Sendable, Hashable {
    /// The file's format.
    public var format: ImageFormat
    /// Full-resolution width, upright when the options apply the EXIF orientation: what
    /// ``DecodedImage/fullWidth`` will be.
    public var width: Int
    /// Full-resolution height, in the same orientation as ``width``.
    public var height: Int
    /// The orientation tag as stored in the file: a JPEG's Exif segment or a PNG's eXIf chunk
    /// (``ExifOrientation/up`` without one).
    public var orientation: ExifOrientation
    /// True for a progressive or multi-scan JPEG: libjpeg then keeps every DCT coefficient of the
    /// whole image while it decodes (2 bytes per coefficient, 64 per 8×8 block of each component),
    /// 2 to 6 bytes per pixel on top of the pixels themselves.
    public var buffersCoefficients: Bool
    /// The decoder's working memory at its peak, in bytes, for a decode with the options given:
    /// the decoded pixels (3 bytes each, 4 for a PNG with transparency, fewer pixels when
    /// ``DecodeOptions/minimumLongSide`` lets a JPEG be DCT-scaled), plus the larger of libjpeg's
    /// coefficient buffer (see ``buffersCoefficients``) and the second copy of the pixels that
    /// applying an EXIF orientation other than ``ExifOrientation/up`` makes (for a PNG, that copy
    /// on top of libpng's pixels). The file's own bytes are not included. Measured on
    /// 100-megapixel JPEGs (baseline 4:4:4, progressive 4:2:0 and 4:4:4, full size and DCT-scaled
    /// to 1/8), a decode raised the process's peak resident memory by 0.2–1.1% more than this
    /// estimate, file bytes included.
    public var estimatedMemory: Int

    /// The header of a JPEG whose frame is `frame` (stored `width × height`).
    init(jpeg frame: JPEGFrame, width: Int, height: Int, orientation: ExifOrientation, options: DecodeOptions) {
        let factor = TurboJPEG.downscalingFactor(longSide: max(width, height), minimumLongSide: options.minimumLongSide)
        let pixels = factor.scaled(width) * factor.scaled(height) * 3
        self.format = .jpeg
        self.orientation = orientation
        (self.width, self.height) = Self.upright(width: width, height: height, orientation: orientation, options: options)
        self.buffersCoefficients = frame.buffersCoefficients
        self.estimatedMemory = pixels + max(frame.buffersCoefficients ? frame.coefficientBytes : 0,
                                            Self.turns(orientation, options) ? pixels : 0)
    }

    /// The header of a PNG (each side below 2³²).
    init(png header: LibPNG.Header, options: DecodeOptions) {
        self.format = .png
        self.orientation = header.orientation
        (self.width, self.height) = Self.upright(width: header.width, height: header.height, orientation: header.orientation, options: options)
        self.buffersCoefficients = false
        // Sides up to 2³² − 1 overflow the product; such an image is refused by its pixel count.
        // Turning copies the RGB pixels while libpng's (RGBA for a transparent image) are held.
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        self.estimatedMemory = overflow || pixels > Int.max / 7 ? Int.max
            : pixels * (header.hasAlpha ? 4 : 3) + (Self.turns(header.orientation, options) ? pixels * 3 : 0)
    }

    /// The size of a `width × height` image as decoded: upright when the options turn it.
    private static func upright(width: Int, height: Int, orientation: ExifOrientation, options: DecodeOptions) -> (Int, Int) {
        options.appliesOrientation && orientation.swapsWidthAndHeight ? (height, width) : (width, height)
    }

    /// Whether decoding with `options` turns the image, making a second copy of its pixels.
    private static func turns(_ orientation: ExifOrientation, _ options: DecodeOptions) -> Bool {
        options.appliesOrientation && orientation != .up
    }

    /// The pixel count, or `nil` when it overflows.
    var pixelCount: Int? {
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? nil : count
    }
}
