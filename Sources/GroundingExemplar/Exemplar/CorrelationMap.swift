import GroundingCompute
import GroundingImageIO

/// The best zero-mean normalised cross-correlation (`cv2.TM_CCOEFF_NORMED`) of many templates
/// at every position of a plane, and which template gave it: the map's geometry, and its scores
/// computed one block of positions at a time (``scores(of:plane:positions:)``), so that no
/// plane-sized array is ever needed.
///
/// All templates are centred in one `windowWidth × windowHeight` window, so one position stands
/// for the same object centre whichever template matched there. The numerator of every template
/// at every position is one matrix product per chunk of positions (im2col of the window × the
/// templates as columns, `BLAS.sgemm`); the image half of the denominator comes from an
/// ``IntegralImage``. The plane is zero-padded so that every template reaches past the borders:
/// where a template lies partly outside, it scores by the correlation of its visible part (an
/// object cut by the photo's edge), when at least ``minimumVisibleFraction`` of it is visible.
struct CorrelationMap: Sendable {
    /// Positions across.
    let width: Int
    /// Positions down.
    let height: Int
    /// Window size, the largest template's in each direction.
    let windowWidth: Int
    /// Window height.
    let windowHeight: Int
    /// Plane x of the window's left edge at position column 0 (≤ 0: the padding).
    let originX: Int
    /// Plane y of the window's top edge at position row 0.
    let originY: Int
    /// The plane's width.
    let planeWidth: Int
    /// The plane's height.
    let planeHeight: Int
    /// The templates, each centred in the window.
    let templates: [ExemplarTemplate]
    /// Each template's top-left corner in the window.
    private let offsets: [(x: Int, y: Int)]
    /// The templates as the columns of a `windowWidth · windowHeight × templates.count` matrix.
    private let columns: [Float]
    /// Per template, the least `n · variance` a window needs to score (the contrast floor).
    private let floors: [Double]
    /// Per template, summed-area tables of its zero-mean values, for the part of it that lies
    /// inside the plane at the borders.
    private let templateSums: [IntegralImage]

    /// The least share of a template that must lie inside the plane for it to score there.
    static let minimumVisibleFraction = 0.5

    /// The im2col chunk of one worker is kept near this many floats (64 KB), so that it is still
    /// in the core's cache when sgemm reads it: on a 1 MP image 16 MB chunks took twice as long.
    static let chunkFloats = 1 << 14

    /// The map of `templates` (not empty) over a `planeWidth × planeHeight` plane.
    ///
    /// A window scores only when its contrast (standard deviation) is at least `minimumContrast`
    /// times the template's: NCC ignores contrast, so faint texture (clouds, water) otherwise
    /// matches anything.
    init(planeWidth: Int, planeHeight: Int, templates: [ExemplarTemplate], minimumContrast: Float) {
        let layout = Layout(planeWidth: planeWidth, planeHeight: planeHeight, templates: templates)
        let (windowWidth, windowHeight, offsets) = (layout.windowWidth, layout.windowHeight, layout.offsets)
        self.windowWidth = windowWidth
        self.windowHeight = windowHeight
        self.planeWidth = planeWidth
        self.planeHeight = planeHeight
        self.templates = templates
        self.offsets = offsets
        (originX, originY, width, height) = (layout.originX, layout.originY, layout.width, layout.height)
        // Templates as the columns of a K × N matrix, each at its offset in the window.
        let n = templates.count
        var columns = [Float](repeating: 0, count: windowWidth * windowHeight * n)
        for (t, template) in templates.enumerated() {
            let (ox, oy) = offsets[t]
            for y in 0..<template.height {
                for x in 0..<template.width {
                    columns[((y + oy) * windowWidth + x + ox) * n + t] = template.values[y * template.width + x]
                }
            }
        }
        self.columns = columns
        // n·variance of a window must reach this much of the template's n·variance (its norm²);
        // a flat patch correlates with nothing in any case (cv2 would divide by ~0 there).
        floors = templates.map { max(Double(minimumContrast * $0.norm) * Double(minimumContrast * $0.norm),
                                     Double($0.width * $0.height) * 1e-6) }
        templateSums = templates.map { template in
            var plane = GreyPlane(width: template.width, height: template.height)
            plane.values = template.values
            return IntegralImage(plane)
        }
    }

