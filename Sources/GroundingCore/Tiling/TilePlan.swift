import GroundingImageIO

/// The regions of an image a detector runs on: SAHI-style overlapping slices, plus coarser
/// overviews for objects larger than a slice.
///
/// An overview is the whole image; or, for an image longer than an ordinary photo (wider than
/// ``ordinaryAspectRatio``, a panorama or a tall strip), a row of overlapping windows that span
/// its short side, each shaped like such a photo. Every level covers every pixel, the last row
/// and column of a level are flush with the image's borders (no region hangs outside it), and
/// neighbours overlap by at least `⌈overlap · their length⌉` pixels. Regions are spread evenly
/// between the first and the last one, listed row by row.
///
/// ```swift
/// let plan = try TilePlan(imageWidth: 4032, imageHeight: 3024, tileSize: 1008, overlap: 0.2, includeOverview: true)
/// for batch in plan.batches(of: 4) {
///     // preprocess each region of `batch` into one slot of a 4-image tensor
/// }
/// ```
public struct TilePlan: Sendable, Hashable {
    /// Width of the planned image.
    public var imageWidth: Int
    /// Height of the planned image.
    public var imageHeight: Int
    /// The finest regions, row by row: square slices (cut to the image where it is narrower
    /// than a slice), or the whole image or photo-shaped windows of it when it is not sliced.
    public var tiles: [PixelRect]
    /// Coarser regions run besides the slices, in order: the whole image, or the windows of an
    /// image longer than ``ordinaryAspectRatio``. Empty when ``tiles`` are not finer than these.
    public var overviews: [PixelRect]

    /// Allowed tile sizes, in pixels.
    public static let tileSizeRange = 32...8192
    /// Allowed overlaps, as a fraction of the tile size.
    public static let overlapRange: ClosedRange<Float> = 0...0.9
    /// The most tiles a plan may have, so that a huge image with tiny tiles cannot exhaust memory.
    public static let maximumTileCount = 4096
    /// The longest shape planned as one photo, long side over short side: 16:9, the widest common
    /// camera frame. Anything longer is planned as a row of overlapping photos of this shape.
    public static let ordinaryAspectRatio = (long: 16, short: 9)
    /// The most regions (slices and overviews) ``automatic(imageWidth:imageHeight:inputWidth:inputHeight:overlap:)``
    /// plans, so a detector pass costs at most this many network runs (about six times a 12 MP
    /// photo's 21). Only images longer than about 14:1 reach it; their slices grow to stay within.
    public static let maximumAutomaticRegionCount = 128

    /// Plans square slices of `tileSize` (shrunk to the image's side where the image is smaller)
    /// overlapping by at least `⌈overlap · tileSize⌉` pixels.
    ///
    /// - Parameter includeOverview: also run on the whole image, or on the photo-shaped windows
    ///   of an image longer than ``ordinaryAspectRatio`` (see ``overviews``); ignored when one
    ///   slice is already the whole image or the windows would be no larger than a slice.
    public init(imageWidth: Int, imageHeight: Int, tileSize: Int, overlap: Float, includeOverview: Bool) throws(TilingError) {
        guard imageWidth > 0 && imageHeight > 0 else { throw .emptyImage(width: imageWidth, height: imageHeight) }
        guard Self.tileSizeRange.contains(tileSize) else { throw .invalidTileSize(tileSize) }
        guard Self.overlapRange.contains(overlap) else { throw .invalidOverlap(overlap) }
        let slices = Layout(imageWidth: imageWidth, imageHeight: imageHeight,
                            width: tileSize, height: tileSize, overlap: overlap)
        // Counted before anything is allocated, without overflow for absurd image sizes.
        guard slices.count <= Self.maximumTileCount else { throw .tooManyTiles(slices.count) }
        let shape = Shape(width: imageWidth, height: imageHeight)
        let windows = shape.windows(length: max(shape.ordinaryLength, tileSize), overlap: overlap)
        let overviews = includeOverview && slices.count > 1 && windows.longSide > tileSize ? windows.rects : []
        self.init(imageWidth: imageWidth, imageHeight: imageHeight, tiles: slices.rects, overviews: overviews)
    }

