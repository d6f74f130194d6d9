import Glibc
import Grounding

/// A file an option names for `ground` to write (`--draw out.png`, `--coco-images ids.json`).
enum OutputFile {
    /// Throws unless a file can be written at `path`, named by `option`: the path is not empty,
    /// not a folder, pipe or device, its folder exists and is writable, and what is there may be
    /// written (not a write-protected file, a link to nothing, or this run's standard output:
    /// ``ImageFile/checkWritable(_:)``). Checked before any work, so a
    /// run never does all its work and then fails to save it.
    static func checkWritable(_ path: String, option: String) throws(UsageError) {
        guard !path.isEmpty else {
            throw UsageError("\(option) was given an empty path; name the file to write")
        }
        switch FileKind(atPath: path) {
        case .directory?:
            throw UsageError("\(option) \(path): this is a folder; name a file inside it, e.g. \(path.hasSuffix("/") ? path : path + "/")\(option == "--coco-images" ? "images.json" : "out.png")")
        case let kind? where kind != .regularFile:
            // Writing would replace a pipe or device by a file: refused, as the write itself would.
            throw UsageError("\(option) \(path): this is \(kind), not a file; name a new file or a regular one")
        default:
            break
        }
        let folder = parent(of: path)
        guard isDirectory(folder) else {
            throw UsageError("\(option) \(path): the folder \(folder) does not exist; create it first")
        }
        guard access(folder, W_OK) == 0 else {
            throw UsageError("\(option) \(path): the folder \(folder) is not writable; choose a folder you can write to")
        }
        do {
            try ImageFile.checkWritable(path)
        } catch {
            throw UsageError("\(option) \(error)")
        }
    }

    /// Where `path` lies, with its folder's symbolic links and `..` resolved, so that two
    /// spellings of one place compare equal whether or not the file exists yet; nil when its
    /// folder does not exist.
    static func location(of path: String) -> String? {
        guard let folder = realpath(parent(of: path), nil) else { return nil }
        defer { free(folder) }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return String(cString: folder) + "/" + name
    }

    /// The folder `path` is in: `.` for a bare name.
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
