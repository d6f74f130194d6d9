/// Decodes JPEG and PNG files into upright 8-bit RGB images.
///
/// Safe to call from many threads at once. Bad input never crashes or allocates without bound:
/// it throws an ``ImageError`` naming the file. CMYK/YCCK JPEGs are refused, not converted.
/// A JPEG whose data ends early is ``ImageError/truncated(file:)``; one with data errors that
/// libjpeg recovers from (e.g. stray bytes before a marker) is decoded, as OpenCV does.
///
/// ```swift
/// var options = DecodeOptions()
/// options.minimumLongSide = 416
/// let decoded = try ImageDecoder.decode(contentsOf: "TestImages/kite.jpg", options: options)
/// print(decoded.image.width, decoded.fullWidth)   // 507 1352 (DCT-scaled by 3/8)
/// ```
public enum ImageDecoder {
    /// Reads and decodes the file at `path` (format judged by content, not extension).
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        try decode(ImageFile.read(path, limit: options.maxFileBytes), name: path, options: options)
    }

    /// Decodes an encoded image held in memory; `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], name: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        guard !bytes.isEmpty else { throw .empty(file: name) }
        guard let format = ImageFormat.sniff(bytes) else {
            throw ImageFormat.isSignaturePrefix(bytes) ? .truncated(file: name) : .unsupportedFormat(file: name)
        }
        switch format {
        case .png:
            let image = try LibPNG.decode(bytes, name: name, maxPixels: options.maxPixels)
            return DecodedImage(image: image, format: .png, orientation: .up, fullWidth: image.width, fullHeight: image.height)
        case .jpeg:
            let (stored, width, height) = try TurboJPEG.decode(
                bytes, name: name, maxPixels: options.maxPixels, minimumLongSide: options.minimumLongSide)
            let orientation = ExifOrientation.parse(jpeg: bytes)
            guard options.appliesOrientation, orientation.swapsWidthAndHeight else {
                let image = options.appliesOrientation ? orientation.applied(to: stored) : stored
                return DecodedImage(image: image, format: .jpeg, orientation: orientation, fullWidth: width, fullHeight: height)
            }
            return DecodedImage(image: orientation.applied(to: stored), format: .jpeg, orientation: orientation,
                                fullWidth: height, fullHeight: width)
        }
    }
}
