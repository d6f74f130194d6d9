import Grounding

/// The scene both sides draw: 3 layers of 20 tagged boxes with centre points and a count each,
/// laid out by the same formula as `peers/render_peers.py`.
private func renderScene() -> [AnnotationLayer] {
    (0..<3).map { k in
        let boxes = (0..<20).map { i in
            let x = Float((i * 397 + k * 131) % 3400), y = Float((i * 263 + k * 89) % 2500)
            let box = BoundingBox(x1: x, y1: y, x2: x + Float(200 + (i * 53) % 400), y2: y + Float(200 + (i * 71) % 400))
            return LabeledBox(box, tag: "object\(k) 0.\(50 + i)")
        }
        return AnnotationLayer(label: "object\(k)", boxes: boxes,
                               points: boxes.map { AnnotationPoint(x: $0.box.center.x, y: $0.box.center.y) }, count: 20)
    }
}

/// Render stage: annotating a 12 MP photo-sized image, against OpenCV's drawing functions.
func renderBenchmark() throws {
    let (width, height) = (4032, 3024)
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    for i in 0..<pixels.count { pixels[i] = UInt8(truncatingIfNeeded: i / 7 &+ i / (width * 3)) }
    let image = RGBImage(width: width, height: height, pixels: pixels)
    let layers = renderScene()
    let copying = measure("renderAnnotations 12 MP (copies image)", iterations: 30) {
        _ = renderAnnotations(on: image, layers: layers)
    }
    var target = image
    let inPlace = measure("drawAnnotations 12 MP (in place)", iterations: 30) {
        drawAnnotations(layers, on: &target)
    }
    let peers = try runPeer("render_peers.py", arguments: [])
    Comparison.printTable("render: 60 boxes, tags, points, count panel on 4032x3024",
                          [Comparison(ours: copying, peer: peers.first), Comparison(ours: inPlace, peer: peers.dropFirst().first)])
}