    /// Where the templates sit in the window and which positions the map has, without the map.
    struct Layout {
        let windowWidth: Int, windowHeight: Int
        let offsets: [(x: Int, y: Int)]
        let originX: Int, originY: Int
        let width: Int, height: Int

        init(planeWidth: Int, planeHeight: Int, templates: [ExemplarTemplate]) {
            self.init(planeWidth: planeWidth, planeHeight: planeHeight, sizes: templates.map(\.size))
        }

        /// The layout of templates of `sizes` (not empty), before they are made.
        init(planeWidth: Int, planeHeight: Int, sizes templates: [(width: Int, height: Int)]) {
            windowWidth = templates.map(\.width).max()!
            windowHeight = templates.map(\.height).max()!
            let (windowWidth, windowHeight) = (windowWidth, windowHeight)
            offsets = templates.map { (x: (windowWidth - $0.width) / 2, y: (windowHeight - $0.height) / 2) }
            // Padding that lets every template reach the borders, then half a window more, so that a
            // template half outside the plane (its visible half an object cut by the edge) is tried.
            let (reachX, reachY) = (windowWidth / 2, windowHeight / 2)
            let padLeft = offsets.map(\.x).max()! + reachX, padTop = offsets.map(\.y).max()! + reachY
            let padRight = zip(templates, offsets).map { windowWidth - $0.width - $1.x }.max()! + reachX
            let padBottom = zip(templates, offsets).map { windowHeight - $0.height - $1.y }.max()! + reachY
            (originX, originY) = (-padLeft, -padTop)
            width = max(0, planeWidth + padLeft + padRight - windowWidth + 1)
            height = max(0, planeHeight + padTop + padBottom - windowHeight + 1)
        }

        /// Multiply-adds of a full search: every template at every position, over the window.
        var multiplyAdds: Double { Double(width * height) * Double(windowWidth * windowHeight) * Double(offsets.count) }
    }

    /// The plane rectangle the windows at the positions of `block` cover; it reaches outside the
    /// plane (into the zero padding) at the map's edges.
    func planeRect(under block: PixelRect) -> PixelRect {
        PixelRect(x: block.x + originX, y: block.y + originY,
                  width: block.width + windowWidth - 1, height: block.height + windowHeight - 1)
    }

    /// The plane point at the centre of the window at position (`x`, `y`).
    func centre(x: Int, y: Int) -> (x: Float, y: Float) {
        (Float(x + originX) + Float(windowWidth) / 2, Float(y + originY) + Float(windowHeight) / 2)
    }

