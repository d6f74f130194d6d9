import Grounding

/// libFuzzer entry: bytes as a `.tflite` model through the flatbuffer reader, the graph planner
/// (operators, shapes, constants, sparsity) and, when the model plans, one forward pass on zeros.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTFLite(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let model = try? TFLiteModel(bytes: FuzzInput.bytes(data, size), path: "fuzz.tflite"),
          let interpreter = try? TFLiteInterpreter(model: model, compute: ComputeBackend(threads: 1)),
          interpreter.inputCount <= 1 << 22 else { return 0 }
    _ = try? interpreter.run([Float](repeating: 0, count: interpreter.inputCount))
    return 0
}
