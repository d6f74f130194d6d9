/// The best zero-mean normalised cross-correlation (`cv2.TM_CCOEFF_NORMED`) of many templates
/// at every position of a plane, and which template gave it.
///
/// All templates are centred in one `windowWidth × windowHeight` window, so one position stands
/// for the same object centre whichever template matched there. The numerator of every template
/// at every position is one matrix product per chunk of positions (im2col of the window × the
/// templates as columns, `BLAS.sgemm`); the image half of the denominator comes from an
/// ``IntegralImage``. It can also be computed at chosen positions only (the fine level of
/// ``ExemplarDetector``'s coarse-to-fine search). A template only scores where it lies wholly
/// inside the plane: the plane is zero-padded so that a small template still reaches the borders.
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
    /// Best score per position, row by row; −1 where no template fits.
    var scores: [Float]
    /// The template that scored best per position.
    var bestTemplates: [Int32]

    /// The im2col chunk of one worker is kept near this many floats (64 KB), so that it is still
    /// in the core's cache when sgemm reads it: on a 1 MP image 16 MB chunks took twice as long.
    static let chunkFloats = 1 << 14

    /// Correlates every template with `plane` at every position, or only at `positions`
    /// (indices into the map, row by row; the others stay −1). `templates` must not be empty.
    ///
    /// A window scores only when its contrast (standard deviation) is at least `minimumContrast`
    /// times the template's: NCC ignores contrast, so faint texture (clouds, water) otherwise
    /// matches anything.
    init(plane: GreyPlane, templates: [ExemplarTemplate], minimumContrast: Float, positions: [Int]? = nil) {
        let windowWidth = templates.map(\.width).max()!, windowHeight = templates.map(\.height).max()!
        let offsets = templates.map { ((windowWidth - $0.width) / 2, (windowHeight - $0.height) / 2) }
        let padLeft = offsets.map(\.0).max()!, padTop = offsets.map(\.1).max()!
        let padRight = zip(templates, offsets).map { windowWidth - $0.width - $1.0 }.max()!
        let padBottom = zip(templates, offsets).map { windowHeight - $0.height - $1.1 }.max()!
        let paddedWidth = plane.width + padLeft + padRight, paddedHeight = plane.height + padTop + padBottom
        self.windowWidth = windowWidth
        self.windowHeight = windowHeight
        originX = -padLeft
        originY = -padTop
        width = max(0, paddedWidth - windowWidth + 1)
        height = max(0, paddedHeight - windowHeight + 1)
        scores = [Float](repeating: -1, count: width * height)
        bestTemplates = [Int32](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return }
        let positions = positions ?? Array(0..<width * height)
        guard !positions.isEmpty else { return }

        var padded = [Float](repeating: 0, count: paddedWidth * paddedHeight)
        for y in 0..<plane.height {
            let row = (y + padTop) * paddedWidth + padLeft
            padded[row..<row + plane.width] = plane.values[y * plane.width..<(y + 1) * plane.width]
        }
        // Templates as the columns of a K × N matrix, each at its offset in the window.
        let k = windowWidth * windowHeight, n = templates.count
        var columns = [Float](repeating: 0, count: k * n)
        for (t, template) in templates.enumerated() {
            let (ox, oy) = offsets[t]
            for y in 0..<template.height {
                for x in 0..<template.width {
                    columns[((y + oy) * windowWidth + x + ox) * n + t] = template.values[y * template.width + x]
                }
            }
        }
        // n·variance of a window must reach this much of the template's n·variance (its norm²);
        // a flat patch correlates with nothing in any case (cv2 would divide by ~0 there).
        let floors = templates.map { max(Double(minimumContrast * $0.norm) * Double(minimumContrast * $0.norm),
                                         Double($0.width * $0.height) * 1e-6) }
        let integral = IntegralImage(plane)
        let chunkSize = max(1, min(positions.count, Self.chunkFloats / k))
        let chunkCount = (positions.count + chunkSize - 1) / chunkSize
        let workers = min(Parallel.processorCount, chunkCount)
        // Per-worker scratch: one chunk of patches and of products each.
        let patches = UnsafeMutablePointer<Float>.allocate(capacity: workers * chunkSize * k)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: workers * chunkSize * n)
        defer {
            patches.deallocate()
            products.deallocate()
        }
        let width = self.width, geometry = (originX, originY)
        padded.withUnsafeBufferPointer { source in
            columns.withUnsafeBufferPointer { columns in
                scores.withUnsafeMutableBufferPointer { scores in
                    bestTemplates.withUnsafeMutableBufferPointer { bestTemplates in
                        // Chunks cover disjoint positions, so workers never write the same score.
                        Parallel.forEach(chunkCount, width: workers) { worker, item in
                            let chunk = positions[item * chunkSize..<min((item + 1) * chunkSize, positions.count)]
                            let patches = patches + worker * chunkSize * k
                            let products = products + worker * chunkSize * n
                            // im2col: row i of the chunk holds the window at position chunk[i].
                            var target = patches
                            for position in chunk {
                                var line = source.baseAddress! + (position / width) * paddedWidth + position % width
                                for _ in 0..<windowHeight {
                                    target.update(from: line, count: windowWidth)
                                    target += windowWidth
                                    line += paddedWidth
                                }
                            }
                            BLAS.sgemm(m: chunk.count, n: n, k: k, a: patches, lda: k,
                                       b: columns.baseAddress!, ldb: n, c: products, ldc: n)
                            Self.score(chunk, products: products, width: width, origin: geometry, templates: templates,
                                       offsets: offsets, floors: floors, plane: plane, integral: integral,
                                       scores: scores, bestTemplates: bestTemplates)
                        }
                    }
                }
            }
        }
    }

    /// The plane point at the centre of the window at position (`x`, `y`).
    func centre(x: Int, y: Int) -> (x: Float, y: Float) {
        (Float(x + originX) + Float(windowWidth) / 2, Float(y + originY) + Float(windowHeight) / 2)
    }

    /// Turns a chunk's numerators into NCC and keeps the best template per position.
    private static func score(_ chunk: ArraySlice<Int>, products: UnsafePointer<Float>, width: Int, origin: (Int, Int),
                              templates: [ExemplarTemplate], offsets: [(Int, Int)], floors: [Double], plane: GreyPlane,
                              integral: IntegralImage, scores: UnsafeMutableBufferPointer<Float>,
                              bestTemplates: UnsafeMutableBufferPointer<Int32>) {
        let n = templates.count
        for (row, position) in chunk.enumerated() {
            let x = position % width, y = position / width
            var best: Float = -1, bestTemplate: Int32 = 0
            for (t, template) in templates.enumerated() {
                let left = x + origin.0 + offsets[t].0, top = y + origin.1 + offsets[t].1
                guard left >= 0, top >= 0, left + template.width <= plane.width,
                      top + template.height <= plane.height else { continue }
                let variance = integral.scaledVariance(x: left, y: top, width: template.width, height: template.height)
                guard variance > floors[t] else { continue }
                let value = products[row * n + t] / (Float(variance.squareRoot()) * template.norm)
                if value > best {
                    best = value
                    bestTemplate = Int32(t)
                }
            }
            scores[position] = best
            bestTemplates[position] = bestTemplate
        }
    }
}
