import Foundation
import Testing
import Grounding

/// Exemplar matches must stand apart from their surroundings about as much as the examples do
/// (`SurroundingsCheck`, `ExemplarOptions.checksSurroundings`).
@Suite struct SurroundingsCheckTests {
    /// A green field 240×140 with brown squares of 10 pixels: one alone at (20, 20), two
    /// touching at (80, 20) and (90, 20), and a large brown body filling x 120–240, y 70–140.
    static func field() -> RGBImage {
        var image = RGBImage(width: 240, height: 140, filledWith: grass)
        for (x1, y1, x2, y2) in [(20, 20, 30, 30), (80, 20, 90, 30), (90, 20, 100, 30), (120, 70, 240, 140)] {
            for y in y1..<y2 {
                for x in x1..<x2 { paint(&image, x, y, brown) }
            }
        }
        return image
    }

    static let grass = RGBPixel(red: 60, green: 160, blue: 50), brown = RGBPixel(red: 110, green: 70, blue: 40)

    /// Sets the pixel at (`x`, `y`) of `image` to `colour`.
    static func paint(_ image: inout RGBImage, _ x: Int, _ y: Int, _ colour: RGBPixel) {
        let offset = y * image.rowStride + x * 3
        (image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]) = (colour.red, colour.green, colour.blue)
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
        let band = try #require(check.band(around: edge, among: matches, in: image))
        #expect(band.share > 0.5 && band.fullestSide == 1, "\(band)")
        // Without its neighbour among the matches, a square of the pair has brown beside it.
        let alone = try #require(check.band(around: matches[1], among: [matches[1]], in: image))
        #expect(alone.share > 0, "\(alone)")
    }

    @Test func neighboursWithGapsBetweenThemAreNotALargerObject() throws {
        // A lone square as the example, and a square ringed by a chequer of unmatched brown
        // (a flock the matcher found little of): half its band is brown, no side wholly.
        var image = Self.field()
        for y in 0..<80 {
            for x in 160..<240 where (x / 4 + y / 4) % 2 == 0 { Self.paint(&image, x, y, Self.brown) }
        }
        // The ringed square itself, 10 pixels with a 2-pixel green border.
        for y in 33..<47 {
            for x in 193..<207 {
                Self.paint(&image, x, y, (35..<45).contains(y) && (195..<205).contains(x) ? Self.brown : Self.grass)
            }
        }
        let example = Self.box(20, 20), inFlock = Self.box(195, 35)
        let check = try #require(SurroundingsCheck(exemplars: [example], matches: [example, inFlock], in: image))
        let band = try #require(check.band(around: inFlock, among: [example, inFlock], in: image))
        #expect(band.share > check.limit && band.fullestSide < SurroundingsCheck.wholeSide, "\(band)")
        #expect(check.passing([example, inFlock], in: image) == [true, true])
    }

    @Test func examplesTheColourOfTheirSurroundingsAreNotChecked() {
        // A box on the plain field: inside and around are one colour, so colour cannot tell.
        let image = Self.field()
        let plain = BoundingBox(x1: 30, y1: 80, x2: 60, y2: 110)
        #expect(SurroundingsCheck(exemplars: [plain], matches: [plain], in: image) == nil)
    }

    @Test func theBullsBackIsDroppedAndEveryBisonKept() throws {
        // bison.png (hand-counted, tuning set): two far bison as examples; correlation also
        // marks the big bull's back and flank. Measured: 23 marks (9 bison) unchecked, 13 (9) checked.
        let truth = try ExemplarCalibrationTests.exemplars(of: "bison.png").objects
        let unchecked = try ExemplarCalibrationTests.count("bison.png", similarity: nil, checkingAppearance: true)
        let checked = try ExemplarCalibrationTests.count("bison.png", similarity: nil, checkingAppearance: true,
                                                         checkingSurroundings: true)
        #expect(checked.count + 8 <= unchecked.count, "\(checked.count) marks checked, \(unchecked.count) unchecked")
        #expect(AppearanceCheckTests.matched(checked.result, truth) == AppearanceCheckTests.matched(unchecked.result, truth))
        // The answer says how many matches were left out so, and nothing when unchecked.
        #expect(checked.result.objects[0].onLargerObjects == unchecked.count - checked.count)
        #expect(unchecked.result.objects[0].onLargerObjects == nil)
    }

    @Test func aFlockKeepsItsMembers() throws {
        // pelicans.jpg (hand-counted; its bird query is held out, this exemplar query is not in
        // the benchmark): two pelicans of the middle size as examples. Pelicans stand packed,
        // most unmatched, so their bands hold much white; no side of a true one is wholly white.
        let objects = try FindingTheRestTests.truth("pelicans.jpg", "bird").map { [$0.x, $0.y, $0.radius] }
        let sorted = objects.sorted { $0[2] > $1[2] }
        let boxes = sorted[sorted.count / 3..<sorted.count / 3 + 2].map { point in
            let reach = 1.4 * point[2]
            return PixelRect(x: Int(point[0] - reach), y: Int(point[1] - reach), width: Int(2 * reach), height: Int(2 * reach))
        }
        func count(checking: Bool) throws -> GroundingResult {
            var options = GroundingOptions()
            options.exemplar.checksSurroundings = checking
            let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/pelicans.jpg")
            return try TestSupport.engine().ground(contentsOf: photo.path, queries: [.exemplar(boxes)], mode: .count, options: options)
        }
        let with = AppearanceCheckTests.matched(try count(checking: true), objects)
        let without = AppearanceCheckTests.matched(try count(checking: false), objects)
        // Measured: 44 pelicans found without the check, 42 with it.
        #expect(with >= without - 2, "\(with) pelicans found checked, \(without) unchecked")
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