    /// Correlates every template at every position of `block` (a rectangle of the map), or only
    /// at `positions` (indices into the block, row by row; the others stay −1). `plane` holds the
    /// values under ``planeRect(under:)`` of the block, zero outside the plane.
    func scores(of block: PixelRect, plane: GreyPlane, positions: [Int]? = nil) -> CorrelationBlock {
        let planeRect = planeRect(under: block)
        precondition(plane.width == planeRect.width && plane.height == planeRect.height,
                     "a \(plane.width)×\(plane.height) plane is not the \(planeRect.width)×\(planeRect.height) under \(block)")
        var scores = [Float](repeating: -1, count: block.width * block.height)
        var bestTemplates = [Int32](repeating: 0, count: block.width * block.height)
        let count = positions?.count ?? block.width * block.height
        guard count > 0 else { return CorrelationBlock(rect: block, scores: scores, bestTemplates: bestTemplates) }

        let k = windowWidth * windowHeight, n = templates.count
        let integral = IntegralImage(plane)
        let chunkSize = max(1, min(count, Self.chunkFloats / k))
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let workers = min(Parallel.defaultWidth, chunkCount)
        // Per-worker scratch: one chunk of patches and of products each.
        let patches = UnsafeMutablePointer<Float>.allocate(capacity: workers * chunkSize * k)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: workers * chunkSize * n)
        defer {
            patches.deallocate()
            products.deallocate()
        }
        let blockWidth = block.width, planeWidth = plane.width, windowWidth = windowWidth, windowHeight = windowHeight
        plane.values.withUnsafeBufferPointer { source in
            columns.withUnsafeBufferPointer { columns in
                scores.withUnsafeMutableBufferPointer { scores in
                    bestTemplates.withUnsafeMutableBufferPointer { bestTemplates in
                        // Chunks cover disjoint positions, so workers never write the same score.
                        Parallel.forEach(chunkCount, width: workers) { worker, item in
                            let chunk = item * chunkSize..<min((item + 1) * chunkSize, count)
                            let patches = patches + worker * chunkSize * k
                            let products = products + worker * chunkSize * n
                            // im2col: row i of the chunk holds the window at the chunk's i-th position.
                            var target = patches
                            for i in chunk {
                                let position = positions?[i] ?? i
                                var line = source.baseAddress! + (position / blockWidth) * planeWidth + position % blockWidth
                                for _ in 0..<windowHeight {
                                    target.update(from: line, count: windowWidth)
                                    target += windowWidth
                                    line += planeWidth
                                }
                            }
                            BLAS.sgemm(m: chunk.count, n: n, k: k, a: patches, lda: k,
                                       b: columns.baseAddress!, ldb: n, c: products, ldc: n)
                            for (row, i) in chunk.enumerated() {
                                let position = positions?[i] ?? i
                                let best = self.best(at: block.x + position % blockWidth, block.y + position / blockWidth,
                                                     products: products + row * n, integral: integral, planeRect: planeRect)
                                scores[position] = best.score
                                bestTemplates[position] = best.template
                            }
                        }
                    }
                }
            }
        }
        return CorrelationBlock(rect: block, scores: scores, bestTemplates: bestTemplates)
    }

    /// The NCC of the best template at map position (`x`, `y`) from its numerators, and which
    /// template it is; −1 when no template has enough of itself inside the plane there or the
    /// contrast to score. A template partly outside is scored on its visible part: outside, the
    /// plane is zero, so its numerator already sums the visible part only, and both halves of
    /// the denominator and the means come from summed-area tables of that part.
    private func best(at x: Int, _ y: Int, products: UnsafePointer<Float>, integral: IntegralImage,
                      planeRect: PixelRect) -> (score: Float, template: Int32) {
        var best: Float = -1, bestTemplate: Int32 = 0
        for (t, template) in templates.enumerated() {
            let left = x + originX + offsets[t].x, top = y + originY + offsets[t].y
            let value: Float
            if left >= 0, top >= 0, left + template.width <= planeWidth, top + template.height <= planeHeight {
                let variance = integral.scaledVariance(x: left - planeRect.x, y: top - planeRect.y,
                                                       width: template.width, height: template.height)
                guard variance > floors[t] else { continue }
                value = products[t] / (Float(variance.squareRoot()) * template.norm)
            } else {
                // The visible part, in the template's own pixels.
                let x1 = max(0, -left), y1 = max(0, -top)
                let x2 = min(template.width, planeWidth - left), y2 = min(template.height, planeHeight - top)
                guard x2 > x1, y2 > y1 else { continue }
                let visible = (x2 - x1) * (y2 - y1), area = template.width * template.height
                guard Double(visible) >= Self.minimumVisibleFraction * Double(area) else { continue }
                let image = integral.sums(x: left + x1 - planeRect.x, y: top + y1 - planeRect.y, width: x2 - x1, height: y2 - y1)
                let part = templateSums[t].sums(x: x1, y: y1, width: x2 - x1, height: y2 - y1)
                let n = Double(visible)
                let imageVariance = image.squares - image.sum * image.sum / n
                let templateVariance = part.squares - part.sum * part.sum / n
                // The contrast floor and the flatness test, for the share of the template seen.
                guard imageVariance > floors[t] * n / Double(area), templateVariance > n * ExemplarTemplate.flatVariance else { continue }
                value = Float((Double(products[t]) - part.sum * image.sum / n) / (imageVariance * templateVariance).squareRoot())
            }
            if value > best {
                best = value
                bestTemplate = Int32(t)
            }
        }
        return (best, bestTemplate)
    }
}
