import Testing
import Grounding

@Suite struct TilingTests {
    /// How many regions of `plan.tiles` cover each pixel.
    private func coverage(_ plan: TilePlan) -> [Int] {
        var counts = [Int](repeating: 0, count: plan.imageWidth * plan.imageHeight)
        for tile in plan.tiles {
            for y in tile.y..<(tile.y + tile.height) {
                for x in tile.x..<(tile.x + tile.width) { counts[y * plan.imageWidth + x] += 1 }
            }
        }
        return counts
    }

    /// Checks that `rects` are one grid of equal regions inside a `width × height` image: the
    /// first row and column at 0, the last flush with the far borders, neighbours overlapping by
    /// at least `⌈overlap · side⌉` (so every pixel is covered, checked axis by axis, which works
    /// for images too large to count pixel by pixel).
    private func expectGrid(_ rects: [PixelRect], width: Int, height: Int, overlap: Float,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let first = rects.first else { Issue.record("no regions", sourceLocation: sourceLocation); return }
        let image = PixelRect(width: width, height: height)
        #expect(rects.allSatisfy { image.contains($0) && $0.width == first.width && $0.height == first.height },
                sourceLocation: sourceLocation)
        let xs = Array(Set(rects.map(\.x))).sorted(), ys = Array(Set(rects.map(\.y))).sorted()
        #expect(rects.count == xs.count * ys.count, sourceLocation: sourceLocation)
        for (starts, side, length) in [(xs, first.width, width), (ys, first.height, height)] {
            #expect(starts.first == 0 && starts.last! + side == length, sourceLocation: sourceLocation)
            let minimumOverlap = side > 1 ? Int((overlap * Float(side)).rounded(.up)) : 0
            for (a, b) in zip(starts, starts.dropFirst()) {
                #expect(a + side - b >= minimumOverlap, "\(a) and \(b) overlap too little", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [(1000, 700, 256, Float(0.2)), (4032, 3024, 1008, 0.2), (640, 2000, 512, 0.5),
                      (333, 333, 100, 0.0), (700, 300, 128, 0.9), (417, 416, 416, 0.25)])
    func slicesCoverEveryPixelFlushAndOverlapping(width: Int, height: Int, tile: Int, overlap: Float) throws {
        let plan = try TilePlan(imageWidth: width, imageHeight: height, tileSize: tile, overlap: overlap, includeOverview: false)
        #expect(plan.tiles.allSatisfy { $0.width == min(tile, width) && $0.height == min(tile, height) })
        #expect(!coverage(plan).contains(0))
        #expect(plan.overviews.isEmpty)
        expectGrid(plan.tiles, width: width, height: height, overlap: overlap)
    }

    @Test func imageNoLargerThanATileIsOneRegion() throws {
        let plan = try TilePlan(imageWidth: 300, imageHeight: 200, tileSize: 416, overlap: 0.2, includeOverview: true)
        #expect(plan.tiles == [PixelRect(width: 300, height: 200)])
        #expect(plan.overviews.isEmpty && !plan.includesFullImage)
        #expect(plan.regions == [PixelRect(width: 300, height: 200)])
    }

    @Test func automaticKeepsPhotosWholeAndSlicesLargeOnes() throws {
        let photo = try TilePlan.automatic(imageWidth: 773, imageHeight: 512, inputWidth: 416, inputHeight: 416)
        #expect(photo.regions == [PixelRect(width: 773, height: 512)])
        let tiny = try TilePlan.automatic(imageWidth: 20, imageHeight: 10, inputWidth: 416, inputHeight: 416)
        #expect(tiny.regions == [PixelRect(width: 20, height: 10)])

        let large = try TilePlan.automatic(imageWidth: 4032, imageHeight: 3024, inputWidth: 416, inputHeight: 416)
        #expect(large.tiles.count == 5 * 4)  // the example in the documentation
        #expect(large.tiles.allSatisfy { $0.width == 1008 && $0.height == 1008 })
        #expect(large.includesFullImage)
        #expect(large.regions.last == PixelRect(width: 4032, height: 3024))
        #expect(large.regions.count == large.tiles.count + 1)
        #expect(!coverage(large).contains(0))
    }

    /// Ordinary photos up to 16:9 keep the plan they always had: slices of a quarter of the long
    /// side (never below the input), plus the whole image.
    @Test(arguments: [(1352, 900, 416), (1920, 1080, 480), (6000, 4000, 1500), (4000, 4000, 1000), (3024, 4032, 1008),
                      (5120, 2880, 1280), (2880, 5120, 1280)])
    func photosUpTo16By9AreSlicedByAQuarterOfTheLongSide(width: Int, height: Int, slice: Int) throws {
        let plan = try TilePlan.automatic(imageWidth: width, imageHeight: height, inputWidth: 416, inputHeight: 416)
        #expect(plan.tiles.allSatisfy { $0.width == slice && $0.height == slice })
        #expect(plan.overviews == [PixelRect(width: width, height: height)] && plan.includesFullImage)
        expectGrid(plan.tiles, width: width, height: height, overlap: 0.2)
    }

