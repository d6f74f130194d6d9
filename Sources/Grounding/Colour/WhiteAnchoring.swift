/// Shading on a white object: a white horse's belly or a model shuttle's far side is grey in the
/// file, but it is the same white surface turned from the light.
///
/// Lightness is anchored on the object's own lightest parts (the anchoring rule of lightness
/// perception: the highest luminance in a framework looks white): when the object's hueless
/// samples reach clear white at their 90th percentile (L\* ≥ 88), every hueless sample within
/// ``shadingFactor`` of that luminance is named white. A grey horse never reaches the anchor, so
/// its greys stay grey; black is not touched.
///
/// ```swift
/// WhiteAnchoring.apply(to: &names, luminances: luminances, weights: weights)
/// ```
enum WhiteAnchoring {
    /// The weighted percentile of the hueless samples' luminance that anchors white.
    static let anchorPercentile: Float = 0.9
    /// The anchor must be at least this light (L\*) to be white.
    static let anchorLightness: Float = 88
    /// How much darker than the anchor shade may be: form shading and open shade reach about a
    /// quarter of the lit side's luminance (L\* 94 → 54).
    static let shadingFactor: Float = 4

    /// Renames shaded greys of a white object white. `names`, `luminances` (after exposure) and
    /// `weights` are per sample.
    static func apply(to names: inout [BasicColour], luminances: [Float], weights: [Float]) {
        let hueless = names.indices.filter { names[$0] == .white || names[$0] == .grey }
        let total = hueless.reduce(Float(0)) { $0 + weights[$1] }
        guard total > 0 else { return }
        let byLuminance = hueless.sorted { luminances[$0] < luminances[$1] }
        var seen: Float = 0
        var anchor = luminances[byLuminance[byLuminance.count - 1]]
        for index in byLuminance {
            seen += weights[index]
            if seen >= anchorPercentile * total { anchor = luminances[index]; break }
        }
        guard CIELab.lightness(luminance: anchor) >= anchorLightness else { return }
        for index in hueless where luminances[index] >= anchor / shadingFactor { names[index] = .white }
    }
}
