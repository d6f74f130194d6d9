import Grounding

/// Stage `preprocess`: resize + normalise into a 1×3×416×416 tensor, ours against OpenCV's
/// `cv2.resize` + `cv2.dnn.blobFromImage` on same-size random images (single-threaded ours;
/// OpenCV at 1 thread and at its default thread count).
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
    func peer(_ prefix: String, single: Bool) -> Stats? {
        peers.first { $0.name.hasPrefix(prefix) && $0.name.hasSuffix(" 1 thread") == single }
    }
    Comparison.printTable("preprocess: resize + normalise to planar 416×416 (ours: 1 thread)", [
        Comparison(ours: ours[0], peer: peer("cv2 AREA+blob 4032x3024", single: true)),
        Comparison(ours: ours[0], peer: peer("cv2 AREA+blob 4032x3024", single: false)),
        Comparison(ours: ours[1], peer: peer("cv2 LINEAR+blob 4032x3024", single: true)),
        Comparison(ours: ours[1], peer: peer("cv2 LINEAR+blob 4032x3024", single: false)),
        Comparison(ours: ours[2], peer: peer("cv2 LINEAR+blob 768x576", single: true)),
        Comparison(ours: ours[2], peer: peer("cv2 LINEAR+blob 768x576", single: false)),
        Comparison(ours: ours[3], peer: nil),
    ])
}
