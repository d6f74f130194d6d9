/// An 8-bit RGB image: the pixel buffer every stage after decoding works on.
///
/// Pixels are stored row by row, top row first, three bytes per pixel (red, green, blue),
/// with `rowStride` bytes from the start of one row to the start of the next.
///
/// ```swift
/// var image = RGBImage(width: 2, height: 1)
/// image[0, 0] = RGBPixel(red: 255, green: 0, blue: 0)
/// ```
public struct RGBImage: Sendable, Hashable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Bytes from the start of one row to the start of the next (at least `width * 3`).
    public let rowStride: Int
    /// The pixel bytes, `rowStride * height` of them.
    public var pixels: [UInt8]

    /// Creates an image from existing pixel bytes.
    ///
    /// - Precondition: `pixels.count >= rowStride * height` and `rowStride >= width * 3`.
    public init(width: Int, height: Int, rowStride: Int? = nil, pixels: [UInt8]) {
        let stride = rowStride ?? width * 3
        precondition(width >= 0 && height >= 0, "image dimensions must not be negative")
        precondition(stride >= width * 3, "row stride \(stride) is shorter than a row of \(width) pixels")
        precondition(pixels.count >= stride * height, "pixel buffer is smaller than rowStride × height")
        self.width = width
        self.height = height
        self.rowStride = stride
        self.pixels = pixels
    }

    /// Creates an image filled with one colour (black by default).
    public init(width: Int, height: Int, filledWith pixel: RGBPixel = RGBPixel(red: 0, green: 0, blue: 0)) {
        precondition(width >= 0 && height >= 0, "image dimensions must not be negative")
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        if pixel != RGBPixel(red: 0, green: 0, blue: 0) {
            for i in 0..<(width * height) {
                bytes[3 * i] = pixel.red
                bytes[3 * i + 1] = pixel.green
                bytes[3 * i + 2] = pixel.blue
            }
        }
        self.init(width: width, height: height, rowStride: width * 3, pixels: bytes)
    }

    /// The number of pixels, `width * height`.
    public var pixelCount: Int { width * height }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> RGBPixel {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside \(width)×\(height)")
            let offset = y * rowStride + x * 3
            return RGBPixel(red: pixels[offset], green: pixels[offset + 1], blue: pixels[offset + 2])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside \(width)×\(height)")
            let offset = y * rowStride + x * 3
            pixels[offset] = newValue.red
            pixels[offset + 1] = newValue.green
            pixels[offset + 2] = newValue.blue
        }
    }
}

/// One RGB pixel, 8 bits per channel.
///
/// ```swift
/// let red = RGBPixel(red: 255, green: 0, blue: 0)
/// ```
public struct RGBPixel: Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// Creates a pixel from its three channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}