    private init(imageWidth: Int, imageHeight: Int, tiles: [PixelRect], overviews: [PixelRect]) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.tiles = tiles
        self.overviews = overviews
    }

    /// The plan for an image fed to a `inputWidth × inputHeight` detector.
    ///
    /// The image is seen as a photo of at most ``ordinaryAspectRatio``: itself, or, when it is
    /// longer, each of a row of windows of that shape spanning its short side (so a panorama is
    /// cut at the scale of a photo of its height, not of its length). With `P` that photo's long
    /// side (the image's own for an ordinary photo, `16/9 · short side` otherwise):
    ///
    /// - When `P` is at most twice the input's long side, the photo is run whole: the downscale
    ///   is mild enough that slicing gains little.
    /// - Otherwise square slices of `max(input long side, ⌈P / 4⌉)`, overlapping by `overlap`
    ///   (default 0.2), plus the photo-sized overviews for objects larger than a slice. With 0.2
    ///   a quarter-side slice makes five slices along a photo's long side (4032×3024: 5 × 4
    ///   slices of 1008, each shrunk 2.4× instead of the whole image's 9.7×, + the whole image
    ///   = 21 regions); slices are never smaller than the input, so they are never upscaled.
    ///   A 10816×900 panorama is cut like a 1600×900 photo: 33 × 3 slices of 416 (as 1352×900
    ///   gets) and nine 1600×900 windows, 108 regions.
    ///
    /// The cost grows with the image's length over its short side, by about nine regions per
    /// unit of that ratio past 16:9, up to ``maximumAutomaticRegionCount``; past that, `P` grows
    /// (coarser slices and windows) until the plan fits.
    public static func automatic(imageWidth: Int, imageHeight: Int, inputWidth: Int, inputHeight: Int,
                                 overlap: Float = 0.2) throws(TilingError) -> TilePlan {
        guard imageWidth > 0 && imageHeight > 0 else { throw .emptyImage(width: imageWidth, height: imageHeight) }
        guard overlapRange.contains(overlap) else { throw .invalidOverlap(overlap) }
        let shape = Shape(width: imageWidth, height: imageHeight)
        let inputLong = max(inputWidth, inputHeight)
        var photo = min(shape.long, max(shape.ordinaryLength, inputLong))
        while true {
            let windows = shape.windows(length: photo, overlap: overlap)
            var tiles = windows, overviews: Layout?
            if photo > 2 * inputLong {
                let tile = min(max(inputLong, (photo + 3) / 4, tileSizeRange.lowerBound), tileSizeRange.upperBound)
                tiles = Layout(imageWidth: imageWidth, imageHeight: imageHeight, width: tile, height: tile, overlap: overlap)
                overviews = windows.longSide > tile ? windows : nil
            }
            let (total, overflow) = tiles.count.addingReportingOverflow(overviews?.count ?? 0)
            if !overflow && total <= maximumAutomaticRegionCount {
                return TilePlan(imageWidth: imageWidth, imageHeight: imageHeight,
                                tiles: tiles.rects, overviews: overviews?.rects ?? [])
            }
            guard photo < shape.long else { throw .tooManyTiles(overflow ? .max : total) }
            photo = min(shape.long, photo + photo / 8 + 1)
        }
    }

    /// Square slices of `tileSize` overlapping by at least `overlap` over `area` of an image (a
    /// closer look's part of a photo), in that image's pixels; nil for a size or overlap out of range.
    public static func slices(over area: PixelRect, tileSize: Int, overlap: Float) -> [PixelRect]? {
        guard let plan = try? TilePlan(imageWidth: area.width, imageHeight: area.height, tileSize: tileSize, overlap: overlap,
                                       includeOverview: false) else { return nil }
        return plan.tiles.map { PixelRect(x: $0.x + area.x, y: $0.y + area.y, width: $0.width, height: $0.height) }
    }

    /// The regions to run on: the slices, then the overviews.
    public var regions: [PixelRect] {
        tiles + overviews
    }

    /// True when the overview is the whole image in one region.
    public var includesFullImage: Bool {
        overviews == [PixelRect(width: imageWidth, height: imageHeight)]
    }

    /// ``regions`` in consecutive groups of at most `size`, one group per detector batch.
    public func batches(of size: Int) -> [ArraySlice<PixelRect>] {
        precondition(size > 0, "batch size must be positive")
        let all = regions
        return stride(from: 0, to: all.count, by: size).map { all[$0..<min($0 + size, all.count)] }
    }
}

