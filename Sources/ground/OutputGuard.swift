import Glibc

/// Keeps `ground` from writing over anything it must not: any of its inputs (the same file by
/// device and inode, whatever the spelling: `./a.jpg`, a symlink, a hard link), and any existing
/// file that is not the exact output path the user named.
///
/// Every output path is checked before any work starts, and again just before it is written.
struct OutputGuard: Sendable {
    /// A file's identity: the same pair is the same file.
    struct FileIdentity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        /// The identity of the file `path` names (following symlinks), or nil when there is none.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    private let inputs: [FileIdentity: String]

    /// A guard for these input paths.
    init(inputs: [String]) {
        var identities: [FileIdentity: String] = [:]
        for path in inputs {
            if let identity = FileIdentity(path: path), identities[identity] == nil { identities[identity] = path }
        }
        self.inputs = identities
    }

    /// Checks that writing `output` loses nothing; `named` is true when the user typed this exact
    /// path (a `--draw out.png` file), false for a path made up inside a folder.
    func check(_ output: String, named: Bool) throws(UsageError) {
        guard let identity = FileIdentity(path: output) else { return }
        if let input = inputs[identity] {
            throw UsageError("\(output) is the input \(input); ground never writes over its inputs. Draw to another file or folder")
        }
        if !named {
            throw UsageError("\(output) already exists and was not written by this run; ground does not replace files it did not name. Draw into an empty or new folder, or remove it")
        }
    }
}
