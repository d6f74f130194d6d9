import Foundation
import Testing
import Grounding

/// Exemplar matches must stand apart from their surroundings about as much as the examples do
/// (`SurroundingsCheck`, `ExemplarOptions.checksSurroundings`).
@Suite struct SurroundingsCheckTests {
    /// A green field 240×140 with brown squares of 10 pixels: one alone at (20, 20), two
    /// touching at (80, 20) and (90, 20), and a large brown body filling x 120–240, y 70–140.
    static func field() -> RGBImage {
        var image = RGBImage(width: 240, height: 140, filledWith: RGBPixel(red: 60, green: 160, blue: 50))
        func fill(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int) {
            for y in y1..<y2 {
                for x in x1..<x2 {
                    let offset = y * image.rowStride + x * 3
                    (image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]) = (110, 70, 40)
                }
            }
        }
        fill(20, 20, 30, 30)
        fill(80, 20, 90, 30)
        fill(90, 20, 100, 30)
        fill(120, 70, 240, 140)
        return image
    }

    /// The 14-pixel box around a 10-pixel square at (`x`, `y`).
    static func box(_ x: Float, _ y: Float) -> BoundingBox {
        BoundingBox(x1: x - 2, y1: y - 2, x2: x + 12, y2: y + 12)
    }

    @Test func aMatchOnTheEdgeOfALargerObjectFailsAndWholeOnesPass() throws {
        let image = Self.field()
        let example = Self.box(20, 20)
        // The lone square, the touching pair, and a window on the large body's top edge (its
        // lower half brown, like the example's square inside its green border).
        let edge = BoundingBox(x1: 160, y1: 66, x2: 174, y2: 80)
        let matches = [example, Self.box(80, 20), Self.box(90, 20), edge]
        let check = try #require(SurroundingsCheck(exemplars: [example], matches: matches, in: image))
        #expect(check.limit == SurroundingsCheck.floor)
        // Each of the pair has the other beside it, but that one is a match too: left out.
        #expect(check.passing(matches, in: image) == [true, true, true, false])
        let share = try #require(check.objectShare(of: edge, among: matches, in: image))
        #expect(share > 0.5, "\(share)")
        // Without its neighbour among the matches, a square of the pair has brown beside it.
        let alone = try #require(check.objectShare(of: matches[1], among: [matches[1]], in: image))
        #expect(alone > 0, "\(alone)")
    }

    @Test func examplesTheColourOfTheirSurroundingsAreNotChecked() {
        // A box on the plain field: inside and around are one colour, so colour cannot tell.
        let image = Self.field()
        let plain = BoundingBox(x1: 30, y1: 80, x2: 60, y2: 110)
        #expect(SurroundingsCheck(exemplars: [plain], matches: [plain], in: image) == nil)
    }

    @Test func theBullsBackIsDroppedAndEveryBisonKept() throws {
        // bison.png (hand-counted, tuning set): two far bison as examples; correlation also
        // marks the big bull's back and flank. Measured: 28 marks (8 bison) unchecked, 15 (8) checked.
        let truth = try ExemplarCalibrationTests.exemplars(of: "bison.png").objects
        let unchecked = try ExemplarCalibrationTests.count("bison.png", similarity: nil, checkingAppearance: true)
        let checked = try ExemplarCalibrationTests.count("bison.png", similarity: nil, checkingAppearance: true,
                                                         checkingSurroundings: true)
        #expect(checked.count + 8 <= unchecked.count, "\(checked.count) marks checked, \(unchecked.count) unchecked")
        #expect(AppearanceCheckTests.matched(checked.result, truth) == AppearanceCheckTests.matched(unchecked.result, truth))
    }

    @Test func countsWithoutLargerObjectsAreUnchanged() throws {
        // Nuclei with glowing dividing cells, packed daisies, raindrops, meerkats side by side.
        for file in ["nuclei.png", "daisies.jpg", "raindrops.jpg", "meerkats.png"] {
            let unchecked = try ExemplarCalibrationTests.count(file, similarity: nil, checkingAppearance: true)
            let checked = try ExemplarCalibrationTests.count(file, similarity: nil, checkingAppearance: true,
                                                             checkingSurroundings: true)
            #expect(checked.count == unchecked.count, "\(file): \(checked.count) checked, \(unchecked.count) unchecked")
        }
    }
}
