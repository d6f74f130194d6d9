/// How a camera stored a photo relative to upright: the EXIF `Orientation` tag (values 1...8).
///
/// Each case names where the stored image's first row and first column end up; ``applied(to:)``
/// turns a stored image upright.
///
/// ```swift
/// let orientation = ExifOrientation.parse(jpeg: bytes)   // e.g. .right from a phone held upright
/// let upright = orientation.applied(to: stored)           // rotated 90° clockwise
/// ```
public enum ExifOrientation: Int, Sendable, CaseIterable {
    /// Stored upright (1).
    case up = 1
    /// Mirrored left to right (2).
    case upMirrored
    /// Upside down: needs a 180° turn (3).
    case down
    /// Mirrored top to bottom (4).
    case downMirrored
    /// Transposed: mirrored across the main diagonal (5).
    case leftMirrored
    /// Needs a 90° clockwise turn (6).
    case right
    /// Transversed: mirrored across the anti-diagonal (7).
    case rightMirrored
    /// Needs a 90° counter-clockwise turn (8).
    case left

    /// True when the upright image has width and height swapped relative to the stored one.
    public var swapsWidthAndHeight: Bool { rawValue >= 5 }

    /// The upright image: `image` (as stored in the file) turned and mirrored as this tag says.
    ///
    /// Works on whole rows with raw pointers; the transposing orientations walk 32×32 tiles so
    /// that reads and writes both stay in cache.
    public func applied(to image: RGBImage) -> RGBImage {
        if self == .up { return image }
        let width = image.width, height = image.height
        let outWidth = swapsWidthAndHeight ? height : width
        let outHeight = swapsWidthAndHeight ? width : height
        let outStride = outWidth * 3
        // Where source pixel (x, y) lands is `start + x * xStep + y * yStep` bytes into the output.
        let (start, xStep, yStep): (Int, Int, Int) = switch self {
        case .up: (0, 3, outStride)
        case .upMirrored: ((width - 1) * 3, -3, outStride)
        case .down: ((height - 1) * outStride + (width - 1) * 3, -3, -outStride)
        case .downMirrored: ((height - 1) * outStride, 3, -outStride)
        case .leftMirrored: (0, outStride, 3)
        case .right: ((height - 1) * 3, outStride, -3)
        case .rightMirrored: ((width - 1) * outStride + (height - 1) * 3, -outStride, -3)
        case .left: ((width - 1) * outStride, -outStride, 3)
        }
        let tile = swapsWidthAndHeight ? 32 : max(width, 1)
        let sourceStride = image.rowStride
        let pixels = [UInt8](unsafeUninitializedCapacity: outStride * outHeight) { output, count in
            image.pixels.withUnsafeBufferPointer { input in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                for tileY in stride(from: 0, to: height, by: tile) {
                    for tileX in stride(from: 0, to: width, by: tile) {
                        let xEnd = min(tileX + tile, width)
                        for y in tileY..<min(tileY + tile, height) {
                            var from = source + (y &* sourceStride &+ tileX &* 3)
                            var to = target + (start &+ tileX &* xStep &+ y &* yStep)
                            for _ in tileX..<xEnd {
                                to[0] = from[0]; to[1] = from[1]; to[2] = from[2]
                                from += 3
                                to += xStep
                            }
                        }
                    }
                }
            }
            count = outStride * outHeight
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: pixels)
    }
}
