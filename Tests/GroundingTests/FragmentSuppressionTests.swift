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

    @Test func aSliceCutsABoxOnlyAtItsInnerEdges() {
        // The top-left slice of a 1280×1280 photo: its right and bottom edges lie inside the photo.
        let slice = PixelRect(x: 0, y: 0, width: 640, height: 640)
        let box = BoundingBox(x1: 0, y1: 0, x2: 632, y2: 300)
        #expect(SliceCut(box, in: slice, imageWidth: 1280, imageHeight: 1280) == .right)
        #expect(SliceCut(BoundingBox(x1: 10, y1: 300, x2: 600, y2: 639), in: slice, imageWidth: 1280, imageHeight: 1280) == .bottom)
        // Ending at the photo's own border, or clear of the slice's edges, is not a cut.
        #expect(SliceCut(box, in: slice, imageWidth: 640, imageHeight: 1280).isEmpty)
        #expect(SliceCut(BoundingBox(x1: 100, y1: 100, x2: 600, y2: 600), in: slice, imageWidth: 1280, imageHeight: 1280).isEmpty)
        // A middle slice cuts on every side a box reaches.
        let middle = PixelRect(x: 320, y: 320, width: 640, height: 640)
        #expect(SliceCut(BoundingBox(x1: 321, y1: 321, x2: 959, y2: 959), in: middle, imageWidth: 1280, imageHeight: 1280)
                == [.left, .top, .right, .bottom])
    }

    @Test func aConfidentPartCutBySliceGivesWayToTheWhole() throws {
        // The middle of a rowing boat, seen by a slice that ended at x = 755, scored above the
        // whole boat the whole-image pass saw.
        let part = Detection(box: BoundingBox(x1: 480, y1: 960, x2: 755, y2: 1210), classIndex: 8, score: 0.88, sliceCut: .right)
        let boat = Detection(box: BoundingBox(x1: 53, y1: 829, x2: 792, y2: 1509), classIndex: 8, score: 0.69)
        #expect(try suppressFragments([part, boat], options: Self.options) == [boat])
        // Uncut, the same box is an object of its own, and the more confident one wins as before.
        var uncut = part
        uncut.sliceCut = []
        #expect(try suppressFragments([uncut, boat], options: Self.options) == [uncut])
        // A larger box that stops where the slice did saw no more of the object than the part.
        var stopping = boat
        stopping.box.x2 = 760
        #expect(try suppressFragments([part, stopping], options: Self.options) == [part])
        // A box cut by its slice but only partly inside the larger one may be another object.
        var beside = part
        beside.box.x1 = 600
        beside.box.x2 = 1000
        beside.sliceCut = .left
        #expect(beside.box.intersectionArea(with: boat.box) / beside.box.area < SliceCut.partShare)
        #expect(try suppressFragments([beside, boat], options: Self.options) == [beside, boat])
    }

    @Test func theLongBoatSurvivesMergingTheSlices() throws {
        // boats.jpg (hand-counted): a long rowing boat lies across three slices; one of them saw
        // its middle, more confidently than the whole-image pass saw the whole boat.
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/boats.jpg").path
        let result = try TestSupport.engine().ground(contentsOf: photo, objects: ["boat"], mode: .bbox)
        #expect(result.regionCount > 1)
        let boats = result.objects[0].detections
        // The boat's truth point and radius; the whole boat's box reaches from its bow to its stern.
        let truth = (x: Float(400), y: Float(1200), radius: Float(150))
        let found = boats.filter { ($0.point.x - truth.x) * ($0.point.x - truth.x) + ($0.point.y - truth.y) * ($0.point.y - truth.y) <= truth.radius * truth.radius }
        #expect(found.count == 1, "\(boats.map(\.box))")
        #expect(found.allSatisfy { $0.box.width > 600 && $0.box.height > 600 }, "\(found.map(\.box))")
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

    @Test func aSharperBoxOfAnObjectSeenBesideALargerOneInheritsItsPlace() throws {
        // horses.png's standing foal: the whole-image pass saw it beside its mother at 0.50, a
        // slice boxed it more sharply at 0.63; the slice's box wins suppression, and lies just over
        // half inside the mother's box.
        let mother = Detection(box: BoundingBox(x1: 579, y1: 221, x2: 899, y2: 576), classIndex: 17, score: 0.99)
        let seenWhole = Detection(box: BoundingBox(x1: 522, y1: 302, x2: 643, y2: 552), classIndex: 17, score: 0.50, isBesideLarger: true)
        let sharper = Detection(box: BoundingBox(x1: 516, y1: 289, x2: 643, y2: 565), classIndex: 17, score: 0.63)
        let candidates = [mother, seenWhole, sharper]
        let kept = try nonMaxSuppression(candidates, options: SuppressionOptions(iouThreshold: 0.45))
        #expect(kept == [0, 2])
        #expect(sharper.box.intersectionOverSmaller(with: mother.box) > Self.options.iouThreshold)
        // Without the flag the foal is lost; with it, it stays.
        #expect(try suppressFragments(kept.map { candidates[$0] }, options: Self.options) == [mother])
        let heirs = passingOnBesideLarger(candidates, kept: kept, options: SuppressionOptions(iouThreshold: 0.45))
        #expect(heirs.map(\.isBesideLarger) == [false, true])
        #expect(try suppressFragments(heirs, options: Self.options).map(\.score) == [mother.score, sharper.score])
        // A box covering the flagged one loosely (another object's, or two objects') inherits nothing.
        var loose = sharper
        loose.box = BoundingBox(x1: 522, y1: 302, x2: 643, y2: 552 + 120)
        #expect(loose.box.intersectionOverUnion(with: seenWhole.box) < sameObjectOverlap)
        #expect(passingOnBesideLarger([mother, seenWhole, loose], kept: [0, 2], options: .init()).map(\.isBesideLarger) == [false, false])
        // Nor does a box of another class when suppression is per class.
        var cow = sharper
        cow.classIndex = 19
        #expect(passingOnBesideLarger([mother, seenWhole, cow], kept: [0, 2], options: .init()).map(\.isBesideLarger) == [false, false])
    }

    @Test func theStandingFoalIsOneHorseBoxedWhole() throws {
        // horses.png (hand-counted): the standing foal (truth point 588, 425) beside its mother.
        // Asked for animals (horse and cow among them), it was counted twice: as a cow, and as a
        // horse by a box over its back only.
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/horses.png").path
        for name in ["horse", "animals"] {
            let object = try TestSupport.engine().ground(contentsOf: photo, objects: [name], mode: .bbox).objects[0]
            #expect(object.count == 5, "\(object.detections.map(\.box))")
            let foal = object.detections.filter { abs($0.point.x - 588) < 70 && abs($0.point.y - 425) < 70 }
            #expect(foal.count == 1, "\(foal.map(\.box))")
            // Its box reaches from its ears to its hooves (about 300 to 550).
            #expect(foal.allSatisfy { $0.box.height > 200 }, "\(foal.map(\.box))")
        }
    }
}
