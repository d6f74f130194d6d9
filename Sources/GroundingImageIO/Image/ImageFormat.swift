/// The encoded image formats Grounding reads and writes.
///
/// ```swift
/// ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0])  // .jpeg
/// ```
public enum ImageFormat: Sendable, Hashable {
    /// JPEG (JFIF or Exif), decoded with TurboJPEG.
    case jpeg
    /// PNG, decoded with libpng.
    case png

    /// The bytes every file of this format starts with.
    package var signature: [UInt8] {
        switch self {
        case .jpeg: [0xFF, 0xD8, 0xFF]
        case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        }
    }

    /// The format whose magic bytes start `bytes`, or `nil` when it is neither JPEG nor PNG.
    ///
    /// The file name plays no part: a PNG named `photo.jpg` is still a PNG.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        for format in [ImageFormat.jpeg, .png] where bytes.starts(with: format.signature) {
            return format
        }
        return nil
    }

    /// True when `bytes` is too short to hold a signature but is the start of one: a cut-off file.
    package static func isSignaturePrefix(_ bytes: some Collection<UInt8>) -> Bool {
        [ImageFormat.jpeg, .png].contains { format in
            bytes.count < format.signature.count && format.signature.starts(with: bytes)
        }
    }
}
