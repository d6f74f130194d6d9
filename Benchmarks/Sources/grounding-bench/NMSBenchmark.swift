import Foundation
import Grounding

/// Stage "nms": exact greedy NMS on uniform random boxes against `cv2.dnn.NMSBoxes` (same inputs,
/// kept indices compared), plus a scaling table of our time per thousand boxes.
///
/// Boxes: a 4000 × 3000 image, top-left corners uniform over it, widths and heights uniform in
/// 10...200 px, scores uniform in 0..<1, one class; IoU 0.5, class-agnostic, no score cut.
enum NMSBenchmark {
    static func run() throws {
        let options = SuppressionOptions(iouThreshold: 0.5, classAware: false)
        var rows: [Comparison] = []
        var agreement: [String] = []
        for count in [1_000, 10_000, 100_000] {
            let detections = boxes(count, seed: UInt64(count))
            var kept: [Int] = []
            let ours = try measure("nonMaxSuppression \(count) boxes", iterations: count >= 100_000 ? 10 : 30) {
                kept = try nonMaxSuppression(detections, options: options)
            }
            // cv2 needs about a minute for 100 000 boxes: a single run there.
            let (peer, peerKept) = try cv2(detections, iterations: count >= 100_000 ? 1 : 5, iou: options.iouThreshold)
            rows.append(Comparison(ours: ours.per(Double(count), "boxes"), peer: peer))
            agreement.append("\(count) boxes: ours kept \(kept.count), cv2 kept \(peerKept.count), "
                + (kept == peerKept ? "identical indices" : "DIFFERENT INDICES"))
        }
        Comparison.printTable("nms: exact greedy NMS, uniform boxes 10–200 px in 4000×3000, IoU 0.5", rows)
        print("kept sets:")
        for line in agreement { print("  " + line) }

        // In a fixed image, more boxes means more overlap per box, so the time per box grows with
        // the count whatever the algorithm; the second pair of columns holds the density at that
        // of 100 000 boxes in 4000 × 3000 by growing the image with the count.
        print("\n## nms scaling (ours): fixed 4000×3000 image | image grown to keep the density of 100k")
        var table = TextTable(["boxes", "kept", "p50 ms", "ms per 1k boxes", "|", "kept", "p50 ms", "ms per 1k boxes"])
        for count in [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] {
            let scale = Float((Double(count) / 100_000).squareRoot())
            var cells = ["\(count)"]
            for detections in [boxes(count, seed: UInt64(count)),
                               boxes(count, seed: UInt64(count), width: 4000 * scale, height: 3000 * scale)] {
                var kept = 0
                let stats = try measure("\(count)", iterations: 20) {
                    kept = try nonMaxSuppression(detections, options: options).count
                }
                cells += ["\(kept)", String(format: "%.2f", stats.p50), String(format: "%.3f", stats.p50 / Double(count) * 1000), "|"]
            }
            table.add(cells.dropLast())
        }
        table.print()
    }

    /// The benchmark's box distribution, seeded: corners uniform over a `width × height` image.
    static func boxes(_ count: Int, seed: UInt64, width: Float = 4000, height: Float = 3000) -> [Detection] {
        var random = SplitMix(state: seed)
        return (0..<count).map { _ in
            let x = Float.random(in: 0..<width, using: &random), y = Float.random(in: 0..<height, using: &random)
            let side = (Float.random(in: 10...200, using: &random), Float.random(in: 10...200, using: &random))
            return Detection(box: BoundingBox(x1: x, y1: y, x2: x + side.0, y2: y + side.1), classIndex: 0,
                             score: .random(in: 0..<1, using: &random))
        }
    }

    /// Runs the peer on the same boxes, passed as float32 records `x1, y1, x2, y2, score`.
    static func cv2(_ detections: [Detection], iterations: Int, iou: Float) throws -> (Stats, [Int]) {
        let directory = FileManager.default.temporaryDirectory
        let boxesURL = directory.appendingPathComponent("grounding-nms-\(getpid())-boxes.f32")
        let keptURL = directory.appendingPathComponent("grounding-nms-\(getpid())-kept.i32")
        defer {
            try? FileManager.default.removeItem(at: boxesURL)
            try? FileManager.default.removeItem(at: keptURL)
        }
        let records = detections.flatMap { [$0.box.x1, $0.box.y1, $0.box.x2, $0.box.y2, $0.score] }
        try records.withUnsafeBytes { Data($0) }.write(to: boxesURL)
        let stats = try runPeer("nms_peers.py", arguments: [boxesURL.path, keptURL.path, "\(iterations)", "\(iou)"])
        let kept = try Data(contentsOf: keptURL).withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        return (stats[0], kept.map(Int.init))
    }

    /// SplitMix64, so the peer and every run see the same boxes.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
