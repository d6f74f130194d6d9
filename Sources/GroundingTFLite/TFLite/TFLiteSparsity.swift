/// How a sparse constant tensor stores its values (the schema's `SparsityParameters`), and how
/// to expand them to a dense tensor (what the `DENSIFY` operator does).
///
/// The stored dimensions are visited in ``traversalOrder``: first the tensor's own dimensions
/// (some possibly split into blocks, see ``blockMap``), then the block dimensions. Each visited
/// level is either dense (every coordinate present) or compressed in CSR form: for each position
/// of the level above, `segments[p]..<segments[p + 1]` indexes the `indices` (coordinates) that
/// are present. The stored values follow in that visiting order.
///
/// ```swift
/// // A 2×3 matrix with non-zeros at (0, 1) and (1, 2): dense rows, compressed columns.
/// let sparsity = TFLiteSparsity(traversalOrder: [0, 1], blockMap: [],
///                               levels: [.dense(size: 2), .compressed(segments: [0, 1, 2], indices: [1, 2])])
/// let dense = try sparsity.densify([5, 7], shape: [2, 3], zero: 0, tensor: "w", path: "m.tflite")
/// // [0, 5, 0, 0, 0, 7]
/// ```
package struct TFLiteSparsity: Sendable, Equatable {
    /// How one traversed level is stored.
    package enum Level: Sendable, Equatable {
        /// Every coordinate `0..<size` is present.
        case dense(size: Int)
        /// CSR: the coordinates present under position `p` of the level above are
        /// `indices[segments[p]..<segments[p + 1]]`.
        case compressed(segments: [Int], indices: [Int])
    }

    /// The dimensions in visiting order: `0..<rank` are the tensor's (blocked where
    /// ``blockMap`` says), `rank + j` is the block of dimension `blockMap[j]`.
    package let traversalOrder: [Int]
    /// For each block dimension, the tensor dimension it splits.
    package let blockMap: [Int]
    /// Per traversed level, how it is stored.
    package let levels: [Level]

    /// Creates sparsity parameters.
    package init(traversalOrder: [Int], blockMap: [Int], levels: [Level]) {
        self.traversalOrder = traversalOrder
        self.blockMap = blockMap
        self.levels = levels
    }

    /// Reads a `SparsityParameters` table (fields: 0 traversal_order, 1 block_map, 2 dim_metadata;
    /// a `DimensionMetadata` has 0 format, 1 dense_size, 2/3 array_segments, 4/5 array_indices,
    /// each a `SparseIndexVector` union of int32, uint16 or uint8 vectors).
    init(table: FlatTable) throws(TFLiteError) {
        traversalOrder = try table.integers(0, as: Int32.self, name: table.name + " traversal_order").map(Int.init)
        blockMap = try table.integers(1, as: Int32.self, name: table.name + " block_map").map(Int.init)
        var levels: [Level] = []
        for metadata in try table.tables(2, name: table.name + " dim_metadata") {
            let format = try metadata.scalar(0, default: Int8(0))
            switch format {
            case 0:
                levels.append(.dense(size: Int(try metadata.scalar(1, default: Int32(0)))))
            case 1:
                levels.append(.compressed(segments: try Self.indexVector(metadata, typeField: 2, name: "array_segments"),
                                          indices: try Self.indexVector(metadata, typeField: 4, name: "array_indices")))
            default:
                throw metadata.file.malformed(metadata.name, metadata.position, "unknown dimension format \(format)")
            }
        }
        self.levels = levels
    }

    /// A `SparseIndexVector` union: its type at `typeField`, its table at `typeField + 1`.
    private static func indexVector(_ metadata: FlatTable, typeField: Int, name: String) throws(TFLiteError) -> [Int] {
        let type = try metadata.scalar(typeField, default: UInt8(0))
        guard let vector = try metadata.table(typeField + 1, name: metadata.name + " " + name) else {
            throw metadata.file.malformed(metadata.name, metadata.position, "a compressed dimension has no \(name)")
        }
        switch type {
        case 1: return try vector.integers(0, as: Int32.self, name: vector.name + " values").map(Int.init)
        case 2: return try vector.integers(0, as: UInt16.self, name: vector.name + " values").map(Int.init)
        case 3: return try vector.integers(0, as: UInt8.self, name: vector.name + " values").map(Int.init)
        default: throw metadata.file.malformed(metadata.name, metadata.position, "\(name) has unknown index vector type \(type)")
        }
    }

    /// The dense row-major tensor of `shape` whose non-zero values `values` are stored as these
    /// parameters say; every other element is `zero`. Throws when the parameters do not describe
    /// `shape` or do not account for exactly `values.count` values.
    package func densify<T>(_ values: [T], shape: [Int], zero: T, tensor: String, path: String) throws(TFLiteError) -> [T] {
        func invalid(_ detail: String) -> TFLiteError {
            .invalidGraph(path: path, detail: "sparse tensor \"\(tensor)\": \(detail)")
        }
        let rank = shape.count
        let levelCount = rank + blockMap.count
        guard traversalOrder.count == levelCount, levels.count == levelCount,
              traversalOrder.sorted() == Array(0..<levelCount) else {
            throw invalid("its traversal order \(traversalOrder) and \(levels.count) levels do not describe \(rank) dimensions and \(blockMap.count) blocks")
        }
        guard let denseCount = TFLiteLimits.elementCount(shape) else { throw invalid("shape \(shape) is too large") }
        // The size of every traversed dimension: a blocked dimension counts blocks, a block
        // dimension counts elements within its block.
        var sizes = shape
        for (block, dimension) in blockMap.enumerated() {
            guard dimension >= 0, dimension < rank, case .dense(let blockSize)? = traversalOrder.firstIndex(of: rank + block).map({ levels[$0] }),
                  blockSize > 0, shape[dimension] % blockSize == 0 else {
                throw invalid("block \(block) does not evenly split a dimension of \(shape)")
            }
            sizes[dimension] = shape[dimension] / blockSize
            sizes.append(blockSize)
        }
        var dense = [T](repeating: zero, count: denseCount)
        var coordinates = [Int](repeating: 0, count: levelCount)   // per traversed level
        var original = [Int](repeating: 0, count: levelCount)      // per dimension, then per block
        // Per dimension, the block splitting it (nil: none), looked up once rather than per value.
        let blockOf = (0..<rank).map { blockMap.firstIndex(of: $0) }
        var next = 0                                                // the next stored value
        func visit(level: Int, position: Int) throws(TFLiteError) {
            if level == levelCount {
                guard next < values.count else { throw invalid("its levels list more than the \(values.count) stored values") }
                for (level, dimension) in traversalOrder.enumerated() { original[dimension] = coordinates[level] }
                var index = 0
                for dimension in 0..<rank {
                    var coordinate = original[dimension]
                    if let block = blockOf[dimension] {
                        coordinate = coordinate * sizes[rank + block] + original[rank + block]
                    }
                    index = index * shape[dimension] + coordinate
                }
                dense[index] = values[next]
                next += 1
                return
            }
            let dimensionSize = sizes[traversalOrder[level]]
            switch levels[level] {
            case .dense(let size):
                guard size == dimensionSize else { throw invalid("dense level \(level) has size \(size), its dimension \(dimensionSize)") }
                for coordinate in 0..<size {
                    coordinates[level] = coordinate
                    try visit(level: level + 1, position: position * size + coordinate)
                }
            case .compressed(let segments, let indices):
                guard position + 1 < segments.count else { throw invalid("level \(level) has too few segments") }
                let range = segments[position]..<segments[position + 1]
                guard range.lowerBound >= 0, range.lowerBound <= range.upperBound, range.upperBound <= indices.count else {
                    throw invalid("level \(level) segment \(position) is \(segments[position])..<\(segments[position + 1]), outside its \(indices.count) indices")
                }
                for slot in range {
                    guard indices[slot] >= 0, indices[slot] < dimensionSize else {
                        throw invalid("level \(level) index \(indices[slot]) is outside its dimension of \(dimensionSize)")
                    }
                    coordinates[level] = indices[slot]
                    try visit(level: level + 1, position: slot)
                }
            }
        }
        try visit(level: 0, position: 0)
        guard next == values.count else { throw invalid("its levels list \(next) values, the buffer holds \(values.count)") }
        return dense
    }
}
