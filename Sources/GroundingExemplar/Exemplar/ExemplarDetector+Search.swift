import GroundingCore
import GroundingImageIO

/// The search itself: the correlation maps computed block by block (``BlockPlan``), so that
/// matching holds a bounded amount of memory on any image, coarse to fine.
extension ExemplarDetector {
    /// The bytes one block of the correlation may hold at once, by default (see ``BlockPlan``):
    /// 64 MB, about 1.7 megapixels of the working image at ~37 bytes a pixel, so that a photo
    /// of up to ~1.7 MP at the working scale is one block.
    package static let defaultWorkingBudget = 64 << 20

    /// The most local maxima of the response one search keeps, the strongest (16 MB at most; see
    /// ``PeakCandidates``): far more than the engine's 20,000 candidates per region, so the answer
    /// is unchanged unless more than this many positions are local maxima above the threshold.
    static let maximumCandidates = 1 << 18

    /// The block plans of the coarse search (nil when there is none) and of the fine one for a
    /// `inputWidth × inputHeight` input, within ``workingBudget``.
    package func blockPlans(inputWidth: Int, inputHeight: Int) -> (coarse: BlockPlan?, fine: BlockPlan) {
        let fine = plan(for: CorrelationMap(planeWidth: inputWidth, planeHeight: inputHeight, templates: templates,
                                            minimumContrast: options.minimumContrast), halved: false)
        guard !coarseTemplates.isEmpty else { return (nil, fine) }
        let coarse = CorrelationMap(planeWidth: inputWidth / 2, planeHeight: inputHeight / 2, templates: coarseTemplates,
                                    minimumContrast: options.minimumContrast)
        return (plan(for: coarse, halved: true), fine)
    }

    /// The matches in `image` (at the working scale), in input pixels, as
    /// ``detect(_:scoreThreshold:)`` describes them; with `exhaustive`, from the full-scale
    /// response everywhere instead of coarse to fine.
    func matches(in image: WorkingImage, scoreThreshold: Float, exhaustive: Bool) throws(PostprocessError) -> [Detection] {
        let fine = CorrelationMap(planeWidth: image.width, planeHeight: image.height, templates: templates,
                                  minimumContrast: options.minimumContrast)
        var near: SeedNeighbourhoods?
        if !exhaustive && !coarseTemplates.isEmpty {
            let coarse = CorrelationMap(planeWidth: image.width / 2, planeHeight: image.height / 2,
                                        templates: coarseTemplates, minimumContrast: options.minimumContrast)
            let seeds = peaks(of: coarse, in: image, halved: true, threshold: scoreThreshold - Self.coarseMargin,
                              distance: options.peakDistance / 2, near: nil)
            near = SeedNeighbourhoods(seeds.map { seed in
                // The fine position whose window has the coarse window's centre.
                let centre = coarse.centre(x: seed.x, y: seed.y)
                let x = Int((2 * centre.x - Float(fine.originX) - Float(fine.windowWidth) / 2).rounded())
                let y = Int((2 * centre.y - Float(fine.originY) - Float(fine.windowHeight) / 2).rounded())
                return (min(max(0, x), fine.width - 1), min(max(0, y), fine.height - 1))
            }, radius: Self.refineRadius)
        }
        // An object cut by the photo's edge is boxed where it shows.
        let (width, height) = (Float(image.width), Float(image.height))
        let matches = peaks(of: fine, in: image, halved: false, threshold: scoreThreshold, distance: options.peakDistance,
                            near: near).map { peak in
            let template = templates[peak.template]
            let left = Float(peak.x + fine.originX + (fine.windowWidth - template.width) / 2)
            let top = Float(peak.y + fine.originY + (fine.windowHeight - template.height) / 2)
            return Detection(box: BoundingBox(x1: max(0, left), y1: max(0, top), x2: min(width, left + Float(template.width)),
                                              y2: min(height, top + Float(template.height))),
                             classIndex: 0, score: min(1, peak.score))
        }
        // A match lying almost wholly inside a larger one is a part of that object (a smaller size
        // matched on its body, or a copy cut by the edge), which the peaks' centre distance can
        // miss: the engine's NMS, ranked by area and measuring the share of the smaller box inside.
        let bySize = matches.map { Detection(box: $0.box, classIndex: 0, score: $0.box.area) }
        let kept = try nonMaxSuppression(bySize, options: SuppressionOptions(iouThreshold: Self.nestedShare,
                                                                            metric: .intersectionOverSmaller, classAware: false))
        return kept.sorted().map { matches[$0] }
    }

