import Foundation
import Testing
import Grounding

/// Faces and hands counted on photos whose every face and hand was counted by eye
/// (`Fixtures/faces-and-hands.json`), through the whole engine with automatic tiling: a
/// prediction matches a truth point when the point lies inside its box, each point once.
@Suite struct MediaPipeCountTests {
    struct Truth: Decodable {
        struct Photo: Decodable {
            var photo: String
            /// The folder under the repository root that holds the photo (`TestImages` if absent).
            var folder: String?
            var faces: [[Float]]
            /// Absent when the photo's hands were not counted: it is then left out of the hand tests.
            var hands: [[Float]]?

            var path: String {
                TestSupport.repositoryRoot.appendingPathComponent(folder ?? "TestImages").appendingPathComponent(photo).path
            }
        }
        var photos: [Photo]
    }

    /// Matches `points` to `boxes` (best score first, each point once); returns (matched, false boxes).
    static func match(_ points: [[Float]], _ found: [GroundedDetection]) -> (matched: Int, false: Int) {
        var open = points
        var falseCount = 0
        for detection in found.sorted(by: { $0.score > $1.score }) {
            let box = detection.box
            if let index = open.firstIndex(where: { box.x1 <= $0[0] && $0[0] <= box.x2 && box.y1 <= $0[1] && $0[1] <= box.y2 }) {
                open.remove(at: index)
            } else {
                falseCount += 1
            }
        }
        return (points.count - open.count, falseCount)
    }

    static func truth() throws -> Truth {
        try JSONDecoder().decode(Truth.self, from: Data(contentsOf: TestSupport.fixture("faces-and-hands.json")))
    }

    /// Recall over all photos and the most false detections in one photo, from an engine that
    /// holds YOLOv4-tiny (which finds the people the engine looks inside, when `looksInside`) and `detector`.
    static func count(_ name: String, with detector: any Detector, points: (Truth.Photo) -> [[Float]]?,
                      looksInside: Bool = true, looksCloser: Bool = true,
                      only photos: Set<String>? = nil) throws -> (recall: Float, worstFalse: Int, report: String) {
        let engine = GroundingEngine(detectors: [try TestSupport.engine().detector, detector])
        var options = GroundingOptions()
        options.looksInsideWholes = looksInside
        options.looksCloser = looksCloser
        var (matched, total, worstFalse, report) = (0, 0, 0, "")
        for photo in try truth().photos where photos?.contains(photo.photo) ?? true {
            guard let truth = points(photo) else { continue }
            let found = try engine.ground(contentsOf: photo.path, objects: [name], mode: .bbox, options: options)
            let result = match(truth, found.objects[0].detections)
            matched += result.matched
            total += truth.count
            worstFalse = max(worstFalse, result.false)
            report += "\(photo.photo): \(result.matched)/\(truth.count) found, \(result.false) false; "
        }
        return (Float(matched) / Float(max(total, 1)), worstFalse, report)
    }

