import Grounding

/// libFuzzer entry: JPEG bytes through the public decoder, at full size and DCT-scaled.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard (try? ImageDecoder.decode(bytes, name: "fuzz.jpg", options: FuzzInput.decodeOptions)) != nil else { return 0 }
    // Only inputs that decode at full size are worth the scaled path too (it shares the header code).
    var scaled = FuzzInput.decodeOptions
    scaled.minimumLongSide = 16
    _ = try? ImageDecoder.decode(bytes, name: "fuzz.jpg", options: scaled)
    return 0
}
