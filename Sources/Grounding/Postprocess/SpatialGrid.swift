/// A spatial index of boxes for the greedy postprocesses: a query visits only the stored boxes
/// that can intersect a given box, so a pass over n boxes costs near O(n) instead of O(n²).
///
/// Boxes are binned by size into levels whose cells double in size (the first cell size near the
/// smallest box); a box lives in the one cell of its level holding its top-left corner. A box
/// that intersects a query box therefore has its corner at most one cell size above or left of
/// the query, so each level is searched over a small window of cells. Big boxes land in coarse
/// levels and never fill many cells; the last level is a single cell that holds anything.
/// When a window would cover more cells than its level holds boxes (a huge query box), the level's
/// boxes are walked directly instead, so no query costs more than the boxes stored.
///
/// Storage is intrusive linked lists in preallocated arrays: inserting or querying allocates
/// nothing. Items are ranks (`Int32`) below the capacity given at creation.
package struct SpatialGrid: ~Copyable {
    private struct Level {
        var cellSize: Double
        var inverseCellSize: Double
        var columns: Int
        var rows: Int
        var firstCell: Int
        var count = 0
        var first: Int32 = -1
        var minArea = Double.infinity
        var maxArea = -Double.infinity

        /// The cell column (or row, given `rows`) of coordinate `offset` from the origin, clamped.
        @inline(__always)
        func cell(_ offset: Double, limit: Int) -> Int {
            let scaled = offset * inverseCellSize
            guard scaled > 0 else { return 0 }
            return scaled >= Double(limit - 1) ? limit - 1 : Int(scaled)
        }
    }

    private var levels: [Level] = []
    /// Indices of the levels holding at least one box.
    private var occupied: [Int] = []
    private var originX = 0.0
    private var originY = 0.0
    private var heads: UnsafeMutableBufferPointer<Int32>
    private let nextInCell: UnsafeMutableBufferPointer<Int32>
    private let nextInLevel: UnsafeMutableBufferPointer<Int32>

    /// Creates an empty index for items `0..<capacity`.
    package init(capacity: Int) {
        heads = .allocate(capacity: 16)
        nextInCell = .allocate(capacity: max(capacity, 1))
        nextInLevel = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        heads.deallocate()
        nextInCell.deallocate()
        nextInLevel.deallocate()
    }

    /// Empties the index and lays out its levels for the boxes of `ranks`, which are the ones
    /// that may be inserted next. Costs O(ranks.count).
    package mutating func reset(for ranks: ArraySlice<Int32>, corners: UnsafeBufferPointer<SIMD4<Double>>) {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        var smallest = Double.infinity
        for rank in ranks {
            let box = corners[Int(rank)]
            minX = min(minX, box.x)
            minY = min(minY, box.y)
            maxX = max(maxX, box.x)
            maxY = max(maxY, box.y)
            let side = max(box.z - box.x, box.w - box.y)
            if side > 0 { smallest = min(smallest, side) }
        }
        levels.removeAll(keepingCapacity: true)
        occupied.removeAll(keepingCapacity: true)
        guard !ranks.isEmpty else { return }
        originX = minX
        originY = minY
        let spanX = maxX - minX, spanY = maxY - minY

        // Start near the smallest box, but never with more than about four cells per box: finer
        // cells only cost memory and empty cells to walk.
        var cellSize = smallest.isFinite ? smallest : max(spanX, spanY, 1)
        let cellBudget = Double(4 * ranks.count + 16)
        while (spanX / cellSize + 1) * (spanY / cellSize + 1) > cellBudget { cellSize *= 2 }

        var cells = 0
        while true {
            let columns = Int(spanX / cellSize) + 1, rows = Int(spanY / cellSize) + 1
            levels.append(Level(cellSize: cellSize, inverseCellSize: 1 / cellSize,
                                columns: columns, rows: rows, firstCell: cells))
            cells += columns * rows
            if columns == 1 && rows == 1 { break }
            cellSize *= 2
        }
        if heads.count < cells {
            heads.deallocate()
            heads = .allocate(capacity: cells)
        }
        heads.initialize(repeating: -1)
    }

    /// Adds item `rank` with box `box` (`x1, y1, x2, y2`) of area `area`.
    package mutating func insert(_ rank: Int32, box: SIMD4<Double>, area: Double) {
        let side = max(box.z - box.x, box.w - box.y)
        var index = 0
        while index < levels.count - 1 && side > levels[index].cellSize { index += 1 }
        let column = levels[index].cell(box.x - originX, limit: levels[index].columns)
        let row = levels[index].cell(box.y - originY, limit: levels[index].rows)
        let cell = levels[index].firstCell + row * levels[index].columns + column
        nextInCell[Int(rank)] = heads[cell]
        heads[cell] = rank
        nextInLevel[Int(rank)] = levels[index].first
        levels[index].first = rank
        if levels[index].count == 0 { occupied.append(index) }
        levels[index].count += 1
        levels[index].minArea = min(levels[index].minArea, area)
        levels[index].maxArea = max(levels[index].maxArea, area)
    }

    /// Calls `body` with every stored item that may intersect `box` (a superset of those that
    /// do) and whose area is inside `areas.lower <.. areas.upper` level-wise, until `body` returns
    /// true. Returns whether it did.
    @inline(__always)
    package func first(near box: SIMD4<Double>, areas: (lower: Double, upper: Double),
                       where body: (Int32) -> Bool) -> Bool {
        for index in occupied {
            let level = levels[index]
            if level.maxArea <= areas.lower || level.minArea >= areas.upper { continue }
            let column0 = level.cell(box.x - level.cellSize - originX, limit: level.columns)
            let column1 = level.cell(box.z - originX, limit: level.columns)
            let row0 = level.cell(box.y - level.cellSize - originY, limit: level.rows)
            let row1 = level.cell(box.w - originY, limit: level.rows)
            guard column1 >= column0, row1 >= row0 else { continue }
            if (column1 - column0 + 1) * (row1 - row0 + 1) > level.count {
                var item = level.first
                while item >= 0 {
                    if body(item) { return true }
                    item = nextInLevel[Int(item)]
                }
                continue
            }
            for row in row0...row1 {
                let rowStart = level.firstCell + row * level.columns
                for cell in (rowStart + column0)...(rowStart + column1) {
                    var item = heads[cell]
                    while item >= 0 {
                        if body(item) { return true }
                        item = nextInCell[Int(item)]
                    }
                }
            }
        }
        return false
    }
}
