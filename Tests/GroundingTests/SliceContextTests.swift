import Foundation
import Testing
import Grounding

/// The whole photo as the context of its slices' finds: the rule on its own, and on real photos
/// that it drops what a slice saw out of context and keeps what slices are for.
@Suite struct SliceContextTests {
    typealias Find = SliceContext.Find

    @Test func aLargeSliceFindOfAClassTheWholeViewSawNothingOfIsDropped() {
        let large = SliceContext.visibleSide
        let finds = [
            Find(classIndex: 0, seenWhole: true, sideInWholeView: 120),        // a person the whole view found
            Find(classIndex: 0, seenWhole: false, sideInWholeView: 2 * large), // one more person: its class was seen whole
            Find(classIndex: 14, seenWhole: false, sideInWholeView: large),    // a bird only a slice saw, just large enough to drop
            Find(classIndex: 14, seenWhole: false, sideInWholeView: large - 1), // a smaller one: what slices are for
            Find(classIndex: 2, seenWhole: true, sideInWholeView: 300),        // the whole view's own finds always stay
        ]
        #expect(SliceContext.outOfContext(finds) == [2])
        // Once the whole view has a bird too, no bird is out of context.
        #expect(SliceContext.outOfContext(finds + [Find(classIndex: 14, seenWhole: true, sideInWholeView: 10)]).isEmpty)
        #expect(SliceContext.outOfContext([]).isEmpty)
    }

    @Test func aMoosesPartsAreNotCountedAsAnimalsItIsNot() throws {
        // beyond-coco/moose.png (1024 × 683, sliced): a bull moose, of no COCO class. Its slices name parts
        // of it birds (0.76 the neck, 0.47 an ear), a bear (0.71) and an elephant; the whole view names none.
        let engine = try TestSupport.engine()
        let moose = TestSupport.testImage("beyond-coco/moose.png")
        let names = ["bird", "bear", "elephant"]
        let checked = try engine.ground(contentsOf: moose, objects: names, mode: .count)
        #expect(checked.objects.map(\.count) == [0, 0, 0])
        var off = GroundingOptions()
        off.checksContext = false
        let unchecked = try engine.ground(contentsOf: moose, objects: names, mode: .count, options: off)
        #expect(unchecked.objects.map(\.count).reduce(0, +) >= 2, "the slices' finds the check is for")
    }

    @Test func whatSlicesAreForIsKept() throws {
        // kite.jpg (1352 × 900, sliced): the small kites and people far out are found by slices,
        // of classes the whole view also found; the check changes nothing there.
        let engine = try TestSupport.engine()
        let kite = TestSupport.testImage("kite.jpg")
        var off = GroundingOptions()
        off.checksContext = false
        let checked = try engine.ground(contentsOf: kite, objects: ["person", "kite"], mode: .bbox)
        let unchecked = try engine.ground(contentsOf: kite, objects: ["person", "kite"], mode: .bbox, options: off)
        #expect(checked.objects.map { $0.detections.map(\.box) } == unchecked.objects.map { $0.detections.map(\.box) })
        #expect(checked.objects[1].count >= 5)
    }
}
