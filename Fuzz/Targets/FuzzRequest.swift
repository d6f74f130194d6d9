import Grounding

/// libFuzzer entry: a JSON request as the C library, Python and a service receive it, through
/// its decoding (Foundation's parser, then the duplicate-key scan and the number diagnosis).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    do {
        _ = try GroundingRequest(json: FuzzInput.bytes(data, size))
    } catch {
        _ = error.description
    }
    return 0
}