    /// A panorama is cut at the scale of a photo of its height, not of its length: 8 photos of
    /// 1352×900 side by side get the slices one of them gets, and 16:9 windows of its full height
    /// instead of one whole-image pass squeezed 12:1. A tall strip is planned the same way, turned.
    @Test func panoramaIsSlicedLikeAPhotoOfItsHeight() throws {
        let photo = try TilePlan.automatic(imageWidth: 1352, imageHeight: 900, inputWidth: 416, inputHeight: 416)
        let panorama = try TilePlan.automatic(imageWidth: 8 * 1352, imageHeight: 900, inputWidth: 416, inputHeight: 416)
        #expect(panorama.tiles.first?.width == photo.tiles.first?.width && panorama.tiles.first?.height == 416)
        expectGrid(panorama.tiles, width: 8 * 1352, height: 900, overlap: 0.2)
        #expect(panorama.overviews.allSatisfy { $0.height == 900 && $0.width * 9 <= 16 * 900 + 9 })
        expectGrid(panorama.overviews, width: 8 * 1352, height: 900, overlap: 0.2)
        #expect(!panorama.includesFullImage)
        #expect(panorama.regions.count == 33 * 3 + 9)  // the example in the documentation
        #expect(panorama.regions.count <= TilePlan.maximumAutomaticRegionCount)

        let strip = try TilePlan.automatic(imageWidth: 900, imageHeight: 8 * 1352, inputWidth: 416, inputHeight: 416)
        let turned = { (r: PixelRect) in PixelRect(x: r.y, y: r.x, width: r.height, height: r.width) }
        #expect(Set(strip.tiles) == Set(panorama.tiles.map(turned)))
        #expect(Set(strip.overviews) == Set(panorama.overviews.map(turned)))
    }

    /// A long image too short to slice is run as 16:9 windows of its full height, each seen like
    /// a small photo, rather than as slices upscaled to the input.
    @Test func shortPanoramaIsRunAsPhotoShapedWindows() throws {
        let plan = try TilePlan.automatic(imageWidth: 3600, imageHeight: 300, inputWidth: 416, inputHeight: 416)
        #expect(plan.overviews.isEmpty)
        #expect(plan.tiles.allSatisfy { $0.height == 300 && $0.width == 534 })  // ⌈300 · 16 / 9⌉
        expectGrid(plan.tiles, width: 3600, height: 300, overlap: 0.2)
    }

    /// However long the image, an automatic plan stays within its region budget and still
    /// covers every pixel; past the budget the slices grow rather than multiply.
    @Test(arguments: [(30_000, 900), (100_000, 1000), (100_000, 1), (1, 100_000), (200_000, 300), (16 * 900, 900)])
    func automaticPlanCostIsBounded(width: Int, height: Int) throws {
        let plan = try TilePlan.automatic(imageWidth: width, imageHeight: height, inputWidth: 416, inputHeight: 416)
        #expect(plan.regions.count <= TilePlan.maximumAutomaticRegionCount, "\(plan.regions.count) regions")
        expectGrid(plan.tiles, width: width, height: height, overlap: 0.2)
        if !plan.overviews.isEmpty { expectGrid(plan.overviews, width: width, height: height, overlap: 0.2) }
    }

    @Test func slicesGrowPastTheBudget() throws {
        let within = try TilePlan.automatic(imageWidth: 12 * 900, imageHeight: 900, inputWidth: 416, inputHeight: 416)
        let past = try TilePlan.automatic(imageWidth: 30 * 900, imageHeight: 900, inputWidth: 416, inputHeight: 416)
        #expect(within.tiles[0].width == 416)
        #expect(past.tiles[0].width > 416 && past.regions.count <= TilePlan.maximumAutomaticRegionCount)
    }

    @Test func batchesSplitTheRegionsInOrder() throws {
        let plan = try TilePlan(imageWidth: 2000, imageHeight: 1000, tileSize: 512, overlap: 0.2, includeOverview: true)
        let batches = plan.batches(of: 4)
        #expect(batches.dropLast().allSatisfy { $0.count == 4 })
        #expect((1...4).contains(batches.last!.count))
        #expect(batches.flatMap { Array($0) } == plan.regions)
        // 2:1 is longer than 16:9: the overview is two 16:9 windows of the full height.
        #expect(plan.overviews == [PixelRect(x: 0, y: 0, width: 1778, height: 1000), PixelRect(x: 222, y: 0, width: 1778, height: 1000)])
    }

    @Test func invalidParametersAreReported() {
        #expect(throws: TilingError.invalidTileSize(16)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 16, overlap: 0.2, includeOverview: false)
        }
        #expect(throws: TilingError.invalidTileSize(100_000)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 100_000, overlap: 0.2, includeOverview: false)
        }
        #expect(throws: TilingError.invalidOverlap(0.95)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 64, overlap: 0.95, includeOverview: false)
        }
        #expect(throws: TilingError.invalidOverlap(-0.1)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 64, overlap: -0.1, includeOverview: false)
        }
        #expect(throws: TilingError.invalidOverlap(0.95)) {
            try TilePlan.automatic(imageWidth: 5000, imageHeight: 100, inputWidth: 416, inputHeight: 416, overlap: 0.95)
        }
        #expect(throws: TilingError.emptyImage(width: 0, height: 100)) {
            try TilePlan(imageWidth: 0, imageHeight: 100, tileSize: 64, overlap: 0.2, includeOverview: false)
        }
        #expect(throws: TilingError.emptyImage(width: 10, height: 0)) {
            try TilePlan.automatic(imageWidth: 10, imageHeight: 0, inputWidth: 416, inputHeight: 416)
        }
        #expect(throws: TilingError.self) {
            try TilePlan(imageWidth: 1 << 40, imageHeight: 1 << 40, tileSize: 32, overlap: 0.9, includeOverview: false)
        }
        // Even 8192-pixel slices cannot cover a 2⁴⁰-pixel line within the automatic budget.
        #expect(throws: TilingError.self) {
            try TilePlan.automatic(imageWidth: 1 << 40, imageHeight: 1, inputWidth: 416, inputHeight: 416)
        }
        #expect(TilingError.invalidOverlap(0.95).description.contains("0.95"))
        #expect(TilingError.tooManyTiles(9999).description.contains("larger tile size"))
    }
}
