import Foundation
import Grounding

/// The image files a command line names: files as given, folders searched recursively for
/// JPEG and PNG files by content, and `-` read from stdin as one path per line.
struct InputList {
    /// Files to answer, in the order given (folder contents sorted by path).
    var files: [String] = []
    /// Arguments that yield nothing, with what is wrong.
    var problems: [(path: String, message: String)] = []
    /// True when any argument was a folder or `-` (so `--draw` names a folder).
    var namesMany = false

    /// Expands the command-line arguments.
    static func collect(_ arguments: [String]) -> InputList {
        var list = InputList()
        for argument in arguments {
            if argument == "-" {
                list.namesMany = true
                while let line = readLine() {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    if !path.isEmpty { list.add(path) }
                }
            } else {
                list.add(argument)
            }
        }
        return list
    }

    private mutating func add(_ path: String) {
        guard isDirectory(path) else {
            // Missing and unreadable files are reported by the decoder, with the reason.
            files.append(path)
            return
        }
        namesMany = true
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            problems.append((path, "cannot list this folder; check its permissions"))
            return
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            if !isDirectory(full), looksLikeImage(full) { found.append(full) }
        }
        if found.isEmpty {
            problems.append((path, "no JPEG or PNG files in this folder"))
        }
        files += found.sorted()
    }

    /// True when the file starts like a JPEG or PNG, whatever its extension.
    private func looksLikeImage(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8) else { return false }
        return ImageFormat.sniff([UInt8](head)) != nil
    }
}
