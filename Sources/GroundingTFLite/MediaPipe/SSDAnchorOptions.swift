/// How MediaPipe lays out the anchors of its SSD detectors (the options of its
/// `SsdAnchorsCalculator`), and the anchors they give.
///
/// Layers that share a stride share one grid of `⌈input / stride⌉` cells; every layer adds one
/// anchor per cell and aspect ratio, plus one at the interpolated scale when
/// ``interpolatedScaleAspectRatio`` is positive. Anchors are listed row by row, then column by
/// column, then anchor by anchor within a cell, the order of the model's outputs.
///
/// ```swift
/// let anchors = SSDAnchorOptions.faceShortRange.anchors()
/// print(anchors.count)   // 896: 16×16 cells × 2 (stride 8) + 8×8 cells × 6 (strides 16, 16, 16)
/// ```
public struct SSDAnchorOptions: Sendable, Hashable {
    /// Input width in pixels.
    public var inputWidth: Int
    /// Input height in pixels.
    public var inputHeight: Int
    /// The smallest anchor scale (first layer).
    public var minScale: Float
    /// The largest anchor scale (last layer).
    public var maxScale: Float
    /// Where in its cell an anchor's centre lies (0.5: the middle).
    public var anchorOffsetX: Float
    /// Where in its cell an anchor's centre lies (0.5: the middle).
    public var anchorOffsetY: Float
    /// One stride per layer.
    public var strides: [Int]
    /// Aspect ratios every layer has anchors for.
    public var aspectRatios: [Float]
    /// Whether every anchor has width and height 1 (the regressions then carry the size).
    public var fixedAnchorSize: Bool
    /// The aspect ratio of the extra anchor at the scale between a layer's and the next's; 0 for none.
    public var interpolatedScaleAspectRatio: Float

    /// Creates options; the defaults are those of MediaPipe's calculator.
    public init(inputWidth: Int, inputHeight: Int, minScale: Float, maxScale: Float, anchorOffsetX: Float = 0.5,
                anchorOffsetY: Float = 0.5, strides: [Int], aspectRatios: [Float] = [1], fixedAnchorSize: Bool = false,
                interpolatedScaleAspectRatio: Float = 1) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.minScale = minScale
        self.maxScale = maxScale
        self.anchorOffsetX = anchorOffsetX
        self.anchorOffsetY = anchorOffsetY
        self.strides = strides
        self.aspectRatios = aspectRatios
        self.fixedAnchorSize = fixedAnchorSize
        self.interpolatedScaleAspectRatio = interpolatedScaleAspectRatio
    }

    /// MediaPipe's short-range face detector (`face_detection_short_range.tflite`, 128×128).
    public static let faceShortRange = SSDAnchorOptions(inputWidth: 128, inputHeight: 128, minScale: 0.1484375, maxScale: 0.75,
                                                        strides: [8, 16, 16, 16], fixedAnchorSize: true)
    /// MediaPipe's full-range face detector (`face_detection_full_range_sparse.tflite`, 192×192).
    public static let faceFullRange = SSDAnchorOptions(inputWidth: 192, inputHeight: 192, minScale: 0.1484375, maxScale: 0.75,
                                                       strides: [4], fixedAnchorSize: true, interpolatedScaleAspectRatio: 0)
    /// MediaPipe's palm detectors (`palm_detection_full.tflite`, `palm_detection_lite.tflite`, 192×192).
    public static let palm = SSDAnchorOptions(inputWidth: 192, inputHeight: 192, minScale: 0.1484375, maxScale: 0.75,
                                              strides: [8, 16, 16, 16], fixedAnchorSize: true)

    /// The scale of layer `index`: evenly spread from ``minScale`` to ``maxScale``.
    private func scale(ofLayer index: Int) -> Float {
        strides.count == 1 ? (minScale + maxScale) / 2 : minScale + (maxScale - minScale) * Float(index) / Float(strides.count - 1)
    }

    /// The anchors, in the order of the model's outputs.
    public func anchors() -> [SSDAnchor] {
        var anchors: [SSDAnchor] = []
        var layer = 0
        while layer < strides.count {
            // The layers sharing this stride contribute anchors to one grid.
            var sizes: [(width: Float, height: Float)] = []
            var last = layer
            while last < strides.count && strides[last] == strides[layer] {
                let scale = scale(ofLayer: last)
                for ratio in aspectRatios {
                    sizes.append((scale * ratio.squareRoot(), scale / ratio.squareRoot()))
                }
                if interpolatedScaleAspectRatio > 0 {
                    let next = last == strides.count - 1 ? 1 : self.scale(ofLayer: last + 1)
                    let interpolated = (scale * next).squareRoot()
                    let ratio = interpolatedScaleAspectRatio.squareRoot()
                    sizes.append((interpolated * ratio, interpolated / ratio))
                }
                last += 1
            }
            let stride = Float(strides[layer])
            let rows = Int((Float(inputHeight) / stride).rounded(.up))
            let columns = Int((Float(inputWidth) / stride).rounded(.up))
            for y in 0..<rows {
                for x in 0..<columns {
                    for size in sizes {
                        anchors.append(SSDAnchor(centerX: (Float(x) + anchorOffsetX) / Float(columns),
                                                 centerY: (Float(y) + anchorOffsetY) / Float(rows),
                                                 width: fixedAnchorSize ? 1 : size.width,
                                                 height: fixedAnchorSize ? 1 : size.height))
                    }
                }
            }
            layer = last
        }
        return anchors
    }
}
