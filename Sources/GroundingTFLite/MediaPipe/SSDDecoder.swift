#if canImport(Glibc)
import Glibc
#endif
import GroundingCore

/// Turns an SSD detector's raw outputs into detections, as MediaPipe's
/// `TensorsToDetectionsCalculator` does for its face and palm models: per anchor, a score
/// (clipped, then squashed by a sigmoid) and a box and keypoints regressed relative to the anchor.
///
/// Row `i` of the box tensor holds `x, y, w, h` of the box's centre and size, then `x, y` of
/// each keypoint, all in pixels of the input divided by the scales and relative to anchor `i`.
///
/// ```swift
/// let decoder = SSDDecoder(anchors: SSDAnchorOptions.faceShortRange.anchors(), keypointCount: 6, scale: 128)
/// let faces = decoder.decode(boxes: regressors, scores: classificators, threshold: 0.5,
///                            inputWidth: 128, inputHeight: 128)
/// ```
public struct SSDDecoder: Sendable {
    /// One anchor per box row.
    public var anchors: [SSDAnchor]
    /// Keypoints after the box in each row.
    public var keypointCount: Int
    /// The regressions' units: values are divided by this (MediaPipe's `x_scale` = `y_scale` =
    /// `w_scale` = `h_scale`, the input size).
    public var scale: Float
    /// Raw scores are clipped to ±this before the sigmoid (MediaPipe's `score_clipping_thresh`).
    public var scoreClipping: Float

    /// Creates a decoder.
    public init(anchors: [SSDAnchor], keypointCount: Int, scale: Float, scoreClipping: Float = 100) {
        self.anchors = anchors
        self.keypointCount = keypointCount
        self.scale = scale
        self.scoreClipping = scoreClipping
    }

    /// Values per box row: 4 for the box, 2 per keypoint.
    public var rowLength: Int { 4 + 2 * keypointCount }

    /// The detections (class 0) whose score reaches `threshold`, with boxes, keypoints and the
    /// box centre as point, in pixels of a `inputWidth × inputHeight` input. `boxes` holds
    /// ``rowLength`` values per anchor, `scores` one. Boxes of negative or NaN size are skipped,
    /// as MediaPipe does.
    public func decode(boxes: UnsafePointer<Float>, scores: UnsafePointer<Float>, threshold: Float,
                       inputWidth: Int, inputHeight: Int) -> [Detection] {
        let (width, height) = (Float(inputWidth), Float(inputHeight))
        var detections: [Detection] = []
        for (index, anchor) in anchors.enumerated() {
            let raw = min(max(scores[index], -scoreClipping), scoreClipping)
            let score = 1 / (1 + expf(-raw))
            guard score >= threshold else { continue }
            let row = boxes + index * rowLength
            func point(_ x: Float, _ y: Float) -> ImagePoint {
                ImagePoint(x: (x / scale * anchor.width + anchor.centerX) * width,
                           y: (y / scale * anchor.height + anchor.centerY) * height)
            }
            let center = point(row[0], row[1])
            let boxWidth = row[2] / scale * anchor.width * width
            let boxHeight = row[3] / scale * anchor.height * height
            guard boxWidth >= 0, boxHeight >= 0 else { continue }   // also false for NaN
            let box = BoundingBox(centerX: center.x, centerY: center.y, width: boxWidth, height: boxHeight)
            let keypoints = (0..<keypointCount).map { k in point(row[4 + 2 * k], row[5 + 2 * k]) }
            detections.append(Detection(box: box, classIndex: 0, score: score, point: center, keypoints: keypoints))
        }
        return detections
    }
}
