/// One exemplar at one scale, ready to correlate: its pixels minus their mean, and the norm
/// of those (the template half of the NCC denominator).
struct ExemplarTemplate: Sendable {
    /// Width in working-image pixels.
    let width: Int
    /// Height in working-image pixels.
    let height: Int
    /// Width and height in working-image pixels.
    var size: (width: Int, height: Int) { (width, height) }
    /// `height × width` zero-mean values, row by row.
    let values: [Float]
    /// `sqrt(Σ values²)`; positive.
    let norm: Float

    /// A plane whose variance per pixel is at most this is flat: below ~1/255 of contrast per
    /// pixel there is nothing but quantisation noise to match.
    static let flatVariance = 1e-6

    /// The zero-mean template of `plane`, or nil when it is flat (zero variance).
    init?(_ plane: GreyPlane) {
        width = plane.width
        height = plane.height
        var sum: Double = 0
        for v in plane.values { sum += Double(v) }
        let mean = Float(sum / Double(plane.values.count))
        values = plane.values.map { $0 - mean }
        var squares: Double = 0
        for v in values { squares += Double(v) * Double(v) }
        guard squares > Double(values.count) * Self.flatVariance else { return nil }
        norm = Float(squares.squareRoot())
    }
}