extension TilePlan {
    /// An image's long and short sides, and its photo-shaped windows.
    private struct Shape {
        let width: Int
        let height: Int
        var long: Int { max(width, height) }
        var short: Int { min(width, height) }

        /// The long side of an ordinary photo with this short side (rounded up), or the image's
        /// own long side when it is no longer than that.
        var ordinaryLength: Int {
            let (long, short) = (TilePlan.ordinaryAspectRatio.long, TilePlan.ordinaryAspectRatio.short)
            let (product, overflow) = self.short.multipliedReportingOverflow(by: long)
            return overflow ? self.long : min(self.long, product / short + (product % short == 0 ? 0 : 1))
        }

        /// Windows `length` pixels along the long side (at most all of it) and spanning the
        /// short side: the whole image when `length` reaches its long side.
        func windows(length: Int, overlap: Float) -> Layout {
            let length = min(length, long)
            return width >= height
                ? Layout(imageWidth: width, imageHeight: height, width: length, height: height, overlap: overlap)
                : Layout(imageWidth: width, imageHeight: height, width: width, height: length, overlap: overlap)
        }
    }

    /// Regions of one size (cut to the image where it is smaller), overlapping by at least
    /// `⌈overlap · size⌉` on each axis: counted first, built only when asked.
    private struct Layout {
        let imageWidth: Int
        let imageHeight: Int
        /// Region width, at most the image's.
        let width: Int
        /// Region height, at most the image's.
        let height: Int
        let columns: Int
        let rows: Int

        init(imageWidth: Int, imageHeight: Int, width: Int, height: Int, overlap: Float) {
            self.imageWidth = imageWidth
            self.imageHeight = imageHeight
            self.width = min(width, imageWidth)
            self.height = min(height, imageHeight)
            columns = Self.sliceCount(length: imageWidth, region: self.width, overlap: overlap)
            rows = Self.sliceCount(length: imageHeight, region: self.height, overlap: overlap)
        }

        /// The number of regions (`Int.max` when that does not fit in an `Int`).
        var count: Int {
            let (count, overflow) = columns.multipliedReportingOverflow(by: rows)
            return overflow ? .max : count
        }

        /// The longer side of one region.
        var longSide: Int { max(width, height) }

        /// The regions, row by row.
        var rects: [PixelRect] {
            let xs = Self.positions(length: imageWidth, region: width, count: columns)
            let ys = Self.positions(length: imageHeight, region: height, count: rows)
            return ys.flatMap { y in xs.map { x in PixelRect(x: x, y: y, width: width, height: height) } }
        }

        /// The number of regions along one axis: the smallest whose evenly spread starts are at
        /// most `region − ⌈overlap · region⌉` apart (see ``positions(length:region:count:)``).
        private static func sliceCount(length: Int, region: Int, overlap: Float) -> Int {
            guard length > region else { return 1 }
            // At least 1: a region of 1 pixel cannot overlap; ≥ 3 for slices (≥ 32 px, overlap ≤ 0.9).
            let step = max(1, region - Int((overlap * Float(region)).rounded(.up)))
            let travel = length - region
            return travel / step + (travel % step == 0 ? 0 : 1) + 1
        }

        /// Region starts along one axis: the first at 0, the last flush with the end, evenly spread.
        ///
        /// The gap between starts is `(length − region) / (count − 1)` rounded down or up; the
        /// step bound of ``sliceCount(length:region:overlap:)`` is an integer, so rounding up never
        /// takes a gap past it and never shrinks an overlap below `⌈overlap · region⌉`.
        private static func positions(length: Int, region: Int, count: Int) -> [Int] {
            guard count > 1 else { return [0] }
            let travel = length - region
            return (0..<count).map { $0 * travel / (count - 1) }
        }
    }
}
