import Foundation
import Grounding

/// Stage "tflite": one forward pass of each of MediaPipe's face and palm detectors in our TFLite
/// runtime, against LiteRT (`peers/tflite_peers.py`) on the same threads, alternating rounds.
enum TFLiteBenchmark {
    static let threads = 2
    static let iterations = 50
    static let models = ["face_detection_short_range", "face_detection_full_range_sparse", "palm_detection_full", "palm_detection_lite"]

    static func run() throws {
        let directory = MediaPipeModelDirectory.default
        let interpreters = try models.map { try TFLiteInterpreter(contentsOf: "\(directory)/\($0).tflite", threads: threads) }
        print("\n# tflite: MediaPipe's detectors, \(threads) threads, batch 1; ours vs LiteRT (XNNPACK)")
        var random = SystemRandomNumberGenerator()
        let inputs = interpreters.map { interpreter in
            (0..<interpreter.inputCount).map { _ in Float.random(in: 0...1, using: &random) }
        }
        // Each round: ours for every model, then the peer's; the best round of each figure is kept.
        let best = try bestOfRounds(3) {
            try zip(models, zip(interpreters, inputs)).map { name, pair in
                try measure("ours \(name)", iterations: iterations) { _ = try pair.0.run(pair.1) }
            } + runPeer("tflite_peers.py", arguments: ["--models", directory, "--threads", "\(threads)", "--iterations", "\(iterations)"])
        }
        let (ours, peers) = (best.prefix(models.count), best.dropFirst(models.count))
        Comparison.printTable("TFLite forward pass (peer/ours > 1: ours is faster)", zip(ours, peers).map { Comparison(ours: $0, peer: $1) })
    }
}
