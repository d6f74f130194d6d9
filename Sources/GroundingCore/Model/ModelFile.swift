#if canImport(Glibc)
import Glibc
#endif
import GroundingCompute

/// Reads model files with a size check before anything is allocated.
package enum ModelFile {
    /// The size of the regular file at `path` in bytes.
    package static func size(_ path: String) throws(ModelFileError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ModelFileError(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ModelFileError(path: path, reason: "not a regular file") }
        return Int(info.st_size)
    }

    /// Whether a regular file exists at `path`.
    package static func exists(_ path: String) -> Bool {
        (try? size(path)) != nil
    }

    /// Reads `count` bytes from `offset` of the file at `path`, or the whole file when `count` is
    /// `nil`, refusing files larger than `limit`.
    package static func read(_ path: String, limit: Int, offset: Int = 0, count: Int? = nil) throws(ModelFileError) -> [UInt8] {
        let total = try size(path, limit: limit)
        return try read(path, offset: offset, count: count ?? max(0, total - offset), of: total, as: UInt8.self)
    }

    /// Reads `count` values of `type` (in this machine's byte order) from byte `offset` of the
    /// file at `path`, refusing files larger than `limit`: a model's weights, straight into the
    /// array that keeps them.
    package static func read<Value: BitwiseCopyable>(_ path: String, limit: Int, offset: Int, count: Int,
                                                     as type: Value.Type) throws(ModelFileError) -> [Value] {
        try read(path, offset: offset, count: count, of: try size(path, limit: limit), as: type)
    }

    /// The size of the file at `path`, refused when larger than `limit`.
    private static func size(_ path: String, limit: Int) throws(ModelFileError) -> Int {
        let total = try size(path)
        guard total <= limit else { throw ModelFileError(path: path, reason: "\(total) bytes is more than the \(limit) a model file may have") }
        return total
    }

    /// `count` values read from byte `offset` of a file of `total` bytes, checked to lie in it.
    private static func read<Value: BitwiseCopyable>(_ path: String, offset: Int, count: Int, of total: Int,
                                                     as _: Value.Type) throws(ModelFileError) -> [Value] {
        let (wanted, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Value>.stride)
        guard count >= 0, offset >= 0, !overflow, wanted <= total - offset else {
            throw ModelFileError(path: path, reason: "file is truncated")
        }
        guard let file = fopen(path, "rb") else { throw ModelFileError(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        guard fseeko(file, off_t(offset), SEEK_SET) == 0 else { throw ModelFileError(path: path, reason: "cannot seek") }
        // Not zeroed first: fread writes every byte kept (a 23 MB file zeroed, then read, took
        // a tenth of a `ground` call's start).
        var got = 0
        let values = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let start = buffer.baseAddress { HugePages.advise(start, count: count) }
            got = fread(buffer.baseAddress, 1, wanted, file)
            initialized = got / max(1, MemoryLayout<Value>.stride)
        }
        guard got == wanted else { throw ModelFileError(path: path, reason: "read \(got) of \(wanted) bytes") }
        return values
    }

    /// A UTF-8 text file of at most `limit` bytes.
    package static func text(_ path: String, limit: Int) throws(ModelFileError) -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }
}

/// Why a model file could not be read: the path and the reason (missing, not a regular file,
/// too large, truncated).
///
/// ```swift
/// do { _ = try ModelFile.read("yolo.weights", limit: 1 << 30) } catch { print(error.reason) }
/// ```
public struct ModelFileError: Error, Sendable, Hashable {
    /// The file.
    public let path: String
    /// What went wrong.
    public let reason: String
}
