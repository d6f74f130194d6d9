import GroundingImageIO

/// The luminance that counts as white in a photo or around a box.
///
/// Photos are exposed differently (an overcast field, a dusk launch pad), so lightness is read
/// relative to the light that reaches the scene: a white horse under clouds is L\* 69 in the
/// file, but it is among the lightest things there. The reference is the 99th percentile of the
/// samples' luminance (not the maximum, so that a few highlights or lamps do not set it), but
/// at least twice the median of the surroundings: in a region of one flat colour (a floor, a
/// frame-filling grey card) the 99th percentile is that colour itself, not a white, and
/// auto-exposure puts such a region near mid grey whatever its paint.
///
/// ```swift
/// let white = WhiteReference.luminance(of: image)   // on horses.jpg about 0.58 (L* 81)
/// ```
enum WhiteReference {
    /// The share of samples allowed above the reference.
    static let percentile: Float = 0.99
    /// The reference is at least this many times the median luminance.
    static let overMedian: Float = 2
    /// The long side of the grid the whole image is sampled on.
    static let imageGridSide = 128

    /// The reference of a whole image, from a grid of at most ``imageGridSide`` samples a side.
    static func luminance(of image: RGBImage) -> Float {
        guard image.width > 0 && image.height > 0 else { return 1 }
        let step = max(1, (max(image.width, image.height) + imageGridSide - 1) / imageGridSide)
        var luminances: [Float] = []
        luminances.reserveCapacity((image.width / step + 1) * (image.height / step + 1))
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in stride(from: step / 2, to: image.height, by: step) {
                for x in stride(from: step / 2, to: image.width, by: step) {
                    let offset = y * image.rowStride + x * 3
                    luminances.append(CIELab.luminance(red: CIELab.linear(pixels[offset]),
                                                       green: CIELab.linear(pixels[offset + 1]),
                                                       blue: CIELab.linear(pixels[offset + 2])))
                }
            }
        }
        return luminance(of: luminances, surroundings: luminances)
    }

    /// The reference of samples' luminances (each 0...1): their 99th percentile, but at least
    /// twice the median of `surroundings`; 1 when there are no samples.
    static func luminance(of luminances: [Float], surroundings: [Float]) -> Float {
        guard !luminances.isEmpty else { return 1 }
        let median = surroundings.isEmpty ? 0 : quantile(0.5, of: surroundings)
        return max(quantile(percentile, of: luminances), overMedian * median)
    }

    /// The `q` quantile of luminances (0...1), to 1/1024. A histogram rather than a sort: 1/1024
    /// is finer than 8-bit input resolves near white, and it is linear in the number of values.
    private static func quantile(_ q: Float, of values: [Float]) -> Float {
        let bins = 1024
        var counts = [Int](repeating: 0, count: bins)
        for value in values { counts[min(bins - 1, max(0, Int(value * Float(bins))))] += 1 }
        let below = Int((Float(values.count - 1) * q).rounded(.down))
        var seen = 0
        for bin in 0..<bins {
            seen += counts[bin]
            if seen > below { return (Float(bin) + 0.5) / Float(bins) }
        }
        return 1
    }
}
