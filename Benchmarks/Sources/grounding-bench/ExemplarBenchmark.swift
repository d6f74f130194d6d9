import Foundation
import Grounding

/// Stage `exemplar`: counting from one exemplar box (the engine's whole exemplar path:
/// working-scale resize, templates, NCC over 7 scales, peaks, NMS) on a 1 MP and a 12 MP image,
/// against OpenCV's `cv2.matchTemplate(TM_CCOEFF_NORMED)` over the same scales at the same
/// working scale (grey conversion + `cv2.resize(INTER_AREA)` + one `matchTemplate` per scale).
///
/// Inputs: 1 MP = `coins.png` tiled 3 × 3 (1152×909, 216 coins at their own size, so the working
/// image is large); 12 MP = that mosaic upscaled 3.5× (4032×3182, coins 3.5× larger, so the
/// working image is about as large as at 1 MP and most of the work is the downscale).
enum ExemplarBenchmark {
    static func run() throws {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let coins = try ImageDecoder.decode(contentsOf: repository.appendingPathComponent("TestImages/coins.png").path).image
        let mosaic = tiled(coins, columns: 3, rows: 3)
        let large = upscaled(mosaic, factor: 3.5)
        let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
        let largeCoin = PixelRect(x: 676, y: 102, width: 161, height: 161)  // the same coin, 3.5×
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grounding-exemplar-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let engine = GroundingEngine(detector: ExemplarOnly())
        let options = GroundingOptions()
        var rows: [Comparison] = []
        for (label, image, box, iterations) in [("1 MP", mosaic, coin, 5), ("12 MP", large, largeCoin, 3)] {
            let path = directory.appendingPathComponent("\(label.filter(\.isNumber))mp.png").path
            try ImageEncoder.write(image, to: path)
            var count = 0
            let ours = try measure("ours \(label) \(image.width)×\(image.height)", iterations: iterations, warmup: 1) {
                count = try engine.ground(image, queries: [.exemplar([box])], mode: .count, options: options).objects[0].count
            }
            let detector = try ExemplarDetector(image: image, exemplars: [box], options: options.exemplar)
            print("exemplar \(label): \(image.width)×\(image.height), working \(detector.inputWidth)×\(detector.inputHeight), found \(count)")
            let scales = options.exemplar.scales.map { String($0) }.joined(separator: ",")
            let peer = try runPeer("exemplar_peers.py", arguments: [path, "\(box.x),\(box.y),\(box.width),\(box.height)",
                                                                    "\(detector.inputWidth)", "\(detector.inputHeight)", scales,
                                                                    "\(iterations)", label])
            rows += peer.map { Comparison(ours: ours, peer: $0) }
        }
        Comparison.printTable("exemplar count, one exemplar, 7 scales (0.75–1.33×)", rows)
    }

    /// Never asked for names: the engine only needs some model, and exemplar queries do not use it.
    struct ExemplarOnly: Detector {
        let name = "none"
        let vocabulary = Vocabulary(names: ["none"])
        let inputWidth = 32, inputHeight = 32, maxBatchSize = 1
        func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
            Array(repeating: [], count: batch.batch)
        }
    }

    /// `image` repeated `columns × rows` times.
    static func tiled(_ image: RGBImage, columns: Int, rows: Int) -> RGBImage {
        var result = RGBImage(width: image.width * columns, height: image.height * rows)
        for y in 0..<result.height {
            for x in 0..<result.width { result[x, y] = image[x % image.width, y % image.height] }
        }
        return result
    }

    /// Bilinear upscale by `factor`, only to make a large input.
    static func upscaled(_ image: RGBImage, factor: Float) -> RGBImage {
        let width = Int(Float(image.width) * factor), height = Int(Float(image.height) * factor)
        var result = RGBImage(width: width, height: height)
        for y in 0..<height {
            let fy = max(0, (Float(y) + 0.5) / factor - 0.5)
            let y0 = min(Int(fy), image.height - 1), y1 = min(y0 + 1, image.height - 1), wy = fy - Float(y0)
            for x in 0..<width {
                let fx = max(0, (Float(x) + 0.5) / factor - 0.5)
                let x0 = min(Int(fx), image.width - 1), x1 = min(x0 + 1, image.width - 1), wx = fx - Float(x0)
                let a = image[x0, y0], b = image[x1, y0], c = image[x0, y1], d = image[x1, y1]
                func mix(_ p: UInt8, _ q: UInt8, _ r: UInt8, _ s: UInt8) -> UInt8 {
                    let top = Float(p) * (1 - wx) + Float(q) * wx, bottom = Float(r) * (1 - wx) + Float(s) * wx
                    return UInt8((top * (1 - wy) + bottom * wy).rounded())
                }
                result[x, y] = RGBPixel(red: mix(a.red, b.red, c.red, d.red), green: mix(a.green, b.green, c.green, d.green),
                                        blue: mix(a.blue, b.blue, c.blue, d.blue))
            }
        }
        return result
    }
}
