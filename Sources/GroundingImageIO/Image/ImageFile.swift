import Glibc

/// Reads and writes whole files with the errors an image reader needs: missing, directory, not a
/// regular file, a kernel file whose size is not reported, unreadable, empty, or too big to slurp
/// (refused from its size before reading a byte). Writes are atomic.
package enum ImageFile {
    /// The bytes of the regular file at `path`, at most `limit` of them.
    package static func read(_ path: String, limit: Int) throws(ImageError) -> [UInt8] {
        try read(path, limit: limit, prefix: limit).bytes
    }

    /// The first `prefix` bytes of the regular file at `path` (all of it when it is shorter), and
    /// whether that is the whole file; a file over `limit` bytes is refused without reading.
    package static func read(_ path: String, limit: Int, prefix: Int) throws(ImageError) -> (bytes: [UInt8], isWholeFile: Bool) {
        let (descriptor, size) = try openRegularFile(path)
        defer { close(descriptor) }
        guard size <= limit else { throw .fileTooLarge(path: path, bytes: size, limit: limit) }
        guard size > 0 else { throw .empty(file: path) }
        let wanted = min(size, prefix)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            count = 0
            // read may return fewer bytes than asked, or be interrupted; a file that shrank
            // since fstat just ends early.
            while count < wanted {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, wanted - count)
                if got > 0 { count += got } else if got == 0 { break } else if errno != EINTR { failure = errno; break }
            }
        }
        if failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
        guard !bytes.isEmpty else { throw .empty(file: path) }
        return (bytes, wanted == size)
    }

    /// Opens `path` for reading if it is a regular file, with its size.
    ///
    /// Opening a named pipe to read blocks until something writes to it, possibly forever, so the
    /// path is opened with `O_NONBLOCK` and checked with `fstat` before anything is read: checking
    /// first with `stat` would leave a gap in which the path could be swapped.
    private static func openRegularFile(_ path: String) throws(ImageError) -> (descriptor: Int32, size: Int) {
        // No file name holds a NUL byte: a C call would end the path at the first one and open
        // another file (`dog.jpg\0.txt` is `dog.jpg`), past any check of its extension.
        guard !path.utf8.contains(0) else { throw .fileNotFound(path: path.replacingNULs) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            // A socket cannot be opened at all (ENXIO); say what it is rather than why open failed.
            if let kind = FileKind(atPath: path), kind != .regularFile, kind != .directory {
                throw .notRegularFile(path: path, kind: kind)
            }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        switch FileKind(mode: status.st_mode) {
        case .regularFile:
            // A kernel file (/proc/self/mem, /proc/version) says it has no bytes, and has some.
            if status.st_size == 0 && holdsUnreportedBytes(descriptor) {
                close(descriptor)
                throw .sizeNotReported(path: path)
            }
            // Reads of a regular file should block until they have data, whatever the file system.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            return (descriptor, Int(status.st_size))
        case .directory:
            close(descriptor)
            throw .isDirectory(path: path)
        case let kind?:
            close(descriptor)
            throw .notRegularFile(path: path, kind: kind)
        case nil:
            close(descriptor)
            throw .unreadable(path: path, reason: "unknown file type")
        }
    }

    /// True when the regular file open at `descriptor`, whose size reads as 0, is not empty: a
    /// file the kernel makes up as it is read (`/proc/version`, a cgroup file in /sys/fs/cgroup)
    /// or a FUSE file that reports no size. One byte is asked for, without waiting (the file is
    /// still open with `O_NONBLOCK`, so a kernel file that waits for data, such as a trace pipe,
    /// does not block); an empty file gives none, a special file gives one or an error
    /// (`/proc/self/mem` cannot be read at its start).
    private static func holdsUnreportedBytes(_ descriptor: Int32) -> Bool {
        var byte: UInt8 = 0
        while true {
            let got = Glibc.read(descriptor, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            return got != 0
        }
    }

    /// Linux's `O_TMPFILE`: a file with no name until one is linked to it. Glibc's macro is
    /// not imported (it is `__O_TMPFILE | O_DIRECTORY`, the same value on every architecture).
    private static let unnamedFile: Int32 = 0o20_000_000 | O_DIRECTORY

    /// Writes `bytes` to `path` atomically, replacing any regular file there.
    ///
    /// The bytes go to a new file in the same folder that has no name while it is written
    /// (Linux's `O_TMPFILE`, mode 0644 less the umask), are flushed to disk with `fsync`, and
    /// only then is the file given a unique temporary name and renamed over `path`: a reader sees
    /// either the old file or the complete new one, and a run interrupted while writing (Ctrl-C
    /// on a large drawing) leaves nothing behind. Where the file system has no unnamed files, the
    /// temporary is named from the start (created with `O_EXCL`). On failure the temporary is
    /// removed and `path` is untouched.
    ///
    /// What is at `path` is respected, not replaced: a folder, pipe, device or socket is refused;
    /// a symbolic link is written through, to the file it names (renaming over the link would
    /// destroy it), and refused when it names nothing or this process's standard output or error
    /// (`/dev/stdout` redirected to a file: replacing that file would lose what is printed); a file the user may not write (no owner write bit, or no access) is refused
    /// rather than replaced behind its protection; a file replaced keeps its permissions.
    package static func write(_ bytes: [UInt8], to path: String) throws(ImageError) {
        guard !path.utf8.contains(0) else {
            throw .unwritable(path: path.replacingNULs, reason: "the path holds a NUL byte, which no file name can; pass the path without it")
        }
        if let kind = FileKind(atPath: path), kind != .regularFile { throw .notRegularFile(path: path, kind: kind) }
        let target = try writableTarget(path)
        func failed(_ what: String, _ code: Int32) -> ImageError {
            .unwritable(path: path, reason: "\(what) (\(String(cString: strerror(code)))); \(FileAccessAdvice.writing(code))")
        }
        let folder = target.file.lastIndex(of: "/").map { String(target.file[...$0]) } ?? ""
        func temporaryName() -> String { folder + ".grounding-\(String(UInt64.random(in: .min ... .max), radix: 16)).tmp" }
        // A name is linked to an unnamed file through /proc: without it, the file is named at once.
        var descriptor = access("/proc/self/fd", F_OK) == 0
            ? open(folder.isEmpty ? "." : folder, O_WRONLY | unnamedFile | O_CLOEXEC, 0o644) : -1
        let unnamed = descriptor >= 0
        var temporary: String?
        for _ in 0..<16 where descriptor < 0 {
            let name = temporaryName()
            descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { temporary = name } else if errno != EEXIST { throw failed("cannot create the file", errno) }
        }
        guard descriptor >= 0 else { throw failed("cannot create the file", EEXIST) }
        if let mode = target.replacedMode { _ = fchmod(descriptor, mode) }
        var failure: (String, Int32)?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let done = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if done >= 0 { written += done } else if errno != EINTR { failure = ("cannot write the file", errno); return }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = ("cannot flush the file to disk", errno) }
        if failure == nil, unnamed {
            for _ in 0..<16 where temporary == nil && failure == nil {
                let name = temporaryName()
                if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 {
                    temporary = name
                } else if errno != EEXIST {
                    failure = ("cannot name the file", errno)
                }
            }
            if temporary == nil, failure == nil { failure = ("cannot name the file", EEXIST) }
        }
        if close(descriptor) != 0, failure == nil { failure = ("cannot write the file", errno) }
        if failure == nil, let temporary, rename(temporary, target.file) != 0 { failure = ("cannot replace the file", errno) }
        if let (what, code) = failure {
            if let temporary { unlink(temporary) }
            throw failed(what, code)
        }
        // The rename is durable only once the folder itself is flushed. Failing to flush it does
        // not undo the write, so it is not an error.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

extension ImageFile {
    /// Throws what ``write(_:to:)`` would refuse for `path` because of what is there (a link to
    /// nothing or to a standard stream, a write-protected file), so a caller can say so before
    /// doing the work whose result it writes.
    package static func checkWritable(_ path: String) throws(ImageError) {
        _ = try writableTarget(path)
    }

    /// The file a write to `path` goes to (the file a symbolic link names, else `path`) and the
    /// permissions of a file there to keep, or the reason not to write.
    private static func writableTarget(_ path: String) throws(ImageError) -> (file: String, replacedMode: mode_t?) {
        var link = stat()
        guard lstat(path, &link) == 0 else { return (path, nil) }  // nothing there: a new file
        var file = path
        var status = link
        if link.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &status) == 0, let resolved = realpath(path, nil) else {
                throw .unwritable(path: path, reason: "it is a symbolic link to \(linkText(path)), which does not exist; name the file to write itself")
            }
            file = String(cString: resolved)
            free(resolved)
        }
        for (descriptor, stream) in [(1, "output"), (2, "error")] {
            var open = stat()
            if fstat(Int32(descriptor), &open) == 0, open.st_dev == status.st_dev, open.st_ino == status.st_ino {
                throw .unwritable(path: path, reason: "it is this run's standard \(stream), which replacing would lose; write to a file of its own")
            }
        }
        if status.st_mode & S_IWUSR == 0 || access(file, W_OK) != 0 {
            let mode = String(status.st_mode & 0o7777, radix: 8)
            throw .unwritable(path: path, reason: "the file there is write-protected (mode \(mode)); make it writable, remove it, or choose another name")
        }
        // Its read and write bits, not set-user or set-group-ID: a drawing is no program.
        return (file, status.st_mode & 0o777)
    }

    /// What the symbolic link at `path` holds, for a message.
    private static func linkText(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        return count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "a path"
    }
}

private extension String {
    /// The string with each NUL byte shown as `\0`.
    var replacingNULs: String { split(separator: "\0", omittingEmptySubsequences: false).joined(separator: "\\0") }
}
