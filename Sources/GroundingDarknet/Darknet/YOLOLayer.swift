#if canImport(Glibc)
import Glibc
#endif
import GroundingCore

/// A Darknet `[yolo]` layer: decodes the previous convolution's raw predictions into boxes.
///
/// For anchor `a` the input holds `5 + classes` planes: `tx, ty, tw, th, objectness, class logits`.
/// As in Darknet, the logistic function applies to x, y, objectness and the classes, not to w, h:
///
///     x = (col + σ(tx)·s − (s − 1)/2) / gridW · inputW        (s = scale_x_y; y likewise)
///     w = e^tw · anchorW                                       (anchors in input pixels)
///     score = σ(objectness) · σ(class logit)
package struct YOLOLayer: Sendable {
    /// Input (and output) shape: `anchors.count · (5 + classes)` channels over the grid.
    package let input: TensorShape
    /// The `(width, height)` of this layer's anchors (those its `mask` picks), in input pixels.
    package let anchors: [(width: Float, height: Float)]
    /// Number of classes.
    package let classes: Int
    /// `scale_x_y`, which lets centres reach cell borders (1 = plain YOLOv3).
    package let scaleXY: Float

    /// Parses a `[yolo]` section applied to `input`.
    init(section: DarknetSection, input: TensorShape) throws(DarknetError) {
        try section.require("new_coords", isAbsentOr: "0")
        let classes = try section.int("classes", default: 20, in: 1...100_000)
        let total = try section.int("num", default: 1, in: 1...1024)
        let mask = try section.ints("mask", maxCount: 1024) ?? Array(0..<total)
        guard let values = try section.floats("anchors", maxCount: 2048), values.count >= 2 * total else {
            throw .invalidOption(file: section.file, line: section.line(of: "anchors"), key: "anchors",
                                 value: section.string("anchors", default: ""), reason: "needs \(2 * total) numbers (num=\(total) width,height pairs)")
        }
        var anchors: [(width: Float, height: Float)] = []
        for m in mask {
            guard m >= 0, m < total else {
                throw .invalidOption(file: section.file, line: section.line(of: "mask"), key: "mask",
                                     value: section.string("mask", default: ""), reason: "entries must be in 0..<num (\(total))")
            }
            anchors.append((values[2 * m], values[2 * m + 1]))
        }
        guard input.channels == anchors.count * (classes + 5) else {
            throw .shapeMismatch(file: section.file, line: section.line,
                                 detail: "[yolo] with \(anchors.count) anchors and \(classes) classes needs \(anchors.count * (classes + 5)) input channels, the layer before gives \(input.channels)")
        }
        self.input = input
        self.anchors = anchors
        self.classes = classes
        self.scaleXY = try section.float("scale_x_y", default: 1)
    }

    /// Appends every (cell, anchor, class) of one image scoring at least `threshold` to `detections`,
    /// with boxes in the pixels of an `inputWidth × inputHeight` network input.
    func decode(_ values: UnsafePointer<Float>, inputWidth: Int, inputHeight: Int, threshold: Float,
                into detections: inout [Detection]) {
        let plane = input.planeSize
        let (gridWidth, gridHeight) = (input.width, input.height)
        let cellWidth = Float(inputWidth) / Float(gridWidth)
        let cellHeight = Float(inputHeight) / Float(gridHeight)
        let shift = (scaleXY - 1) / 2
        for (a, anchor) in anchors.enumerated() {
            let base = values + a * (classes + 5) * plane
            for cell in 0..<plane {
                // score = objectness · class probability ≤ objectness, so a weak cell is skipped whole.
                let objectness = Self.logistic(base[4 * plane + cell])
                guard objectness >= threshold else { continue }
                let row = cell / gridWidth
                let column = cell - row * gridWidth
                let x = (Float(column) + Self.logistic(base[cell]) * scaleXY - shift) * cellWidth
                let y = (Float(row) + Self.logistic(base[plane + cell]) * scaleXY - shift) * cellHeight
                let box = BoundingBox(centerX: x, centerY: y,
                                      width: expf(base[2 * plane + cell]) * anchor.width,
                                      height: expf(base[3 * plane + cell]) * anchor.height)
                for c in 0..<classes {
                    let score = objectness * Self.logistic(base[(5 + c) * plane + cell])
                    if score >= threshold { detections.append(Detection(box: box, classIndex: c, score: score)) }
                }
            }
        }
    }

    @inline(__always)
    private static func logistic(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
}
