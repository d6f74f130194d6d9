import Grounding

/// libFuzzer entry: the EXIF orientation parser over arbitrary JPEG segment bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExif(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = ExifOrientation.parse(jpeg: FuzzInput.bytes(data, size))
    return 0
}
