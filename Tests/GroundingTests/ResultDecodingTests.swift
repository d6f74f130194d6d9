import Foundation
import Testing
import Grounding

/// A result decodes from its native JSON as the JSON states it; ``GroundingResult`` documents
/// what the JSON does not carry and what each such field decodes to.
@Suite struct ResultDecodingTests {
    /// `result` through `JSONEncoder` and back through `JSONDecoder`.
    static func roundTrip(_ result: GroundingResult) throws -> GroundingResult {
        try JSONDecoder().decode(GroundingResult.self, from: JSONEncoder().encode(result))
    }

    /// `decoded` is `original` as its JSON states it: the same JSON again, a second trip changes
    /// nothing, the rounded numbers are the original's to their precision, and the fields the JSON
    /// does not carry hold the documented stand-ins.
    static func expectSame(_ decoded: GroundingResult, as original: GroundingResult) throws {
        #expect(decoded.nativeJSON().serialized() == original.nativeJSON().serialized())
        #expect(try roundTrip(decoded) == decoded)
        #expect(decoded.objects.count == original.objects.count && decoded.unresolved.count == original.unresolved.count)
        #expect(decoded.warnings == original.warnings)
        // The JSON writes each timing as a Float rounded to 0.01 ms: half a step, plus the Float's
        // own rounding of the time (half a unit in its last place, 0.00006 ms at 2 s), which made a
        // bound of exactly 0.005 fail now and then.
        let step = 0.005 + Double(Float(original.timings.detect).ulp)
        #expect(abs(decoded.timings.detect - original.timings.detect) <= step && decoded.timings.detect > 0)
        #expect(abs((decoded.timings.draw ?? -1) - (original.timings.draw ?? -1)) <= 0.005 + Double(Float(original.timings.draw ?? 0).ulp))
        for (object, asked) in zip(decoded.objects, original.objects) {
            #expect(object.name == asked.name && object.classes == asked.classes && object.model == asked.model
                    && object.count == asked.count && object.resolution == asked.resolution
                    && object.onLargerObjects == asked.onLargerObjects && object.sizes == asked.sizes && object.colours == asked.colours
                    && object.countedUnderOtherNames == asked.countedUnderOtherNames && object.sameObjectsAs == asked.sameObjectsAs
                    && object.readMoreSurelyAs == asked.readMoreSurelyAs && object.smallInView == asked.smallInView
                    && object.smallUnder == asked.smallUnder)
            #expect(object.resolvedName?.classNames == asked.resolvedName?.classNames
                    && object.resolvedName?.gloss == asked.resolvedName?.gloss
                    && object.resolvedName?.otherReading == asked.resolvedName?.otherReading
                    && object.resolvedName?.colour == asked.resolvedName?.colour
                    && object.resolvedName?.garment == asked.resolvedName?.garment
                    && object.resolvedName?.ignored == asked.resolvedName?.ignored
                    && object.resolvedName?.isEveryClass == asked.resolvedName?.isEveryClass
                    && object.resolvedName?.countsMembers == asked.resolvedName?.countsMembers
                    && object.resolvedName?.isKindOfClass == asked.resolvedName?.isKindOfClass
                    && object.resolvedName?.onlyKindsOf == asked.resolvedName?.onlyKindsOf
                    && object.resolvedName?.excluded == asked.resolvedName?.excluded, "\(asked.name)")
            #expect(zip(object.exemplars, asked.exemplars).allSatisfy { abs($0.x1 - $1.x1) <= 0.05 && abs($0.y2 - $1.y2) <= 0.05 })
            #expect(object.detections.count == asked.detections.count)
            for (found, detected) in zip(object.detections, asked.detections) {
                #expect(found.className == detected.className && abs(found.score - detected.score) <= 0.00005)
                #expect(abs(found.point.x - detected.point.x) <= 0.05 && abs(found.point.y - detected.point.y) <= 0.05)
                #expect(found.point1000 == detected.point1000 && found.keypoints.count == detected.keypoints.count)
                #expect(found.alsoReadAs?.className == detected.alsoReadAs?.className
                        && abs((found.alsoReadAs?.score ?? 0) - (detected.alsoReadAs?.score ?? 0)) <= 0.00005)
                #expect(zip(found.keypoints, detected.keypoints).allSatisfy { abs($0.x - $1.x) <= 0.05 && abs($0.y - $1.y) <= 0.05 })
                if original.mode == .point {
                    #expect(found.box == BoundingBox(x1: found.point.x, y1: found.point.y, x2: found.point.x, y2: found.point.y))
                } else {
                    #expect(found.box1000 == detected.box1000 && abs(found.box.x2 - detected.box.x2) <= 0.05)
                }
                // Not in the JSON: the index is the class's position in the object's classes.
                #expect(found.classIndex == object.classes.firstIndex(of: found.className) && found.categoryID == nil)
            }
        }
        for (name, asked) in zip(decoded.unresolved, original.unresolved) {
            #expect(name.name == asked.name && name.suggestions == asked.suggestions
                    && name.error.unknownName?.meaning == asked.error.unknownName?.meaning
                    && name.error.unknownName?.isLikeness == asked.error.unknownName?.isLikeness
                    && name.error.unknownName?.isAmbiguous == asked.error.unknownName?.isAmbiguous)
            #expect(name.error.unknownName?.isGroups == asked.error.unknownName?.isGroups, "\(name.name)")
            #expect(name.error.unknownName?.classesNotLoaded == asked.error.unknownName?.classesNotLoaded, "\(name.name)")
            #expect(name.error.unknownName?.leavesNothing == asked.error.unknownName?.leavesNothing, "\(name.name)")
            #expect(name.error.unknownName?.isOtherKind == asked.error.unknownName?.isOtherKind, "\(name.name)")
        }
    }

    /// Default options, but exemplar matches keep their examples' colour: the answer then names it.
    static var matchingColour: GroundingOptions {
        var options = GroundingOptions()
        options.exemplar.matchesColour = true
        return options
    }

    @Test(arguments: [GroundingMode.count, .bbox, .point])
    func namesAnExemplarAndUnknownNamesSurvive(mode: GroundingMode) throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"), queries: [
            .name("ponies"), .name("people"), .name("white horses on the left"), .name("cardinal"), .name("herd"),
            .name("pelicn"), .name("whale"), .name("wheels"), .exemplar([PixelRect(x: 0, y: 190, width: 160, height: 170)]),
            .name("riders in blue shirts"), .name("horses"), .name("animals"), .name("teams"), .name("faces"),
            .name("animals except horses"), .name("not cars"), .name("phone cases"),
        ], mode: mode, options: Self.matchingColour)
        // Every kind of field is there to lose: a sense, an other reading, a colour (of a garment), ignored
        // words, exemplar boxes, unknown names with suggestions or a meaning or both, slices.
        #expect(result.objects.map(\.resolution) == [.wordnet, .plural, .plural, .wordnet, .wordnet, .exemplar, .wordnet, .plural, .wordnet, .wordnet])
        #expect(result.objects[9].resolvedName?.excluded == ["horse"] && result.objects[8].resolvedName?.excluded == [])
        #expect(result.objects[8].resolvedName?.onlyKindsOf == "animal" && result.objects[0].resolvedName?.onlyKindsOf == nil)
        #expect(result.objects[7].sameObjectsAs == "ponies" && result.objects[0].sameObjectsAs == nil)
        #expect(result.objects[6].resolvedName?.garment == .top && result.objects[2].resolvedName?.garment == nil)
        #expect(result.objects[2].resolvedName?.colour == "white" && result.objects[3].resolvedName?.otherReading != nil)
        #expect(result.objects[4].resolvedName?.countsMembers == true && result.objects[0].resolvedName?.countsMembers == false)
        #expect(result.objects[0].resolvedName?.isKindOfClass == true && result.objects[1].resolvedName?.isKindOfClass == false)
        #expect(result.unresolved.map(\.name) == ["pelicn", "whale", "wheels", "teams", "faces", "not cars", "phone cases"] && !result.unresolved[0].suggestions.isEmpty)
        #expect(result.unresolved[6].error.unknownName?.isOtherKind == true && result.unresolved[5].error.unknownName?.isOtherKind == false)
        #expect(result.unresolved[5].error.unknownName?.leavesNothing == true && result.unresolved[4].error.unknownName?.leavesNothing == false)
        // The engine has YOLOv4-tiny alone: faces are a class of a model it did not load.
        #expect(result.unresolved[4].error.unknownName?.classesNotLoaded == ["face"]
                && result.unresolved[1].error.unknownName?.classesNotLoaded == [])
        #expect(result.unresolved[3].error.unknownName?.isGroups == true && result.unresolved[2].error.unknownName?.isGroups == false)
        #expect(result.unresolved[2].suggestions == ["bicycle"] && result.unresolved[2].error.unknownName?.meaning != nil)
        #expect(result.objects[0].count >= 1 && result.objects[5].count >= 1 && result.objects[5].colours?.isEmpty == false)
        try Self.expectSame(try Self.roundTrip(result), as: result)
    }

    /// A likeness refused, an ambiguity and a rare word keep their flags through the JSON, beside
    /// an unknown word that has none.
    @Test func aLikenessAnAmbiguityAndARareWordSurvive() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"),
                                       objects: ["horses", "toy horses", "pelicn", "calculators", "caws"], mode: .count)
        #expect(result.unresolved.map { $0.error.unknownName?.isLikeness } == [true, false, false, false])
        #expect(result.unresolved.map { $0.error.unknownName?.isAmbiguous } == [false, false, true, false])
        #expect(result.unresolved.map { $0.error.unknownName?.isRareWord } == [false, false, false, true])
        let json = result.nativeJSON().serialized()
        #expect(json.components(separatedBy: "\"likeness\":true").count == 2 && json.components(separatedBy: "\"ambiguous\":true").count == 2)
        #expect(json.components(separatedBy: "\"rare_word\":true").count == 2)
        let decoded = try Self.roundTrip(result)
        try Self.expectSame(decoded, as: result)
        #expect(decoded.unresolved.map { $0.error.unknownName?.isLikeness } == [true, false, false, false])
        #expect(decoded.unresolved.map { $0.error.unknownName?.isAmbiguous } == [false, false, true, false])
        #expect(decoded.unresolved.map { $0.error.unknownName?.isRareWord } == [false, false, false, true])
    }

    /// A name understood only by its end says which word it was read by, through the JSON too.
    @Test func theWordANameWasReadBySurvives() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"), objects: ["circus lions", "whale"], mode: .count)
        #expect(result.unresolved.map { $0.error.unknownName?.readAs } == ["lion", nil])
        let json = result.nativeJSON().serialized()
        #expect(json.components(separatedBy: "\"read_as\":\"lion\"").count == 2, "\(json)")
        let decoded = try Self.roundTrip(result)
        #expect(decoded.unresolved.map { $0.error.unknownName?.readAs } == ["lion", nil])
    }

    @Test func faceKeypointsSurvive() throws {
        let engine = try RoutingTests.engine.get()
        let result = try engine.ground(contentsOf: TestSupport.testImage("grace_hopper.jpg"), objects: ["faces", "person"], mode: .bbox)
        #expect(result.objects[0].count >= 1 && result.objects[0].detections.allSatisfy { $0.keypoints.count == 6 })
        let decoded = try Self.roundTrip(result)
        try Self.expectSame(decoded, as: result)
        #expect(decoded.objects.map(\.model) == result.objects.map(\.model) && decoded.tileSize == result.tileSize && result.tileSize != nil)
    }

    @Test func decoderWarningsSurvive() throws {
        let folder = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stray bytes before the end marker: libjpeg recovers and warns.
        let dog = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg")))
        let padded = folder.appendingPathComponent("padded (copy).jpg")
        try (dog.dropLast(2) + Data([0x12, 0x34, 0x56, 0xFF, 0xD9])).write(to: padded)
        let result = try TestSupport.engine().ground(contentsOf: padded.path, objects: ["dog"], mode: .count)
        #expect(result.warnings.count == 1)
        try Self.expectSame(try Self.roundTrip(result), as: result)
    }

    @Test func theCommandLinesJSONLinesDecode() throws {
        let run = try CLITests.ground(["count", "TestImages/dog.jpg", "TestImages/grace_hopper.jpg",
                                       "--object", "dogs,faces,pelicn", "--json"])
        #expect(run.status == 1, "pelicn matches nothing: \(run.stderr)")
        #expect(run.lines.count == 2)
        for line in run.lines {
            let decoded = try JSONDecoder().decode(GroundingResult.self, from: Data(line.utf8))
            // Byte for byte the line again, so nothing the line says was dropped or changed.
            #expect(decoded.nativeJSON().serialized() == line)
            #expect(try Self.roundTrip(decoded) == decoded)
            #expect(decoded.objects.map(\.name) == ["dogs", "faces"] && decoded.unresolved.map(\.name) == ["pelicn"])
        }
        let hopper = try JSONDecoder().decode(GroundingResult.self, from: Data(run.lines[1].utf8))
        #expect(hopper.path == "TestImages/grace_hopper.jpg" && hopper.objects[1].count >= 1)
        #expect(hopper.objects[1].detections.allSatisfy { $0.keypoints.count == 6 })
    }

    @Test(arguments: [
        (#"{"image":{"width":10,"height":10,"orientation":1},"objects":[],"coverage":{"regions":1},"timing_ms":{"decode":0,"preprocess":0,"detect":0,"postprocess":0}}"#, "mode"),
        (#"{"image":{"width":10,"height":10,"orientation":1},"mode":"count","objects":[{"name":"dog","classes":["dog"],"resolved_by":"exact","count":1,"detections":[{"class":"dog","score":0.5,"box":[1,2,3],"point":[2,2],"box_1000":[1,2,3,4],"point_1000":[2,2]}]}],"coverage":{"regions":1},"timing_ms":{"decode":0,"preprocess":0,"detect":0,"postprocess":0}}"#, "box"),
        (#"{"image":{"width":10,"height":10,"orientation":1},"mode":"count","objects":[],"warnings":[{"code":"image.damaged","message":"something else"}],"coverage":{"regions":1},"timing_ms":{"decode":0,"preprocess":0,"detect":0,"postprocess":0}}"#, "message"),
    ])
    func malformedJSONNamesTheKey(json: String, key: String) {
        do {
            _ = try JSONDecoder().decode(GroundingResult.self, from: Data(json.utf8))
            Issue.record("decoded without \(key)")
        } catch let DecodingError.keyNotFound(missing, _) {
            #expect(missing.stringValue == key)
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.last?.stringValue == key, "\(context)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
