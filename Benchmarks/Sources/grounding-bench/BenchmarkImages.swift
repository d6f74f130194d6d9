import Foundation
import Grounding

/// Large benchmark inputs made from the test photos, so no big file is kept in the repository.
enum BenchmarkImages {
    /// `TestImages/kite.jpg` (1352×900) stretched bilinearly to `width × height` and written to
    /// `path` as a JPEG (4:2:0); returns the file's bytes.
    @discardableResult
    static func stretchedKite(width: Int, height: Int, quality: Int = 92, to path: String) throws -> [UInt8] {
        try stretched(Repository.photo("kite.jpg"), width: width, height: height, quality: quality, to: path)
    }

    /// The photo at `source` stretched bilinearly to `width × height` and written to `path` as a
    /// JPEG (4:2:0); returns the file's bytes.
    @discardableResult
    static func stretched(_ source: String, width: Int, height: Int, quality: Int = 92, to path: String) throws -> [UInt8] {
        let photo = try ImageDecoder.decode(contentsOf: source).image
        let jpeg = try ImageEncoder.jpeg(bilinearResize(photo, width: width, height: height), quality: quality)
        try Data(jpeg).write(to: URL(fileURLWithPath: path))
        return jpeg
    }

    /// The 12-megapixel crowd: the accuracy set's `orchestra.png` (1024×613, 39 players) at
    /// 4480×2682, its own shape, so each player is about 4.4 times as large.
    static let crowd = (file: "orchestra.png", width: 4480, height: 2682)

    /// ``crowd`` written to `path` as a JPEG; returns the file's bytes.
    @discardableResult
    static func twelveMegapixelCrowd(to path: String) throws -> [UInt8] {
        try stretched(AccuracyBenchmark.folder.appendingPathComponent("photos/\(crowd.file)").path,
                      width: crowd.width, height: crowd.height, to: path)
    }

    /// The 12-megapixel input of the decode, decode+preprocess and tiled stages: kite.jpg at
    /// 4032×3024 (a phone camera's size), quality 92.
    @discardableResult
    static func twelveMegapixel(to path: String) throws -> [UInt8] {
        try stretchedKite(width: 4032, height: 3024, to: path)
    }

    /// The 4:3 size closest to `megapixels` (1 MP: 1155×866; 48 MP: 8000×6000).
    static func size(megapixels: Double) -> (width: Int, height: Int) {
        let width = (megapixels * 1e6 * 4 / 3).squareRoot().rounded()
        return (Int(width), Int((width * 3 / 4).rounded()))
    }

    /// Bilinear resize (pixel centres aligned), only to make a large benchmark input.
    private static func bilinearResize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let sx = Float(image.width) / Float(width), sy = Float(image.height) / Float(height)
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let fy = max(0, (Float(y) + 0.5) * sy - 0.5)
                    let y0 = min(Int(fy), image.height - 1), y1 = min(y0 + 1, image.height - 1), wy = fy - Float(y0)
                    for x in 0..<width {
                        let fx = max(0, (Float(x) + 0.5) * sx - 0.5)
                        let x0 = min(Int(fx), image.width - 1), x1 = min(x0 + 1, image.width - 1), wx = fx - Float(x0)
                        for c in 0..<3 {
                            func at(_ px: Int, _ py: Int) -> Float { Float(source[py * image.rowStride + px * 3 + c]) }
                            let top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx
                            let bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx
                            target[(y * width + x) * 3 + c] = UInt8((top * (1 - wy) + bottom * wy).rounded())
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
