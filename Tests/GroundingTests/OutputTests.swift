import Foundation
import Testing
import Grounding

/// The JSON encoders' shapes, on a hand-built result (no detector involved).
@Suite struct OutputTests {
    static let result: GroundingResult = {
        let horse = GroundedDetection(className: "horse", classIndex: 17, categoryID: 19, score: 0.91234, box: BoundingBox(x1: 12.5, y1: 190, x2: 160.25, y2: 358.75),
                                      imageWidth: 773, imageHeight: 512)
        return GroundingResult(path: "TestImages/horses.jpg", imageWidth: 773, imageHeight: 512, orientation: 1, mode: .count,
                               objects: [GroundedObject(name: "pony", classes: ["horse"], resolution: .wordnet, detections: [horse])],
                               unresolved: [UnresolvedName(name: "pelicn", error: .unknownName(UnknownName(
                                   name: "pelicn", suggestions: [NameSuggestion(name: "pelican", classes: ["bird"])],
                                   classCount: 80, isCOCO: true)))],
                               regionCount: 1, timings: StageTimings(decode: 3.14159, preprocess: 1, detect: 30, postprocess: 0.2))
    }()

    @Test func nativeFollowsTheContract() throws {
        let text = Self.result.nativeJSON().serialized()
        #expect(text.hasPrefix(#"{"image":{"path":"TestImages/horses.jpg","width":773,"height":512,"orientation":1},"mode":"count","objects":[{"name":"pony","classes":["horse"],"resolved_by":"wordnet","count":1,"detections":[{"class":"horse","score":0.9123,"box":[12.5,190.0,160.3,358.8],"point":[86.4,274.4],"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let detection = try #require((((object["objects"] as? [[String: Any]])?.first)?["detections"] as? [[String: Any]])?.first)
        // 12.5 / 773 · 1000 = 16.2 → 16; 358.75 / 512 · 1000 = 700.7 → 701.
        #expect(detection["box_1000"] as? [Int] == [16, 371, 207, 701])
        #expect(detection["point_1000"] as? [Int] == [112, 536])
        let unresolved = try #require(object["unresolved"] as? [[String: Any]])
        #expect(unresolved.first?["suggestions"] as? [String] == ["pelican"])
        #expect((object["timing_ms"] as? [String: Double])?["decode"] == 3.14)
        // A drawing's time is there only when the answer was drawn.
        #expect((object["timing_ms"] as? [String: Double])?.keys.sorted() == ["decode", "detect", "postprocess", "preprocess"])
        var drawn = Self.result
        drawn.timings.draw = 12.345
        let timing = try #require((try JSONSerialization.jsonObject(with: Data(drawn.nativeJSON().serialized().utf8)) as? [String: Any])?["timing_ms"] as? [String: Double])
        #expect(timing["draw"] == 12.35 || timing["draw"] == 12.34)
        let decoded = try JSONDecoder().decode(GroundingResult.self, from: Data(drawn.nativeJSON().serialized().utf8))
        #expect(abs((decoded.timings.draw ?? 0) - 12.345) < 0.01 && Self.result.timings.draw == nil)
    }

    @Test func pointModeLeavesBoxesOut() throws {
        var result = Self.result
        result.mode = .point
        let text = result.nativeJSON().serialized()
        #expect(!text.contains("\"box\"") && text.contains("\"point\":[86.4,274.4]"))
        #expect(result.museJSON().serialized().hasPrefix(#"[{"object_name":"pony","count":1,"points":[{"x":112,"y":536}]},{"object_name":"pelicn","count":0,"points":[],"error":"#))
        result.mode = .bbox
        #expect(result.museJSON().serialized().hasPrefix(#"[{"object_name":"pony","count":1,"bboxes":[[16,371,207,701]]},{"object_name":"pelicn","count":0,"bboxes":[],"error":"#))
        // The unknown name is there, with the resolver's message.
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.museJSON().serialized().utf8)) as? [[String: Any]])
        #expect((entries[1]["error"] as? String) == result.unresolved[0].description)
    }

    @Test func aCutListSaysSoAndKeepsTheCount() throws {
        var result = Self.result
        result.objects[0].count = 1200
        let object = try #require(((try JSONSerialization.jsonObject(with: Data(result.nativeJSON().serialized().utf8)) as? [String: Any])?["objects"] as? [[String: Any]])?.first)
        #expect(object["count"] as? Int == 1200 && object["truncated"] as? Bool == true && object["listed"] as? Int == 1)
        #expect(!Self.result.nativeJSON().serialized().contains("truncated"))
    }

    @Test func cocoUsesTheDatasetsCategoryIDs() {
        let entries = Self.result.cocoJSON(imageID: 7)
        #expect(entries.map { $0.serialized() } == [#"{"image_id":7,"category_id":19,"bbox":[12.5,190.0,147.75,168.75],"score":0.91234}"#])
        let coco = Vocabulary(names: CocoClass.all.map { $0.darknetName ?? $0.name })
        #expect(coco.dataset == "coco" && coco.entries[0].datasetID == 1 && coco.entries[79].datasetID == 90)
        #expect(Vocabulary(names: ["a", "b", "c", "d", "e"]).entries.allSatisfy { $0.datasetID == nil })
        // COCO's classes in another order are not COCO's vocabulary: their ids would be wrong.
        #expect(Vocabulary(names: CocoClass.all.map(\.name).reversed()).dataset == nil)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").serialized() == #""a\"b\\c\n\u0001""#)
        #expect(JSONValue.number(.nan).serialized() == "null")
    }
}
