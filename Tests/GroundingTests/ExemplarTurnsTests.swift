import Foundation
import Testing
import Grounding
import GroundingExemplar

/// Exemplars matched turned (``ExemplarOrientations``): the plane transform itself, and an
/// asymmetric pattern stamped in all eight turns, found once each with `.all`, only as drawn
/// with `.upright`, and drawn and mirrored with `.mirrored`.
@Suite struct ExemplarTurnsTests {
    /// 3 wide, 2 high: 0 1 2 / 3 4 5.
    let plane: GreyPlane = {
        var plane = GreyPlane(width: 3, height: 2)
        plane.values = [0, 1, 2, 3, 4, 5]
        return plane
    }()

    @Test func aPlaneIsMirroredThenTurnedClockwise() {
        let mirrored = plane.turned(mirrored: true, quarterTurns: 0)
        #expect(mirrored.width == 3 && mirrored.values == [2, 1, 0, 5, 4, 3])
        let quarter = plane.turned(mirrored: false, quarterTurns: 1)
        // Clockwise: the left column, read bottom to top, becomes the top row.
        #expect(quarter.width == 2 && quarter.height == 3 && quarter.values == [3, 0, 4, 1, 5, 2])
        #expect(plane.turned(mirrored: false, quarterTurns: 2).values == [5, 4, 3, 2, 1, 0])
        #expect(plane.turned(mirrored: false, quarterTurns: 3).values == [2, 5, 1, 4, 0, 3])
        #expect(plane.turned(mirrored: false, quarterTurns: 4).values == plane.values)
        // The eight turns of `.all` are eight different planes.
        let all = ExemplarOrientations.all.turns.map { plane.turned(mirrored: $0.mirrored, quarterTurns: $0.quarterTurns).values }
        #expect(Set(all).count == 8)
    }

    /// A 15×15 pattern with no symmetry turned every way, stamped on seeded noise; the
    /// exemplar is the upright one.
    func stampedImage() -> (image: RGBImage, places: [(x: Int, y: Int)], exemplar: PixelRect) {
        var generator = SeededGenerator(state: 11)
        let width = 260, height = 120, side = 15
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let v = UInt8(truncatingIfNeeded: 60 + Int(generator.next() % 60))
                image[x, y] = RGBPixel(red: v, green: v, blue: v)
            }
        }
        var pattern = GreyPlane(width: side, height: side)
        for y in 0..<side {
            for x in 0..<side {
                // A square at the top left, a bar along the top from it, a block lower left:
                // no two turns correlate above 0.57 at any shift of up to two pixels.
                let square = (1...5).contains(x) && (1...5).contains(y)
                let bar = (6...13).contains(x) && (1...2).contains(y)
                let block = (3...4).contains(x) && (9...11).contains(y)
                pattern.values[y * side + x] = square || bar || block ? 0.95 : 0.05
            }
        }
        var places: [(x: Int, y: Int)] = []
        for (index, turn) in ExemplarOrientations.all.turns.enumerated() {
            let turned = pattern.turned(mirrored: turn.mirrored, quarterTurns: turn.quarterTurns)
            let (px, py) = (10 + (index % 4) * 62, 15 + (index / 4) * 55)
            for y in 0..<side {
                for x in 0..<side {
                    let v = UInt8(turned.values[y * side + x] * 255)
                    image[px + x, py + y] = RGBPixel(red: v, green: v, blue: v)
                }
            }
            places.append((px, py))
        }
        return (image, places, PixelRect(x: places[0].x, y: places[0].y, width: side, height: side))
    }

    @Test("upright finds the drawn one, mirrored also its mirror image, all every turn, once each",
          arguments: [(ExemplarOrientations.upright, 1), (.mirrored, 2), (.all, 8)])
    func findsTheTurnsAsked(orientations: ExemplarOrientations, expected: Int) throws {
        let (image, places, exemplar) = stampedImage()
        var options = GroundingOptions()
        options.exemplar.orientations = orientations
        options.exemplar.similarity = 0.75
        let result = try TestSupport.engine().ground(image, queries: [.exemplar([exemplar])], mode: .bbox, options: options)
        let found = try #require(result.objects.first).detections
        let turns = ExemplarOrientations.all.turns
        for (place, turn) in zip(places, turns) {
            let near = found.filter { abs($0.point.x - Float(place.x) - 7.5) <= 1.5 && abs($0.point.y - Float(place.y) - 7.5) <= 1.5 }
            let wanted = orientations.turns.contains { $0 == turn }
            #expect(near.count == (wanted ? 1 : 0), "\(orientations): the stamp mirrored \(turn.mirrored), turned \(turn.quarterTurns) found \(near.count) times")
        }
        #expect(found.count == expected)
    }

    @Test func optionsThatWouldRunForMinutesAreRefusedAtOnceWithTheirOwnCode() throws {
        var options = GroundingOptions()
        options.exemplar.orientations = .all
        (options.exemplar.minimumScale, options.exemplar.maximumScale) = (0.1, 10)
        let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
        let start = ContinuousClock.now
        #expect {
            _ = try TestSupport.engine().ground(contentsOf: TestSupport.testImage("coins.png"), queries: [.exemplar([coin])],
                                                mode: .count, options: options)
        } throws: { error in
            GroundingErrorCode(of: error) == .exemplarTooCostly && "\(error)".contains("--exemplar-sizes")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        // Upright, the same sizes are allowed: the sizes larger than the photo are not correlated.
        options.exemplar.orientations = .upright
        let upright = try TestSupport.engine().ground(contentsOf: TestSupport.testImage("coins.png"), queries: [.exemplar([coin])],
                                                      mode: .count, options: options)
        #expect(try #require(upright.objects.first).count > 0)
    }

    @Test func manyBoxesAtEverySizeAndTurnAreRefusedBeforeAnyTemplateIsCut() throws {
        // 30 boxes × 463 sizes × 8 turns: cutting them all first took 22 s and 3.8 GB.
        var options = GroundingOptions()
        options.exemplar.orientations = .all
        (options.exemplar.minimumScale, options.exemplar.maximumScale, options.exemplar.scaleStep) = (0.1, 10, 1.01)
        let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
        let start = ContinuousClock.now
        #expect {
            _ = try TestSupport.engine().ground(contentsOf: TestSupport.testImage("coins.png"),
                                                queries: [.exemplar(Array(repeating: coin, count: 30))], mode: .count, options: options)
        } throws: { error in
            GroundingErrorCode(of: error) == .exemplarTooCostly && "\(error)".contains("30 example boxes at 463 sizes and 8 turns make 111120 templates")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        // Two of them at sizes 0.5–2 in steps of 1.1 with every turn are 240 templates: matched.
        (options.exemplar.minimumScale, options.exemplar.maximumScale, options.exemplar.scaleStep) = (0.5, 2, 1.1)
        let two = try TestSupport.engine().ground(contentsOf: TestSupport.testImage("coins.png"),
                                                  queries: [.exemplar([coin, coin])], mode: .count, options: options)
        #expect(try #require(two.objects.first).count > 0)
    }

    @Test func theRequestCarriesTheTurns() throws {
        var options = ExemplarOptions()
        options.orientations = .all
        let decoded = try JSONDecoder().decode(ExemplarOptions.self, from: try JSONEncoder().encode(options))
        #expect(decoded.orientations == .all)
        let defaulted = try JSONDecoder().decode(ExemplarOptions.self, from: Data("{}".utf8))
        #expect(defaulted.orientations == .upright)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ExemplarOptions.self, from: Data(#"{"orientations": "sideways"}"#.utf8))
        }
    }
}
