#if canImport(Glibc)
import Glibc
#endif
import Grounding

/// A small model with COCO's 80 classes, so that every name a request may hold reaches the
/// engine's stages: the fixed model's layers (FuzzWeights.swift) with an 80-class head, and
/// weights drawn from a fixed sequence (the head's biases from −3 to 3, so that some classes
/// score over the threshold in most regions and the merging stages have boxes to work on).
private enum CocoFuzzModel {
    static let cfg = """
        [net]
        width=16
        height=16
        channels=3
        [convolutional]
        batch_normalize=1
        filters=4
        size=3
        stride=1
        pad=1
        activation=leaky
        [maxpool]
        size=2
        stride=2
        [upsample]
        stride=2
        [shortcut]
        from=-3
        activation=linear
        [route]
        layers=-1,-4
        [convolutional]
        size=1
        filters=255
        activation=linear
        [yolo]
        mask=0,1,2
        anchors=4,6,8,10,12,14
        classes=80
        num=3
        """

    /// The parameters in the order Darknet stores them: the first convolution's biases, scales,
    /// means and variances (positive) and its 3×3×3×4 weights; the head's 255 biases and 8×255 weights.
    static var weights: [Float] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) * 2 - 1
        }
        let first = (0..<4).map { _ in next() * 0.1 } + (0..<4).map { _ in 1 + next() * 0.2 }
            + (0..<4).map { _ in next() * 0.1 } + (0..<4).map { _ in 1 + abs(next()) }
            + (0..<108).map { _ in next() * 0.5 }
        return first + (0..<255).map { _ in next() * 3 } + (0..<(8 * 255)).map { _ in next() * 0.5 }
    }

    /// Where the model's files are written: unique to this process, in memory.
    static let directory = "/dev/shm/grounding-fuzz-answer-\(getpid())"

    /// The engine on that model, its files written once to ``directory`` and removed at exit.
    static let engine: GroundingEngine = {
        mkdir(directory, 0o700)
        atexit {
            for file in ["fuzz.cfg", "coco.names", "fuzz.weights"] { unlink(CocoFuzzModel.directory + "/" + file) }
            rmdir(CocoFuzzModel.directory)
        }
        FuzzInput.write(Array(cfg.utf8), to: directory + "/fuzz.cfg")
        let names = CocoClass.all.map { $0.darknetName ?? $0.name }.joined(separator: "\n") + "\n"
        FuzzInput.write(Array(names.utf8), to: directory + "/coco.names")
        // Header: major 0, minor 2, revision 0, 64-bit images seen.
        var bytes: [UInt8] = [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)
        for value in weights { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        FuzzInput.write(bytes, to: directory + "/fuzz.weights")
        do {
            let detector = try DarknetDetector(cfg: directory + "/fuzz.cfg", weights: directory + "/fuzz.weights",
                                               names: directory + "/coco.names", threads: 1)
            return GroundingEngine(detector: detector)
        } catch {
            fatalError("the fuzz model does not load: \(error)")  // the harness is broken, not the library
        }
    }()
}

/// libFuzzer entry: a whole request, answered. The request target checks decoding; this one what
/// follows it: option checks, names, tiling, every look and check, exemplar matching, merging,
/// drawing and the response. Requests that name a file are skipped (the image decoders have
/// targets of their own, and a path could name any file of the machine); the others carry their
/// image in the request, so its size is bounded by the input's.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let request = try? GroundingRequest(json: FuzzInput.bytes(data, size)), request.image.path == nil else { return 0 }
    do {
        _ = try CocoFuzzModel.engine.answer(request)
    } catch {
        _ = error.description
    }
    return 0
}
