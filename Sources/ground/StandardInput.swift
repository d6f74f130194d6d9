import Glibc
import Grounding

/// `ground`'s stdin when `-` is an input: one encoded image, or a list of paths.
///
/// The first bytes decide: a JPEG or PNG signature means the whole of stdin is one image (read
/// up to the decoder's file limit); anything else is paths, one per line (or each ended by a NUL
/// byte, with `-0`), read as they arrive. A line is a path whatever it starts with: `#` marks no
/// comment.
/// Reads go straight to the descriptor (no stdio buffering), so nothing is read ahead of need.
struct StandardInput: Sendable {
    /// What stdin holds.
    enum Contents: Sendable {
        case notUsed
        case image([UInt8])
        case pathList
    }

    /// What stdin turned out to hold.
    let contents: Contents
    /// True when the paths end with a NUL byte (`-0`), not a newline: each is taken exactly as
    /// it is, blanks, carriage returns and newlines included.
    let isNULSeparated: Bool
    private var buffer: [UInt8]
    private var ended = false
    /// True while the rest of a line too long to be a path is skipped.
    private var skippingLine = false

    /// The longest line read as one path (four times Linux's PATH_MAX).
    static let maximumLine = 16_384

    /// Stdin left alone.
    static let unused = StandardInput(contents: .notUsed, buffer: [], isNULSeparated: false)

    private init(contents: Contents, buffer: [UInt8], isNULSeparated: Bool) {
        self.contents = contents
        self.buffer = buffer
        self.isNULSeparated = isNULSeparated
    }

    /// The byte that ends each path.
    private var separator: UInt8 { isNULSeparated ? 0 : UInt8(ascii: "\n") }

    /// Peeks at stdin's first bytes; an image is read whole, at most `fileLimit` bytes (the
    /// decoder's file limit) and no more than `budget` holds. Paths end with a NUL byte when
    /// `isNULSeparated`, else with a newline.
    static func read(fileLimit: Int, budget: MemoryBudget, isNULSeparated: Bool) throws(UsageError) -> StandardInput {
        let limit = min(fileLimit, budget.bytes)
        var head: [UInt8] = []
        while head.count < 8, let chunk = readChunk(8 - head.count) { head += chunk }
        guard ImageFormat.sniff(head) != nil else {
            return StandardInput(contents: .pathList, buffer: head, isNULSeparated: isNULSeparated)
        }
        var bytes = head
        while let chunk = readChunk(1 << 16) {
            bytes += chunk
            guard bytes.count <= limit else {
                throw UsageError(limit < fileLimit
                    ? "-: the image on stdin is larger than \(budget.named), so it cannot be answered within it; raise --max-memory, or downscale the image"
                    : "-: the image on stdin is larger than \(MemorySize.shown(fileLimit, in: .gibibytes, roundingUp: false)), the most an image file may be; downscale or recompress it")
            }
        }
        return StandardInput(contents: .image(bytes), buffer: [], isNULSeparated: isNULSeparated)
    }

    /// One line of a path list: its text (bytes that are not UTF-8 shown as U+FFFD), and
    /// whether its bytes were UTF-8.
    struct Line {
        var text: String
        var isUTF8: Bool
        /// True for a line longer than ``maximumLine``: `text` is its start, and the rest of it
        /// was skipped.
        var isTooLong = false

        init(_ bytes: ArraySlice<UInt8>, isTooLong: Bool = false) {
            let valid = String(validating: bytes, as: UTF8.self)
            (text, isUTF8) = (valid ?? String(decoding: bytes, as: UTF8.self), valid != nil)
            self.isTooLong = isTooLong
        }
    }

    /// The next line of a path list (without its newline, or its NUL byte with `-0`), or nil at
    /// the end of stdin.
    mutating func nextLine() -> Line? {
        while true {
            if let newline = buffer.firstIndex(of: separator) {
                let line = buffer[..<newline]
                buffer.removeSubrange(...newline)
                if skippingLine {
                    skippingLine = false
                    continue
                }
                return Line(line)
            }
            if skippingLine {
                buffer.removeAll()
            } else if buffer.count > Self.maximumLine {
                // No path is this long: one line, reported once by its start; the rest of it is
                // skipped as it comes rather than held, or read as more lines.
                defer {
                    buffer.removeAll()
                    skippingLine = true
                }
                return Line(buffer.prefix(80), isTooLong: true)
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return Line(buffer[...])
            }
            if let chunk = Self.readChunk(4096) { buffer += chunk } else { ended = true }
        }
    }

    /// Up to `count` bytes from stdin, or nil at its end (or on an error reading it).
    private static func readChunk(_ count: Int) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = Glibc.read(STDIN_FILENO, &chunk, count)
            if got > 0 { return Array(chunk.prefix(got)) }
            if got < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
