import Foundation
import Testing
import Grounding

/// Looking again at twice the zoom around a class's small finds (``ZoomIn``).
@Suite struct ZoomInTests {
    @Test func smallFindsCallForSquaresHalfTheirViewAroundThem() throws {
        let near = BoundingBox(x1: 100, y1: 100, x2: 160, y2: 150)   // 55 px a side
        let far = [BoundingBox(x1: 300, y1: 200, x2: 316, y2: 212), BoundingBox(x1: 500, y1: 260, x2: 520, y2: 276)]
        // At one input pixel per image pixel, the 55 px one is not small; at half, it is.
        #expect(ZoomIn.small([near] + far, inputPerImagePixel: 1) == far)
        #expect(ZoomIn.small([near] + far, inputPerImagePixel: 0.5).count == 3)

        // A view of 416 px: squares of 208, inside the photo, around the two small finds.
        let squares = ZoomIn.squares(around: far, viewSide: 416, width: 1138, height: 665)
        #expect(!squares.isEmpty && squares.allSatisfy { $0.width == 208 && $0.height == 208 })
        #expect(squares.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x + $0.width <= 1138 && $0.y + $0.height <= 665 })
        for find in far {
            // Each small find lies whole in a square.
            #expect(squares.contains { $0.box.intersectionArea(with: find) == find.area }, "\(find)")
        }
        // Nothing far from them is looked at: the squares stay within half a square of the finds.
        #expect(squares.allSatisfy { $0.x >= 300 - 104 - 1 && $0.x + $0.width <= 520 + 104 + 1 })

        // One small find alone calls for nothing, nor do finds spread over more squares than allowed.
        #expect(ZoomIn.squares(around: [far[0]], viewSide: 416, width: 1138, height: 665).isEmpty)
        let spread = [BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10), BoundingBox(x1: 3990, y1: 2990, x2: 4000, y2: 3000)]
        #expect(ZoomIn.squares(around: spread, viewSide: 416, width: 4000, height: 3000).isEmpty)

        // What the look finds is kept up to twice the largest small find's side.
        #expect(ZoomIn.keeps(BoundingBox(x1: 0, y1: 0, x2: 36, y2: 30), largestSmallSide: 17.9))
        #expect(!ZoomIn.keeps(BoundingBox(x1: 0, y1: 0, x2: 60, y2: 40), largestSmallSide: 17.9))
    }

    /// Only a detector that says so zooms in: YOLO11n does, YOLOv4-tiny and the face and palm
    /// models do not.
    @Test func onlyADetectorThatSaysSoZoomsIn() throws {
        let engine = try TestSupport.defaultEngine()
        #expect(engine.detectors.allSatisfy { !$0.zoomsIn })
        #expect(try TestSupport.yolo11.get().zoomsIn)
    }

    /// sheep.jpg (tuning photo of the accuracy set): 158 sheep of 5–25 px hand-counted below the
    /// horizon. YOLO11n, looking again at twice the zoom around the small ones it found, finds
    /// more sheep and nothing else.
    @Test func yolo11FindsMoreOfAFlockItSawSmall() throws {
        let engine = GroundingEngine(detector: try TestSupport.yolo11.get())
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/sheep.jpg").path
        var off = GroundingOptions()
        off.zoomsIn = false
        let with = try engine.ground(contentsOf: path, objects: ["sheep"], mode: .count)
        let without = try engine.ground(contentsOf: path, objects: ["sheep"], mode: .count, options: off)
        #expect(with.regionCount > without.regionCount)
        // It only adds, each addition apart (``StageAdditions``), all by the detector.
        let additions = try StageAdditions(photo: "sheep.jpg", object: "sheep", with: with.objects[0], without: without.objects[0])
        let (added, hits) = (additions.added, additions.newObjects)
        #expect(added.allSatisfy { $0.foundBy == .detector })
        // It adds many (measured: 15) and nearly all are counted sheep no find without it is on
        // (measured: 15 of 15).
        #expect(added.count >= 8, "\(added.count) added")
        #expect(4 * hits.count >= 3 * added.count, "\(hits.count) of \(added.count) added are new counted sheep")
    }
}