    @Test(arguments: [MediaPipeFaceDetector.Model.shortRange, .fullRange])
    func facesAreCounted(model: MediaPipeFaceDetector.Model) throws {
        let detector = try (model == .shortRange ? MediaPipeTestSupport.shortRange : MediaPipeTestSupport.fullRange).get()
        let (recall, worstFalse, report) = try Self.count("face", with: detector, points: { $0.faces })
        // Measured, no photo with a false face: full range 0.95 (107/113: 6 of orchestra.png's 33
        // faces of 9 to 21 px missed; team-meeting.jpg 38/38), 0.89 without the close look
        // (101/113, orchestra.png 21/33). The short-range model, made for faces within 2 m and
        // without a close look, 0.64: it misses the small faces the close look is for.
        if model == .fullRange {
            #expect(recall >= 0.9, "\(report)")
        } else {
            withKnownIssue("the short-range model misses faces farther than 2 m") { #expect(recall >= 0.9, "\(report)") }
        }
        // Each face is confirmed by the face landmark model, or, when too small for it, by the
        // person it lies in and a higher score (without a second look, slices that cut a face or
        // show a hand added up to 2 false faces a photo).
        #expect(worstFalse <= 1, "\(report)")
    }

    @Test func lookingInsidePeopleFindsFacesTooSmallToFindAlone() throws {
        let detector = try MediaPipeTestSupport.fullRange.get()
        let inside = try Self.count("face", with: detector, points: { $0.faces }, looksCloser: false)
        let alone = try Self.count("face", with: detector, points: { $0.faces }, looksInside: false, looksCloser: false)
        // Measured without the close look: 0.89 against 0.65 (guards.jpg 5/5 against 0/5,
        // orchestra.png 21/33 against 1/33, team-meeting.jpg 38/38 both ways).
        #expect(inside.recall >= alone.recall + 0.2, "inside people: \(inside.report)\nalone: \(alone.report)")
        #expect(inside.worstFalse <= max(alone.worstFalse, 1))
        // The faces do not depend on whether people were asked for too.
        let engine = GroundingEngine(detectors: [try TestSupport.engine().detector, detector])
        let photo = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/guards.jpg").path
        let faces = try engine.ground(contentsOf: photo, objects: ["face"], mode: .bbox)
        let both = try engine.ground(contentsOf: photo, objects: ["person", "face"], mode: .bbox)
        #expect(faces.objects[0].detections == both.objects[1].detections && faces.objects[0].count == 5)
    }

    @Test func theCloseLookFindsSmallFacesTheFirstPassMissedAndNothingElse() throws {
        let detector = try MediaPipeTestSupport.fullRange.get()
        // orchestra.png chose the close look's regions and threshold; guards.jpg and
        // team-meeting.jpg (faces of 20 to 45 px, some under the 32 px that calls for a look) did not.
        let photos: Set = ["orchestra.png", "guards.jpg", "team-meeting.jpg"]
        let closer = try Self.count("face", with: detector, points: { $0.faces }, only: photos)
        let without = try Self.count("face", with: detector, points: { $0.faces }, looksCloser: false, only: photos)
        // Measured: 27 against 21 of orchestra.png's 33; the others 5/5 and 38/38 both ways; none false.
        #expect(closer.recall >= without.recall + Float(5) / 76, "closer: \(closer.report)\nwithout: \(without.report)")
        #expect(closer.worstFalse == 0, "\(closer.report)")
    }

    @Test func theCommandLineCanTurnTheCloseLookOff() throws {
        // guards.jpg's faces are about 21 px: under the 32 px that calls for a close look, which
        // finds no other face there.
        func answer(_ extra: [String]) throws -> (regions: Int, count: Int) {
            let run = try CLITests.ground(["count", "Benchmarks/Accuracy/photos/guards.jpg", "--object", "faces", "--json"] + extra)
            let json = try #require(try CLITests.json(run.lines[0]) as? [String: Any], "\(run.stderr)")
            let regions = (json["coverage"] as? [String: Any])?["regions"] as? Int ?? 0
            return (regions, (json["objects"] as? [[String: Any]])?.first?["count"] as? Int ?? -1)
        }
        let closer = try answer([]), without = try answer(["--no-look-closer"])
        #expect(closer.count == 5 && without.count == 5)
        #expect(closer.regions > without.regions, "\(closer.regions) regions against \(without.regions)")
    }

    @Test(arguments: [MediaPipePalmDetector.Model.full, .lite])
    func handsAreCounted(model: MediaPipePalmDetector.Model) throws {
        let detector = try (model == .full ? MediaPipeTestSupport.palmFull : MediaPipeTestSupport.palmLite).get()
        let (recall, worstFalse, report) = try Self.count("hand", with: detector, points: { $0.hands })
        // Each palm is confirmed by the hand landmark model's presence score (without it: recall
        // 0.33 with up to 8 false palms a photo, on shoes, posts and skin). Measured: none false.
        #expect(worstFalse <= 1, "\(report)")
        // Measured: recall 0.42 (11/26) full, 0.38 (10/26) lite; without looking inside people
        // 0.27 for both. Full: solvay-1927.jpg 1/12 (hands on knees and hats in a greyscale photo,
        // where MediaPipe's own hand solution finds at most 4 at any slice size), guards.jpg 3/6
        // (hands of 10 to 15 px), person.jpg 0/1 (a gloved hand).
        withKnownIssue("small hands in group photos are missed") { #expect(recall >= 0.8, "\(report)") }
    }

    @Test func theSecondLookRejectsPalmsThatAreNotHandsAndBoundsTheWholeHand() throws {
        let palm = try MediaPipeTestSupport.palmFull.get()
        let photo = try #require(try Self.truth().photos.first { $0.photo == "bus.jpg" })
        let hands = try #require(photo.hands)
        var options = GroundingOptions()
        options.scoreThreshold = 0.5
        let raw = try GroundingEngine(detector: MediaPipeTestSupport.FirstLookOnly(detector: palm))
            .ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["hand"], mode: .bbox, options: options)
        let checked = try GroundingEngine(detector: palm)
            .ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["hand"], mode: .bbox, options: options)
        let before = Self.match(hands, raw.objects[0].detections)
        let after = Self.match(hands, checked.objects[0].detections)
        // Palms alone: shoes and a post among them; confirmed hands: every hand, nothing else.
        #expect(before.false >= 3, "palms alone: \(before)")
        #expect(after.matched == hands.count && after.false == 0, "confirmed: \(after)")
        // A hand's box bounds its fingers: larger than its palm's, around the palm's centre.
        for hand in checked.objects[0].detections {
            #expect(hand.box.x1 <= hand.point.x && hand.point.x <= hand.box.x2 && hand.box.y1 <= hand.point.y && hand.point.y <= hand.box.y2)
        }
    }

    @Test func aRotatedCropTurnsTheImageAboutItsCentre() {
        // A 40×40 black image with a white 10×10 block in its bottom-right quadrant.
        var pixels = [UInt8](repeating: 0, count: 40 * 40 * 3)
        for y in 25..<35 { for x in 25..<35 { for c in 0..<3 { pixels[(y * 40 + x) * 3 + c] = 255 } } }
        let image = RGBImage(width: 40, height: 40, rowStride: 120, pixels: pixels)
        func brightest(_ crop: RotatedCrop) -> (x: Int, y: Int) {
            let tensor = crop.tensor(from: image, size: 40)
            let index = tensor.values[0..<1600].indices.max { tensor.values[$0] < tensor.values[$1] }!
            return (index % 40, index / 40)
        }
        let upright = brightest(RotatedCrop(centerX: 20, centerY: 20, side: 40, angle: 0))
        #expect(upright.x >= 25 && upright.y >= 25, "\(upright)")
        // Turned a quarter: the square's +x axis runs down the image, so the block (right and
        // below the centre) shows right of centre and above it.
        let turned = brightest(RotatedCrop(centerX: 20, centerY: 20, side: 40, angle: .pi / 2))
        #expect(turned.x >= 25 && turned.y < 15, "\(turned)")
    }
}
