/// Decodes JPEG and PNG files into upright 8-bit RGB images (turned per the EXIF orientation in a
/// JPEG's Exif segment or a PNG's eXIf chunk).
///
/// Safe to call from many threads at once. Bad input never crashes, hangs or allocates without
/// bound: it throws an ``ImageError`` naming the file. Only regular files are read (a named pipe
/// or a device is refused without waiting on it). Before any pixel buffer is allocated, the header
/// is checked against ``DecodeOptions/maxPixels`` and the decode's working memory
/// (``ImageHeader/estimatedMemory``) against ``DecodeOptions/maxMemoryBytes``.
/// CMYK/YCCK JPEGs are refused, not converted. A JPEG whose data ends early is
/// ``ImageError/truncated(file:)``; damage the codec recovers from (corrupt data, stray bytes
/// before a marker, an end-of-image marker missing after complete data) is decoded, as OpenCV
/// does, and reported in ``DecodedImage/warnings``, or refused with ``DecodeOptions/strict``.
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
        let header: ImageHeader, stored: RGBImage, warnings: [DecodeWarning]
        switch try format(of: bytes, name: name) {
        case .png:
            let png = try LibPNG.header(bytes, name: name)
            header = ImageHeader(png: png, options: options)
            try checkPixels(header, name: name, options: options)
            try checkMemory(header, name: name, options: options)
            (stored, warnings) = try LibPNG.decode(bytes, header: png, name: name, options: options)
        case .jpeg:
            let jpeg = try TurboJPEG.header(bytes, name: name)
            header = ImageHeader(jpeg: jpeg.frame, width: jpeg.width, height: jpeg.height,
                                 orientation: ExifOrientation.parse(jpeg: bytes), options: options)
            try checkPixels(header, name: name, options: options)
            try TurboJPEG.checkData(bytes, header: jpeg, name: name)
            try checkMemory(header, name: name, options: options)
            (stored, warnings) = try TurboJPEG.decode(bytes, header: jpeg, name: name, options: options)
        }
        let image = options.appliesOrientation ? header.orientation.applied(to: stored) : stored
        return DecodedImage(image: image, format: header.format, orientation: header.orientation, fullWidth: header.width,
                            fullHeight: header.height, warnings: warnings)
    }

    /// Reads only the start of the file at `path` (64 KB, or the whole file when its header is
    /// longer) and returns what its header says: size, orientation, and the working memory a
    /// decode with `options` would need. Limits are not applied, so an image that ``decode(contentsOf:options:)``
    /// would refuse as too large still gets its header.
    ///
    /// ```swift
    /// let header = try ImageDecoder.header(contentsOf: path)
    /// if header.estimatedMemory > budget { /* wait for other decodes to finish */ }
    /// ```
    public static func header(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> ImageHeader {
        let start = try ImageFile.read(path, limit: options.maxFileBytes, prefix: 1 << 16)
        do {
            return try header(start.bytes, name: path, options: options)
        } catch .truncated where !start.isWholeFile {
            return try header(ImageFile.read(path, limit: options.maxFileBytes), name: path, options: options)
        }
    }

    /// What the header of an encoded image held in memory says; `name` is used in error messages.
    /// Throws ``ImageError/truncated(file:)`` when `bytes` end inside the header.
    public static func header(_ bytes: [UInt8], name: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> ImageHeader {
        switch try format(of: bytes, name: name) {
        case .png:
            return ImageHeader(png: try LibPNG.header(bytes, name: name), options: options)
        case .jpeg:
            let jpeg = try TurboJPEG.header(bytes, name: name)
            return ImageHeader(jpeg: jpeg.frame, width: jpeg.width, height: jpeg.height,
                               orientation: ExifOrientation.parse(jpeg: bytes), options: options)
        }
    }

    /// The format the bytes start with, or the error for bytes that are no image.
    private static func format(of bytes: [UInt8], name: String) throws(ImageError) -> ImageFormat {
        guard !bytes.isEmpty else { throw .empty(file: name) }
        guard let format = ImageFormat.sniff(bytes) else {
            throw ImageFormat.isSignaturePrefix(bytes) ? .truncated(file: name) : .unsupportedFormat(file: name)
        }
        return format
    }

    /// Refuses more pixels than ``DecodeOptions/maxPixels`` (or a count that overflows).
    private static func checkPixels(_ header: ImageHeader, name: String, options: DecodeOptions) throws(ImageError) {
        guard let pixels = header.pixelCount, pixels <= options.maxPixels else {
            throw .tooLarge(file: name, width: header.width, height: header.height, limit: options.maxPixels)
        }
    }

    /// Refuses a decode that needs more working memory than ``DecodeOptions/maxMemoryBytes``.
    private static func checkMemory(_ header: ImageHeader, name: String, options: DecodeOptions) throws(ImageError) {
        guard header.estimatedMemory <= options.maxMemoryBytes else {
            throw .needsTooMuchMemory(file: name, width: header.width, height: header.height,
                                      estimatedBytes: header.estimatedMemory, limit: options.maxMemoryBytes)
        }
    }
}
