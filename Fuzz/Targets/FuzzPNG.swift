import Grounding

/// libFuzzer entry: PNG bytes through the public decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? ImageDecoder.decode(FuzzInput.bytes(data, size), name: "fuzz.png", options: FuzzInput.decodeOptions)
    return 0
}
