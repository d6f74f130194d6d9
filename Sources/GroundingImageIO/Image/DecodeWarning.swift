/// Damage in a file that the decoder recovered from: the image was decoded, but some of its
/// pixels may be wrong (grey rows where data was missing, blocks decoded from garbage).
///
/// ``DecodeOptions/strict`` turns it into ``ImageError/corrupt(file:detail:)`` instead.
///
/// ```swift
/// let decoded = try ImageDecoder.decode(contentsOf: "damaged.jpg")
/// for warning in decoded.warnings { print(warning) }
/// // damaged.jpg: image data is damaged (Corrupt JPEG data: premature end of data segment); ...
/// ```
public struct DecodeWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file (path or name) it is about.
    public var file: String
    /// The codec's own words, e.g. libjpeg's "Corrupt JPEG data: premature end of data segment".
    public var detail: String

    /// Creates a warning about `file`.
    public init(file: String, detail: String) {
        self.file = file
        self.detail = detail
    }

    /// What was wrong, and what it means for the pixels.
    public var description: String {
        "\(file): image data is damaged (\(detail)); it was decoded anyway and parts of it may be wrong; re-export it from the original, or refuse such files (--strict; \"strict\": true in a request; DecodeOptions.strict in Swift)"
    }
}
