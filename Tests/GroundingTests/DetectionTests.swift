import Testing
import Grounding

@Suite struct BoundingBoxTests {
    @Test func overlapMeasures() {
        let a = BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10)
        let b = BoundingBox(x1: 5, y1: 0, x2: 15, y2: 10)
        #expect(a.intersectionArea(with: b) == 50)
        #expect(abs(a.intersectionOverUnion(with: b) - 50.0 / 150.0) < 1e-6)
        #expect(a.intersectionOverSmaller(with: BoundingBox(x1: 2, y1: 2, x2: 4, y2: 4)) == 1)
        #expect(a.union(b) == BoundingBox(x1: 0, y1: 0, x2: 15, y2: 10))
        #expect(BoundingBox(x1: 5, y1: 5, x2: 1, y2: 1).area == 0)
    }
}
