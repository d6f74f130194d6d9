import Foundation
import Testing
import Grounding

/// Exemplar queries through the engine: counting coins from one coin, a synthetic pattern,
/// the three modes, errors, and that name queries are unchanged.
@Suite struct ExemplarTests {
    struct Coin: Decodable { var x: Float, y: Float, r: Float }
    struct CoinFixture: Decodable { var coins: [Coin] }

    static let coins: [Coin] = {
        let data = try! Data(contentsOf: TestSupport.fixture("coins-centres.json"))
        return try! JSONDecoder().decode(CoinFixture.self, from: data).coins
    }()

    /// Boxes drawn around one coin each: a mid-size one, a small one.
    @Test("one coin as the exemplar counts the 24 coins, one point per coin",
          arguments: [PixelRect(x: 193, y: 29, width: 46, height: 46), PixelRect(x: 136, y: 108, width: 38, height: 38)])
    func countsTheCoins(exemplar: PixelRect) throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("coins.png"),
                                       queries: [.exemplar([exemplar])], mode: .count)
        let object = try #require(result.objects.first)
        #expect(result.objects.count == 1)
        #expect(abs(object.count - Self.coins.count) <= 1, "found \(object.count) of \(Self.coins.count) coins")
        var hitCoins: [Int] = []
        for detection in object.detections {
            let inside = Self.coins.indices.filter { index in
                let coin = Self.coins[index]
                let dx = detection.point.x - coin.x, dy = detection.point.y - coin.y
                return dx * dx + dy * dy <= coin.r * coin.r
            }
            #expect(inside.count == 1, "point \(detection.point) lies on \(inside.count) coins")
            hitCoins += inside
        }
        #expect(Set(hitCoins).count == hitCoins.count, "two points on one coin")
    }

    /// bison.png (accuracy set): far bison of about 60 × 33 px, two of them the examples. A reach
    /// of the template's smaller side along a bison's length marked the second example's bison
    /// twice, its whole and its head and the grass before it (26 px apart); the far herd held two
    /// bison marked twice (measured; the other's second mark lies on the big bull's back).
    @Test func aLongAnimalIsMarkedOnce() throws {
        let (path, examples, objects) = try ExemplarCalibrationTests.exemplars(of: "bison.png")
        let object = try #require(try TestSupport.defaultEngine().ground(contentsOf: path, queries: [.exemplar(examples)],
                                                                          mode: .count).objects.first)
        // The hand-counted extents (x, y, width, height: a row's last four) of the far herd's bison.
        let extents = objects.filter { $0.count == 7 && $0[6] < 60 }.map { Array($0[3...]) }
        func holds(_ extent: [Float], _ point: ImagePoint) -> Bool {
            point.x >= extent[0] && point.x < extent[0] + extent[2] && point.y >= extent[1] && point.y < extent[1] + extent[3]
        }
        let marksOn = extents.map { extent in object.detections.filter { holds(extent, $0.point) }.count }
        #expect(extents.count >= 14 && object.count >= 10, "\(extents.count) bison, \(object.count) marks")
        // Each example's own bison holds one mark.
        for example in examples {
            let centre = ImagePoint(x: Float(example.x) + Float(example.width) / 2, y: Float(example.y) + Float(example.height) / 2)
            let bison = try #require(extents.firstIndex { holds($0, centre) })
            #expect(marksOn[bison] == 1, "the bison of example \(example) holds \(marksOn[bison]) marks")
        }
        #expect(marksOn.filter { $0 > 1 }.count <= 1, "\(marksOn)")
    }

    @Test func coarseToFineFindsWhatTheExhaustiveSearchFinds() throws {
        let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage("coins.png")).image
        for coin in [PixelRect(x: 193, y: 29, width: 46, height: 46), PixelRect(x: 80, y: 240, width: 66, height: 52)] {
            let detector = try ExemplarDetector(image: image, exemplars: [coin])
            let (tensor, _) = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight).tensor(from: image)
            let fast = try detector.detect(tensor, scoreThreshold: 0.5, exhaustive: false)[0]
            let full = try detector.detect(tensor, scoreThreshold: 0.5, exhaustive: true)[0]
            #expect(full.count >= 20)
            #expect(Set(fast.map(\.box)) == Set(full.map(\.box)))
        }
    }

    /// A 15×15 pattern stamped at known places on seeded noise is found exactly there, once each.
    @Test func findsEveryStampOfASyntheticPattern() throws {
        var generator = SeededGenerator(state: 7)
        let width = 240, height = 160
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let v = UInt8(truncatingIfNeeded: 60 + Int(generator.next() % 80))
                image[x, y] = RGBPixel(red: v, green: v, blue: v)
            }
        }
        let side = 15
        let pattern = (0..<side * side).map { i -> UInt8 in
            let x = i % side, y = i / side
            return (x - 7) * (x - 7) + (y - 7) * (y - 7) < 30 || x == y ? 240 : 10
        }
        let stamps = [(10, 12), (60, 20), (130, 8), (200, 30), (30, 100), (100, 80), (170, 120), (215, 140)]
        for (sx, sy) in stamps {
            for i in pattern.indices {
                image[sx + i % side, sy + i / side] = RGBPixel(red: pattern[i], green: pattern[i], blue: pattern[i])
            }
        }
        let engine = try TestSupport.engine()
        let exemplar = PixelRect(x: stamps[3].0, y: stamps[3].1, width: side, height: side)
        let result = try engine.ground(image, queries: [.exemplar([exemplar])], mode: .bbox)
        let found = try #require(result.objects.first).detections
        #expect(found.count == stamps.count)
        for (sx, sy) in stamps {
            let centre = (x: Float(sx) + Float(side) / 2, y: Float(sy) + Float(side) / 2)
            let near = found.filter { abs($0.point.x - centre.x) <= 1 && abs($0.point.y - centre.y) <= 1 }
            #expect(near.count == 1, "stamp at \(sx),\(sy) found \(near.count) times")
        }
    }

    @Test func answersAllThreeModesWithTheSameObjects() throws {
        let engine = try TestSupport.engine()
        let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
        let results = try GroundingMode.allCases.map { mode in
            try engine.ground(contentsOf: TestSupport.testImage("coins.png"), queries: [.exemplar([coin])], mode: mode)
        }
        for result in results {
            let object = try #require(result.objects.first)
            #expect(object.name == "exemplar" && object.classes == ["exemplar"] && object.resolution == .exemplar)
            #expect(object.exemplars == [coin.box])
            #expect(object.detections.map(\.box) == results[0].objects[0].detections.map(\.box))
            #expect(object.detections.allSatisfy { d in
                d.score >= 0.5 && d.box.x1 <= d.point.x && d.point.x <= d.box.x2 && d.box.y1 <= d.point.y && d.point.y <= d.box.y2
            })
        }
        let json = results[2].nativeJSON().serialized()
        #expect(json.contains("\"resolved_by\":\"exemplar\",\"exemplars\":[[193"), "\(json.prefix(300))")
        #expect(results[2].cocoJSON(imageID: 1).isEmpty, "exemplar matches have no COCO category")
        #expect(results[2].annotationLayers().map(\.style) == [.detections, .exemplar])
    }

    @Test func nameQueriesAreUnaffected() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("horses.jpg")
        let names = try engine.ground(contentsOf: path, objects: ["horse", "person"], mode: .bbox)
        let mixed = try engine.ground(contentsOf: path, queries: [.name("horse"), .exemplar([PixelRect(x: 0, y: 190, width: 160, height: 170)]), .name("person")],
                                      mode: .bbox)
        #expect(mixed.objects.map(\.name) == ["horse", "exemplar", "person"])
        #expect(mixed.objects[0].detections == names.objects[0].detections)
        #expect(mixed.objects[2].detections == names.objects[1].detections)
        #expect(names.objects.allSatisfy { $0.exemplars.isEmpty })
    }

    @Test("bad exemplar boxes give a typed error naming the box and the image size",
          arguments: [(PixelRect(x: 370, y: 10, width: 30, height: 30), "outside"),
                      (PixelRect(x: 10, y: 10, width: 3, height: 30), "at least 4"),
                      (PixelRect(x: 0, y: 0, width: 400, height: 100), "larger than"),
                      (PixelRect(x: -5, y: 10, width: 20, height: 20), "outside")])
    func rejectsBadBoxes(box: PixelRect, words: String) throws {
        let engine = try TestSupport.engine()
        do {
            _ = try engine.ground(contentsOf: TestSupport.testImage("coins.png"), queries: [.exemplar([box])], mode: .count)
            Issue.record("no error for \(box)")
        } catch {
            guard case .exemplar = error else { Issue.record("wrong error \(error)"); return }
            let message = error.description
            #expect(message.contains("[\(box.x), \(box.y), \(box.x + box.width), \(box.y + box.height)]"), "\(message)")
            #expect(message.contains(words), "\(message)")
            if words != "at least 4" { #expect(message.contains("384×303"), "\(message)") }
        }
    }

    /// A box of fine noise varies at full size, but matching shrinks it to 28×28 pixels and
    /// searches at 14×14 first, where the noise averages out to one grey: the error must say that,
    /// not that the box is one flat colour (it was, for a 4000×4000 box of noise).
    @Test func aBoxOfNoiseIsTooFineToMatchNotFlat() throws {
        var generator = SeededGenerator(state: 11)
        let side = 1000
        // Colour noise of ±24 levels: at 28 px some template sizes keep ~1.4× the flat floor's
        // variance, at 14 px every size is under half of it.
        let image = RGBImage(width: side, height: side, pixels: generator.bytes(side * side * 3).map { 104 + $0 % 49 })
        let box = PixelRect(width: side, height: side)
        let engine = try TestSupport.engine()
        do {
            _ = try engine.ground(image, queries: [.exemplar([box])], mode: .count)
            Issue.record("no error for a box of noise")
        } catch {
            guard case .exemplar(.detailTooFine(box, let width, let height)) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(width == 14 && height == 14, "the coarse search's size, where the noise is flat")
            let message = error.description
            #expect(message.contains("[0, 0, 1000, 1000]") && message.contains("shrunk to 14×14")
                    && message.contains("noise") && !message.contains("is one flat colour"), "\(message)")
        }
    }

    @Test func rejectsAFlatExemplarAndNoBoxes() throws {
        let image = RGBImage(width: 64, height: 64)
        #expect(throws: ExemplarError.featureless(PixelRect(x: 8, y: 8, width: 16, height: 16))) {
            try ExemplarDetector(image: image, exemplars: [PixelRect(x: 8, y: 8, width: 16, height: 16)])
        }
        #expect(throws: ExemplarError.noBoxes) { try ExemplarDetector(image: image, exemplars: []) }
    }
}
