/// Encodes RGB images as PNG or JPEG, in memory or to a file.
///
/// ```swift
/// let png = try ImageEncoder.png(image)                     // lossless
/// try ImageEncoder.write(image, to: "out/annotated.jpg")     // JPEG, quality 92
/// ```
public enum ImageEncoder {
    /// A lossless 8-bit RGB PNG.
    public static func png(_ image: RGBImage) throws(ImageError) -> [UInt8] {
        try PNGEncoder.encode(image, name: "PNG output")
    }

    /// A baseline JPEG at `quality` (1...100) with 4:2:0 chroma subsampling.
    public static func jpeg(_ image: RGBImage, quality: Int = 92) throws(ImageError) -> [UInt8] {
        try TurboJPEG.encode(image, quality: quality, name: "JPEG output")
    }

    /// The longest side a JPEG can hold (libjpeg-turbo's limit): a larger image can only be
    /// written as PNG.
    public static let maximumJPEGSide = 65_500

    /// True when ``write(_:to:jpegQuality:)`` writes `path` as JPEG (`.jpg`, `.jpeg`, any case).
    public static func writesJPEG(to path: String) -> Bool {
        ["jpg", "jpeg"].contains(fileExtension(of: path))
    }

    /// Writes `image` to `path` as PNG (`.png`) or JPEG (`.jpg`, `.jpeg`), by extension, ignoring case.
    public static func write(_ image: RGBImage, to path: String, jpegQuality: Int = 92) throws(ImageError) {
        let ext = fileExtension(of: path)
        let bytes: [UInt8]
        switch ext {
        case "png": bytes = try PNGEncoder.encode(image, name: path)
        case "jpg", "jpeg": bytes = try TurboJPEG.encode(image, quality: jpegQuality, name: path)
        default: throw .unsupportedOutputFormat(file: path, extension: ext)
        }
        try ImageFile.write(bytes, to: path)
    }

    /// The extension of `path`'s file name, in lower case; empty when it has none.
    private static func fileExtension(of path: String) -> String {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        return fileName.lastIndex(of: ".").map { fileName[fileName.index(after: $0)...].lowercased() } ?? ""
    }
}
