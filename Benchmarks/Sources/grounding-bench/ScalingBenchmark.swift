import Foundation
import Grounding

/// Stage `scaling`: a tiled count (person, kite; automatic tiling; 2 threads) against the image's
/// size, 1 to 48 MP (kite.jpg stretched, 4:3), with the time per megapixel, the regions run, the
/// engine's own split of the time and the peak RSS of one count, so that anything growing faster
/// than the pixels shows in the ms/MP column.
enum ScalingBenchmark {
    static let megapixels: [Double] = [1, 4, 12, 24, 48]

    static func run() throws {
        let folder = try TemporaryFolder("scaling")
        defer { folder.remove() }
        let engine = try GroundingEngine(threads: 2)
        print("\n## scaling: tiled count (person, kite) against image size, 2 threads")
        var table = TextTable(["MP", "size", "regions", "p50 ms", "ms/MP", "decode", "preprocess", "detect", "postprocess", "peak RSS"])
        for size in megapixels {
            let (width, height) = BenchmarkImages.size(megapixels: size)
            let path = folder.path("kite-\(Int(size))mp.jpg")
            try BenchmarkImages.stretchedKite(width: width, height: height, to: path)
            // The peak of one count alone, before the timed runs (and after the input was made).
            let (first, peak) = try PeakMemory.during { try engine.ground(contentsOf: path, objects: TiledCountBenchmark.objects, mode: .count) }
            var timings: [StageTimings] = []
            let stats = try measure("tiled count \(Int(size)) MP", iterations: size >= 24 ? 3 : 5, warmup: 0) {
                timings.append(try engine.ground(contentsOf: path, objects: TiledCountBenchmark.objects, mode: .count).timings)
            }.per(Double(width * height) / 1e6, "MP")
            try? FileManager.default.removeItem(atPath: path)
            Recorder.record(stats, side: .ours)
            if let peak { Recorder.recordMemory("tiled count \(Int(size)) MP peak RSS", bytes: peak) }
            // The engine's split, from the run at the median.
            let median = timings.sorted { $0.total < $1.total }[timings.count / 2]
            table.add([String(format: "%.0f", size), "\(width)×\(height)", "\(first.regionCount)", String(format: "%.0f", stats.p50),
                       String(format: "%.1f", stats.p50 * 1e6 / Double(width * height)),
                       String(format: "%.0f", median.decode), String(format: "%.0f", median.preprocess),
                       String(format: "%.0f", median.detect), String(format: "%.1f", median.postprocess), megabytes(peak)])
        }
        table.print()
        print("(decode, preprocess, detect, postprocess: the engine's own timings in ms, of the median run; "
              + "peak RSS: the whole process during one count, the model included)")
    }
}

extension StageTimings {
    /// The four stages together.
    var total: Double { decode + preprocess + detect + postprocess }
}
