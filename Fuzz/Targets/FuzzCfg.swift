import Grounding

/// libFuzzer entry: Darknet cfg text through the parser and the layer builder (shapes, limits,
/// parameter counts), without weights.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCfg(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let config = try? DarknetConfig(text: text, file: "fuzz.cfg") else { return 0 }
    _ = try? DarknetNetwork.layers(of: config)
    return 0
}
