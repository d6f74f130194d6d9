import Glibc

/// Reads and writes whole files with the errors an image reader needs: missing, directory, unreadable,
/// empty, or too big to slurp (refused from its size before reading a byte).
package enum ImageFile {
    /// The bytes of the file at `path`, at most `limit` of them.
    package static func read(_ path: String, limit: Int) throws(ImageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if status.st_mode & S_IFMT == S_IFDIR { throw .isDirectory(path: path) }
        let size = Int(status.st_size)
        guard size <= limit else { throw .fileTooLarge(path: path, bytes: size, limit: limit) }
        guard size > 0 else { throw .empty(file: path) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            // read may return fewer bytes than asked, or be interrupted; a file that shrank
            // since fstat just ends early.
            while count < size {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, size - count)
                if got > 0 { count += got } else if got == 0 { break } else if errno != EINTR { failure = errno; break }
            }
        }
        if failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
        guard !bytes.isEmpty else { throw .empty(file: path) }
        return bytes
    }

    /// Writes `bytes` to `path`, replacing any file there.
    package static func write(_ bytes: [UInt8], to path: String) throws(ImageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .encodingFailed(file: path, detail: "cannot create the file: \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let done = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if done >= 0 { written += done } else if errno != EINTR { failure = errno; break }
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            throw .encodingFailed(file: path, detail: "cannot write the file: \(String(cString: strerror(failure)))")
        }
    }
}
