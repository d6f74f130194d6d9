import GroundingCompute
import GroundingCore
import GroundingImageIO

extension DarknetDetector: AppearanceModel {
    /// Cells at each inner edge of a tile whose features are taken from the next tile instead:
    /// near its edge a cell sees the tile's padding, not the photo around it.
    static let appearanceMarginCells = 4

    /// The largest enlarged image described (pixels): the tiles' cost and memory stay bounded.
    static let maxAppearancePixels = 16_000_000

    /// The output of the network's ``DarknetNetwork/appearanceLayer`` over `image` resized by
    /// `scale`: the resized image is cut into overlapping tiles of the network's input size
    /// (padded as the input spec says past its edge), each run only up to that layer, and the
    /// tiles' grids joined, each cell from the tile where it lies farthest inside.
    public func appearance(of image: RGBImage, scale: Float) throws -> AppearanceMap? {
        guard let layer = network.appearanceLayer else { return nil }
        let input = network.input, features = network.layers[layer].output
        let width = Int((Float(image.width) * scale).rounded()), height = Int((Float(image.height) * scale).rounded())
        guard scale.isFinite, scale > 0, width >= 1, height >= 1, width * height <= Self.maxAppearancePixels else {
            throw DarknetError.inputMismatch(detail: "appearance at scale \(scale) of a \(image.width)×\(image.height) image"
                                             + " is outside 1...\(Self.maxAppearancePixels) pixels")
        }
        let cellWidth = input.width / features.width, cellHeight = input.height / features.height
        var spec = inputSpec
        spec.width = width
        spec.height = height
        spec.resize = .stretch
        let (resized, _) = Preprocessor(spec: spec).tensor(from: image)

        let columns = (width + cellWidth - 1) / cellWidth, rows = (height + cellHeight - 1) / cellHeight
        // Tile origins in cells: each tile's inner margins overlap its neighbours'.
        func tiles(cells: Int, tile: Int) -> [(origin: Int, valid: Range<Int>)] {
            let margin = min(Self.appearanceMarginCells, tile / 4), step = tile - 2 * margin
            let count = cells <= tile ? 1 : 1 + (cells - tile + step - 1) / step
            return (0..<count).map { k in
                let origin = k * step
                let start = k == 0 ? 0 : origin + margin, end = k == count - 1 ? cells : origin + tile - margin
                return (origin, start..<min(cells, end))
            }
        }
        let across = tiles(cells: columns, tile: features.width), down = tiles(cells: rows, tile: features.height)
        let grid = down.flatMap { row in across.map { (row, $0) } }
        let padding = (0..<3).map { (spec.padding - spec.mean[$0]) / spec.std[$0] }
        var planes = [Float](repeating: 0, count: features.channels * rows * columns)
        let planeSize = rows * columns

        for start in stride(from: 0, to: grid.count, by: maxBatchSize) {
            let chunk = grid[start..<min(grid.count, start + maxBatchSize)]
            var batch = PlanarTensor(batch: chunk.count, channels: 3, height: input.height, width: input.width)
            batch.values.withUnsafeMutableBufferPointer { values in
                resized.values.withUnsafeBufferPointer { source in
                    for (slot, (row, column)) in chunk.enumerated() {
                        let x0 = column.origin * cellWidth, y0 = row.origin * cellHeight
                        let copyWidth = max(0, min(input.width, width - x0))
                        for channel in 0..<3 {
                            let plane = values.baseAddress! + (slot * 3 + channel) * input.height * input.width
                            plane.update(repeating: padding[channel], count: input.height * input.width)
                            for y in 0..<min(input.height, height - y0) where copyWidth > 0 {
                                (plane + y * input.width).update(from: source.baseAddress! + (channel * height + y0 + y) * width + x0,
                                                                 count: copyWidth)
                            }
                        }
                    }
                }
            }
            batch.values.withUnsafeBufferPointer { values in
                workspaces.withWorkspace(network: network, batch: chunk.count, threads: threads) { workspace in
                    network.forward(values.baseAddress!, batch: chunk.count, workspace: workspace, through: layer)
                    guard !Cancellation.isRequested else { return }  // the engine sees the flag and throws
                    for (slot, (row, column)) in chunk.enumerated() {
                        let output = workspace.output(of: layer, image: slot, network: network)
                        for channel in 0..<features.channels {
                            for y in row.valid {
                                for x in column.valid {
                                    planes[channel * planeSize + y * columns + x] =
                                        output[(channel * features.height + y - row.origin) * features.width + x - column.origin]
                                }
                            }
                        }
                    }
                }
            }
        }
        return AppearanceMap(columns: columns, rows: rows, channels: features.channels,
                             cellWidth: Float(cellWidth) / scale, cellHeight: Float(cellHeight) / scale, planes: planes)
    }
}
