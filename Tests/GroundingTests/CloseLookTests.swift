import Foundation
import Testing
import Grounding

/// The close look at objects found near the smallest size their detector sees (`CloseLook`),
/// and the appearance rule that admits what it finds (`AppearanceGroup`).
@Suite struct CloseLookTests {
    /// A close look whose detector is never run here: only its rules are tested.
    static func look() throws -> CloseLook {
        CloseLook(detector: try MediaPipeTestSupport.shortRange.get(), smallestSide: 32, regionScale: 5,
                  scoreThreshold: 0.65, sizeRange: 0.6...1.6)
    }

    static func box(_ x: Float, _ y: Float, side: Float) -> BoundingBox {
        BoundingBox(x1: x, y1: y, x2: x + side, y2: y + side)
    }

    @Test func onlyFindsUnderTheSmallestSideCallForALook() throws {
        let look = try Self.look()
        #expect(look.smallSide(of: [Self.box(0, 0, side: 40), Self.box(50, 0, side: 100)]) == nil)
        // The median of the small ones: 12, 14 and 20 (the 40 px one is not small).
        #expect(look.smallSide(of: [Self.box(0, 0, side: 14), Self.box(50, 0, side: 40), Self.box(90, 0, side: 12), Self.box(0, 90, side: 20)]) == 14)
        #expect(look.regions(width: 1000, height: 800, found: [Self.box(10, 10, side: 60)]).isEmpty)
    }

    @Test func regionsCoverTheSmallFindsAndTheirSurroundingsAtTheirScale() throws {
        let look = try Self.look()
        let found = [Self.box(300, 200, side: 14), Self.box(600, 260, side: 14), Self.box(100, 500, side: 200)]
        let regions = look.regions(width: 1024, height: 768, found: found)
        // Squares of 5 × 14 px, overlapping by half, over x 230...684 and y 130...344 (the
        // large find is not small and widens nothing).
        #expect(regions.allSatisfy { $0.width == 70 && $0.height == 70 }, "\(Set(regions.map(\.width)))")
        #expect(regions.map(\.x).min() == 230 && regions.map { $0.x + $0.width }.max() == 684)
        #expect(regions.map(\.y).min() == 130 && regions.map { $0.y + $0.height }.max() == 344)
        // Every small find lies whole in some region, and so would another of its size anywhere nearby.
        for x in stride(from: Float(230), through: 670, by: 7) {
            for y in stride(from: Float(130), through: 330, by: 7) {
                let face = Self.box(x, y, side: 14)
                #expect(regions.contains { Float($0.x) <= face.x1 && face.x2 <= Float($0.x + $0.width) && Float($0.y) <= face.y1 && face.y2 <= Float($0.y + $0.height) },
                        "no region holds a face at \(x), \(y)")
            }
        }
    }

    @Test func aLookOverAVastPhotoStaysWithinItsRegionBudget() throws {
        let look = try Self.look()
        // Small finds in opposite corners of a 20000 × 15000 photo: 70 px regions would need
        // about 245 000 runs; the regions grow instead.
        let found = [Self.box(5, 5, side: 14), Self.box(19_980, 14_980, side: 14)]
        let regions = look.regions(width: 20_000, height: 15_000, found: found)
        #expect(!regions.isEmpty && regions.count <= CloseLook.maxRegions, "\(regions.count)")
        #expect(regions.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x + $0.width <= 20_000 && $0.y + $0.height <= 15_000 })
    }

    @Test func aFindIsKeptWhenOfTheirSizeAndNotOnOneAlreadyFound() throws {
        let look = try Self.look()
        let found = [Self.box(100, 100, side: 15)]
        #expect(look.keeps(Self.box(200, 100, side: 15), side: 15, beside: found))
        // Too small or too large for the faces around it (0.6...1.6 of 15 px).
        #expect(!look.keeps(Self.box(200, 100, side: 8), side: 15, beside: found))
        #expect(!look.keeps(Self.box(200, 100, side: 25), side: 15, beside: found))
        // On the face already found: its centre in that face's box.
        #expect(!look.keeps(Self.box(106, 104, side: 15), side: 15, beside: found))
    }

    @Test func withoutAnAppearanceModelToJudgeThereIsNoCloseLook() throws {
        // The face model alone: nothing could tell a face found enlarged from a knee. It finds
        // faces under 32 px on the 1927 photo, which would call for a close look.
        let engine = GroundingEngine(detectors: [try MediaPipeTestSupport.fullRange.get()])
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/solvay-1927.jpg").path
        var without = GroundingOptions()
        without.looksCloser = false
        let alone = try engine.ground(contentsOf: photo, objects: ["face"], mode: .bbox)
        let off = try engine.ground(contentsOf: photo, objects: ["face"], mode: .bbox, options: without)
        let small = alone.objects[0].detections.filter { max($0.box.width, $0.box.height) < MediaPipeFaceDetector.smallestJudgedFace }
        #expect(small.count >= 2, "\(small.count) faces under 32 px")
        #expect(alone.regionCount == off.regionCount && alone.objects[0].detections == off.objects[0].detections)
    }

    @Test func aGroupAdmitsWhatLooksAsMuchLikeOneOfItAsItsMembersLookLikeEachOther() {
        // Four cells of two channels (centred per channel by the map): cells 0 and 1 point one
        // way, a few degrees apart; cell 2 between them and cell 3 the opposite way.
        let map = AppearanceMap(columns: 4, rows: 1, channels: 2, cellWidth: 10, cellHeight: 10,
                                planes: [1, 1, 1, -1, /* second channel: */ 0.9, 1.1, 1, -1])
        let members = [BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10), BoundingBox(x1: 10, y1: 0, x2: 20, y2: 10)]
        let group = AppearanceGroup(members: members, map: map)!
        let twins = map.similarity(map.descriptor(of: members[0]), map.descriptor(of: members[1]))
        #expect(abs(group.bar - twins) < 1e-6)
        #expect(group.admits(BoundingBox(x1: 20, y1: 0, x2: 30, y2: 10)))
        #expect(!group.admits(BoundingBox(x1: 30, y1: 0, x2: 40, y2: 10)))
        // One member says nothing of how alike its kind is.
        #expect(AppearanceGroup(members: [members[0]], map: map) == nil)
    }

    @Test func oneOddMemberDoesNotLowerTheBarForEveryone() {
        // Two channels; cells (one row, 10 px each) point at these angles: four members close
        // together, an odd member at 60°, then candidates at 40° and 7°, and a last cell that
        // makes the channels' means zero so the map's centring leaves the directions as they are.
        let degrees: [Float] = [0, 5, 10, 15, 60, 40, 7]
        var x = degrees.map { cos($0 * .pi / 180) }, y = degrees.map { sin($0 * .pi / 180) }
        x.append(-x.reduce(0, +))
        y.append(-y.reduce(0, +))
        let map = AppearanceMap(columns: 8, rows: 1, channels: 2, cellWidth: 10, cellHeight: 10, planes: x + y)
        func cell(_ index: Int) -> BoundingBox { BoundingBox(x1: Float(index) * 10, y1: 0, x2: Float(index + 1) * 10, y2: 10) }
        let group = AppearanceGroup(members: (0..<5).map(cell), map: map)!
        // The odd member's closest other is 45° away (0.71); three in four are 5° from theirs.
        #expect(abs(group.bar - cos(5 * Float.pi / 180)) < 1e-4, "\(group.bar)")
        #expect(!group.admits(cell(5)), "20° from the odd member is not as alike as the members are")
        #expect(group.admits(cell(6)))
    }
}
