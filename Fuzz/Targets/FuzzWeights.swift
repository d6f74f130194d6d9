import Grounding

/// libFuzzer entry: a `.weights` file for the fixed small model in
/// Tests/GroundingTests/Fuzz/Model/ (3×16×16 input; a batch-normalised 3×3 convolution, max
/// pool, upsample, shortcut, route, 1×1 head and one-class `[yolo]`: 286 parameters, so a 20-byte
/// header and 1144 bytes of weights), loaded through the public detector initialiser and, when it
/// loads, run once, so that non-finite weights reach the convolutions and the YOLO decoder.
/// The loader takes paths, so each input is written to /dev/shm first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWeights(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.write(UnsafeBufferPointer(start: data, count: size), to: FuzzInput.scratchFile)
    guard let detector = try? DarknetDetector(cfg: FuzzModel.cfg, weights: FuzzInput.scratchFile, names: FuzzModel.names, threads: 1) else {
        return 0
    }
    _ = try? detector.detect(FuzzModel.input, scoreThreshold: 0.001)
    return 0
}

/// Where the fixed model is, and the input it runs on.
enum FuzzModel {
    /// Tests/GroundingTests/Fuzz/Model/, found from this file (FuzzRegressionTests uses it too).
    static let directory = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        .joined(separator: "/")) + "/Tests/GroundingTests/Fuzz/Model"
    static let cfg = directory + "/fuzz.cfg"
    static let names = directory + "/fuzz.names"
    /// A fixed, non-constant input image.
    static let input: PlanarTensor = {
        var tensor = PlanarTensor(batch: 1, channels: 3, height: 16, width: 16)
        for i in tensor.values.indices { tensor.values[i] = Float(i % 7) / 7 }
        return tensor
    }()
}
