import Foundation

/// How much each sample inside a box belongs to the object rather than to the background seen
/// between the object and the box's edges.
///
/// A detector's box is tight, so the band just outside it shows the background; inside, the
/// background fills what the object does not. The inside histogram is then a mix,
/// `(1 − λ)·object + λ·background`, and a sample is the object as far as its colour is more
/// frequent inside than `λ` times the band explains:
/// `weight = centre · (floor + clamp(1 − κ·λ·around(c) / inside(c), 0, 1))`, with `λ` estimated
/// as the overlap of the two histograms. A green kite's arc against white sky keeps its green;
/// a box drawn inside one surface (a wall) sees the same colour all round, and the small
/// ``floor`` then leaves the box's own colours.
///
/// ```swift
/// let weights = ObjectWeights.weights(inside: colours, places: places, around: band)
/// ```
enum ObjectWeights {
    /// κ: how much more frequent than the band explains a colour must be to count fully.
    static let margin: Float = 1.3
    /// The weight a background-coloured sample keeps, so that a box with nothing unlike its
    /// surroundings is still measured.
    static let floor: Float = 0.1
    /// The spread of the centre prior, in half-box units: objects fill the middle of their box
    /// more than its corners.
    static let centreSpread: Float = 0.45
    /// With fewer band samples than this (a box that fills the image) the band is not used.
    static let minimumAround = 16

    /// One weight per inside sample (each > 0).
    static func weights(inside: [CIELab], places: [SIMD2<Float>], around: [CIELab]) -> [Float] {
        var weights = places.map { place -> Float in
            let du = (place.x - 0.5) / 0.5, dv = (place.y - 0.5) / 0.5
            return expf(-(du * du + dv * dv) / (2 * centreSpread * centreSpread))
        }
        guard around.count >= minimumAround, !inside.isEmpty else { return weights }
        let insideHistogram = LabHistogram(inside), aroundHistogram = LabHistogram(around)
        let background = insideHistogram.overlap(with: aroundHistogram)
        for index in inside.indices {
            // inside(c) > 0: the sample itself is in its cell.
            let cell = LabHistogram.cell(of: inside[index])
            let explained = margin * background * aroundHistogram.frequency(at: cell) / insideHistogram.frequency(at: cell)
            weights[index] *= floor + min(1, max(0, 1 - explained))
        }
        return weights
    }
}