    /// The share of a match's box inside a larger match's above which it is a part of that object.
    static let nestedShare: Float = 0.8

    /// The chosen peaks of `map` over `image` (read halved for the coarse map), computed block by
    /// block at every position, or only at the positions `near` seeds when given.
    private func peaks(of map: CorrelationMap, in image: WorkingImage, halved: Bool, threshold: Float, distance: Float,
                       near: SeedNeighbourhoods?) -> [ResponsePeak] {
        var candidates = PeakCandidates(capacity: Self.maximumCandidates)
        for block in plan(for: map, halved: halved).blocks {
            // Grown by one position, cut to the map: a block's local maxima need its neighbours.
            let x1 = max(0, block.x - 1), y1 = max(0, block.y - 1)
            let x2 = min(map.width, block.x + block.width + 1), y2 = min(map.height, block.y + block.height + 1)
            let grown = PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1)
            let positions = near?.positions(in: grown)
            if let positions, positions.isEmpty { continue }
            let scores = map.scores(of: grown, plane: image.plane(map.planeRect(under: grown), halved: halved),
                                    positions: positions)
            scores.addLocalMaxima(in: block, threshold: threshold, to: &candidates)
        }
        return candidates.selected(templates: map.templates, distance: distance, mapWidth: map.width)
    }

    /// The plan that keeps each of `map`'s blocks within ``workingBudget``.
    private func plan(for map: CorrelationMap, halved: Bool) -> BlockPlan {
        BlockPlan(BlockFootprint(mapWidth: map.width, mapHeight: map.height, windowWidth: map.windowWidth,
                                 windowHeight: map.windowHeight, templateCount: map.templates.count, halved: halved),
                  budget: workingBudget)
    }
}

/// The positions of a correlation map within `radius` (in each direction) of seed positions:
/// where the fine search computes the response.
struct SeedNeighbourhoods: Sendable {
    /// The seeds, top to bottom.
    private let seeds: [(x: Int, y: Int)]
    /// How far around a seed positions are wanted.
    let radius: Int

    /// The neighbourhoods of `seeds` (map positions).
    init(_ seeds: [(x: Int, y: Int)], radius: Int) {
        self.seeds = seeds.sorted { $0.y < $1.y }
        self.radius = radius
    }

    /// The wanted positions in `rect` of the map, as indices into it, row by row, each once.
    func positions(in rect: PixelRect) -> [Int] {
        // The first seed whose neighbourhood reaches the rectangle's top row.
        var low = 0, high = seeds.count
        while low < high {
            let middle = (low + high) / 2
            if seeds[middle].y + radius < rect.y { low = middle + 1 } else { high = middle }
        }
        var wanted = [Bool](repeating: false, count: rect.width * rect.height)
        for seed in seeds[low...] {
            guard seed.y - radius < rect.y + rect.height else { break }
            let x1 = max(rect.x, seed.x - radius), x2 = min(rect.x + rect.width - 1, seed.x + radius)
            let y1 = max(rect.y, seed.y - radius), y2 = min(rect.y + rect.height - 1, seed.y + radius)
            guard x1 <= x2, y1 <= y2 else { continue }
            for y in y1...y2 {
                for x in x1...x2 { wanted[(y - rect.y) * rect.width + x - rect.x] = true }
            }
        }
        return wanted.indices.filter { wanted[$0] }
    }
}
