/// How a camera stored a photo relative to upright: the EXIF `Orientation` tag (values 1...8), from
/// a JPEG's Exif segment or a PNG's eXIf chunk.
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
    /// Writes the output row by row with raw pointers, reading each pixel from where the tag
    /// says it is stored; the transposing orientations walk 32×32 tiles so that the strided reads
    /// stay in cache.
    public func applied(to image: RGBImage) -> RGBImage {
        if self == .up { return image }
        let width = image.width, height = image.height, stride = image.rowStride
        let outWidth = swapsWidthAndHeight ? height : width
        let outHeight = swapsWidthAndHeight ? width : height
        // Upright pixel (x, y) is stored at byte `start + x * xStep + y * yStep` of the input.
        let (start, xStep, yStep): (Int, Int, Int) = switch self {
        case .up: (0, 3, stride)
        case .upMirrored: ((width - 1) * 3, -3, stride)
        case .down: ((height - 1) * stride + (width - 1) * 3, -3, -stride)
        case .downMirrored: ((height - 1) * stride, 3, -stride)
        case .leftMirrored: (0, stride, 3)
        case .right: ((height - 1) * stride, -stride, 3)
        case .rightMirrored: ((height - 1) * stride + (width - 1) * 3, -stride, -3)
        case .left: ((width - 1) * 3, stride, -3)
        }
        let tile = swapsWidthAndHeight ? 32 : max(outWidth, 1)
        let outStride = outWidth * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: outStride * outHeight) { output, count in
            image.pixels.withUnsafeBufferPointer { input in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                for tileY in Swift.stride(from: 0, to: outHeight, by: tile) {
                    for tileX in Swift.stride(from: 0, to: outWidth, by: tile) {
                        let xEnd = min(tileX + tile, outWidth)
                        for y in tileY..<min(tileY + tile, outHeight) {
                            var to = target + (y &* outStride &+ tileX &* 3)
                            var from = source + (start &+ tileX &* xStep &+ y &* yStep)
                            for _ in tileX..<xEnd {
                                to[0] = from[0]; to[1] = from[1]; to[2] = from[2]
                                to += 3
                                from += xStep
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
