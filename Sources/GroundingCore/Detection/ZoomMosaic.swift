import GroundingImageIO

/// Candidate objects shown to a detector enlarged, many to one input: each candidate's
/// surroundings (a square ``contextScale`` times its longer side, centred on it) resampled into
/// one cell of a grid of ``cellsPerSide`` × ``cellsPerSide`` cells per region the size of the
/// detector's input; the regions stand side by side in ``image``.
///
/// One detector pass then judges up to ``cellsPerSide``² candidates, so checking a hundred costs
/// a dozen passes, not a hundred. YOLO models are trained on mosaics of four photos, so views
/// side by side are a layout they know. A candidate is confirmed by a detection centred in the
/// middle of its cell (``centreFraction``) and about its size (``sizeRange``).
///
/// ```swift
/// let mosaic = ZoomMosaic(candidates: boxes, in: image, regionSide: 416)
/// let found = try detect(mosaic.image, regions: mosaic.regions)   // detections in mosaic pixels
/// let confirmed = mosaic.confirmations(found)                       // per candidate, or nil
/// ```
public struct ZoomMosaic: Sendable {
    /// The cells' pixels: ``regions`` side by side, grey where no candidate is.
    public let image: RGBImage
    /// The squares of ``image`` to run the detector on, one input each.
    public let regions: [PixelRect]
    /// The side of one cell, in pixels of ``image``.
    public let cellSide: Int
    /// Cells along each side of a region.
    public let cellsPerSide: Int
    /// What each cell shows: a square of the source image.
    private let crops: [(x: Float, y: Float, side: Float)]

    /// A cell shows this many times the candidate's longer side: enough of the surroundings to
    /// tell a bird from a white stone, and the candidate a quarter of the cell.
    public static let contextScale: Float = 4
    /// A confirming detection's centre lies in the middle third of the cell (each way).
    public static let centreFraction: Float = 1 / 3
    /// A confirming detection's longer side, as a multiple of the candidate's side in the cell.
    public static let sizeRange: ClosedRange<Float> = 0.5...2

    /// The mosaic of `candidates` (pixels of `image`), in regions of `regionSide` pixels, each
    /// cut into `cellsPerSide`² cells.
    ///
    /// - Precondition: `regionSide >= cellsPerSide >= 1`.
    public init(candidates: [BoundingBox], in image: RGBImage, regionSide: Int, cellsPerSide: Int = 3) {
        precondition(cellsPerSide >= 1 && regionSide >= cellsPerSide, "a region holds at least one cell of one pixel")
        let cellSide = regionSide / cellsPerSide
        let perRegion = cellsPerSide * cellsPerSide
        let regionCount = (candidates.count + perRegion - 1) / perRegion
        let width = regionCount * regionSide
        // Mid-grey where no candidate is: what letterboxing pads with, nothing to detect.
        var mosaic = RGBImage(width: width, height: regionCount > 0 ? regionSide : 0,
                              filledWith: RGBPixel(red: 114, green: 114, blue: 114))
        var crops: [(x: Float, y: Float, side: Float)] = []
        crops.reserveCapacity(candidates.count)
        for (index, box) in candidates.enumerated() {
            let side = Self.contextScale * max(box.width, box.height, 1)
            let (cx, cy) = box.center
            crops.append((cx - side / 2, cy - side / 2, side))
            let view = RotatedCrop(centerX: cx, centerY: cy, side: side, angle: 0).tensor(from: image, size: cellSide)
            let (originX, originY) = Self.origin(of: index, cellSide: cellSide, cellsPerSide: cellsPerSide, regionSide: regionSide)
            let plane = cellSide * cellSide
            for v in 0..<cellSide {
                var at = (originY + v) * mosaic.rowStride + originX * 3
                for u in 0..<cellSide {
                    for channel in 0..<3 {
                        let value = view.values[channel * plane + v * cellSide + u]
                        mosaic.pixels[at + channel] = UInt8(min(255, max(0, (value * 255).rounded())))
                    }
                    at += 3
                }
            }
        }
        self.image = mosaic
        self.regions = (0..<regionCount).map { PixelRect(x: $0 * regionSide, y: 0, width: regionSide, height: regionSide) }
        self.cellSide = cellSide
        self.cellsPerSide = cellsPerSide
        self.crops = crops
    }

    /// The top-left corner of candidate `index`'s cell in the mosaic.
    private static func origin(of index: Int, cellSide: Int, cellsPerSide: Int, regionSide: Int) -> (x: Int, y: Int) {
        let perRegion = cellsPerSide * cellsPerSide
        let (region, cell) = index.quotientAndRemainder(dividingBy: perRegion)
        return (region * regionSide + (cell % cellsPerSide) * cellSide, (cell / cellsPerSide) * cellSide)
    }

    /// For each candidate, the best-scoring of `detections` (pixels of ``image``) that confirms
    /// it, mapped back to the source image's pixels; nil for a candidate none confirms.
    public func confirmations(_ detections: [Detection]) -> [Detection?] {
        var best = [Detection?](repeating: nil, count: crops.count)
        guard let regionSide = regions.first?.width else { return best }
        let half = Float(cellSide) / 2
        let candidateSide = Float(cellSide) / Self.contextScale
        for detection in detections {
            let (x, y) = detection.box.center
            guard x >= 0, y >= 0 else { continue }
            let region = Int(x) / regionSide
            let column = (Int(x) - region * regionSide) / cellSide, row = Int(y) / cellSide
            guard column < cellsPerSide, row < cellsPerSide else { continue }
            let index = region * cellsPerSide * cellsPerSide + row * cellsPerSide + column
            guard index < crops.count else { continue }
            let (originX, originY) = Self.origin(of: index, cellSide: cellSide, cellsPerSide: cellsPerSide, regionSide: regionSide)
            let (dx, dy) = (x - Float(originX) - half, y - Float(originY) - half)
            let reach = Self.centreFraction * half
            let side = max(detection.box.width, detection.box.height) / candidateSide
            guard abs(dx) <= reach, abs(dy) <= reach, Self.sizeRange.contains(side),
                  detection.score > best[index]?.score ?? -1 else { continue }
            let crop = crops[index]
            let scale = crop.side / Float(cellSide)
            func back(_ p: (Float, Float)) -> (Float, Float) {
                (crop.x + (p.0 - Float(originX)) * scale, crop.y + (p.1 - Float(originY)) * scale)
            }
            let (x1, y1) = back((detection.box.x1, detection.box.y1)), (x2, y2) = back((detection.box.x2, detection.box.y2))
            best[index] = Detection(box: BoundingBox(x1: x1, y1: y1, x2: x2, y2: y2), classIndex: detection.classIndex,
                                    score: detection.score, foundBy: .exemplar, alsoReadAs: detection.alsoReadAs)
        }
        return best
    }
}
