/// The luminance that counts as white in a photo or a part of it: its 99th percentile.
///
/// Photos are exposed differently (an overcast field, a dusk launch pad), so lightness is read
/// relative to the light that reaches the scene: a white horse under clouds is L\* 69 in the
/// file, but it is among the lightest things there. The 99th percentile rather than the maximum
/// keeps a few specular highlights or lamps from setting the reference.
///
/// ```swift
/// let white = WhiteReference.luminance(of: image)   // 0.58 on horses.jpg (L* 81)
/// ```
enum WhiteReference {
    /// The share of samples allowed above the reference.
    static let percentile: Float = 0.99
    /// The long side of the grid the whole image is sampled on.
    static let imageGridSide = 128

    /// The reference of a whole image, from a grid of at most ``imageGridSide`` samples a side.
    static func luminance(of image: RGBImage) -> Float {
        guard image.width > 0 && image.height > 0 else { return 1 }
        let step = max(1, max(image.width, image.height) / imageGridSide)
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
        return luminance(ofSamples: luminances)
    }

    /// The reference of some samples' luminances (each 0...1); 1 when there are none.
    static func luminance(ofSamples luminances: [Float]) -> Float {
        guard !luminances.isEmpty else { return 1 }
        // A histogram rather than a sort: 1/1024 of the luminance range is finer than 8-bit
        // input resolves near white, and it is linear in the number of samples.
        let bins = 1024
        var counts = [Int](repeating: 0, count: bins)
        for value in luminances { counts[min(bins - 1, max(0, Int(value * Float(bins))))] += 1 }
        let below = Int((Float(luminances.count - 1) * percentile).rounded(.down))
        var seen = 0
        for bin in 0..<bins {
            seen += counts[bin]
            if seen > below { return (Float(bin) + 0.5) / Float(bins) }
        }
        return 1
    }
}
