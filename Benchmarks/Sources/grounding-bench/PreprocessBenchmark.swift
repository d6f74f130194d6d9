import Grounding

/// Stage `preprocess`: resize + normalise into a 1×3×416×416 tensor, ours against OpenCV's
/// `cv2.resize` + `cv2.dnn.blobFromImage` on same-size random images (single-threaded ours;
/// OpenCV at 1 thread and at its default thread count), and against `cv2.resize` alone on
/// bytes, which skips the float conversion and planar layout and so is a lower bound.
func preprocessBenchmark() throws {
    var generator = SystemRandomNumberGenerator()
    func randomImage(width: Int, height: Int) -> RGBImage {
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        bytes.withUnsafeMutableBytes { raw in
            for i in stride(from: 0, to: raw.count - 7, by: 8) {
                raw.storeBytes(of: generator.next(), toByteOffset: i, as: UInt64.self)
            }
        }
        return RGBImage(width: width, height: height, pixels: bytes)
    }
    let large = randomImage(width: 4032, height: 3024)
    let small = randomImage(width: 768, height: 576)
    let automatic = Preprocessor(inputWidth: 416, inputHeight: 416)
    let bilinear = Preprocessor(inputWidth: 416, inputHeight: 416, filter: .bilinear)
    let letterbox = Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox)
    var tensor = PlanarTensor(batch: 1, channels: 3, height: 416, width: 416)
    func run(_ name: String, _ preprocessor: Preprocessor, _ image: RGBImage, iterations: Int) -> Stats {
        let region = PixelRect(width: image.width, height: image.height)
        return measure(name, iterations: iterations) { _ = preprocessor.fill(&tensor, at: 0, from: image, region: region) }
    }
    let ours = [
        run("area 4032x3024 -> 416 (automatic)", automatic, large, iterations: 30),
        run("bilinear 4032x3024 -> 416", bilinear, large, iterations: 30),
        run("bilinear 768x576 -> 416 (automatic)", automatic, small, iterations: 200),
        run("letterbox bilinear 768x576 -> 416x312", letterbox, small, iterations: 200),
    ]
    let peers = try runPeer("preprocess_peers.py", arguments: [])
    func peer(_ name: String) -> Stats? { peers.first { $0.name == name } }
    let threads = peers.first { $0.name.hasPrefix("cv2 AREA+blob 4032x3024") && !$0.name.hasSuffix(" 1 thread") }?
        .name.split(separator: " ").suffix(2).joined(separator: " ") ?? "2 threads"
    var rows: [Comparison] = []
    for (stat, operation) in zip(ours, ["AREA+blob 4032x3024", "LINEAR+blob 4032x3024", "LINEAR+blob 768x576"]) {
        rows.append(Comparison(ours: stat, peer: peer("cv2 \(operation) 1 thread")))
        rows.append(Comparison(ours: stat, peer: peer("cv2 \(operation) \(threads)")))
        let resizeOnly = operation.replacingOccurrences(of: "+blob", with: " u8 only")
        rows.append(Comparison(ours: stat, peer: peer("cv2 \(resizeOnly) 1 thread")))
    }
    rows.append(Comparison(ours: ours[3], peer: nil))
    Comparison.printTable("preprocess: resize + normalise to planar 416×416 (ours: 1 thread)", rows)
}
