/// How often each colour occurs among some samples: counts on a grid of CIELAB cells, 10 units
/// of L\* by 8 of a\* and b\*, each smoothed over its 3 × 3 × 3 neighbourhood.
///
/// The smoothing makes two histograms comparable where a colour falls near a cell edge (a sky
/// at L\* 90 splits between two cells differently inside a box and around it), while 8 units
/// of a\* and b\* still tell a grey horse from yellow grass.
///
/// ```swift
/// let histogram = LabHistogram(colours)
/// histogram.frequency(at: histogram.cell(of: colours[0]))  // share of samples near it
/// ```
struct LabHistogram: Sendable {
    static let lightnessCells = 11, opponentCells = 32
    static let lightnessStep: Float = 10, opponentStep: Float = 8
    private static let count = lightnessCells * opponentCells * opponentCells

    /// Smoothed frequencies: the share of samples in each cell's neighbourhood (each sample
    /// counts in up to 27 cells).
    private(set) var frequencies: [Float]

    /// The histogram of `colours` (at least one).
    init(_ colours: [CIELab]) {
        var counts = [Float](repeating: 0, count: Self.count)
        let unit = 1 / Float(max(1, colours.count))
        for colour in colours { counts[Self.cell(of: colour)] += unit }
        // A 3 × 3 × 3 box sum as three 3-tap passes, one along each axis.
        counts = Self.sum3(counts, stride: 1, length: Self.opponentCells)
        counts = Self.sum3(counts, stride: Self.opponentCells, length: Self.opponentCells)
        frequencies = Self.sum3(counts, stride: Self.opponentCells * Self.opponentCells, length: Self.lightnessCells)
    }

    /// The cell a colour falls in (L\* 0...110, a\* and b\* −128...128, clamped to the grid).
    static func cell(of colour: CIELab) -> Int {
        let l = min(lightnessCells - 1, max(0, Int(colour.lightness / lightnessStep)))
        let a = min(opponentCells - 1, max(0, Int((colour.a + 128) / opponentStep)))
        let b = min(opponentCells - 1, max(0, Int((colour.b + 128) / opponentStep)))
        return (l * opponentCells + a) * opponentCells + b
    }

    /// The smoothed frequency at a cell.
    func frequency(at cell: Int) -> Float { frequencies[cell] }

    /// The share of one histogram's samples that the other's could account for: the overlap
    /// Σ min(self, other) of the two (smoothed) distributions, 0...1.
    func overlap(with other: LabHistogram) -> Float {
        var total: Float = 0
        for cell in 0..<Self.count { total += min(frequencies[cell], other.frequencies[cell]) }
        return total / 27
    }

    /// Each value plus its two neighbours along one axis (`stride` apart, `length` long).
    private static func sum3(_ values: [Float], stride: Int, length: Int) -> [Float] {
        var out = values
        for index in 0..<values.count {
            let position = (index / stride) % length
            if position > 0 { out[index] += values[index - stride] }
            if position < length - 1 { out[index] += values[index + stride] }
        }
        return out
    }
}
