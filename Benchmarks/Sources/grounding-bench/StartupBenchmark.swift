import Foundation
import Grounding

/// Stage `startup`: what one short question costs from nothing, the way the shell asks it. The
/// release `ground count TestImages/dog.jpg --object dog` as a whole process, on YOLOv4-tiny alone
/// and on the default models (faces and hands too), against a fresh Python process that loads the
/// same model in OpenCV DNN and counts the same class (`peers/startup_peers.py`); then the load and
/// the count inside a running process, ours (`GroundingEngine(models:)`) against OpenCV's. On a
/// 768×576 photo the forward pass is about a third of the call: the rest is starting, loading and resolving.
enum StartupBenchmark {
    static let photo = "TestImages/dog.jpg"
    static let object = "dog"
    static let threads = 2
    static let iterations = 10

    static func run() throws {
        let ground = Repository.root.appendingPathComponent(".build/release/ground").path
        guard FileManager.default.isExecutableFile(atPath: ground) else {
            throw HarnessError.commandFailed("\(ground) is missing: build it with swift build -c release --product ground (Benchmarks/run.sh does)", 127)
        }
        let image = Repository.root.appendingPathComponent(photo).path
        let darknet = GroundingEngine.defaultModelDirectory
        func call(_ models: [String]) throws {
            let arguments = ["count", image, "--object", object, "--threads", "\(threads)"] + models.flatMap { ["--model", $0] }
            let status = try runDiscardingOutput(ground, arguments)
            guard status == 0 else { throw HarnessError.commandFailed("ground count \(photo) --object \(object)", status) }
        }
        print("\n# startup: one photo, one name, from nothing (\(photo), \(object), \(threads) threads); best of 3 alternating rounds")
        let best = try bestOfRounds(3) {
            [try measure("ground count process, YOLOv4-tiny", iterations: iterations) { try call([darknet]) },
             try measure("load + count in process, YOLOv4-tiny", iterations: iterations) {
                 let engine = try GroundingEngine(models: [darknet], threads: threads)
                 _ = try engine.ground(contentsOf: image, objects: [object], mode: .count)
             },
             try measure("ground count process, default models", iterations: iterations) { try call([]) }]
            + (try runPeer("startup_peers.py", arguments: ["--model", darknet, "--image", image, "--object", object,
                                                       "--threads", "\(threads)", "--iterations", "\(iterations)"]))
        }
        Comparison.printTable("startup (peer/ours > 1: ours is faster)", [
            Comparison(ours: best[0], peer: best[3]),
            Comparison(ours: best[1], peer: best[4]),
            Comparison(ours: best[2], peer: nil),
        ])
    }
}
