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

    @Test(arguments: [(1000, 700, 256, Float(0.2)), (4032, 3024, 1008, 0.2), (640, 2000, 512, 0.5),
                      (333, 333, 100, 0.0), (700, 300, 128, 0.9), (417, 416, 416, 0.25)])
    func slicesCoverEveryPixelFlushAndOverlapping(width: Int, height: Int, tile: Int, overlap: Float) throws {
        let plan = try TilePlan(imageWidth: width, imageHeight: height, tileSize: tile, overlap: overlap, includeFullImage: false)
        let image = PixelRect(width: width, height: height)
        #expect(plan.tiles.allSatisfy { image.contains($0) && $0.width == min(tile, width) && $0.height == min(tile, height) })
        #expect(!coverage(plan).contains(0))
        let xs = Array(Set(plan.tiles.map(\.x))).sorted()
        let ys = Array(Set(plan.tiles.map(\.y))).sorted()
        #expect(plan.tiles.count == xs.count * ys.count)
        #expect(xs.first == 0 && ys.first == 0)
        #expect(xs.last! + min(tile, width) == width && ys.last! + min(tile, height) == height)
        let minimumOverlap = Int((overlap * Float(tile)).rounded(.up))
        for (starts, length) in [(xs, min(tile, width)), (ys, min(tile, height))] {
            for (a, b) in zip(starts, starts.dropFirst()) { #expect(a + length - b >= minimumOverlap) }
        }
    }

    @Test func imageNoLargerThanATileIsOneRegion() throws {
        let plan = try TilePlan(imageWidth: 300, imageHeight: 200, tileSize: 416, overlap: 0.2, includeFullImage: true)
        #expect(plan.tiles == [PixelRect(width: 300, height: 200)])
        #expect(!plan.includesFullImage)
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

    @Test func batchesSplitTheRegionsInOrder() throws {
        let plan = try TilePlan(imageWidth: 2000, imageHeight: 1000, tileSize: 512, overlap: 0.2, includeFullImage: true)
        let batches = plan.batches(of: 4)
        #expect(batches.dropLast().allSatisfy { $0.count == 4 })
        #expect((1...4).contains(batches.last!.count))
        #expect(batches.flatMap { Array($0) } == plan.regions)
    }

    @Test func invalidParametersAreReported() {
        #expect(throws: TilingError.invalidTileSize(16)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 16, overlap: 0.2, includeFullImage: false)
        }
        #expect(throws: TilingError.invalidTileSize(100_000)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 100_000, overlap: 0.2, includeFullImage: false)
        }
        #expect(throws: TilingError.invalidOverlap(0.95)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 64, overlap: 0.95, includeFullImage: false)
        }
        #expect(throws: TilingError.invalidOverlap(-0.1)) {
            try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 64, overlap: -0.1, includeFullImage: false)
        }
        #expect(throws: TilingError.emptyImage(width: 0, height: 100)) {
            try TilePlan(imageWidth: 0, imageHeight: 100, tileSize: 64, overlap: 0.2, includeFullImage: false)
        }
        #expect(throws: TilingError.emptyImage(width: 10, height: 0)) {
            try TilePlan.automatic(imageWidth: 10, imageHeight: 0, inputWidth: 416, inputHeight: 416)
        }
        #expect(throws: TilingError.self) {
            try TilePlan(imageWidth: 1 << 40, imageHeight: 1 << 40, tileSize: 32, overlap: 0.9, includeFullImage: false)
        }
        #expect(TilingError.invalidOverlap(0.95).description.contains("0.95"))
        #expect(TilingError.tooManyTiles(9999).description.contains("larger tile size"))
    }
}
