import Foundation
import Grounding

/// Stage `memory48`: the peak resident memory of one tiled count on a 48 MP photo (8000×6000),
/// in a process that does nothing else, against what should bound it: the decoded image
/// (48 MP × 3 B), the file's bytes, one batch of tiles as a float tensor, and the network's
/// workspace (the rest).
enum PeakMemoryBenchmark {
    static func run() throws {
        let folder = try TemporaryFolder("memory48")
        defer { folder.remove() }
        let (width, height) = BenchmarkImages.size(megapixels: 48)
        let path = folder.path("kite-48mp.jpg")
        let fileBytes = try BenchmarkImages.stretchedKite(width: width, height: height, to: path).count
        let engine = try GroundingEngine(threads: 2)
        // Warm the engine on a small photo first, so its first-use allocations (workspace) are
        // in both the baseline and the peak and the difference is the large image's own.
        _ = try engine.ground(contentsOf: Repository.photo("kite.jpg"), objects: TiledCountBenchmark.objects, mode: .count)
        let baseline = PeakMemory.current ?? 0
        let (result, peak) = try PeakMemory.during { try engine.ground(contentsOf: path, objects: TiledCountBenchmark.objects, mode: .count) }
        guard let peak else {
            print("memory48: this kernel does not let a process reset its peak RSS (/proc/self/clear_refs); skipped")
            return
        }
        Recorder.recordMemory("tiled count 48 MP peak RSS", bytes: peak)
        Recorder.recordMemory("tiled count 48 MP peak above the warm engine", bytes: peak - baseline)
        let decoded = width * height * 3
        let batch = engine.detector.maxBatchSize * 3 * engine.detector.inputWidth * engine.detector.inputHeight * MemoryLayout<Float>.size
        print("\n## memory48: one tiled count on \(width)×\(height) (\(result.regionCount) regions, batches of \(engine.detector.maxBatchSize))")
        let bound = decoded + fileBytes + batch
        var table = TextTable(["", "MB"])
        table.add(["process before the count: runtime, model weights, the network's warm workspace", megabytes(baseline)])
        table.add(["peak during the count", megabytes(peak)])
        table.add(["increase over the warm engine", megabytes(peak - baseline)])
        table.add(["what bounds the increase: the decoded image, \(width)×\(height)×3 B", megabytes(decoded)])
        table.add(["  + the JPEG file's bytes", megabytes(fileBytes)])
        table.add(["  + one batch of tiles, \(engine.detector.maxBatchSize)×3×\(engine.detector.inputWidth)×\(engine.detector.inputHeight) floats", megabytes(batch)])
        table.add(["  = bound", megabytes(bound)])
        table.print()
        print(String(format: "increase / bound: %.2f (the workspace does not grow with the image: every region is shrunk "
                     + "to the network's input first)", Double(peak - baseline) / Double(bound)))
    }
}
