import Grounding

/// libFuzzer entry: bytes as an `.onnx` model through the protobuf reader, the graph builder
/// (operators, attributes, shapes, constant folding, size limits) planned for a 1×1×4×4 input
/// and, when it plans, one forward pass on a fixed input. The runtime takes paths, so each input
/// is written to /dev/shm first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.write(UnsafeBufferPointer(start: data, count: size), to: FuzzInput.scratchFile)
    guard let interpreter = try? ONNXInterpreter(contentsOf: FuzzInput.scratchFile, inputShape: [1, 1, 4, 4], threads: 1) else {
        return 0
    }
    _ = try? interpreter.run((0..<16).map { Float($0 % 5) / 5 })
    return 0
}
