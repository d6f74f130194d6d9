import Foundation

/// Where `--draw` puts annotated images: one file, or one file per input in a folder.
///
/// The rules, so the path always means what it looks like:
/// - a path ending in `/`, or an existing folder, is a folder (created when missing);
/// - with one input, any other path must end in `.png`, `.jpg` or `.jpeg` and is that file;
/// - with several inputs the path must be a folder: `--draw two.png` is refused, not made a
///   folder named `two.png`.
struct DrawTarget: Sendable {
    /// The path as the user gave it.
    let path: String
    /// True when one file per input is written inside `path`.
    let isFolder: Bool

    /// The extensions a drawing can be written as.
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Reads `--draw PATH` for a run of one input (`many` false) or several; nothing is created.
    init(path: String, many: Bool) throws(UsageError) {
        self.path = path
        let looksLikeFolder = path.hasSuffix("/") || isDirectory(path)
        let hasImageExtension = Self.imageExtensions.contains((path as NSString).pathExtension.lowercased())
        if looksLikeFolder {
            isFolder = true
        } else if many {
            if hasImageExtension {
                throw UsageError("--draw \(path): several images are drawn, so --draw must name a folder; use e.g. --draw \((path as NSString).deletingPathExtension)/")
            }
            isFolder = true
        } else if hasImageExtension {
            isFolder = false
        } else {
            throw UsageError("--draw \(path): use a file name ending in .png, .jpg or .jpeg, or a folder ending in /")
        }
    }

    /// True when this run may write a drawing at `path` (compared by ``OutputFile/location(of:)``):
    /// the drawing's own file, or a name like the drawings' in the folder (`0001-dog.png`).
    func mayDraw(at path: String) -> Bool {
        guard let location = OutputFile.location(of: path) else { return false }
        guard isFolder else { return location == OutputFile.location(of: self.path) }
        let name = location.split(separator: "/").last.map(String.init) ?? ""
        let number = name.prefix { $0.isASCII && $0.isNumber }
        return OutputFile.location(of: (self.path as NSString).appendingPathComponent(name)) == location
            && number.count >= 4 && name.dropFirst(number.count).hasPrefix("-") && name.lowercased().hasSuffix(".png")
    }

    /// The annotated image's path for input number `index`.
    func outputPath(for input: String, index: Int) -> String {
        guard isFolder else { return path }
        let stem = input == "-" ? "stdin" : ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        // The index keeps names unique when two folders hold files of the same name.
        return (path as NSString).appendingPathComponent(String(format: "%04d-%@.png", index + 1, stem))
    }

    /// Creates the folder (for a folder target) or checks the file's folder exists and is
    /// writable, so a run never does all its work and then fails to save it.
    func prepare() throws(UsageError) {
        if isFolder {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw UsageError("--draw \(path): cannot create this folder (\(error.localizedDescription)); choose a folder you can write to")
            }
            guard access(path, W_OK) == 0 else {
                throw UsageError("--draw \(path): this folder is not writable; choose a folder you can write to")
            }
        } else {
            try OutputFile.checkWritable(path, option: "--draw")
        }
    }
}

/// A usage problem found while preparing a run: printed as `error: ...`, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
