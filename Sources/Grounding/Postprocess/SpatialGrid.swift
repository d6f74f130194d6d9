/// A spatial index of boxes for the greedy postprocesses: a query visits only stored boxes that
/// are near a given box and of a compatible size, so a pass over n boxes costs near O(n) instead
/// of O(n²).
///
/// Boxes are binned by width and by height into buckets whose sizes double (starting near the
/// smallest box), and inside a bucket by the cell of a uniform grid, as wide as the bucket's
/// boxes, that holds their top-left corner. A box that intersects a query box has its corner at
/// most one box width left of it (and one height above), so a bucket is searched over a window
/// of a few cells, and buckets whose sizes cannot reach the threshold (``OverlapReach``) are
/// skipped. Because kept boxes of one size barely overlap each other, a window holds few of them
/// however dense the input is. Huge boxes land in buckets with few, huge cells; the last bucket
/// in each direction is a single cell. When a window would cover more cells than its bucket holds
/// boxes, the bucket's boxes are walked directly, so no query costs more than the boxes stored.
///
/// Storage is intrusive linked lists through one preallocated array of entries that carry their
/// box, so a query touches one cache line per box it visits and allocates nothing. Items are
/// ranks (`Int32`); at most `capacity` of them (given at creation) are stored between resets.
package struct SpatialGrid: ~Copyable {
    private struct Bucket {
        var inverseCellWidth: Double
        var inverseCellHeight: Double
        var columns: Int
        var rows: Int
        var firstCell: Int
        var count = 0
        var first: Int32 = -1
        // What the stored boxes span, for skipping and for the search window.
        var widths = (lower: Double.infinity, upper: -Double.infinity)
        var heights = (lower: Double.infinity, upper: -Double.infinity)
        var areas = (lower: Double.infinity, upper: -Double.infinity)

        /// The column of `offset` from the origin, clamped to the grid.
        @inline(__always)
        func column(_ offset: Double) -> Int { Self.clamp(offset * inverseCellWidth, columns) }
        /// The row of `offset` from the origin, clamped to the grid.
        @inline(__always)
        func row(_ offset: Double) -> Int { Self.clamp(offset * inverseCellHeight, rows) }

        @inline(__always)
        private static func clamp(_ scaled: Double, _ limit: Int) -> Int {
            guard scaled > 0 else { return 0 }
            return scaled >= Double(limit - 1) ? limit - 1 : Int(scaled)
        }
    }

    /// A stored box with its links: one cache line.
    private struct Entry {
        var box: SIMD4<Double>
        var area: Double
        var rank: Int32
        var nextInCell: Int32
        var nextInBucket: Int32
    }

    /// Cells per bucket size along each axis.
    private let cellsPerBox = 2.0
    /// Bucket sizes by width (ascending), then by height; bucket `w + h * widthSizes.count`.
    private var widthSizes: [Double] = []
    private var heightSizes: [Double] = []
    private var buckets: [Bucket] = []
    /// Indices of the buckets holding at least one box.
    private var occupied: [Int] = []
    private var originX = 0.0
    private var originY = 0.0
    /// The first entry of each cell, -1 when empty; the cells of all buckets, bucket by bucket.
    private var heads: UnsafeMutableBufferPointer<Int32>
    private let entries: UnsafeMutableBufferPointer<Entry>
    private var entryCount = 0

    /// Creates an empty index for items `0..<capacity`.
    package init(capacity: Int) {
        heads = .allocate(capacity: 16)
        entries = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        heads.deallocate()
        entries.deallocate()
    }

    /// Empties the index and lays out its buckets for the boxes of `ranks`, which are the ones
    /// that may be inserted next. Costs O(ranks.count).
    package mutating func reset(for ranks: ArraySlice<Int32>, corners: UnsafeBufferPointer<SIMD4<Double>>) {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        var narrowest = Double.infinity, shortest = Double.infinity
        for rank in ranks {
            let box = corners[Int(rank)]
            minX = min(minX, box.x)
            minY = min(minY, box.y)
            maxX = max(maxX, box.x)
            maxY = max(maxY, box.y)
            if box.z > box.x { narrowest = min(narrowest, box.z - box.x) }
            if box.w > box.y { shortest = min(shortest, box.w - box.y) }
        }
        widthSizes.removeAll(keepingCapacity: true)
        heightSizes.removeAll(keepingCapacity: true)
        buckets.removeAll(keepingCapacity: true)
        occupied.removeAll(keepingCapacity: true)
        entryCount = 0
        guard !ranks.isEmpty else { return }
        originX = minX
        originY = minY
        let spanX = maxX - minX, spanY = maxY - minY

        // Start near the smallest box, but with no more cells than boxes in the finest bucket:
        // finer cells only cost memory and empty cells to walk.
        var cellWidth = narrowest.isFinite ? narrowest : max(spanX, 1)
        var cellHeight = shortest.isFinite ? shortest : max(spanY, 1)
        let budget = Double(ranks.count + 16)
        while (spanX * cellsPerBox / cellWidth + 1) * (spanY * cellsPerBox / cellHeight + 1) > budget {
            cellWidth *= 2
            cellHeight *= 2
        }
        var columnCounts: [Int] = [], rowCounts: [Int] = []
        while true {
            widthSizes.append(cellWidth)
            columnCounts.append(Int(spanX * cellsPerBox / cellWidth) + 1)
            if columnCounts.last == 1 { break }
            cellWidth *= 2
        }
        while true {
            heightSizes.append(cellHeight)
            rowCounts.append(Int(spanY * cellsPerBox / cellHeight) + 1)
            if rowCounts.last == 1 { break }
            cellHeight *= 2
        }
        var cells = 0
        for (h, rows) in rowCounts.enumerated() {
            for (w, columns) in columnCounts.enumerated() {
                buckets.append(Bucket(inverseCellWidth: cellsPerBox / widthSizes[w],
                                      inverseCellHeight: cellsPerBox / heightSizes[h],
                                      columns: columns, rows: rows, firstCell: cells))
                cells += columns * rows
            }
        }
        if heads.count < cells {
            heads.deallocate()
            heads = .allocate(capacity: cells)
        }
        heads.initialize(repeating: -1)
    }

    /// Adds item `rank` with box `box` (`x1, y1, x2, y2`) of area `area`. Each rank at most once
    /// between resets.
    package mutating func insert(_ rank: Int32, box: SIMD4<Double>, area: Double) {
        let width = max(0, box.z - box.x), height = max(0, box.w - box.y)
        var w = 0, h = 0
        while w < widthSizes.count - 1 && width > widthSizes[w] { w += 1 }
        while h < heightSizes.count - 1 && height > heightSizes[h] { h += 1 }
        let index = w + h * widthSizes.count
        let cell = buckets[index].firstCell + buckets[index].row(box.y - originY) * buckets[index].columns
            + buckets[index].column(box.x - originX)
        let entry = Int32(truncatingIfNeeded: entryCount)
        entries.initializeElement(at: entryCount, to: Entry(box: box, area: area, rank: rank, nextInCell: heads[cell],
                                                          nextInBucket: buckets[index].first))
        entryCount += 1
        heads[cell] = entry
        buckets[index].first = entry
        if buckets[index].count == 0 { occupied.append(index) }
        buckets[index].count += 1
        buckets[index].widths = (min(buckets[index].widths.lower, width), max(buckets[index].widths.upper, width))
        buckets[index].heights = (min(buckets[index].heights.lower, height), max(buckets[index].heights.upper, height))
        buckets[index].areas = (min(buckets[index].areas.lower, area), max(buckets[index].areas.upper, area))
    }

    /// Calls `body` with the rank, box and area of every stored item that may overlap `box`
    /// within `reach` (a superset of those that do), until `body` returns true. Returns whether
    /// it did.
    @inline(__always)
    package func first(near box: SIMD4<Double>, within reach: OverlapReach,
                       where body: (_ rank: Int32, _ box: SIMD4<Double>, _ area: Double) -> Bool) -> Bool {
        for index in occupied {
            let bucket = buckets[index]
            if bucket.widths.upper <= reach.widths.lower || bucket.widths.lower >= reach.widths.upper
                || bucket.heights.upper <= reach.heights.lower || bucket.heights.lower >= reach.heights.upper
                || bucket.areas.upper <= reach.areas.lower || bucket.areas.lower >= reach.areas.upper {
                continue
            }
            let column0 = bucket.column(box.x + reach.margins.x - bucket.widths.upper - originX)
            let column1 = bucket.column(box.z - reach.margins.x - originX)
            let row0 = bucket.row(box.y + reach.margins.y - bucket.heights.upper - originY)
            let row1 = bucket.row(box.w - reach.margins.y - originY)
            guard column1 >= column0, row1 >= row0 else { continue }
            if (column1 - column0 + 1) * (row1 - row0 + 1) > bucket.count {
                var item = bucket.first
                while item >= 0 {
                    let entry = entries[Int(item)]
                    if body(entry.rank, entry.box, entry.area) { return true }
                    item = entry.nextInBucket
                }
                continue
            }
            for row in row0...row1 {
                let rowStart = bucket.firstCell + row * bucket.columns
                for cell in (rowStart + column0)...(rowStart + column1) {
                    var item = heads[cell]
                    while item >= 0 {
                        let entry = entries[Int(item)]
                        if body(entry.rank, entry.box, entry.area) { return true }
                        item = entry.nextInCell
                    }
                }
            }
        }
        return false
    }
}
