#if canImport(Glibc)
import Glibc
#endif
import Grounding

/// What every fuzz target shares: copying libFuzzer's input, the decode limits, writing files.
enum FuzzInput {
    /// The input as an array (the public decoders take `[UInt8]`).
    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Decode options with a 4-megapixel limit (12 MB of RGB), so that a mutated header cannot
    /// make every run allocate the library default of 100 MP and slow the fuzzer to a crawl.
    static let decodeOptions: DecodeOptions = {
        var options = DecodeOptions()
        options.maxPixels = 1 << 22
        return options
    }()

    /// A file for the harnesses whose library entry takes a path (weights, ONNX models): unique
    /// to this process, in memory, and removed when the fuzzer exits.
    static let scratchFile: String = {
        atexit { unlink(FuzzInput.scratchFile) }
        return "/dev/shm/grounding-fuzz-\(getpid()).input"
    }()

    /// Writes `bytes` to `path`, replacing it; a failure stops the run (the harness is broken,
    /// not the library).
    static func write<C: Collection<UInt8>>(_ bytes: C, to path: String) {
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        let array = Array(bytes)
        let written = array.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        guard written == array.count else { fatalError("short write to \(path)") }
    }
}
