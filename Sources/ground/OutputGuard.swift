import Glibc
import Grounding

/// Keeps `ground` from writing over anything it must not: any of its inputs (the same file by
/// device and inode, whatever the spelling: `./a.jpg`, a symlink, a hard link), and any existing
/// file that is neither the exact output path the user named nor a drawing ground wrote before
/// (``PNGSoftwareMark``: running the same `--draw out/` again replaces its own drawings).
///
/// Every output path is checked before any work starts, and again just before it is written;
/// paths that arrive on stdin are checked as they come, and before the COCO images file is written.
struct OutputGuard: Sendable {
    /// A file's identity: the same pair is the same file.
    struct FileIdentity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        /// The identity of the file `path` names (following symlinks), or nil when there is none.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            (device, inode) = (UInt64(status.st_dev), UInt64(status.st_ino))
        }

        /// The identity of the regular file open as `descriptor` (`ground - < photo.jpg`), or
        /// nil when it is none (a pipe, a terminal).
        init?(descriptor: Int32) {
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
            (device, inode) = (UInt64(status.st_dev), UInt64(status.st_ino))
        }
    }

    private let inputs: [FileIdentity: String]

    /// A guard for these input paths, and for the file behind stdin when `standardInput` is read
    /// (an image, or a list of paths).
    init(inputs: [String], standardInput: Bool = false) {
        var identities: [FileIdentity: String] = [:]
        if standardInput, let identity = FileIdentity(descriptor: STDIN_FILENO) { identities[identity] = "on stdin" }
        for path in inputs {
            if let identity = FileIdentity(path: path), identities[identity] == nil { identities[identity] = path }
        }
        self.inputs = identities
    }

    /// Checks that writing `output` loses nothing; `named` is true when the user typed this exact
    /// path (a `--draw out.png` file), false for a path made up inside a folder, where only a
    /// drawing ground wrote may be replaced.
    func check(_ output: String, named: Bool) throws(UsageError) {
        guard let identity = FileIdentity(path: output) else { return }
        if let input = inputs[identity] {
            throw UsageError("\(output) is the input \(input); ground never writes over its inputs. Write to another file or folder")
        }
        if !named && !PNGSoftwareMark.isMarked(fileAt: output) {
            throw UsageError("\(output) already exists and is no drawing of ground's; ground replaces only the files you name and its own earlier drawings. Draw into an empty or new folder, or move the file")
        }
    }
}
