/// A grid of feature vectors over an image, from an ``AppearanceModel``: one vector per cell of
/// `cellWidth × cellHeight` image pixels, row by row.
///
/// The vectors are stored centred on the image's mean vector and scaled to unit length, so that
/// what every cell shares (the photo's overall look) does not make two regions look alike.
///
/// ```swift
/// let map = AppearanceMap(columns: 2, rows: 1, channels: 2, cellWidth: 8, cellHeight: 8,
///                         planes: [1, 0, 0, 1])
/// let left = map.descriptor(of: BoundingBox(x1: 0, y1: 0, x2: 8, y2: 8))
/// ```
public struct AppearanceMap: Sendable {
    /// Cells per row.
    public let columns: Int
    /// Rows of cells.
    public let rows: Int
    /// Values per vector.
    public let channels: Int
    /// Image pixels a cell spans across.
    public let cellWidth: Float
    /// Image pixels a cell spans down.
    public let cellHeight: Float
    /// Per cell (row by row), its centred unit vector.
    private let cells: [Float]

    /// A map of `columns × rows` cells from `planes`, channel-major (`channels` planes of
    /// `rows × columns` values, as a network's layer writes them).
    public init(columns: Int, rows: Int, channels: Int, cellWidth: Float, cellHeight: Float, planes: [Float]) {
        precondition(columns > 0 && rows > 0 && channels > 0 && planes.count == columns * rows * channels,
                     "planes must hold columns × rows × channels values")
        self.columns = columns
        self.rows = rows
        self.channels = channels
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        let cellCount = columns * rows
        var mean = [Float](repeating: 0, count: channels)
        for channel in 0..<channels {
            var sum: Float = 0
            for cell in 0..<cellCount { sum += planes[channel * cellCount + cell] }
            mean[channel] = sum / Float(cellCount)
        }
        var cells = [Float](repeating: 0, count: cellCount * channels)
        for cell in 0..<cellCount {
            var norm: Float = 0
            for channel in 0..<channels {
                let value = planes[channel * cellCount + cell] - mean[channel]
                cells[cell * channels + channel] = value
                norm += value * value
            }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for channel in 0..<channels { cells[cell * channels + channel] *= scale }
        }
        self.cells = cells
    }

    /// The unit vector describing `box` (image pixels): the mean of the cells it covers (at
    /// least the one its top-left corner lies in), scaled to unit length.
    public func descriptor(of box: BoundingBox) -> [Float] {
        func span(_ low: Float, _ high: Float, cell: Float, count: Int) -> Range<Int> {
            let first = min(count - 1, max(0, Int((low / cell).rounded(.down))))
            let end = min(count, max(first + 1, Int((high / cell).rounded())))
            return first..<end
        }
        var sum = [Float](repeating: 0, count: channels)
        for row in span(box.y1, box.y2, cell: cellHeight, count: rows) {
            for column in span(box.x1, box.x2, cell: cellWidth, count: columns) {
                let base = (row * columns + column) * channels
                for channel in 0..<channels { sum[channel] += cells[base + channel] }
            }
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? sum.map { $0 / norm } : sum
    }

    /// The cosine similarity of two descriptors (−1...1; 1: the same appearance).
    public func similarity(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
