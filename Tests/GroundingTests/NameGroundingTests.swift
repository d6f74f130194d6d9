import Foundation
import Testing
import Grounding

/// Names as people type them, through the real engine and the `ground` binary.
@Suite struct NameGroundingTests {
    @Test func aPhraseOfSeveralNamesGivesOneObjectEach() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"),
                                       objects: ["a dog and the bicycles.", "whale", "person on a bike"], mode: .count)
        #expect(result.objects.map(\.name) == ["a dog", "the bicycles", "person on a bike"])
        #expect(result.objects.map(\.count) == [1, 1, 0])
        #expect(result.objects[2].resolvedName?.ignored == "on a bike")
        #expect(result.unresolved.map(\.name) == ["whale"])
        #expect(result.unresolved[0].description.contains("cetacean"))
    }

    @Test func answersUseCocoSpellingsAndCarryTheSense() throws {
        let engine = try TestSupport.engine()
        // The model's names file spells it "motorbike"; every answer spells it as COCO does.
        #expect(engine.detector.classNames.contains("motorbike"))
        let result = try engine.ground(contentsOf: TestSupport.testImage("motorcycle_left.png"),
                                       objects: ["motorbike", "red motorcycles"], mode: .bbox)
        for object in result.objects {
            #expect(object.classes == ["motorcycle"] && object.count == 1, "\(object.name)")
            #expect(object.detections.allSatisfy { $0.className == "motorcycle" })
        }
        #expect(result.objects[1].resolvedName?.colour == "red")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.nativeJSON().serialized().utf8)) as? [String: Any])
        let objects = try #require(json["objects"] as? [[String: Any]])
        #expect(objects[0]["sense"] as? String == "a motor vehicle with two wheels and a strong frame")
        #expect(objects[1]["colour"] as? String == "red")
        #expect((objects[0]["detections"] as? [[String: Any]])?.first?["class"] as? String == "motorcycle")
        // COCO's category id for motorcycle is unchanged.
        #expect(result.cocoJSON(imageID: 1)
            .first.map { $0.serialized().contains("\"category_id\":4") } == true)
    }

    @Test func objectsMeansEveryClass() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"), objects: ["objects"], mode: .count)
        let object = try #require(result.objects.first)
        #expect(object.resolvedName?.isEveryClass == true && object.classes.count == 80)
        #expect(Set(object.detections.map(\.className)).isSuperset(of: ["dog", "bicycle", "truck"]))
        #expect(result.nativeJSON().serialized().contains("\"every_class\":true"))
    }

    /// `ground count horses.jpg --object NAMES`: its text, its JSON, and the JSON decoded; the
    /// text run must succeed.
    static func countedOnHorses(_ names: String) throws -> (text: String, json: String, result: GroundingResult) {
        let run = try CLITests.ground(["count", TestSupport.testImage("horses.jpg"), "--object", names])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try CLITests.ground(["count", TestSupport.testImage("horses.jpg"), "--object", names, "--json"])
        return (run.stdout, json.stdout, try JSONDecoder().decode(GroundingResult.self, from: Data(json.stdout.utf8)))
    }

    /// A word for a group counts its members, and says so in both outputs.
    @Test func aGroupCountsItsMembers() throws {
        let (text, json, result) = try Self.countedOnHorses("herd,horses")
        #expect(text.contains("→ sheep, cow (wordnet)") && text.contains("(its members are counted, one by one)"))
        #expect(text.components(separatedBy: "its members are counted").count == 2)  // herd's line, not horses'
        // One run for both names: the field is written for the herd only, and decodes back.
        #expect(json.components(separatedBy: "\"counts_members\":true").count == 2)
        #expect(result.objects.map { $0.resolvedName?.countsMembers } == [true, false])
    }

    /// A kind of a class is counted as the class, and both outputs say so.
    @Test func aKindIsCountedAsItsClassAndSaysSo() throws {
        let (text, json, result) = try Self.countedOnHorses("pony,horses")
        #expect(text.contains("counted: every horse (the model does not tell this kind of horse apart)"))
        #expect(text.components(separatedBy: "counted: every horse").count == 2)  // the pony's line, not the horses'
        #expect(json.components(separatedBy: "\"kind_of_class\":true").count == 2)
        #expect(result.objects.map { $0.resolvedName?.isKindOfClass } == [true, false])
        #expect(result.objects[0].count == result.objects[1].count)
    }

    /// A name more general than its classes counts only the kinds the model has classes for, and
    /// both outputs say so.
    @Test func aGeneralNameSaysWhatItCounts() throws {
        let (text, json, result) = try Self.countedOnHorses("animals,horses")
        #expect(text.contains("counted: only the 10 kinds of animal the model has classes for; no other animal is found"))
        #expect(text.components(separatedBy: "counted: only").count == 2)  // the animals' line, not the horses'
        #expect(json.components(separatedBy: "\"only_kinds_of\":\"animal\"").count == 2)
        #expect(result.objects.map { $0.resolvedName?.onlyKindsOf } == ["animal", nil])
    }

    /// A class's own name that WordNet reads as an animal: the answer shows the sense counted
    /// beside the animal it is not.
    @Test func miceAreComputerMiceAndTheAnswerSaysSo() throws {
        let run = try CLITests.ground(["count", TestSupport.testImage("dog.jpg"), "--object", "mice"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sense: a hand-operated electronic device"), "\(run.stdout)")
        #expect(run.stdout.contains("other reading: any of numerous small rodents"), "\(run.stdout)")
        let explained = try CLITests.ground(["info", "--explain", "mice"])
        #expect(explained.stdout.contains("other:     any of numerous small rodents"), "\(explained.stdout)")
    }

    /// A count of "the dog on the left" is of every dog: the words left out must not read as a filter.
    @Test func wordsNotUnderstoodSayTheCountIsOfEveryObject() throws {
        let run = try CLITests.ground(["count", TestSupport.testImage("dog.jpg"), "--object", "the dog on the left,vehicles parked outside"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ignored: on the left (not understood: the count is of every dog found)"), "\(run.stdout)")
        #expect(run.stdout.contains("ignored: parked outside (not understood: the count is of everything of its 8 classes found)"), "\(run.stdout)")
    }

    @Test func explainPrintsTheRuleSenseAndRejectedSenses() throws {
        let run = try CLITests.ground(["info", "--explain", "whale", "--explain", "two red cars and a person on a bike"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sense:     2 (noun.animal): any of the larger cetacean mammals"))
        #expect(run.stdout.contains("1 (noun.person): a very large person [→ person] — figurative"))
        #expect(run.stdout.contains("colour:    red") && run.stdout.contains("ignored:   on a bike"))
        #expect(!run.stdout.contains("BLAS"), "--explain prints only the explanation")
    }

    @Test func anUnknownNameSuggestsNamesThatResolveAndTheExemplar() throws {
        let run = try CLITests.ground(["count", "TestImages/dog.jpg", "--object", "motorbyke,dog"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("motorbike → motorcycle"), "\(run.stderr)")
        #expect(run.stderr.contains("the 80 COCO classes") && run.stderr.contains("--exemplar"))
        #expect(run.stdout.contains("dog"))
    }
}
