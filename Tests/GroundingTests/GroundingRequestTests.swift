import Foundation
import Testing
import Grounding
import GroundingCore

/// `GroundingRequest` answered by `engine.answer`: every image source gives the answer the
/// `ground` overloads give, the JSON round-trips, unknown keys are refused, the drawing is the
/// full-size picture of the answer, and `GroundingResult`'s encoding is the native JSON.
@Suite struct GroundingRequestTests {
    /// The parts of an answer that must agree between entry points (timings and the path may not).
    private func answer(_ result: GroundingResult) -> [String] {
        result.objects.map { object in
            "\(object.name) \(object.count) " + object.detections.map { "\($0.className) \($0.box) \($0.score)" }.joined(separator: "; ")
        } + result.unresolved.map(\.name)
    }

    @Test func everyImageSourceAnswersLikeGround() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("dog.jpg")
        let expected = try engine.ground(contentsOf: path, objects: ["dog", "bicycle", "pelicn"], mode: .bbox)
        #expect(expected.objects.map(\.count) == [1, 1])

        let fromPath = try engine.answer(GroundingRequest(image: .path(path), objects: ["dog", "bicycle", "pelicn"], mode: .bbox))
        #expect(answer(fromPath.result) == answer(expected))
        #expect(fromPath.result.path == path && fromPath.drawing == nil)

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try engine.answer(GroundingRequest(image: .encoded(bytes), objects: ["dog", "bicycle", "pelicn"], mode: .bbox))
        #expect(answer(fromBytes.result) == answer(expected))
        #expect(fromBytes.result.path == nil)
        // Base64 wrapped at 76 characters, as the `base64` command and Python's encodebytes write it.
        let wrapped = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let fromWrapped = try GroundingRequest(json: Array(#"{"image": {"encoded": "\#(wrapped.replacingOccurrences(of: "\n", with: "\\n"))"}, "queries": ["dog"], "mode": "bbox"}"#.utf8))
        #expect(fromWrapped.image == .encoded(bytes))

        let pixels = try ImageDecoder.decode(contentsOf: path).image
        let fromPixels = try engine.answer(GroundingRequest(image: .pixels(pixels), objects: ["dog", "bicycle", "pelicn"], mode: .bbox))
        #expect(answer(fromPixels.result) == answer(try engine.ground(pixels, objects: ["dog", "bicycle", "pelicn"], mode: .bbox)))
    }

    @Test func jsonRequestWithAttachedBytesIsAnswered() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("horses.jpg")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let json = #"{"queries": ["pony", {"exemplar": [[10, 10, 60, 60]]}], "mode": "count", "options": {"threshold": 0.3, "tiling": "off"}}"#
        let request = try GroundingRequest(json: Array(json.utf8), attachedImage: bytes)
        #expect(request.image == .encoded(bytes))
        // A decoder of the caller's own finds the bytes under the public key, as `[UInt8]`.
        let decoder = JSONDecoder()
        decoder.userInfo[GroundingRequest.attachedImage] = bytes
        #expect(try decoder.decode(GroundingRequest.self, from: Data(json.utf8)).image == .encoded(bytes))
        #expect(request.queries == [.name("pony"), .exemplar([PixelRect(x: 10, y: 10, width: 50, height: 50)])])
        #expect(request.options.scoreThreshold == 0.3 && request.options.tiling == .off)
        let switches = try GroundingRequest(json: Array(#"{"image": {"path": "a.jpg"}, "queries": ["face"], "mode": "count", "options": {"look_inside": false, "look_closer": false, "find_the_rest": false, "step_back": false, "context_check": false, "split_check": false, "exemplar": {"check_appearance": false, "check_surroundings": false, "match_colour": true}}}"#.utf8))
        #expect(!switches.options.looksInsideWholes && !switches.options.looksCloser && !switches.options.findsTheRest
                && !switches.options.stepsBack && !switches.options.checksContext && !switches.options.checksSplits
                && !switches.options.exemplar.checksAppearance && !switches.options.exemplar.checksSurroundings
                && switches.options.exemplar.matchesColour)
        #expect(!request.options.exemplar.matchesColour)
        var options = GroundingOptions()
        options.scoreThreshold = 0.3
        options.tiling = .off
        let expected = try engine.ground(contentsOf: path, queries: request.queries, mode: .count, options: options)
        #expect(answer(try engine.answer(request).result) == answer(expected))

        // Pixels given beside the JSON: width and height in it, the bytes attached.
        let image = try ImageDecoder.decode(contentsOf: path).image
        let pixelRequest = try GroundingRequest(
            json: Array(#"{"image": {"pixels": {"width": \#(image.width), "height": \#(image.height)}}, "queries": ["horse"], "mode": "point"}"#.utf8),
            attachedImage: image.pixels)
        #expect(pixelRequest.image == .pixels(image))
    }

    @Test func requestsRoundTripThroughJSON() throws {
        var options = GroundingOptions()
        options.scoreThreshold = 0.4
        options.tiling = .size(640)
        options.tileMerge = .merge
        options.exemplar.similarity = 0.6
        options.exemplar.checksAppearance = false
        options.exemplar.checksSurroundings = false
        options.exemplar.matchesColour = true
        options.looksInsideWholes = false
        options.maxWholeLooks = 8
        options.looksCloser = false
        options.stepsBack = false
        options.checksContext = false
        options.checksSplits = false
        let requests = [
            GroundingRequest(image: .path("a.jpg"), queries: [.name("dog"), .exemplar([PixelRect(x: 1, y: 2, width: 30, height: 40)])],
                             mode: .bbox, options: options, strict: true, drawing: .jpeg),
            GroundingRequest(image: .encoded([0xFF, 0xD8, 0xFF]), objects: ["cat"], mode: .count),
            GroundingRequest(image: .pixels(RGBImage(width: 3, height: 2, filledWith: RGBPixel(red: 1, green: 2, blue: 3))),
                             objects: ["person"], mode: .point, drawing: .png),
        ]
        for request in requests {
            let json = try JSONEncoder().encode(request)
            #expect(try GroundingRequest(json: [UInt8](json)) == request, "\(String(decoding: json, as: UTF8.self))")
        }
    }

    @Test func unknownKeysAndMalformedValuesAreInvalidRequests() throws {
        let cases: [(json: String, mentions: String)] = [
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"thresh": 0.3}}"#, "thresh"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "colour": true}"#, "colour"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "boxes"}"#, "mode"),
            (#"{"image": {"path": "a.jpg"}, "queries": [], "mode": "count"}"#, "queries"),
            (#"{"queries": ["dog"], "mode": "count"}"#, "no image"),
            (#"{"image": {"path": "a.jpg", "encoded": ""}, "queries": ["dog"], "mode": "count"}"#, "exactly one"),
            (#"{"image": {"pixels": {"width": 2, "height": 2, "rgb": "AAAA"}}, "queries": ["dog"], "mode": "count"}"#, "12"),
            (#"{"image": {"pixels": {"width": 100000, "height": 100000, "rgb": ""}}, "queries": ["dog"], "mode": "count"}"#, "100000"),
            (#"{"image": {"path": "a.jpg"}, "queries": [{"exemplar": [[5, 5, 1, 1]]}], "mode": "count"}"#, "[5, 5, 1, 1]"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"tiling": "sometimes"}}"#, "tiling"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count""#, "the request"),
            // A key given twice: Foundation would keep one silently, Python's json the other.
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "image": {"path": "b.jpg"}}"#, #"the key "image" is given twice"#),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"threshold": 0.5, "thresh\u006fld": 5}}"#, #""threshold" is given twice"#),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"max_detections": 2.5}}"#, "a whole number (max_detections"),
            // A number past a double's range is named, not called invalid JSON.
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"threshold": -1e999}}"#, "the number -1e999 is out of range"),
            // Said in JSON's words and the request's, never in Swift's types.
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "counts"}"#, #"mode: "counts" is not one of "bbox", "point", "count""#),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "draw": "gif"}"#, #"draw: "gif" is not one of "png", "jpeg""#),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"exemplar": {"orientations": "sideways"}}}"#, #""sideways" is not one of "upright""#),
            (#"{"image": {"path": "a.jpg"}, "queries": [5], "mode": "count"}"#, #"queries[0]: a query is a name (a string, such as "dog") or {"exemplar""#),
            (#"{"image": {"path": "a.jpg"}, "queries": [null], "mode": "count"}"#, "queries[0]: a query is a name"),
            (#"{"image": {"path": "a.jpg"}, "queries": [{"exemplar": [1, 2, 3, 4]}], "mode": "count"}"#, "write [1, 2, 3, 4] as [[1, 2, 3, 4]]"),
            (#"{"image": "a.jpg", "queries": ["dog"], "mode": "count"}"#, #"write "a.jpg" as {"path": "a.jpg"}"#),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": []}"#, "options: expected an object, found a list"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "strict": "yes"}"#, "strict: expected true or false, found a string"),
            (#"{"image": {"path": "a.jpg"}, "queries": "dog", "mode": "count"}"#, "queries: expected a list, found a string"),
            (#"{"image": {"path": "a.jpg"}, "queries": ["dog"]}"#, "mode: missing"),
        ]
        for (json, mentions) in cases {
            do {
                _ = try GroundingRequest(json: Array(json.utf8))
                Issue.record("accepted: \(json)")
            } catch {
                #expect(error.code == .requestInvalid)
                #expect(error.description.contains(mentions), "\(error.description) should mention \(mentions)")
                #expect(!error.description.contains("Expected to decode") && !error.description.contains("Dictionary<")
                        && !error.description.contains("Cannot initialize"), "\(error.description)")
            }
        }
        // An image named in the JSON and also attached is refused, not silently chosen.
        #expect(throws: GroundingError.self) {
            try GroundingRequest(json: Array(#"{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count"}"#.utf8), attachedImage: [1])
        }
    }

    @Test func keysGivenTwiceAreFoundHoweverTheyAreWritten() {
        let cases: [(json: String, twice: String?)] = [
            (#"{"a": 1, "a": 2}"#, "a"),
            (#"{"a": {"b": [1, {"c": 0, "c": 1}]}}"#, "c"),
            (#"{"a\/b": 1, "a/b": 2}"#, "a/b"),
            (#"{"\u00e9": 1, "é": 2}"#, "é"),
            (#"{"\ud83d\udc36": 1, "🐶": 2}"#, "🐶"),
            (#"[{"a": 1}, {"a": 2}]"#, nil),                        // two objects, one key each
            (#"{"a": "a", "b": {"a": 1}, "c": ["a", "a"]}"#, nil),  // values and inner objects
            (#"{"a": "},{\"a\": 1", "b": "\"a\""}"#, nil),           // braces and quotes inside strings
        ]
        for (json, twice) in cases {
            #expect(DuplicateKeys.first(in: Array(json.utf8)) == twice, "\(json)")
        }
    }

    @Test func drawingIsTheFullSizeImageWithTheAnswer() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("kite.jpg")
        var options = GroundingOptions()
        options.tiling = .off  // detection decodes DCT-scaled; the drawing must still be full size
        let request = GroundingRequest(image: .path(path), objects: ["person"], mode: .bbox, options: options, drawing: .png)
        let response = try engine.answer(request)
        let drawing = try #require(response.drawing)
        #expect(drawing.format == .png)
        let drawn = try ImageDecoder.decode(drawing.bytes, name: "drawing")
        let original = try ImageDecoder.decode(contentsOf: path).image
        #expect(drawn.image.width == original.width && drawn.image.height == original.height)
        var expected = original
        drawAnnotations(response.result.annotationLayers(), on: &expected)
        #expect(drawn.image == expected && drawn.image != original)
        // Drawing has its own time, which an answer without a drawing does not have.
        #expect((response.result.timings.draw ?? 0) > 0)
        #expect(try engine.answer(GroundingRequest(image: .path(path), objects: ["person"], mode: .bbox, options: options)).result.timings.draw == nil)
    }

    @Test func resultEncodesAsTheNativeJSON() throws {
        let engine = try TestSupport.engine()
        for mode in GroundingMode.allCases {
            let result = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"),
                                           objects: ["dog", "vehicle", "pelicn"], mode: mode)
            #expect(!result.unresolved.isEmpty && result.objects.contains { !$0.detections.isEmpty })
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? NSDictionary
            let native = try JSONSerialization.jsonObject(with: Data(result.nativeJSON().serialized().utf8)) as? NSDictionary
            #expect(encoded != nil && encoded == native)
        }
    }
}
