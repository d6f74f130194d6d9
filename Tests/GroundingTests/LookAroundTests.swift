import Foundation
import Testing
import Grounding

/// Looking around crowded finds: which finds get a look, what a look adds, and on a real
/// orchestra, that it adds players and counts none twice.
@Suite struct LookAroundTests {
    /// `count` boxes of `side` pixels in a row, `gap` pixels apart, from (`x`, `y`).
    static func row(_ count: Int, side: Float, gap: Float, x: Float = 100, y: Float = 100) -> [BoundingBox] {
        (0..<count).map { BoundingBox(x1: x + Float($0) * (side + gap), y1: y, x2: x + Float($0) * (side + gap) + side, y2: y + side) }
    }

    @Test func onlyACrowdIsLookedAround() {
        // Ten people of 40 px, 20 px apart: each square (160 px) reaches a neighbour.
        let crowd = Self.row(10, side: 40, gap: 20)
        let squares = LookAround.squares(around: crowd, viewSide: 416, width: 1000, height: 800, limit: 64)
        #expect(squares.count == 10)
        #expect(squares.allSatisfy { $0.width == 160 && $0.height == 160 })
        // Each centred on its find.
        #expect(squares[3] == PixelRect(x: 100 + 3 * 60 + 20 - 80, y: 40, width: 160, height: 160))
        // Fewer than ten finds are not a crowd.
        #expect(LookAround.squares(around: Array(crowd.prefix(LookAround.minimumFinds - 1)), viewSide: 416,
                                   width: 1000, height: 800, limit: 64).isEmpty)
        // Ten finds far apart (squares reaching nobody) are not looked around.
        let apart = Self.row(10, side: 40, gap: 200, x: 0)
        #expect(LookAround.squares(around: apart, viewSide: 416, width: 3000, height: 800, limit: 64).isEmpty)
        // At most `limit` looks, the best finds first.
        #expect(LookAround.squares(around: crowd, viewSide: 416, width: 1000, height: 800, limit: 4) == Array(squares.prefix(4)))
    }

    @Test func aLookKeepsItsZoomAtTheEdgeAndIsNoLargerThanItsWorth() {
        // A crowd from the top-left corner: the first square is moved inside the photo, not cut.
        let crowd = Self.row(10, side: 40, gap: 0, x: 40, y: 40)
        let squares = LookAround.squares(around: crowd, viewSide: 416, width: 1000, height: 800, limit: 64)
        #expect(squares[0] == PixelRect(x: 0, y: 0, width: 160, height: 160))
        // Squares more than twice the view the finds were seen in are not looked at.
        #expect(LookAround.squares(around: crowd, viewSide: 79, width: 1000, height: 800, limit: 64).isEmpty)
        #expect(LookAround.squares(around: crowd, viewSide: 80, width: 1000, height: 800, limit: 64).count == 10)
        // Nor those larger than the photo's shorter side.
        #expect(LookAround.squares(around: crowd, viewSide: 416, width: 1000, height: 150, limit: 64).isEmpty)
    }

    @Test func aSquareInsideOneLookedAtIsNotLookedAtAgain() {
        // A crowd of 40 px people and, best first, a 100 px one among them: its 400 px square
        // holds the squares of the neighbours within 120 px of its centre, not those further.
        let crowd = Self.row(12, side: 40, gap: 20, x: 100, y: 300)
        let large = BoundingBox(x1: 330, y1: 270, x2: 430, y2: 370)
        let squares = LookAround.squares(around: [large] + crowd, viewSide: 416, width: 1200, height: 800, limit: 64)
        #expect(squares[0] == PixelRect(x: 180, y: 120, width: 400, height: 400))
        let held = crowd.filter { abs($0.center.x - 380) <= 120 }
        #expect(held.count == 4)
        #expect(squares.count == 1 + crowd.count - held.count)
        #expect(squares.dropFirst().allSatisfy { !squares[0].contains($0) })
        // Without the large one, each of them is looked around.
        #expect(LookAround.squares(around: crowd, viewSide: 416, width: 1200, height: 800, limit: 64).count == crowd.count)
    }

    @Test func aLookAddsOnlyWhatNothingFoundHolds() {
        let known = Detection(box: BoundingBox(x1: 100, y1: 100, x2: 140, y2: 200), classIndex: 0, score: 0.9)
        // Seen again a little shifted, the same person; a neighbour half inside the box is new.
        let again = Detection(box: BoundingBox(x1: 104, y1: 98, x2: 144, y2: 204), classIndex: 0, score: 0.95)
        let neighbour = Detection(box: BoundingBox(x1: 130, y1: 100, x2: 170, y2: 200), classIndex: 0, score: 0.4)
        // Seen in two looks: counted once, the better first.
        var twice = neighbour
        twice.box.x1 += 3
        twice.score = 0.5
        // Another class at the same place is not the same object.
        let bicycle = Detection(box: known.box, classIndex: 1, score: 0.6)
        let added = LookAround.newObjects([again, neighbour, twice, bicycle], beside: [known])
        #expect(added == [bicycle, twice])
    }

    @Test func anOrchestraGainsPlayersAndCountsNoneTwice() throws {
        // orchestra.png (tuning photo of the accuracy set): 39 players, hand-counted.
        let engine = try TestSupport.defaultEngine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/orchestra.png").path
        var off = GroundingOptions()
        off.looksAround = false
        let with = try engine.ground(contentsOf: path, objects: ["person"], mode: .count)
        let without = try engine.ground(contentsOf: path, objects: ["person"], mode: .count, options: off)
        #expect(with.regionCount > without.regionCount)
        // It only adds, and each addition stands apart (``StageAdditions``).
        let additions = try StageAdditions(photo: "orchestra.png", object: "person", with: with.objects[0], without: without.objects[0])
        let (added, hits) = (additions.added, additions.newObjects)
        // It adds some (measured: 5), and at least half of them are counted players none of the
        // finds without it is on (measured: 4).
        #expect(added.count >= 3, "\(added.count) added")
        #expect(2 * hits.count >= added.count, "\(hits.count) of \(added.count) added are new counted players")
    }

    /// A class is kept only from the squares around its own finds, so a name's count does not
    /// depend on the other names asked. Before, the looks around the players also kept chairs:
    /// orchestra.png counted 26 chairs asked alone and 41 asked with the players.
    @Test func aNamesCountDoesNotDependOnTheOtherNamesAsked() throws {
        let engine = try TestSupport.defaultEngine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/orchestra.png").path
        let both = try engine.ground(contentsOf: path, objects: ["chairs", "people"], mode: .count)
        let chairs = try engine.ground(contentsOf: path, objects: ["chairs"], mode: .count)
        let people = try engine.ground(contentsOf: path, objects: ["people"], mode: .count)
        #expect(both.objects.map(\.count) == [chairs.objects[0].count, people.objects[0].count])
        #expect(both.objects[0].detections.map(\.box) == chairs.objects[0].detections.map(\.box))
        // Both classes were looked around (the chairs and the players are crowds here).
        var off = GroundingOptions()
        off.looksAround = false
        let bothOff = try engine.ground(contentsOf: path, objects: ["chairs", "people"], mode: .count, options: off)
        #expect(both.regionCount > bothOff.regionCount)
        #expect(both.objects[0].detections.contains { $0.foundBy == .detector && !bothOff.objects[0].detections.map(\.box).contains($0.box) })
    }
}
