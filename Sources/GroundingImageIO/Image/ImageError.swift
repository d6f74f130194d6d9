/// Why an image could not be read or written.
///
/// Every case carries the file it is about (a path, or the `name` given to
/// ``ImageDecoder/decode(_:name:options:)``), and its ``description`` says what is wrong and
/// what to do about it.
///
/// ```swift
/// do { _ = try ImageDecoder.decode(contentsOf: "notes.txt") }
/// catch { print(error) }  // names the file, says it is neither PNG nor JPEG
/// ```
public enum ImageError: Error, Equatable, CustomStringConvertible {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The path names a directory, not a file.
    case isDirectory(path: String)
    /// The path names a named pipe, a device or a socket (or, as a write target, a directory):
    /// images are read from and written to regular files only, so nothing waits on a stream.
    case notRegularFile(path: String, kind: FileKind)
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The path names a special file whose size the system does not report: a file of `/proc`
    /// or `/sys`, whose size reads as 0 though it is not empty. It is not read: its length
    /// cannot be checked before reading, and what such a file holds is no photo.
    case sizeNotReported(path: String)
    /// The file is bigger than ``DecodeOptions/maxFileBytes``, so it was not read at all.
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    /// The file holds no bytes.
    case empty(file: String)
    /// The bytes are neither a PNG nor a JPEG (judged by their magic bytes, not the extension).
    case unsupportedFormat(file: String)
    /// The file ends before the image data does.
    case truncated(file: String)
    /// The image data is malformed; `detail` is the codec's own account.
    case corrupt(file: String, detail: String)
    /// The JPEG is in a colour space Grounding refuses (CMYK or YCCK) rather than convert wrongly.
    case unsupportedColorSpace(file: String, colorSpace: String)
    /// The JPEG is of a kind Grounding does not decode (12-bit samples, lossless or hierarchical
    /// coding, JPEG-LS); `kind` says which, e.g. "a 12-bit JPEG".
    case unsupportedJPEG(file: String, kind: String)
    /// The header declares an image with no pixels.
    case zeroSize(file: String)
    /// The header declares more pixels than ``DecodeOptions/maxPixels``; nothing was allocated.
    case tooLarge(file: String, width: Int, height: Int, limit: Int)
    /// Decoding would need more working memory than ``DecodeOptions/maxMemoryBytes`` (as
    /// ``ImageHeader/estimatedMemory`` counts it); nothing was allocated.
    case needsTooMuchMemory(file: String, width: Int, height: Int, estimatedBytes: Int, limit: Int)
    /// An output path whose extension is not `.png`, `.jpg` or `.jpeg`.
    case unsupportedOutputFormat(file: String, extension: String)
    /// The encoder failed; `detail` is its own account.
    case encodingFailed(file: String, detail: String)
    /// An output could not be written, or may not be: the disk is full, the folder is not
    /// writable, the file there is write-protected, or the path is a link to nothing or to this
    /// run's own standard output. `reason` says which, and what to do.
    case unwritable(path: String, reason: String)

    /// The file (path or name) the error is about.
    public var file: String {
        switch self {
        case .fileNotFound(let file), .isDirectory(let file), .notRegularFile(let file, _), .unreadable(let file, _),
             .sizeNotReported(let file), .fileTooLarge(let file, _, _), .empty(let file), .unsupportedFormat(let file),
             .truncated(let file), .corrupt(let file, _), .unsupportedColorSpace(let file, _), .unsupportedJPEG(let file, _),
             .zeroSize(let file), .tooLarge(let file, _, _, _), .needsTooMuchMemory(let file, _, _, _, _),
             .unsupportedOutputFormat(let file, _),
             .encodingFailed(let file, _), .unwritable(let file, _):
            return file
        }
    }

