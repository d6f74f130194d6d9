/// A spatial index of boxes for the greedy postprocesses: a query visits only stored boxes that
/// are near a given box and of a compatible size, so a pass over n boxes costs near O(n) instead
/// of O(n²).
///
/// Boxes are binned by width and by height into buckets whose sizes double (starting near the
/// smallest box), and inside a bucket by the cell of a uniform grid, half as wide as the bucket's
/// boxes, that holds their top-left corner. A box that intersects a query box has its corner at
/// most one box width left of it (and one height above), so a bucket is searched over a window
/// of a few cells, and buckets whose sizes cannot reach the threshold (``OverlapReach``) are
/// skipped. Because kept boxes of one size barely overlap each other, a window holds few of them
/// however dense the input is. Huge boxes land in buckets with few, huge cells; the last bucket
/// in each direction is a single cell. When a window would cover more cells than its bucket holds
/// boxes, the bucket's boxes are walked directly, so no query costs more than the boxes stored.
///
/// ``reset(for:corners:)`` is told every box that may be inserted, so each cell (and each bucket)
/// gets a contiguous run of slots sized for its boxes; an insert fills the next slot of its cell.
/// A query then reads each cell as one short array instead of chasing a linked list through
/// memory, and nothing is allocated after the reset.
package struct SpatialGrid: ~Copyable {
    private struct Bucket {
        var inverseCellWidth: Double
        var inverseCellHeight: Double
        var columns: Int
        var rows: Int
        var firstCell: Int
        /// The bucket's run of slots in `bucketEntries`, and how many are filled.
        var start = 0
        var count = 0
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

    /// A cell's run of slots in `cellEntries`, and how many are filled.
    private struct Slots {
        var start: Int32
        var count: Int32
    }

    /// A stored box: 20 bytes. The box is kept in `Float`, the precision it came in
    /// (``RankedBoxes`` widens it to `Double` exactly), and its area is recomputed the way
    /// ``RankedBoxes`` computes it.
    private struct Entry {
        var x1, y1, x2, y2: Float
        var rank: Int32

        @inline(__always)
        var box: SIMD4<Double> { SIMD4(Double(x1), Double(y1), Double(x2), Double(y2)) }
    }

    /// Cells per bucket size along each axis.
    private static let cellsPerBox = 2.0
    /// Bucket sizes by width (ascending), then by height; bucket `w + h * widthSizes.count`.
    private var widthSizes: [Double] = []
    private var heightSizes: [Double] = []
    private var buckets: [Bucket] = []
    /// Indices of the buckets holding at least one box.
    private var occupied: [Int] = []
    private var originX = 0.0
    private var originY = 0.0
    private var cells: UnsafeMutableBufferPointer<Slots>
    private let cellOfRank: UnsafeMutableBufferPointer<Int32>
    private let bucketOfRank: UnsafeMutableBufferPointer<Int32>
    private let cellEntries: UnsafeMutableBufferPointer<Entry>
    private let bucketEntries: UnsafeMutableBufferPointer<Entry>

    /// Creates an empty index for items `0..<capacity`.
    package init(capacity: Int) {
        let capacity = max(capacity, 1)
        cells = .allocate(capacity: 16)
        cellOfRank = .allocate(capacity: capacity)
        bucketOfRank = .allocate(capacity: capacity)
        cellEntries = .allocate(capacity: capacity)
        bucketEntries = .allocate(capacity: capacity)
    }

    deinit {
        cells.deallocate()
        cellOfRank.deallocate()
        bucketOfRank.deallocate()
        cellEntries.deallocate()
        bucketEntries.deallocate()
    }

    /// Empties the index and lays it out for the boxes of `ranks`: only these may be inserted
    /// until the next reset, each at most once. Costs O(ranks.count).
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
        guard !ranks.isEmpty else { return }
        originX = minX
        originY = minY
        let spanX = maxX - minX, spanY = maxY - minY

        // Start near the smallest box, but with no more cells than boxes in the finest bucket:
        // finer cells only cost memory and empty cells to walk.
        var size = (width: narrowest.isFinite ? narrowest : max(spanX, 1),
                    height: shortest.isFinite ? shortest : max(spanY, 1))
        let budget = Double(ranks.count + 16), scale = Self.cellsPerBox
        while (spanX * scale / size.width + 1) * (spanY * scale / size.height + 1) > budget {
            size = (size.width * 2, size.height * 2)
        }
        var columnCounts: [Int] = [], rowCounts: [Int] = []
        while true {
            widthSizes.append(size.width)
            columnCounts.append(Int(spanX * scale / size.width) + 1)
            if columnCounts.last == 1 { break }
            size.width *= 2
        }
        while true {
            heightSizes.append(size.height)
            rowCounts.append(Int(spanY * scale / size.height) + 1)
            if rowCounts.last == 1 { break }
            size.height *= 2
        }
        var cellCount = 0
        for (h, rows) in rowCounts.enumerated() {
            for (w, columns) in columnCounts.enumerated() {
                buckets.append(Bucket(inverseCellWidth: scale / widthSizes[w], inverseCellHeight: scale / heightSizes[h],
                                      columns: columns, rows: rows, firstCell: cellCount))
                cellCount += columns * rows
            }
        }
        if cells.count < cellCount {
            cells.deallocate()
            cells = .allocate(capacity: cellCount)
        }
        cells.initialize(repeating: Slots(start: 0, count: 0))

        // Count the boxes of every cell and bucket, then hand out runs of slots in order.
        for rank in ranks {
            let box = corners[Int(rank)]
            let index = bucketIndex(width: box.z - box.x, height: box.w - box.y)
            let cell = buckets[index].firstCell + buckets[index].row(box.y - originY) * buckets[index].columns
                + buckets[index].column(box.x - originX)
            cellOfRank[Int(rank)] = Int32(truncatingIfNeeded: cell)
            bucketOfRank[Int(rank)] = Int32(truncatingIfNeeded: index)
            cells[cell].count &+= 1
            buckets[index].count += 1
        }
        var start: Int32 = 0
        for cell in 0..<cellCount {
            let size = cells[cell].count
            cells[cell] = Slots(start: start, count: 0)
            start &+= size
        }
        var bucketStart = 0
        for index in buckets.indices {
            buckets[index].start = bucketStart
            bucketStart += buckets[index].count
            buckets[index].count = 0
        }
    }

    /// Adds item `rank`, one of those given to the last reset, with box `box` (`x1, y1, x2, y2`)
    /// of area `area`.
    package mutating func insert(_ rank: Int32, box: SIMD4<Double>, area: Double) {
        let entry = Entry(x1: Float(box.x), y1: Float(box.y), x2: Float(box.z), y2: Float(box.w), rank: rank)
        let cell = Int(cellOfRank[Int(rank)])
        cellEntries[Int(cells[cell].start &+ cells[cell].count)] = entry
        cells[cell].count &+= 1

        let index = Int(bucketOfRank[Int(rank)])
        bucketEntries[buckets[index].start + buckets[index].count] = entry
        if buckets[index].count == 0 { occupied.append(index) }
        buckets[index].count += 1
        let width = max(0, box.z - box.x), height = max(0, box.w - box.y)
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
        guard !occupied.isEmpty else { return false }
        // The bucket of the query's own size first: the likeliest place for a match that ends
        // the search early.
        let own = bucketIndex(width: box.z - box.x, height: box.w - box.y)
        if buckets[own].count > 0 && search(own, near: box, within: reach, where: body) { return true }
        for index in occupied where index != own {
            if search(index, near: box, within: reach, where: body) { return true }
        }
        return false
    }

    /// The bucket for a box of `width × height`.
    @inline(__always)
    private func bucketIndex(width: Double, height: Double) -> Int {
        var w = 0, h = 0
        while w < widthSizes.count - 1 && width > widthSizes[w] { w += 1 }
        while h < heightSizes.count - 1 && height > heightSizes[h] { h += 1 }
        return w + h * widthSizes.count
    }

    /// ``first(near:within:where:)`` inside bucket `index`.
    @inline(__always)
    private func search(_ index: Int, near box: SIMD4<Double>, within reach: OverlapReach,
                        where body: (_ rank: Int32, _ box: SIMD4<Double>, _ area: Double) -> Bool) -> Bool {
        let bucket = buckets[index]
        if bucket.widths.upper <= reach.widths.lower || bucket.widths.lower >= reach.widths.upper
            || bucket.heights.upper <= reach.heights.lower || bucket.heights.lower >= reach.heights.upper
            || bucket.areas.upper <= reach.areas.lower || bucket.areas.lower >= reach.areas.upper {
            return false
        }
        let column0 = bucket.column(box.x + reach.margins.x - bucket.widths.upper - originX)
        let column1 = bucket.column(box.z - reach.margins.x - originX)
        let row0 = bucket.row(box.y + reach.margins.y - bucket.heights.upper - originY)
        let row1 = bucket.row(box.w - reach.margins.y - originY)
        guard column1 >= column0, row1 >= row0 else { return false }
        if (column1 - column0 + 1) * (row1 - row0 + 1) > bucket.count {
            for slot in bucket.start..<(bucket.start + bucket.count) {
                let entry = bucketEntries[slot]
                if body(entry.rank, entry.box, Self.area(of: entry.box)) { return true }
            }
            return false
        }
        for row in row0...row1 {
            let rowStart = bucket.firstCell + row * bucket.columns
            for cell in (rowStart + column0)...(rowStart + column1) {
                let slots = cells[cell]
                var slot = Int(slots.start)
                let end = slot + Int(slots.count)
                while slot < end {
                    let entry = cellEntries[slot]
                    if body(entry.rank, entry.box, Self.area(of: entry.box)) { return true }
                    slot += 1
                }
            }
        }
        return false
    }

    /// The area of a stored box, computed exactly as ``RankedBoxes/areas``.
    @inline(__always)
    private static func area(of box: SIMD4<Double>) -> Double {
        max(0, box.z - box.x) * max(0, box.w - box.y)
    }
}
