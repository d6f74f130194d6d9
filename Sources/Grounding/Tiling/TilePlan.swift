/// The regions of an image a detector runs on: SAHI-style overlapping slices, optionally plus
/// one pass over the whole image for objects larger than a slice.
///
/// Slices cover every pixel, the last row and column of slices are flush with the image's
/// borders (no slice hangs outside it), and neighbours overlap by at least
/// `⌈overlap · tileSize⌉` pixels. Slices are spread evenly between the first and the last one,
/// listed row by row.
///
/// ```swift
/// let plan = try TilePlan(imageWidth: 4032, imageHeight: 3024, tileSize: 1008, overlap: 0.2, includeFullImage: true)
/// for batch in plan.batches(of: 4) {
///     // preprocess each region of `batch` into one slot of a 4-image tensor
/// }
/// ```
public struct TilePlan: Sendable, Hashable {
    /// Width of the planned image.
    public var imageWidth: Int
    /// Height of the planned image.
    public var imageHeight: Int
    /// The slices, row by row.
    public var tiles: [PixelRect]
    /// True when a whole-image pass is run besides the slices. Never true for a single slice
    /// (that slice is already the whole image).
    public var includesFullImage: Bool

    /// Allowed tile sizes, in pixels.
    public static let tileSizeRange = 32...8192
    /// Allowed overlaps, as a fraction of the tile size.
    public static let overlapRange: ClosedRange<Float> = 0...0.9
    /// The most tiles a plan may have, so that a huge image with tiny tiles cannot exhaust memory.
    public static let maximumTileCount = 4096

    /// Plans square slices of `tileSize` (shrunk to the image's side where the image is smaller)
    /// overlapping by at least `⌈overlap · tileSize⌉` pixels.
    ///
    /// - Parameter includeFullImage: also run on the whole image (ignored when one slice is
    ///   already the whole image).
    public init(imageWidth: Int, imageHeight: Int, tileSize: Int, overlap: Float, includeFullImage: Bool) throws(TilingError) {
        guard imageWidth > 0 && imageHeight > 0 else { throw .emptyImage(width: imageWidth, height: imageHeight) }
        guard Self.tileSizeRange.contains(tileSize) else { throw .invalidTileSize(tileSize) }
        guard Self.overlapRange.contains(overlap) else { throw .invalidOverlap(overlap) }
        let columns = Self.sliceCount(length: imageWidth, tile: tileSize, overlap: overlap)
        let rows = Self.sliceCount(length: imageHeight, tile: tileSize, overlap: overlap)
        // Counted before anything is allocated, without overflow for absurd image sizes.
        let (count, overflow) = columns.multipliedReportingOverflow(by: rows)
        guard !overflow && count <= Self.maximumTileCount else { throw .tooManyTiles(overflow ? Int.max : count) }
        let xs = Self.positions(length: imageWidth, tile: tileSize, count: columns)
        let ys = Self.positions(length: imageHeight, tile: tileSize, count: rows)
        let width = min(tileSize, imageWidth)
        let height = min(tileSize, imageHeight)
        self.init(imageWidth: imageWidth, imageHeight: imageHeight,
                  tiles: ys.flatMap { y in xs.map { x in PixelRect(x: x, y: y, width: width, height: height) } },
                  includesFullImage: includeFullImage && columns * rows > 1)
    }

    private init(imageWidth: Int, imageHeight: Int, tiles: [PixelRect], includesFullImage: Bool) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.tiles = tiles
        self.includesFullImage = includesFullImage
    }

    /// The plan for an image fed to a `inputWidth × inputHeight` detector.
    ///
    /// - The whole image only, when its long side is at most twice the input's long side: the
    ///   downscale is mild enough that slicing gains little.
    /// - Otherwise square slices of `max(input long side, ⌈image long side / 4⌉)`, overlapping by
    ///   `overlap` (default 0.2), plus a whole-image pass for objects larger than a slice. With 0.2 a
    ///   quarter-side slice makes five slices along the long side (4032×3024: 5 × 4 slices of
    ///   1008, each shrunk 2.4× instead of the whole image's 9.7×); slices are never smaller
    ///   than the input, so they are never upscaled.
    public static func automatic(imageWidth: Int, imageHeight: Int, inputWidth: Int, inputHeight: Int,
                                 overlap: Float = 0.2) throws(TilingError) -> TilePlan {
        guard imageWidth > 0 && imageHeight > 0 else { throw .emptyImage(width: imageWidth, height: imageHeight) }
        let imageLong = max(imageWidth, imageHeight)
        let inputLong = max(inputWidth, inputHeight)
        if imageLong <= 2 * inputLong {
            return TilePlan(imageWidth: imageWidth, imageHeight: imageHeight,
                            tiles: [PixelRect(width: imageWidth, height: imageHeight)], includesFullImage: false)
        }
        let tile = min(max(inputLong, (imageLong + 3) / 4), tileSizeRange.upperBound)
        return try TilePlan(imageWidth: imageWidth, imageHeight: imageHeight, tileSize: max(tile, tileSizeRange.lowerBound),
                            overlap: overlap, includeFullImage: true)
    }

    /// The regions to run on: the slices, then the whole image if ``includesFullImage``.
    public var regions: [PixelRect] {
        includesFullImage ? tiles + [PixelRect(width: imageWidth, height: imageHeight)] : tiles
    }

    /// ``regions`` in consecutive groups of at most `size`, one group per detector batch.
    public func batches(of size: Int) -> [ArraySlice<PixelRect>] {
        precondition(size > 0, "batch size must be positive")
        let all = regions
        return stride(from: 0, to: all.count, by: size).map { all[$0..<min($0 + size, all.count)] }
    }

    /// The number of slices along one axis: the smallest whose evenly spread starts are at most
    /// `tile − ⌈overlap · tile⌉` apart (see ``positions(length:tile:count:)``).
    private static func sliceCount(length: Int, tile: Int, overlap: Float) -> Int {
        guard length > tile else { return 1 }
        let step = tile - Int((overlap * Float(tile)).rounded(.up))  // ≥ 3: tile ≥ 32, overlap ≤ 0.9
        let travel = length - tile
        return travel / step + (travel % step == 0 ? 0 : 1) + 1
    }

    /// Slice starts along one axis: the first at 0, the last flush with the end, evenly spread.
    ///
    /// The gap between starts is `(length − tile) / (count − 1)` rounded down or up; the step
    /// bound of ``sliceCount(length:tile:overlap:)`` is an integer, so rounding up never takes a
    /// gap past it and never shrinks an overlap below `⌈overlap · tile⌉`.
    private static func positions(length: Int, tile: Int, count: Int) -> [Int] {
        guard count > 1 else { return [0] }
        let travel = length - tile
        return (0..<count).map { $0 * travel / (count - 1) }
    }
}
