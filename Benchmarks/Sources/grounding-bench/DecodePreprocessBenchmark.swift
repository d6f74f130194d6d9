import Foundation
import Grounding

/// Stage `decode+preprocess`: a 12 MP JPEG file into the detector's 1×3×416×416 planar tensor.
///
/// Ours: `ImageDecoder.decode` with `minimumLongSide: 416` (TurboJPEG's DCT scaling decodes
/// 4032×3024 straight at 504×378) and `Preprocessor.tensor(from:)`, one thread. The peer:
/// `cv2.imread` + `cv2.dnn.blobFromImage(img, 1/255, (416, 416), swapRB=True)` on the same file,
/// at 1 thread and at OpenCV's default; and, for reference, OpenCV's own DCT-scaled read
/// (`IMREAD_REDUCED_COLOR_8`) + the same blob. The goal is ≥ 3× the plain imread + blob.
enum DecodePreprocessBenchmark {
    static let goal = 3.0

    static func run() throws {
        let folder = try TemporaryFolder("decode-preprocess")
        defer { folder.remove() }
        let path = folder.path("kite-12mp.jpg")
        try BenchmarkImages.twelveMegapixel(to: path)
        var options = DecodeOptions()
        options.minimumLongSide = 416
        let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416)
        let iterations = 20
        // The peer prints [imread+blob 1 thread, imread+blob N threads, imread REDUCED_8+blob 1 thread].
        let best = try bestOfRounds(3) {
            let ours = try measure("ours decode (minimumLongSide 416) + tensor", iterations: iterations) {
                let decoded = try ImageDecoder.decode(contentsOf: path, options: options)
                _ = preprocessor.tensor(from: decoded.image)
            }
            return [ours] + (try runPeer("decode_preprocess_peers.py", arguments: ["--image", path, "--iterations", "\(iterations)"]))
        }.map { $0.per(4032.0 * 3024 / 1e6, "MP") }
        Comparison.printTable("decode+preprocess: 12 MP JPEG file → 1×3×416×416 float tensor (ours: 1 thread; best of 3 alternating rounds)",
                              best.dropFirst().map { Comparison(ours: best[0], peer: $0) })
        // The goal is against the faster of the two plain imread + blob figures.
        let plain = min(best[1].p50, best[2].p50)
        print(String(format: "goal: ours ≥ %.0f× faster than cv2.imread + blobFromImage: %.2f× (%@)",
                     goal, plain / best[0].p50, (plain / best[0].p50 >= goal ? "met" : "NOT met") as NSString))
    }
}
