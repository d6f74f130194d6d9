import GroundingCompute
import GroundingImageIO

/// How a ``CorrelationMap`` is cut into blocks of positions that are computed one after another,
/// so that what is held at once stays within a byte budget whatever the image and exemplar
/// sizes: one block's grey plane and integral tables, its scores, and the RGB strip it is read
/// through. A photo of ordinary size is one block.
///
/// Of the block shapes that fit the budget it picks the one that reads the fewest plane pixels
/// in all (each block also reads the window's overlap around it): near-square tiles of a few
/// megapixels, longer along a long window.
package struct BlockPlan: Sendable, Hashable {
    /// The blocks, row by row; together they cover the map once.
    package let blocks: [PixelRect]
    /// What computing a block holds, by its size.
    package let footprint: BlockFootprint

    /// What the largest block holds at once, in bytes.
    package var largestBlockBytes: Int {
        blocks.map { footprint.bytes(width: $0.width, height: $0.height) }.max() ?? 0
    }

    /// The plan for the map of `footprint` whose blocks hold at most `budget` bytes each; when
    /// even one position does not fit, the blocks are single positions.
    package init(_ footprint: BlockFootprint, budget: Int) {
        self.footprint = footprint
        let mapWidth = footprint.mapWidth, mapHeight = footprint.mapHeight
        guard mapWidth > 0, mapHeight > 0 else {
            blocks = []
            return
        }
        // For each block height (the whole map's, then halving), the widest block that fits;
        // of those, the shape that reads the fewest plane pixels in all.
        var best: (cost: Int, columns: Int, rows: Int) = (.max, mapWidth, mapHeight)
        var height = mapHeight
        while true {
            if let width = footprint.widest(height: height, budget: budget) {
                let columns = (mapWidth + width - 1) / width, rows = (mapHeight + height - 1) / height
                let even = (width: (mapWidth + columns - 1) / columns, height: (mapHeight + rows - 1) / rows)
                let cost = columns * rows * (even.width + footprint.windowWidth + 1) * (even.height + footprint.windowHeight + 1)
                if cost < best.cost { best = (cost, columns, rows) }
            }
            if height == 1 { break }
            height = (height + 1) / 2
        }
        var blocks: [PixelRect] = []
        for row in 0..<best.rows {
            let y1 = row * mapHeight / best.rows, y2 = (row + 1) * mapHeight / best.rows
            for column in 0..<best.columns {
                let x1 = column * mapWidth / best.columns, x2 = (column + 1) * mapWidth / best.columns
                blocks.append(PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1))
            }
        }
        self.blocks = blocks
    }
}

/// What computing one block of a ``CorrelationMap`` holds at once, by the block's size.
package struct BlockFootprint: Sendable, Hashable {
    /// Positions across the map.
    package let mapWidth: Int
    /// Positions down the map.
    package let mapHeight: Int
    /// The correlation window's width.
    package let windowWidth: Int
    /// The correlation window's height.
    package let windowHeight: Int
    /// The number of templates (columns of the correlation's matrix product).
    package let templateCount: Int
    /// Whether the plane is read halved (each plane pixel from 2×2 pixels of the working image).
    package let halved: Bool
    /// The workers that correlate a block at once, each with its own scratch.
    package var workers = Parallel.defaultWidth

    /// The bytes held at once while a `width × height` block of positions is computed:
    /// - the block grown by one position on each side (its neighbours decide its local maxima):
    ///   a score, a template index, a position index and a wanted flag each (17 bytes);
    /// - the grey plane under the grown block's windows (4 bytes a pixel) and its two Double
    ///   integral tables (16 bytes a pixel);
    /// - the strip of ``WorkingImage/stripRows`` working-image rows it is read through, as RGB
    ///   and grey (16 bytes a pixel), and halved when halved;
    /// - each worker's im2col chunk and products (``CorrelationMap/chunkFloats`` floats, or one
    ///   window when a window is larger).
    package func bytes(width: Int, height: Int) -> Int {
        let grownWidth = min(width + 2, mapWidth), grownHeight = min(height + 2, mapHeight)
        let planeWidth = grownWidth + windowWidth - 1, planeHeight = grownHeight + windowHeight - 1
        let positions = 17 * grownWidth * grownHeight
        let plane = 4 * planeWidth * planeHeight + 16 * (planeWidth + 1) * (planeHeight + 1)
        let factor = halved ? 2 : 1
        let strip = 16 * WorkingImage.stripRows * planeWidth * factor + (halved ? 2 * WorkingImage.stripRows * planeWidth : 0)
        let window = windowWidth * windowHeight
        let chunk = max(1, CorrelationMap.chunkFloats / window)
        let scratch = workers * 4 * chunk * (window + templateCount)
        return positions + plane + strip + scratch
    }

    /// The widest block `height` positions tall that fits in `budget`, or nil when none does.
    func widest(height: Int, budget: Int) -> Int? {
        guard bytes(width: 1, height: height) <= budget else { return nil }
        var fits = 1, tooWide = mapWidth + 1
        while tooWide - fits > 1 {
            let middle = (fits + tooWide) / 2
            if bytes(width: middle, height: height) <= budget { fits = middle } else { tooWide = middle }
        }
        return fits
    }
}
