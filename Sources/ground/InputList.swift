import ArgumentParser
import Foundation
import Glibc
import Grounding

/// The image files that command-line arguments name: files as given, folders searched
/// recursively for JPEG and PNG files by content.
///
/// Nothing is skipped silently: an unreadable file or subfolder, a name that is not valid
/// UTF-8, or a file named `.jpg` or `.png` that is not one (empty, cut short) is a problem
/// (reported, counted, exit status 1); a pipe, device or socket inside a folder, a symbolic link
/// to a folder, to nothing or into a loop of links, or an image of another format (`.gif`,
/// `.webp`) is skipped with a note. Other files (`notes.txt`) are not images and are passed over.
/// What cannot be read is reported with the system's reason and advice for that reason
/// (``FileAccessAdvice``).
struct InputList {
    /// One stretch of the inputs in command-line order: files, or stdin (`-`) where it stands.
    enum Segment: Sendable {
        case files([String])
        case stdin
    }

    /// Files to answer, in the order given (folder contents sorted by path).
    var files: [String] = []
    /// The inputs in command-line order, with `-` (stdin) where it was given.
    var segments: [Segment] = []
    /// Arguments or folder entries that yield nothing and should have, with what is wrong and
    /// its code (an empty folder is `image.not_found`, the rest `image.unreadable`).
    var problems: [(path: String, message: String, code: GroundingErrorCode)] = []
    /// Things skipped on purpose, with why (printed as notes; not failures).
    var notes: [(path: String, message: String)] = []
    /// True when any argument was a folder (so `--draw` names a folder).
    var namesMany = false

    /// True when `-` (stdin) is among the inputs.
    var usesStandardInput: Bool {
        segments.contains { if case .stdin = $0 { true } else { false } }
    }

    /// Why a file whose name is not UTF-8 is not read: a Swift string cannot hold its name, so
    /// the name that would be opened is another (its bad bytes replaced by U+FFFD).
    static let notUTF8 = "the file name is \(notUTF8Reason), which ground cannot open by name; rename it to UTF-8"

    /// What is wrong with a name that is not UTF-8, as the messages say it.
    private static let notUTF8Reason = "not valid UTF-8 (it is in an older encoding, such as Latin-1)"

