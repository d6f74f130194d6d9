import Foundation
import Testing
import Grounding

/// Exemplar matches must also look like the examples to the detector's learned features
/// (`AppearanceModel`, `ExemplarOptions.checksAppearance`).
@Suite struct AppearanceCheckTests {
    @Test func aDescriptorIgnoresWhatEveryCellShares() {
        // Three cells of two channels: each has the same large first channel, so only the second
        // tells them apart; the left and right cells are alike, the middle one opposite.
        let map = AppearanceMap(columns: 3, rows: 1, channels: 2, cellWidth: 10, cellHeight: 10,
                                planes: [5, 5, 5, /* second channel: */ 1, -2, 1])
        let left = map.descriptor(of: BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10))
        let middle = map.descriptor(of: BoundingBox(x1: 10, y1: 0, x2: 20, y2: 10))
        let right = map.descriptor(of: BoundingBox(x1: 21, y1: 2, x2: 29, y2: 9))
        #expect(abs(map.similarity(left, right) - 1) < 1e-6)
        #expect(abs(map.similarity(left, middle) + 1) < 1e-6)
        // A box over two opposite cells averages to nothing: no direction, similar to nothing.
        let both = map.descriptor(of: BoundingBox(x1: 0, y1: 0, x2: 20, y2: 10))
        #expect(map.similarity(both, left) == 0)
        // A box past the edge still reads the cells it touches.
        #expect(abs(map.similarity(map.descriptor(of: BoundingBox(x1: 25, y1: 0, x2: 90, y2: 40)), right) - 1) < 1e-6)
    }

    @Test func yoloDescribesEveryPartOfAPhotoLargerThanItsInput() throws {
        // 1920×1200 at 0.6 is 1152×720 pixels: three tiles across, two down.
        let path = try ExemplarCalibrationTests.exemplars(of: "raindrops.jpg").path
        let image = try ImageDecoder.decode(contentsOf: path).image
        let model = try #require(TestSupport.engine().detectors.first as? any AppearanceModel)
        let map = try #require(try model.appearance(of: image, scale: 0.6))
        #expect(map.columns == 144 && map.rows == 90, "\(map.columns)×\(map.rows)")
        #expect(abs(map.cellWidth * Float(map.columns) - 1920) < 14)
        // Every cell was written by a tile: no cell is left at zero (a zero descriptor).
        var empty: [(Int, Int)] = []
        for row in 0..<map.rows {
            for column in 0..<map.columns {
                let cell = BoundingBox(x1: Float(column) * map.cellWidth, y1: Float(row) * map.cellHeight,
                                       x2: Float(column + 1) * map.cellWidth, y2: Float(row + 1) * map.cellHeight)
                if map.descriptor(of: cell).allSatisfy({ $0 == 0 }) { empty.append((column, row)) }
            }
        }
        #expect(empty.isEmpty, "cells never written: \(empty.prefix(10))")
        // Two drops the benchmark uses as examples look alike; a drop and the blurred background do not.
        let (_, boxes, _) = try ExemplarCalibrationTests.exemplars(of: "raindrops.jpg")
        func box(_ rect: PixelRect) -> BoundingBox {
            BoundingBox(x1: Float(rect.x), y1: Float(rect.y), x2: Float(rect.x + rect.width), y2: Float(rect.y + rect.height))
        }
        let first = map.descriptor(of: box(boxes[0])), second = map.descriptor(of: box(boxes[1]))
        let background = map.descriptor(of: BoundingBox(x1: 60, y1: 60, x2: 120, y2: 120))
        #expect(map.similarity(first, second) > 0.5)
        #expect(map.similarity(first, background) < map.similarity(first, second) - 0.3)
    }

    @Test func lookAlikeGlintsAreDroppedAndTheDropsKept() throws {
        // raindrops.jpg: 30 drops, counted by hand; correlation alone also marks glints and
        // blurred reflections. Measured: 88 marks (14 drops) without the check, 18 (14) with it.
        let truth = try ExemplarCalibrationTests.exemplars(of: "raindrops.jpg").objects
        let without = try ExemplarCalibrationTests.count("raindrops.jpg", similarity: nil, checkingAppearance: false)
        let with = try ExemplarCalibrationTests.count("raindrops.jpg", similarity: nil, checkingAppearance: true)
        let trueWithout = Self.matched(without.result, truth), trueWith = Self.matched(with.result, truth)
        #expect(with.count * 2 < without.count, "\(with.count) marks checked, \(without.count) unchecked")
        #expect(trueWith >= trueWithout - 1, "\(trueWith) drops found checked, \(trueWithout) unchecked")
        // The answer says the check was made and at what similarity; without it, nothing.
        #expect(with.result.objects[0].appearance != nil && without.result.objects[0].appearance == nil)
    }

    @Test func examplesTheModelCannotTellApartAreNotChecked() throws {
        // daisies.jpg: one head from above, one from the side; to YOLO's features they are
        // unlike (0.16), so the check would only cut true daisies: it is skipped.
        let checked = try ExemplarCalibrationTests.count("daisies.jpg", similarity: nil, checkingAppearance: true)
        let unchecked = try ExemplarCalibrationTests.count("daisies.jpg", similarity: nil, checkingAppearance: false)
        #expect(checked.count == unchecked.count && checked.result.objects[0].appearance == nil)
    }

    /// How many truth points (`[x, y, radius]`) the answer's marks match, one to one, each mark
    /// within a point's radius (the benchmark's rule, closest pairs first).
    static func matched(_ result: GroundingResult, _ truth: [[Float]]) -> Int {
        let marks = result.objects[0].detections.map(\.point)
        var pairs: [(Float, Int, Int)] = []
        for (i, mark) in marks.enumerated() {
            for (j, point) in truth.enumerated() {
                let distance = ((mark.x - point[0]) * (mark.x - point[0]) + (mark.y - point[1]) * (mark.y - point[1])).squareRoot()
                if distance <= point[2] { pairs.append((distance / point[2], i, j)) }
            }
        }
        var usedMarks = Set<Int>(), usedPoints = Set<Int>()
        for (_, i, j) in pairs.sorted(by: { $0.0 < $1.0 }) where !usedMarks.contains(i) && !usedPoints.contains(j) {
            usedMarks.insert(i)
            usedPoints.insert(j)
        }
        return usedMarks.count
    }
}