    /// What went wrong with which file, and what to do.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(Self.shown(path)): no such file; check the path"
        case .isDirectory(let path):
            return "\(Self.shown(path)): is a directory, not an image file; pass the image files inside it"
        case .notRegularFile(let path, let kind):
            return "\(Self.shown(path)): is \(kind), not an image file; images are read and written as regular files only, so save the data to a file and pass that"
        case .unreadable(let path, let reason):
            return "\(Self.shown(path)): cannot be read (\(reason)); \(FileAccessAdvice.reading(reason: reason))"
        case .sizeNotReported(let path):
            return "\(Self.shown(path)): is a special file whose size the system does not report (such as a file of /proc or /sys: its size reads as 0, yet it is not empty), not an image file; copy the image to a regular file and pass that"
        case .fileTooLarge(let path, let bytes, let limit):
            return "\(Self.shown(path)): file is \(bytes) bytes, over the \(limit)-byte limit, so it was not read; if it really is one image, downscale or recompress it (in Swift, DecodeOptions.maxFileBytes sets the limit)"
        case .empty(let file):
            return "\(Self.shown(file)): file is empty (0 bytes); it was probably not written completely, re-export or re-download it"
        case .unsupportedFormat(let file):
            return "\(Self.shown(file)): not a PNG or JPEG file (checked by content, not extension); convert it to PNG or JPEG"
        case .truncated(let file):
            return "\(Self.shown(file)): file is truncated (the image data ends early); re-download or re-export it"
        case .corrupt(let file, let detail):
            return "\(Self.shown(file)): image data is corrupt (\(detail)); re-export it from the original"
        case .unsupportedColorSpace(let file, let colorSpace):
            return "\(Self.shown(file)): \(colorSpace) JPEGs are not supported (converting print colours to RGB needs a colour-management system); convert it to sRGB first, e.g. `magick \(Self.shown(file)) -colorspace sRGB out.jpg`"
        case .unsupportedJPEG(let file, let kind):
            return "\(Self.shown(file)): is \(kind), which Grounding does not read (it reads 8-bit JPEGs, baseline or progressive); convert it to an 8-bit JPEG or a PNG first, e.g. `magick \(Self.shown(file)) -depth 8 out.png`"
        case .zeroSize(let file):
            return "\(Self.shown(file)): header declares an image with no pixels (zero width or height); the file is damaged"
        case .tooLarge(let file, let width, let height, let limit):
            return "\(Self.shown(file)): \(width)×\(height) image has more than the \(limit)-pixel limit; downscale it first (in Swift, DecodeOptions.maxPixels sets the limit)"
        case .needsTooMuchMemory(let file, let width, let height, let bytes, let limit):
            return "\(Self.shown(file)): decoding this \(width)×\(height) image needs about \((bytes + (1 << 20) - 1) >> 20) MiB (its pixels plus, for a progressive or multi-scan JPEG, libjpeg's buffer of every DCT coefficient), over the \(limit >> 20) MiB limit; re-save it as a baseline JPEG (`jpegtran -copy all -outfile baseline.jpg \(Self.shown(file))`), or downscale it (in Swift, DecodeOptions.maxMemoryBytes sets the limit)"
        case .unsupportedOutputFormat(let file, let ext):
            let named = ext.isEmpty ? "without an extension" : "with extension '.\(ext)'"
            return "\(Self.shown(file)): cannot write images \(named); use .png, .jpg or .jpeg"
        case .encodingFailed(let file, let detail):
            return "\(Self.shown(file)): could not encode the image (\(detail))"
        case .unwritable(let path, let reason):
            return "\(Self.shown(path)): cannot be written: \(reason)"
        }
    }

    /// The most characters of a path a message repeats: a longer one is shown by its start and
    /// its end, which tell where it is and which file, so the message stays readable.
    public static let maximumShownPath = 300

    /// `path` as a message shows it: whole, or its first and last 140 characters around an
    /// ellipsis that says how many were left out.
    public static func shown(_ path: String) -> String {
        guard path.count > maximumShownPath else { return path }
        return "\(path.prefix(140))…(\(path.count - 280) characters)…\(path.suffix(140))"
    }
}