    /// The command-line arguments that were not valid UTF-8, as Swift shows them (bad bytes as
    /// U+FFFD): named as inputs, they are reported as such, not as missing files.
    static let argumentsNotUTF8: Set<String> = {
        var found: Set<String> = []
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))
            if String(validating: bytes, as: UTF8.self) == nil { found.insert(String(decoding: bytes, as: UTF8.self)) }
        }
        return found
    }()

    /// True when an option's value came from an argument that was not UTF-8, given alone or as
    /// `--option=value`: a path in it would name another file.
    static func isNotUTF8(optionValue value: String) -> Bool {
        argumentsNotUTF8.contains { $0 == value || $0.hasSuffix("=" + value) }
    }

    /// Refuses an option's path (`--draw`, `--model`, ...) that was not UTF-8, the way an input
    /// with such a name is reported: writing or reading it would use another name.
    static func checkOptionPaths(_ paths: [(option: String, path: String?)]) throws(ValidationError) {
        for case let (option, path?) in paths where isNotUTF8(optionValue: path) {
            throw ValidationError("\(option) \(StandardStreams.named(path)): the path is \(notUTF8Reason), so ground would use another name; give a UTF-8 name.")
        }
    }

    /// Expands the command-line arguments; `-` is left for ``InputFeed`` to read when its turn comes.
    static func collect(_ arguments: [String]) -> InputList {
        var list = InputList()
        for argument in arguments {
            if argument == "-" {
                list.segments.append(.stdin)
                continue
            }
            if argumentsNotUTF8.contains(argument) {
                list.problems.append((argument, notUTF8, .imageUnreadable))
                continue
            }
            if argument.isEmpty {
                list.problems.append((argument, "an empty path was given (an unset shell variable?); name a file or folder", .imageNotFound))
                continue
            }
            let before = list.files.count
            list.add(argument)
            let added = Array(list.files[before...])
            if case .files(let earlier)? = list.segments.last {
                list.segments[list.segments.count - 1] = .files(earlier + added)
            } else if !added.isEmpty {
                list.segments.append(.files(added))
            }
        }
        return list
    }

    /// True when `path` is a symbolic link (whatever it leads to).
    static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Adds a file as it is, or the image files of a folder.
    mutating func add(_ path: String) {
        guard isDirectory(path) else {
            // Missing, unreadable and special files are reported by the decoder, with the reason.
            files.append(path)
            return
        }
        namesMany = true
        var found: [String] = []
        let before = problems.count
        scan(path, into: &found)
        if found.isEmpty && problems.count == before {
            problems.append((path, "no JPEG or PNG files in this folder", .imageNotFound))
        }
        files += found.sorted()
    }

    /// Adds the image files under `folder` to `found`, recording what cannot be looked at.
    private mutating func scan(_ folder: String, into found: inout [String]) {
        guard let directory = opendir(folder) else {
            problems.append((folder, Self.failure("cannot list this folder", errno), .imageUnreadable))
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let rawName = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if rawName == Array(".".utf8) || rawName == Array("..".utf8) { continue }
            guard let name = String(validating: rawName, as: UTF8.self) else {
                let shown = String(decoding: rawName, as: UTF8.self)
                problems.append(((folder as NSString).appendingPathComponent(shown), Self.notUTF8, .imageUnreadable))
                continue
            }
            if name.hasPrefix(".") { continue }
            let full = (folder as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(full, &status) == 0 else {
                problems.append((full, Self.failure("cannot be looked at", errno), .imageUnreadable))
                continue
            }
            var mode = status.st_mode & S_IFMT
            if mode == S_IFLNK {
                // A link to a file is followed; a link to a folder is not (it could loop).
                guard stat(full, &status) == 0 else {
                    switch errno {
                    case ENOENT, ENOTDIR: notes.append((full, "symbolic link to nothing, skipped"))
                    case ELOOP: notes.append((full, "symbolic link into a loop of symbolic links, skipped; point it at an image to include it"))
                    case let code: problems.append((full, Self.failure("symbolic link that cannot be followed", code), .imageUnreadable))
                    }
                    continue
                }
                mode = status.st_mode & S_IFMT
                if mode == S_IFDIR {
                    notes.append((full, "symbolic link to a folder, not followed; name that folder itself to include it"))
                    continue
                }
            }
            switch mode {
            case S_IFDIR:
                scan(full, into: &found)
            case S_IFREG:
                let kind = (name as NSString).pathExtension.lowercased()
                switch sniff(full) {
                case .image: found.append(full)
                // Named as a JPEG or PNG but not one (empty, cut short, a web page saved as .jpg):
                // the decoder says what it is, and the run counts it.
                case .other where Self.imageExtensions.contains(kind): found.append(full)
                case .other where Self.otherImageExtensions.contains(kind):
                    notes.append((full, "a \(kind.uppercased()) file by its name, not JPEG or PNG; skipped: convert it to PNG or JPEG to count it"))
                case .other: break
                case .unreadable(let code):
                    problems.append((full, Self.failure("cannot be read", code), .imageUnreadable))
                }
            default:
                notes.append((full, "\(FileKind(mode: mode).map(String.init(describing:)) ?? "a special file"), not an image file; skipped"))
            }
        }
    }

    /// The extensions of the files the decoder reads: a file named so is an input, whatever it holds.
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "jpe", "jfif", "png"]
    /// The extensions of other image formats: skipped with a note, since a user may expect them counted.
    static let otherImageExtensions: Set<String> = ["gif", "webp", "bmp", "tif", "tiff", "heic", "heif", "avif", "jxl", "jp2"]

    private enum Sniff {
        case image, other
        /// Opening or reading failed with this `errno`.
        case unreadable(Int32)
    }

    /// What failed, the system's reason `code` (an `errno`) for it, and what to do about that.
    private static func failure(_ what: String, _ code: Int32) -> String {
        "\(what) (\(String(cString: strerror(code)))); \(FileAccessAdvice.reading(code))"
    }

    /// Whether the regular file at `path` starts like a JPEG or PNG, whatever its extension.
    private func sniff(_ path: String) -> Sniff {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable(errno) }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 8)
        let count = read(descriptor, &head, head.count)
        guard count >= 0 else { return .unreadable(errno) }
        return ImageFormat.sniff(Array(head.prefix(count))) != nil ? .image : .other
    }
}
