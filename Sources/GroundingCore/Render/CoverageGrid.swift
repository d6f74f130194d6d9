/// What already lies on each part of an image, on a grid of cells, so text can be put where it
/// hides least: how many boxes and point markers cover a rectangle, and how much text is there.
///
/// A cell belongs to a rectangle when its centre lies inside it, so two rectangles that only
/// touch share no cell. Cells are one pixel on images up to ``maximumCellCount`` pixels and grow
/// on larger ones, so the grid's memory and the time to build it stay bounded; every query
/// costs the same whatever the number of boxes (boxes are summed once into a summed-area table).
///
/// ```swift
/// var grid = CoverageGrid(width: 640, height: 480, covering: boxEdges)
/// let cost = grid.hidden(by: spot, besides: ownBox)   // other boxes and text under `spot`
/// grid.addText(spot)
/// ```
struct CoverageGrid {
    /// The most cells a grid has (512 × 512 on a square image).
    static let maximumCellCount = 1 << 18

    /// How much worse text over text is than text over a box: overlapping text is unreadable.
    static let textWeight = 4

    /// Side of one cell in pixels.
    let cell: Int
    let columns: Int
    let rows: Int
    /// Summed-area table of box depth, `(rows + 2) × (columns + 2)`: entry (i, j) is the depth
    /// summed over the cells above row i and left of column j.
    private let table: [Int]
    /// How many text rectangles cover each cell, `rows × columns`.
    private var text: [Int]

    /// A grid over a `width × height` image covered by `rects`.
    init(width: Int, height: Int, covering rects: [PixelEdges]) {
        let (width, height) = (max(width, 0), max(height, 0))
        var cell = 1
        while (width / cell) * (height / cell) > Self.maximumCellCount { cell += 1 }
        self.cell = cell
        columns = (width + cell - 1) / cell
        rows = (height + cell - 1) / cell
        // A difference table (+1 at a rectangle's first cell, −1 just past its ends) summed
        // twice over rows and columns: once into depths, once more into the summed-area table.
        let stride = columns + 2
        var table = [Int](repeating: 0, count: (rows + 2) * stride)
        for rect in rects {
            let xs = Self.cells(from: rect.left, to: rect.right, cell: cell, count: columns)
            let ys = Self.cells(from: rect.top, to: rect.bottom, cell: cell, count: rows)
            guard !xs.isEmpty, !ys.isEmpty else { continue }
            table[(ys.lowerBound + 1) * stride + xs.lowerBound + 1] += 1
            table[(ys.lowerBound + 1) * stride + xs.upperBound + 1] -= 1
            table[(ys.upperBound + 1) * stride + xs.lowerBound + 1] -= 1
            table[(ys.upperBound + 1) * stride + xs.upperBound + 1] += 1
        }
        for _ in 0..<2 {
            for r in 1..<(rows + 2) {
                var running = 0
                for c in 1..<stride {
                    running += table[r * stride + c]
                    table[r * stride + c] = table[(r - 1) * stride + c] + running
                }
            }
        }
        self.table = table
        text = [Int](repeating: 0, count: rows * columns)
    }

    /// Cells whose centres lie in `from..<to` along an axis of `count` cells.
    private static func cells(from: Int, to: Int, cell: Int, count: Int) -> Range<Int> {
        // Centre of cell i: i·cell + cell/2. First i with centre ≥ from; last with centre < to.
        let half = cell / 2
        let first = max(0, ceilDivide(from - half, cell))
        let end = min(count, ceilDivide(to - half, cell))
        return first < end ? first..<end : 0..<0
    }

    /// ⌈a / b⌉ for b > 0 and any a.
    private static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }

    private func cells(_ rect: PixelEdges) -> (xs: Range<Int>, ys: Range<Int>) {
        (Self.cells(from: rect.left, to: rect.right, cell: cell, count: columns),
         Self.cells(from: rect.top, to: rect.bottom, cell: cell, count: rows))
    }

    /// Boxes and markers under `rect`: each one's cells inside it, added up.
    func coverage(of rect: PixelEdges) -> Int {
        let (xs, ys) = cells(rect)
        guard !xs.isEmpty, !ys.isEmpty else { return 0 }
        let stride = columns + 2
        return table[ys.upperBound * stride + xs.upperBound] - table[ys.lowerBound * stride + xs.upperBound]
            - table[ys.upperBound * stride + xs.lowerBound] + table[ys.lowerBound * stride + xs.lowerBound]
    }

    /// The cells `a` and `b` share: what `b`, if it is one of the covering rectangles, adds to
    /// ``coverage(of:)`` of `a`.
    func shared(_ a: PixelEdges, _ b: PixelEdges) -> Int {
        let (ax, ay) = cells(a), (bx, by) = cells(b)
        let width = max(0, min(ax.upperBound, bx.upperBound) - max(ax.lowerBound, bx.lowerBound))
        let height = max(0, min(ay.upperBound, by.upperBound) - max(ay.lowerBound, by.lowerBound))
        return width * height
    }

    /// Text cells under `rect`: each text rectangle's cells inside it, added up.
    func textCoverage(of rect: PixelEdges) -> Int {
        let (xs, ys) = cells(rect)
        var sum = 0
        for r in ys { for c in xs { sum += text[r * columns + c] } }
        return sum
    }

    /// What text at `spot` would hide: the boxes and markers under it other than `own` (the box
    /// the text labels), plus text already there, weighted by ``textWeight``.
    func hidden(by spot: PixelEdges, besides own: PixelEdges) -> Int {
        coverage(of: spot) - shared(spot, own) + Self.textWeight * textCoverage(of: spot)
    }

    /// Records text drawn over `rect`.
    mutating func addText(_ rect: PixelEdges) {
        let (xs, ys) = cells(rect)
        for r in ys { for c in xs { text[r * columns + c] += 1 } }
    }
}
