import Foundation
import Grounding

/// Stage `folder`: the release `ground` binary counting people in every photo of `TestImages/`
/// with `--threads 1` and `--threads 2` (two workers, one image each at a time), alternating;
/// images per second for each, and the gain of the second core. Each run is a whole process:
/// model loading is included, as a user running the command sees it.
enum FolderCountBenchmark {
    static func run() throws {
        let ground = Repository.root.appendingPathComponent(".build/release/ground").path
        guard FileManager.default.isExecutableFile(atPath: ground) else {
            throw HarnessError.commandFailed("\(ground) is missing: build it with swift build -c release --product ground (Benchmarks/run.sh does)", 127)
        }
        let folder = Repository.root.appendingPathComponent("TestImages").path
        // `ground` walks subfolders too (TestImages/beyond-coco/).
        let images = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { ["jpg", "jpeg", "png"].contains(($0 as NSString).pathExtension.lowercased()) }.count
        func count(threads: Int) throws {
            let status = try runDiscardingOutput(ground, ["count", folder, "--object", "person", "--threads", "\(threads)"])
            guard status == 0 else { throw HarnessError.commandFailed("ground count \(folder) --threads \(threads)", status) }
        }
        let best = try bestOfRounds(2) {
            try [1, 2].map { threads in
                try measure("ground count TestImages/ --threads \(threads)", iterations: 3, warmup: 1) { try count(threads: threads) }
            }
        }.map { $0.per(Double(images), "images") }
        print("\n## folder: ground count over TestImages/ (\(images) photos, model loading included; best of 2 alternating rounds)")
        var table = TextTable(["command", "p50/p90/p99 ms", "images/s"])
        for stats in best {
            Recorder.record(stats, side: .ours)
            table.add([stats.name, Comparison.percentiles(stats), Comparison.rate(stats)])
        }
        table.print()
        Recorder.recordRatio(ours: best[1], peer: best[0])
        print(String(format: "2 threads / 1 thread: %.2f× the images per second", best[0].p50 / best[1].p50))
        Recorder.recordMemory("ground count process peak RSS", bytes: PeakMemory.largestChild)
        print("peak RSS of the largest ground process: \(megabytes(PeakMemory.largestChild))")
    }
}
