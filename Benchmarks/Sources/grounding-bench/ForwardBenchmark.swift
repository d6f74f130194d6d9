import Foundation
import Grounding

/// Stage "forward": one forward pass of the Darknet model (YOLOv4-tiny at 416×416 by default)
/// on 2 threads, batch 1 and 4, against ONNX Runtime and OpenCV DNN on the same model
/// (`peers/forward_peers.py`), plus the convolutions' GFLOP/s and a per-layer profile.
enum ForwardBenchmark {
    static let threads = 2
    static let iterations = 30

    static func run() throws {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let directory = ProcessInfo.processInfo.environment["GROUNDING_MODEL_DIR"] ?? home + "/.cache/grounding/models/yolov4-tiny"
        let detector = try DarknetDetector(modelDirectory: directory, threads: threads)
        print("\n# forward: \(detector.name) \(detector.inputWidth)×\(detector.inputHeight), \(threads) threads; "
              + "OpenBLAS core \(BLAS.coreName) (\(BLAS.coreSelection.map(String.init(describing:)) ?? "not loaded"))")

        let peak = peakGFLOPs()
        var rows: [Comparison] = []
        for batch in [1, 4] {
            var random = SystemRandomNumberGenerator()
            let shape = (channels: 3, height: detector.inputHeight, width: detector.inputWidth)
            let tensor = PlanarTensor(batch: batch, channels: shape.channels, height: shape.height, width: shape.width,
                                      values: (0..<batch * shape.channels * shape.height * shape.width).map { _ in Float.random(in: 0...1, using: &random) })
            let ours = try measure("darknet forward+decode b\(batch)", iterations: iterations) {
                _ = try detector.detect(tensor, scoreThreshold: 0.25)
            }
            let gflops = Double(detector.convolutionFlops * batch) / ours.p50 / 1e6
            print(String(format: "batch %d: p50 %.2f ms (%.2f ms/image), p90 %.2f, p99 %.2f; convolutions %.1f effective GFLOP/s = %.0f%% of the nominal %.0f GFLOP/s peak",
                         batch, ours.p50, ours.p50 / Double(batch), ours.p90, ours.p99, gflops, 100 * gflops / peak.value, peak.value))
            let peers: [Stats]
            do {
                peers = try runPeer("forward_peers.py", arguments: ["--threads", "\(threads)", "--iterations", "\(iterations)", "--batch", "\(batch)"])
            } catch {
                print("peers skipped: \(error)")
                peers = []
            }
            rows += peers.map { Comparison(ours: ours, peer: $0) }
            if peers.isEmpty { rows.append(Comparison(ours: ours, peer: nil)) }
        }
        print("peak assumption: \(peak.assumption)")
        // Winograd layers do 2.25× or 4× fewer multiplies than the direct count credited here, and the
        // cores boost above the base clock /proc/cpuinfo reports, so the ratio can pass 100%.
        print("effective: direct-convolution FLOPs (2·K·N·M per layer) over wall time; 3×3 stride-1 layers run as Winograd F(4×4, 3×3) (4× fewer multiplies) on planes of 26×26 and up, F(2×2, 3×3) (2.25×) on smaller ones, and the clock is cpuinfo's base, not the boost")
        Comparison.printTable("forward pass (peer/ours > 1: ours is faster)", rows)

        print("\n## per-layer profile, batch 1 (median of 10 passes)")
        let layers = detector.profile(batch: 1, iterations: 10)
        let total = layers.reduce(0) { $0 + $1.milliseconds }
        for layer in layers where layer.milliseconds >= 0.05 {
            let rate = layer.flops > 0 ? String(format: "%6.1f GFLOP/s", Double(layer.flops) / layer.milliseconds / 1e6) : ""
            print(String(format: "%3d  %-36@ %-12@ %6.2f ms %5.1f%%  ", layer.index, layer.summary as NSString, layer.output as NSString,
                         layer.milliseconds, 100 * layer.milliseconds / total) + rate)
        }
        print(String(format: "sum of layers %.2f ms", total))
    }

    /// The machine's single-precision peak: cores used × clock × 32 FLOP per cycle (one 16-lane
    /// AVX-512 FMA per cycle, two FLOP each; AMD Zen 4 and Intel cores with one 512-bit FMA unit).
    static func peakGFLOPs() -> (value: Double, assumption: String) {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let mhz = cpuinfo.split(separator: "\n").first { $0.hasPrefix("cpu MHz") }
            .flatMap { $0.split(separator: ":").last }.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 2600
        let value = Double(threads) * mhz / 1000 * 32
        return (value, String(format: "%d cores × %.2f GHz (cpuinfo) × 32 FLOP/cycle (AVX-512 FMA) = %.0f GFLOP/s", threads, mhz / 1000, value))
    }
}
