import Foundation

/// A colour in CIE 1976 L\*a\*b\* (D65 white): the perceptual space colours are named in.
///
/// Built from *linear* RGB (sRGB primaries), so that an exposure gain can be applied to the
/// light before it is converted; ``linear(_:)`` undoes sRGB's gamma for one 8-bit channel.
///
/// ```swift
/// let red = CIELab(linearRed: CIELab.linear(255), green: 0, blue: 0)
/// red.lightness  // 53.2
/// red.hue        // 40°
/// ```
struct CIELab: Sendable, Hashable {
    /// L\*, 0 (black) to 100 (white).
    var lightness: Float
    /// a\*, green (negative) to red (positive).
    var a: Float
    /// b\*, blue (negative) to yellow (positive).
    var b: Float

    /// Converts linear RGB (each 0...1, sRGB primaries) through CIE XYZ.
    init(linearRed red: Float, green: Float, blue: Float) {
        // sRGB primaries to XYZ (IEC 61966-2-1), each row divided by the D65 white's X, Y, Z.
        let x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
        let y = CIELab.luminance(red: red, green: green, blue: blue)
        let z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883
        let fx = CIELab.f(x), fy = CIELab.f(y), fz = CIELab.f(z)
        lightness = 116 * fy - 16
        a = 500 * (fx - fy)
        b = 200 * (fy - fz)
    }

    /// C\*, the distance from the grey axis.
    var chroma: Float { (a * a + b * b).squareRoot() }

    /// h, the hue angle in degrees, 0..<360 (red about 40, yellow 100, green 140, blue 290).
    var hue: Float {
        let degrees = atan2(b, a) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// Relative luminance Y (0...1) of linear RGB.
    static func luminance(red: Float, green: Float, blue: Float) -> Float {
        0.2126 * red + 0.7152 * green + 0.0722 * blue
    }

    /// The lightness L\* of a relative luminance Y.
    static func lightness(luminance y: Float) -> Float { 116 * f(y) - 16 }

    /// The linear light (0...1) of an 8-bit sRGB channel value.
    static func linear(_ value: UInt8) -> Float { linearTable[Int(value)] }

    /// sRGB's transfer function inverted, for all 256 channel values.
    private static let linearTable: [Float] = (0...255).map { value in
        let c = Float(value) / 255
        return c <= 0.04045 ? c / 12.92 : powf((c + 0.055) / 1.055, 2.4)
    }

    /// CIELAB's compressive function (a cube root, linear near black) of `t` in 0...1, read from
    /// a table with linear interpolation: within 5e-6 (L\* within 0.001), and a box converts
    /// thousands of samples, three cube roots each.
    private static func f(_ t: Float) -> Float {
        let position = min(max(t, 0), 1) * Float(fSteps)
        let index = min(Int(position), fSteps - 1)
        let fraction = position - Float(index)
        return fTable[index] + fraction * (fTable[index + 1] - fTable[index])
    }

    private static let fSteps = 4096
    private static let fTable: [Float] = (0...fSteps).map { step in
        let t = Double(step) / Double(fSteps)
        let delta = 6.0 / 29.0
        return Float(t > delta * delta * delta ? cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0)
    }
}
