/// Shading on a white object: a white horse's belly or a model shuttle's far side is grey in the
/// file (bluish grey in open shade, which the sky lights), but it is the same white surface
/// turned from the light.
///
/// Lightness is anchored on the object's own lightest parts (the anchoring rule of lightness
/// perception: the highest luminance in a framework looks white). The object's hueless samples
/// (grey, white, or a faint blue under C\* 20) anchor white when a fifth of them by weight are
/// clear white (their 80th percentile at L\* ≥ 88); every hueless sample within
/// ``shadingFactor`` of that luminance is then named white. A grey horse never reaches the
/// anchor, and a grey box with a thin white stripe (under a fifth) stays grey; black is not
/// touched.
///
/// ```swift
/// WhiteAnchoring.apply(to: &names, colours: colours, luminances: luminances, weights: weights)
/// ```
enum WhiteAnchoring {
    /// The weighted percentile of the hueless samples' luminance that anchors white.
    static let anchorPercentile: Float = 0.8
    /// The anchor must be at least this light (L\*) to be white.
    static let anchorLightness: Float = 88
    /// How much darker than the anchor shade may be: direct sun is about five times the light
    /// of open shade.
    static let shadingFactor: Float = 5
    /// Blue this faint counts as hueless here: the tint of shade under a blue sky.
    static let shadeTintChroma: Float = 20

    /// Renames shaded parts of a white object white. `names`, `colours`, `luminances` (after
    /// exposure) and `weights` are per sample.
    static func apply(to names: inout [BasicColour], colours: [CIELab], luminances: [Float], weights: [Float]) {
        let hueless = names.indices.filter {
            names[$0] == .white || names[$0] == .grey || (names[$0] == .blue && colours[$0].chroma < shadeTintChroma)
        }
        // The weighted percentile from a histogram of luminance in 1/1024 steps.
        let bins = 1024
        var histogram = [Float](repeating: 0, count: bins)
        var total: Float = 0
        for index in hueless {
            histogram[min(bins - 1, max(0, Int(luminances[index] * Float(bins))))] += weights[index]
            total += weights[index]
        }
        guard total > 0 else { return }
        var seen: Float = 0
        var anchor: Float = 1
        for bin in 0..<bins {
            seen += histogram[bin]
            if seen >= anchorPercentile * total { anchor = (Float(bin) + 0.5) / Float(bins); break }
        }
        guard CIELab.lightness(luminance: anchor) >= anchorLightness else { return }
        for index in hueless where luminances[index] >= anchor / shadingFactor { names[index] = .white }
    }
}
