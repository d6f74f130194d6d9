import Foundation
import GroundingImageIO

/// A square region of an image, rotated about its centre: what a second-stage model looks at
/// (MediaPipe's hand landmark model reads the hand's square turned so the fingers point up).
///
/// ```swift
/// let crop = RotatedCrop(centerX: 268, centerY: 500, side: 70, angle: .pi / 6)
/// let input = crop.tensor(from: image, size: 224)   // 1×3×224×224, RGB in 0...1
/// ```
public struct RotatedCrop: Sendable, Hashable {
    /// The centre, in pixels of the image.
    public var centerX: Float
    /// The centre, in pixels of the image.
    public var centerY: Float
    /// The side of the square, in pixels of the image.
    public var side: Float
    /// The rotation of the square's axes from the image's, in radians (clockwise on screen, as
    /// image y points down).
    public var angle: Float

    /// A region.
    public init(centerX: Float, centerY: Float, side: Float, angle: Float) {
        self.centerX = centerX
        self.centerY = centerY
        self.side = side
        self.angle = angle
    }

    /// The region resampled (bilinear) into a `size × size` planar RGB tensor with values in 0...1;
    /// what lies outside the image is black.
    public func tensor(from image: RGBImage, size: Int) -> PlanarTensor {
        var values = [Float](repeating: 0, count: 3 * size * size)
        let (cosine, sine) = (cos(angle), sin(angle))
        let step = side / Float(size)
        let plane = size * size
        image.pixels.withUnsafeBufferPointer { pixels in
            for v in 0..<size {
                for u in 0..<size {
                    // The output pixel's centre in the square's own axes, then in the image's.
                    let lx = (Float(u) + 0.5) * step - side / 2, ly = (Float(v) + 0.5) * step - side / 2
                    let x = centerX + lx * cosine - ly * sine - 0.5
                    let y = centerY + lx * sine + ly * cosine - 0.5
                    let (x0, y0) = (Int(x.rounded(.down)), Int(y.rounded(.down)))
                    let (fx, fy) = (x - Float(x0), y - Float(y0))
                    // The four neighbours and their weights, once for the three channels; a
                    // neighbour outside the image weighs nothing (black).
                    var sum: (Float, Float, Float) = (0, 0, 0)
                    func add(_ px: Int, _ py: Int, _ weight: Float) {
                        guard px >= 0, py >= 0, px < image.width, py < image.height else { return }
                        let at = py * image.rowStride + px * 3
                        sum.0 += weight * Float(pixels[at])
                        sum.1 += weight * Float(pixels[at + 1])
                        sum.2 += weight * Float(pixels[at + 2])
                    }
                    add(x0, y0, (1 - fx) * (1 - fy))
                    add(x0 + 1, y0, fx * (1 - fy))
                    add(x0, y0 + 1, (1 - fx) * fy)
                    add(x0 + 1, y0 + 1, fx * fy)
                    let index = v * size + u
                    values[index] = sum.0 / 255
                    values[plane + index] = sum.1 / 255
                    values[2 * plane + index] = sum.2 / 255
                }
            }
        }
        return PlanarTensor(batch: 1, channels: 3, height: size, width: size, values: values)
    }
}
