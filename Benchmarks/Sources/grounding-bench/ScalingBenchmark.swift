import Foundation
import Grounding

/// Stage `scaling`: a tiled count (person, kite; automatic tiling; 2 threads) against the image's
/// size, 1 to 48 MP (kite.jpg stretched, 4:3), with the time per megapixel, the regions run, where
/// the time goes and the peak RSS of one count, so that anything growing faster than the pixels
/// shows in the ms/MP column.
enum ScalingBenchmark {
    static let megapixels: [Double] = [1, 4, 12, 24, 48]

    static func run() throws {
        let folder = try TemporaryFolder("scaling")
        defer { folder.remove() }
        let engine = try GroundingEngine(threads: 2)
        print("\n## scaling: tiled count (person, kite) against image size, 2 threads")
        var table = TextTable(["MP", "size", "regions", "p50 ms", "ms/MP", "decode", "preprocess", "detect", "postprocess", "peak RSS"])
        let decodeOptions = engine.decodeOptions(for: GroundingOptions())
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
            // Timed apart: the engine's own decode timing covers its whole call (see the report).
            let decode = try measure("decode \(Int(size)) MP", iterations: 3, warmup: 0) {
                _ = try ImageDecoder.decode(contentsOf: path, options: decodeOptions)
            }
            try? FileManager.default.removeItem(atPath: path)
            Recorder.record(stats, side: .ours)
            if let peak { Recorder.recordMemory("tiled count \(Int(size)) MP peak RSS", bytes: peak) }
            // The engine's split, from the run at the median (by detect time, the bulk of it).
            let median = timings.sorted { $0.detect < $1.detect }[timings.count / 2]
            table.add([String(format: "%.0f", size), "\(width)×\(height)", "\(first.regionCount)", String(format: "%.0f", stats.p50),
                       String(format: "%.1f", stats.p50 * 1e6 / Double(width * height)),
                       String(format: "%.0f", decode.p50), String(format: "%.0f", median.preprocess),
                       String(format: "%.0f", median.detect), String(format: "%.1f", median.postprocess), megabytes(peak)])
        }
        table.print()
        print("(decode: ImageDecoder alone, p50 ms; preprocess, detect, postprocess: the engine's own timings in ms, "
              + "of the run with the median detect time; peak RSS: the whole process during one count, model included)")
    }
}
