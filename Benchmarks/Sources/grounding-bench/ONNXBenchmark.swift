import Foundation
import Grounding

/// Stage "onnx": one forward pass of YOLO11n in our ONNX runtime, at 640 and 960, against ONNX
/// Runtime (`peers/onnx_peers.py`) on the same threads, alternating rounds.
enum ONNXBenchmark {
    static let threads = 2
    static let iterations = 10
    static let sizes = [640, 960]

    static func run() throws {
        let path = UltralyticsDetector.defaultModelPath
        let detectors = try sizes.map { try UltralyticsDetector(path: path, inputSize: $0, threads: threads) }
        print("\n# onnx: YOLO11n, \(threads) threads, batch 1; ours vs ONNX Runtime")
        var random = SystemRandomNumberGenerator()
        let inputs = detectors.map { detector in
            (0..<detector.interpreter.inputCount).map { _ in Float.random(in: 0...1, using: &random) }
        }
        // Each round: ours at every size, then the peer's; the best round of each figure is kept.
        let best = try bestOfRounds(3) {
            try zip(sizes, zip(detectors, inputs)).map { size, pair in
                try measure("ours yolo11n \(size)", iterations: iterations) { _ = try pair.0.interpreter.run(pair.1) }
            } + runPeer("onnx_peers.py", arguments: ["--model", path, "--threads", "\(threads)", "--iterations", "\(iterations)",
                                                     "--sizes"] + sizes.map(String.init))
        }
        let (ours, peers) = (best.prefix(sizes.count), best.dropFirst(sizes.count))
        Comparison.printTable("ONNX forward pass (peer/ours > 1: ours is faster)", zip(ours, peers).map { Comparison(ours: $0, peer: $1) })
    }
}
