import Foundation
import Testing
import Grounding

/// Merging slices keeps a small object the whole-image pass saw beside a larger one, and still
/// drops the parts that slices saw as objects.
@Suite struct FragmentSuppressionTests {
    static let options = SuppressionOptions(iouThreshold: 0.5, metric: .intersectionOverSmaller)
    static let adult = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 300, y2: 300), classIndex: 17, score: 0.9)

    @Test func aSmallBoxSeenBesideALargerOneIsKept() throws {
        let foal = Detection(box: BoundingBox(x1: 100, y1: 200, x2: 250, y2: 290), classIndex: 17, score: 0.35, isBesideLarger: true)
        #expect(try suppressFragments([foal, Self.adult], options: Self.options) == [Self.adult, foal])
        // Visited first (a higher score), it does not hide the larger one either.
        var confident = foal
        confident.score = 0.95
        #expect(try suppressFragments([Self.adult, confident], options: Self.options) == [confident, Self.adult])
    }

    @Test func aPartASliceSawAsTheObjectIsDropped() throws {
        // A swan's head and neck, found by a slice that cut the swan: inside the swan's box, not flagged.
        let head = Detection(box: BoundingBox(x1: 40, y1: 0, x2: 120, y2: 100), classIndex: 17, score: 0.95)
        #expect(try suppressFragments([head, Self.adult], options: Self.options) == [head])
        // A flag on the larger box does not protect the smaller one: only the smaller was seen apart.
        var flaggedAdult = Self.adult
        flaggedAdult.isBesideLarger = true
        #expect(try suppressFragments([head, flaggedAdult], options: Self.options) == [head])
        // Boxes of other classes, or overlapping less, are left alone; plain suppression agrees there.
        let cat = Detection(box: head.box, classIndex: 15, score: 0.5)
        let apart = Detection(box: BoundingBox(x1: 280, y1: 0, x2: 400, y2: 100), classIndex: 17, score: 0.5)
        #expect(try suppressFragments([cat, apart, Self.adult], options: Self.options) == [Self.adult, cat, apart])
        #expect(try nonMaxSuppression([cat, apart, Self.adult], options: Self.options) == [2, 0, 1])
    }

    @Test func theLyingFoalSurvivesMergingTheSlices() throws {
        // horses.png (hand-counted): three adults, a standing foal and a foal lying in front of the
        // first adult; the whole-image pass finds the lying foal inside that adult's box.
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/horses.png").path
        let result = try TestSupport.engine().ground(contentsOf: photo, objects: ["horse"], mode: .bbox)
        #expect(result.regionCount > 1)
        let lying = (x: Float(365), y: Float(510))
        let found = result.objects[0].detections.contains { abs($0.point.x - lying.x) < 60 && abs($0.point.y - lying.y) < 60 }
        #expect(found, "\(result.objects[0].detections.map(\.box))")
        #expect(result.objects[0].count == 5)
    }
}
