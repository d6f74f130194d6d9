import Foundation
import Testing
import Grounding

/// "Detect a few, find the rest" (`FindingTheRest`): its mosaic of enlarged candidates
/// (`ZoomMosaic`), its budget rules, and what it adds on real photos against their hand counts.
@Suite struct FindingTheRestTests {
    /// A grey image with a red square of `side` px at (`x`, `y`).
    static func image(width: Int, height: Int, square x: Int, _ y: Int, side: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height, filledWith: RGBPixel(red: 90, green: 90, blue: 90))
        for row in y..<(y + side) {
            for column in x..<(x + side) {
                image.pixels[row * image.rowStride + column * 3] = 230
                image.pixels[row * image.rowStride + column * 3 + 1] = 20
                image.pixels[row * image.rowStride + column * 3 + 2] = 20
            }
        }
        return image
    }

    static func pixel(_ image: RGBImage, _ x: Int, _ y: Int) -> [UInt8] {
        Array(image.pixels[(y * image.rowStride + x * 3)..<(y * image.rowStride + x * 3 + 3)])
    }

    @Test func eachCandidateFillsTheMiddleOfItsOwnCellEnlarged() {
        // A 10 px red square at (40, 30); five candidates: the square, then four on grey.
        let image = Self.image(width: 200, height: 100, square: 40, 30, side: 10)
        var candidates = [BoundingBox(x1: 40, y1: 30, x2: 50, y2: 40)]
        for index in 0..<4 {
            let x = Float(100 + 20 * index)
            candidates.append(BoundingBox(x1: x, y1: 60, x2: x + 10, y2: 70))
        }
        let mosaic = ZoomMosaic(candidates: candidates, in: image, regionSide: 208, cellsPerSide: 2)
        // Four cells of 104 px a region: two regions side by side.
        #expect(mosaic.cellSide == 104 && mosaic.regions.count == 2)
        #expect(mosaic.image.width == 416 && mosaic.image.height == 208)
        #expect(mosaic.regions.map { $0.x } == [0, 208] && mosaic.regions.allSatisfy { $0.width == 208 && $0.height == 208 })
        // The cell shows 4 × 10 px around the square, so the square is its middle 26 px.
        #expect(Self.pixel(mosaic.image, 52, 52) == [230, 20, 20])
        #expect(Self.pixel(mosaic.image, 52 + 10, 52 - 10) == [230, 20, 20])
        #expect(Self.pixel(mosaic.image, 52 + 20, 52) == [90, 90, 90])
        // The second candidate's cell is grey; the empty cells of the second region mid-grey.
        #expect(Self.pixel(mosaic.image, 104 + 52, 52) == [90, 90, 90])
        #expect(Self.pixel(mosaic.image, 208 + 104 + 52, 104 + 52) == [114, 114, 114])
    }

    @Test func aDetectionConfirmsTheCandidateOfItsCellWhenCentredAndOfItsSize() throws {
        let image = Self.image(width: 200, height: 100, square: 40, 30, side: 10)
        let candidates = [BoundingBox(x1: 40, y1: 30, x2: 50, y2: 40), BoundingBox(x1: 120, y1: 50, x2: 140, y2: 70)]
        let mosaic = ZoomMosaic(candidates: candidates, in: image, regionSide: 208, cellsPerSide: 2)
        func detection(_ cx: Float, _ cy: Float, side: Float, score: Float) -> Detection {
            Detection(box: BoundingBox(x1: cx - side / 2, y1: cy - side / 2, x2: cx + side / 2, y2: cy + side / 2),
                      classIndex: 14, score: score)
        }
        // Cell 0 centred at (52, 52), the candidate shown at 26 px; cell 1 at (156, 52).
        let confirmed = mosaic.confirmations([
            detection(52, 52, side: 26, score: 0.3),
            detection(54, 50, side: 30, score: 0.6),   // better: kept
            detection(156 + 30, 52, side: 26, score: 0.9),  // off the middle third of cell 1
            detection(156, 52, side: 90, score: 0.9),       // more than twice the candidate
            detection(52, 156, side: 26, score: 0.9),       // a cell with no candidate
        ])
        #expect(confirmed.count == 2 && confirmed[1] == nil)
        let first = try #require(confirmed[0])
        #expect(first.score == 0.6 && first.classIndex == 14 && first.foundBy == .exemplar)
        // Mapped back: 40 px of image in 104 px of cell, around the square's centre (45, 35).
        let box = first.box
        #expect(abs(box.center.x - (45 + 2 * 40 / 104)) < 0.01 && abs(box.center.y - (35 - 2 * 40 / 104)) < 0.01)
        #expect(abs(box.width - 30 * 40 / 104) < 0.01)
        #expect(ZoomMosaic(candidates: [], in: image, regionSide: 208).regions.isEmpty)
    }

    @Test func findsBecomeWholePixelBoxes() {
        // Examples: corner and size rounded to the nearest pixel; squares looked inside: every
        // pixel touched, cut to the image.
        let find = BoundingBox(x1: 2.4, y1: 3.6, x2: 12.5, y2: 8.2)
        #expect(PixelRect(rounding: find) == PixelRect(x: 2, y: 4, width: 10, height: 5))
        #expect(PixelRect(covering: find, width: 100, height: 100) == PixelRect(x: 2, y: 3, width: 11, height: 6))
        #expect(PixelRect(covering: BoundingBox(x1: -5, y1: 95.5, x2: 10, y2: 130), width: 100, height: 100)
                == PixelRect(x: 0, y: 95, width: 10, height: 5))
        #expect(PixelRect(covering: BoundingBox(x1: 100, y1: 0, x2: 120, y2: 10), width: 100, height: 100) == nil)
    }

    @Test func examplesAreTheBestFindsOfTheUsualSize() {
        func square(_ side: Int) -> PixelRect { PixelRect(x: 0, y: 0, width: side, height: side) }
        // Median side 20: the 40 px find is more than 1.5 times it; smaller ones stay.
        let finds = [square(20), square(40), square(12), square(22), square(18)]
        #expect(FindingTheRest.examples(from: finds) == [square(20), square(12), square(22), square(18)])
        let many = (0..<20).map { square(20 + $0 % 3) }
        #expect(FindingTheRest.examples(from: many) == Array(many.prefix(FindingTheRest.maxExamples)))
        #expect(FindingTheRest.examples(from: []).isEmpty)
    }

    @Test func matchingStaysWithinItsBudgetOrIsNotDone() throws {
        let base = ExemplarOptions()
        // 40 px examples on a 1000 × 800 photo: a working scale of 0.7, 0.39 MP: as it is.
        let small = try #require(FindingTheRest.exemplarOptions(base, examples: [PixelRect(x: 0, y: 0, width: 40, height: 40)],
                                                                width: 1000, height: 800))
        #expect(small.workingSide == base.workingSide && !small.checksAppearance && !small.checksSurroundings)
        // Matched down to the calibration's floor, not calibrated (three more matching passes),
        // unless the caller set a similarity.
        #expect(small.similarity == ExemplarOptions.calibratedRange.lowerBound)
        var set = base
        set.similarity = 0.6
        #expect(FindingTheRest.exemplarOptions(set, examples: [PixelRect(x: 0, y: 0, width: 40, height: 40)],
                                               width: 1000, height: 800)?.similarity == 0.6)
        #expect(small.minimumScale == FindingTheRest.sizes.lowerBound && small.maximumScale == FindingTheRest.sizes.upperBound)
        // 80 px examples on 4000 × 3000: 1.5 MP at a scale of 0.35; the working side shrinks to fit 1 MP.
        let large = try #require(FindingTheRest.exemplarOptions(base, examples: [PixelRect(x: 0, y: 0, width: 80, height: 80)],
                                                                width: 4000, height: 3000))
        #expect(large.workingSide < base.workingSide && large.workingSide >= FindingTheRest.minimumWorkingSide)
        let scale = Float(large.workingSide) / 80
        #expect(4000 * 3000 * scale * scale <= Float(FindingTheRest.maxWorkingPixels))
        // 20 px examples on 8000 × 6000 are matched at full size, 48 MP: not done. Nor are
        // 40 px ones on 4000 × 3000 (6 MP at their scale; 1 MP would take an 11 px working side).
        #expect(FindingTheRest.exemplarOptions(base, examples: [PixelRect(x: 0, y: 0, width: 20, height: 20)],
                                               width: 8000, height: 6000) == nil)
        #expect(FindingTheRest.exemplarOptions(base, examples: [PixelRect(x: 0, y: 0, width: 40, height: 40)],
                                               width: 4000, height: 3000) == nil)
    }

    /// The hand-counted truth points (`Benchmarks/Accuracy/truth.json`) of `file` for `object`.
    static func truth(_ file: String, _ object: String) throws -> [(x: Float, y: Float, radius: Float)] {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/truth.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let photos = try #require(json["photos"] as? [[String: Any]])
        let photo = try #require(photos.first { $0["file"] as? String == file })
        let queries = try #require(photo["queries"] as? [[String: Any]])
        let query = try #require(queries.first { $0["object"] as? String == object })
        let points = try #require(query["objects"] as? [[Double]])
        return points.map { (Float($0[0]), Float($0[1]), Float($0[2])) }
    }

    @Test(arguments: [("sheep.jpg", "sheep"), ("orchestra.png", "person")])
    func whatItAddsIsOnObjectsTheDetectorMissed(photo: String, object: String) throws {
        // Tuning photos of the accuracy set: the sheep of a flock, the back rows of an orchestra.
        let engine = try TestSupport.defaultEngine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/\(photo)").path
        // People that only a face shows, and what looking around the finds adds, are other
        // stages' (``WholesFromPartsTests``, ``LookAroundTests``).
        var on = GroundingOptions()
        on.findsWholesByParts = false
        on.looksAround = false
        var off = on
        off.findsTheRest = false
        let with = try engine.ground(contentsOf: path, objects: [object], mode: .count, options: on).objects[0]
        let without = try engine.ground(contentsOf: path, objects: [object], mode: .count, options: off).objects[0]
        // It only adds: the detector's own finds are the same, and the rest are marked.
        #expect(with.detections.filter { $0.foundBy == .detector } == without.detections)
        #expect(without.detections.allSatisfy { $0.foundBy == .detector })
        let added = with.detections.filter { $0.foundBy == .exemplar }
        #expect(with.count == without.count + added.count)
        // Each addition lies on a counted object that none of the detector's finds is on.
        let truth = try Self.truth(photo, object)
        func counted(at point: ImagePoint) -> Int? {
            truth.indices.first { hypot(point.x - truth[$0].x, point.y - truth[$0].y) <= truth[$0].radius }
        }
        let known = Set(without.detections.compactMap { counted(at: $0.point) })
        let hits = added.compactMap { counted(at: $0.point) }.filter { !known.contains($0) }
        // It adds some (measured: 7 sheep, 2 players), and at least four in five are right.
        #expect(added.count >= 2, "\(added.count) added")
        #expect(Float(Set(hits).count) >= 0.8 * Float(added.count), "\(Set(hits).count) of \(added.count) added are new counted objects")
    }

    @Test func findsAlsoReadAsAnotherClassAreNoExamples() throws {
        // sheep.jpg (tuning photo) holds no cow, but asked for sheep and cows the detector boxes a
        // few sheep as cows, most of them read about as surely as sheep. Taken as the cows'
        // examples, they led the search to 5 more sheep, counted as cows (measured: 9 cows).
        let engine = try TestSupport.defaultEngine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/sheep.jpg").path
        let result = try engine.ground(contentsOf: path, objects: ["sheep", "cow"], mode: .count)
        let (sheep, cows) = (result.objects[0], result.objects[1])
        #expect(cows.detections.allSatisfy { $0.foundBy == .detector }, "\(cows.detections.filter { $0.foundBy == .exemplar }.count) cows added")
        #expect(cows.count <= 4, "\(cows.count) cows")
        // The sheep's own finds still lead to more sheep.
        #expect(sheep.detections.contains { $0.foundBy == .exemplar })
    }

    @Test func eachObjectItAddsIsAddedOnce() throws {
        // berlin-cathedral.png (1024 × 683): cars parked in a row below the cathedral, about 20 px
        // long. Matches on one van, or one car, from neighbouring cells may both be confirmed;
        // like two slices' finds, a box lying mostly inside another is the same object. Before
        // that rule, three cars were added twice (a box inside another, 0.59 to 1 of it).
        let engine = try TestSupport.defaultEngine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("berlin-cathedral.png"), objects: ["car"], mode: .bbox)
        let added = result.objects[0].detections.filter { $0.foundBy == .exemplar }.map(\.box)
        #expect(added.count >= 5, "\(added.count) added")
        let inside = GroundingOptions().tileMatchThreshold
        for (index, box) in added.enumerated() {
            for other in added[(index + 1)...] {
                #expect(box.intersectionOverSmaller(with: other) < inside, "\(box) and \(other) are one object")
            }
        }
    }

    @Test func theAnswerSaysHowEachObjectWasFoundAndReadsBack() throws {
        let engine = try TestSupport.defaultEngine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/sheep.jpg").path
        let result = try engine.ground(contentsOf: path, objects: ["sheep"], mode: .count)
        let line = result.nativeJSON().serialized()
        #expect(line.contains(#""found_by":"exemplar""#) && line.contains(#""found_by":"detector""#))
        let decoded = try JSONDecoder().decode(GroundingResult.self, from: Data(line.utf8))
        #expect(decoded.objects[0].detections.map(\.foundBy) == result.objects[0].detections.map(\.foundBy))
        #expect(line.contains(#""unconfirmed_lookalikes":"#))
        #expect(decoded.objects[0].unconfirmedLookalikes == result.objects[0].unconfirmedLookalikes)
    }

    @Test func itSaysHowManyLookAlikesItCouldNotConfirm() throws {
        let engine = try TestSupport.defaultEngine()
        func object(_ photo: String, _ name: String, _ options: GroundingOptions = GroundingOptions()) throws -> GroundedObject {
            let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/\(photo)").path
            return try engine.ground(contentsOf: path, objects: [name], mode: .count, options: options).objects[0]
        }
        // A flock mostly missed (14 of 158 sheep found) leaves many (measured: 14); five horses,
        // all found, none.
        let sheep = try object("sheep.jpg", "sheep")
        #expect((sheep.unconfirmedLookalikes ?? 0) >= 5, "\(String(describing: sheep.unconfirmedLookalikes))")
        #expect(try object("horses.png", "horse").unconfirmedLookalikes == 0)
        // Nothing is said where nothing was learned: finding the rest off, or a colour asked for.
        var off = GroundingOptions()
        off.findsTheRest = false
        #expect(try object("sheep.jpg", "sheep", off).unconfirmedLookalikes == nil)
        #expect(try object("sheep.jpg", "grey sheep").unconfirmedLookalikes == nil)
    }

    @Test func theCommandLineSaysWhatWasFoundByLikenessAndCanTurnItOff() throws {
        // Looking around the finds (another stage) would add to both counts differently.
        let sheep = ["count", "Benchmarks/Accuracy/photos/sheep.jpg", "--object", "sheep", "--no-look-around"]
        let with = try CLITests.ground(sheep), without = try CLITests.ground(sheep + ["--no-find-the-rest"])
        #expect(with.status == 0 && without.status == 0, "\(with.stderr)\(without.stderr)")
        let (count, added) = with.count(of: "sheep", noting: "found by their likeness")
        #expect(added > 0 && count == without.count(of: "sheep", noting: "").count + added, "\(with.lines)")
        // The look-alikes are places, not objects: the line says so, and counts none of them.
        let places = with.lines.compactMap { line -> Int? in
            guard line.hasPrefix("      the count may be short: the model did not confirm "),
                  line.hasSuffix(" places that look like them (not counted; most such places hold none)") else { return nil }
            return Int(line.split(separator: " ")[10])
        }
        #expect(places.count == 1 && places[0] > 1, "\(with.lines)")
        #expect(!without.lines.contains { $0.contains("likeness") || $0.contains("look like them") })
    }

    @Test func aDetectorSaysWhetherItsFindsAreFollowedUp() throws {
        // YOLO's low scores still mean something on an enlarged view; MediaPipe's faces and hands
        // have closer looks of their own (and it added none of the hand-counted faces and hands).
        #expect(try TestSupport.engine().detector.findsTheRest)
        #expect(try !MediaPipeTestSupport.fullRange.get().findsTheRest)
        let faces = GroundingEngine(detectors: [try MediaPipeTestSupport.fullRange.get()], exemplarMatcher: TemplateMatcher())
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/solvay-1927.jpg").path
        var off = GroundingOptions()
        off.findsTheRest = false
        let with = try faces.ground(contentsOf: photo, objects: ["face"], mode: .bbox)
        let without = try faces.ground(contentsOf: photo, objects: ["face"], mode: .bbox, options: off)
        #expect(with.objects[0].detections.count >= 3 && with.regionCount == without.regionCount)
        #expect(with.objects[0].detections == without.objects[0].detections)
    }

    @Test func drawnBoxesSayWhichWereFoundByLikeness() {
        func detection(_ x: Float, _ foundBy: FoundBy) -> GroundedDetection {
            GroundedDetection(className: "bird", classIndex: 14, score: 0.4, box: BoundingBox(x1: x, y1: 10, x2: x + 20, y2: 30),
                              foundBy: foundBy, imageWidth: 200, imageHeight: 100)
        }
        let found = [detection(10, .detector), detection(60, .exemplar)]
        let named = GroundedObject(name: "pelican", classes: ["bird"], resolution: .wordnet, detections: found)
        let matched = GroundedObject(name: "exemplar", classes: ["exemplar"], resolution: .exemplar,
                                     detections: [detection(10, .exemplar)], exemplars: [found[0].box])
        #expect(found.map(named.isAddedByLikeness) == [false, true])
        #expect(!matched.isAddedByLikeness(matched.detections[0]), "an exemplar query's matches were asked for, not added")
        let result = GroundingResult(path: nil, imageWidth: 200, imageHeight: 100, orientation: 1, mode: .bbox,
                                     objects: [named, matched], unresolved: [], regionCount: 1, tileSize: nil, timings: StageTimings())
        let tags = result.annotationLayers().flatMap(\.boxes).compactMap(\.tag)
        #expect(tags == ["bird 0.40", "bird 0.40 by likeness", "bird 0.40"], "\(tags)")
    }
}
