/// How often each colour occurs among some samples: counts on a grid of CIELAB cells, 10 units
/// of L\* by 8 of a\* and b\*, each smoothed over its 3 × 3 × 3 neighbourhood.
///
/// The smoothing makes two histograms comparable where a colour falls near a cell edge (a sky
/// at L\* 90 splits between two cells differently inside a box and around it), while 8 units
/// of a\* and b\* still tell a grey horse from yellow grass.
///
/// ```swift
/// let histogram = LabHistogram(colours)
/// histogram.frequency(at: LabHistogram.cell(of: colours[0]))  // share of samples near it
/// ```
struct LabHistogram: Sendable {
    static let lightnessCells = 11, opponentCells = 32
    static let lightnessStep: Float = 10, opponentStep: Float = 8
    // The grid has an empty cell on every side, so that a neighbourhood never leaves it.
    private static let aStride = opponentCells + 2, lStride = (opponentCells + 2) * (opponentCells + 2)
    private static let count = (lightnessCells + 2) * lStride

    /// Smoothed frequencies: the share of samples in each cell's neighbourhood (each sample
    /// counts in up to 27 cells); zero on the border.
    private(set) var frequencies: [Float]
    /// The cells that can be non-zero: those within one cell of a sample, per axis (L\*, a\*, b\*).
    private let lightness: ClosedRange<Int>, a: ClosedRange<Int>, b: ClosedRange<Int>

    /// The histogram of `colours`.
    init(_ colours: [CIELab]) {
        var counts = [Float](repeating: 0, count: Self.count)
        let unit = 1 / Float(max(1, colours.count))
        var low = SIMD3<Int>(repeating: .max), high = SIMD3<Int>(repeating: .min)
        for colour in colours {
            let coordinates = Self.coordinates(of: colour)
            counts[Self.index(coordinates)] += unit
            low = pointwiseMin(low, coordinates)
            high = pointwiseMax(high, coordinates)
        }
        if colours.isEmpty { low = .one; high = .zero }
        lightness = max(1, low.x - 1)...max(1, min(Self.lightnessCells, high.x + 1))
        a = max(1, low.y - 1)...max(1, min(Self.opponentCells, high.y + 1))
        b = max(1, low.z - 1)...max(1, min(Self.opponentCells, high.z + 1))
        // A 3 × 3 × 3 box sum as three 3-tap passes, along b, a and L*, only over the cells that
        // can be non-zero (an object's colours fill a few of the 11 264 cells).
        var alongB = [Float](repeating: 0, count: Self.count), alongA = alongB
        let cells = (lightness, a, b)
        Self.sum3(counts, into: &alongB, stride: 1, over: cells)
        Self.sum3(alongB, into: &alongA, stride: Self.aStride, over: cells)
        Self.sum3(alongA, into: &counts, stride: Self.lStride, over: cells)
        frequencies = counts
    }

    /// The cell a colour falls in (L\* 0...110, a\* and b\* −128...128, clamped to the grid).
    static func cell(of colour: CIELab) -> Int { index(coordinates(of: colour)) }

    /// The smoothed frequency at a cell.
    func frequency(at cell: Int) -> Float { frequencies[cell] }

    /// The share of one histogram's samples that the other's could account for: the overlap
    /// Σ min(self, other) of the two smoothed distributions, 0...1.
    func overlap(with other: LabHistogram) -> Float {
        var total: Float = 0
        Self.forEachCell(in: (lightness, a, b)) { cell in total += min(frequencies[cell], other.frequencies[cell]) }
        return total / 27
    }

    /// The grid coordinates (L\*, a\*, b\*) of a colour's cell, 1-based inside the border.
    private static func coordinates(of colour: CIELab) -> SIMD3<Int> {
        SIMD3(min(lightnessCells - 1, max(0, Int(colour.lightness / lightnessStep))) + 1,
              min(opponentCells - 1, max(0, Int((colour.a + 128) / opponentStep))) + 1,
              min(opponentCells - 1, max(0, Int((colour.b + 128) / opponentStep))) + 1)
    }

    private static func index(_ coordinates: SIMD3<Int>) -> Int {
        coordinates.x * lStride + coordinates.y * aStride + coordinates.z
    }

    typealias Cells = (lightness: ClosedRange<Int>, a: ClosedRange<Int>, b: ClosedRange<Int>)

    /// Calls `body` with the index of every cell in the ranges.
    private static func forEachCell(in cells: Cells, _ body: (Int) -> Void) {
        for l in cells.lightness {
            for a in cells.a {
                let row = l * lStride + a * aStride
                for cell in (row + cells.b.lowerBound)...(row + cells.b.upperBound) { body(cell) }
            }
        }
    }

    /// `target` = `values` at each of `cells` plus its two neighbours `stride` apart.
    private static func sum3(_ values: [Float], into target: inout [Float], stride: Int, over cells: Cells) {
        values.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                forEachCell(in: cells) { cell in target[cell] = source[cell - stride] + source[cell] + source[cell + stride] }
            }
        }
    }
}
