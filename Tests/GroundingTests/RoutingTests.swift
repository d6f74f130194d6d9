import Foundation
import Testing
import Grounding

/// An engine that holds several models sends each name to the model that knows it.
@Suite struct RoutingTests {
    static let mediapipe = MediaPipeModelDirectory.default

    /// YOLOv4-tiny, then MediaPipe's full-range faces and full palms, as `ground` loads them.
    static let engine: Result<GroundingEngine, any Error> = Result {
        GroundingEngine(detectors: [try TestSupport.engine().detector,
                                    try MediaPipeFaceDetector(model: .fullRange, modelDirectory: mediapipe, threads: 2),
                                    try MediaPipePalmDetector(model: .full, modelDirectory: mediapipe, threads: 2)])
    }

    @Test func facesPeopleAndHandsComeFromThreeModelsInOneCall() throws {
        let engine = try Self.engine.get()
        let result = try engine.ground(contentsOf: TestSupport.testImage("portrait.jpg"),
                                       objects: ["faces", "people", "hands"], mode: .count)
        #expect(result.objects.map(\.name) == ["faces", "people", "hands"])
        #expect(result.objects.map(\.model) == [1, 0, 2].map { engine.detectors[$0].name })
        #expect(result.objects[0].classes == ["face"] && result.objects[0].resolution == .plural)
        #expect(result.objects[0].count >= 1 && result.objects[1].count >= 1, "\(result.objects.map(\.count))")
        // Each face comes with its six keypoints, mapped back to the photo.
        for face in result.objects[0].detections {
            #expect(face.keypoints.count == 6)
            #expect(face.keypoints.allSatisfy { face.box.x1 - 20 <= $0.x && $0.x <= face.box.x2 + 20 })
        }
        #expect(result.unresolved.isEmpty)
    }

    @Test func aNameBothVocabulariesCouldClaimGoesToTheBetterMatch() throws {
        let engine = try Self.engine.get()
        // "face" is a WordNet word that YOLO's resolver may read as a kind of person; the face
        // model has it as its own class, an exact match, which wins.
        let routed = try #require(try engine.resolveNames(in: "face").first?.get())
        #expect(engine.detectors[routed.model].classNames == ["face"] && routed.name.resolution == .exact)
        // And "person" stays with YOLO, whatever the face model's resolver makes of it.
        let person = try #require(try engine.resolveNames(in: "person").first?.get())
        #expect(person.model == 0)
    }

    @Test func aModelsOwnAliasesRouteAsSynonyms() throws {
        let engine = try Self.engine.get()
        // "palm" is the hand model's alias (a synonym), which beats whatever WordNet reading
        // YOLO's resolver gives it (the palm tree); "human face" is the face model's alias.
        for (text, classes) in [("palms", ["hand"]), ("human face", ["face"])] {
            let routed = try #require(try engine.resolveNames(in: text).first?.get(), "\(text)")
            #expect(engine.detectors[routed.model].classNames == classes && routed.name.resolution == .synonym, "\(text)")
        }
        // A resolver without the vocabulary's aliases does not know "palm" as a hand.
        #expect((try? QueryResolver(classNames: ["hand"]).resolve("palm")) == nil)
    }

    @Test func aLikenessTheFaceOrHandModelRefusesIsTheAnswer() throws {
        let engine = try Self.engine.get()
        // YOLO does not know a hand; the palm model knows it and refuses a wooden one: that, not
        // YOLO's "no class", is the error, and it offers the hands themselves.
        for (text, classes) in [("wooden hands", ["hand"]), ("robot faces", ["face"])] {
            let error = try #require((#expect(throws: QueryError.self, "\(text)") { try engine.resolveNames(in: text).first?.get() }))
            let unknown = try #require(error.unknownName)
            #expect(unknown.isLikeness && unknown.suggestions.map(\.classes) == [classes], "\(text): \(unknown)")
        }
    }

    @Test func wordNetWordsReachTheFaceAndHandModels() throws {
        let engine = try Self.engine.get()
        // WordNet files "visage" (the human face) under face.n.01 and "fist" (a hand with the
        // fingers clenched) under hand.n.01: each goes to the model whose vocabulary has the class.
        for (text, classes) in [("visages", ["face"]), ("physiognomy", ["face"]), ("fists", ["hand"]), ("right hand", ["hand"])] {
            let routed = try #require(try engine.resolveNames(in: text).first?.get(), "\(text)")
            #expect(engine.detectors[routed.model].classNames == classes && routed.name.resolution == .wordnet, "\(text)")
        }
        // YOLO's resolver understands them and finds nothing: its explanation names the other vocabulary.
        let explained = engine.resolver.explain("visage")[0]
        #expect(throws: QueryError.self) { try explained.result.get() }
        #expect(explained.description.contains("names face (vocabulary face), not a class of this model"), "\(explained)")
        // Curated readings keep what a photo query means: a mitt is still the baseball glove (YOLO),
        // paws and the right side reach no model.
        let mitt = try #require(try engine.resolveNames(in: "mitt").first?.get())
        #expect(mitt.model == 0 && mitt.name.classNames == ["baseball glove"])
        for text in ["paws", "right"] {
            #expect((try? engine.resolveNames(in: text).first?.get()) == nil, "\(text)")
        }
        // The whole answer: a WordNet word is counted by the same model as the class name.
        let result = try engine.ground(contentsOf: TestSupport.testImage("portrait.jpg"),
                                       objects: ["visages", "faces", "fists", "hands"], mode: .count)
        #expect(result.objects.map(\.model) == [1, 1, 2, 2].map { engine.detectors[$0].name })
        #expect(result.objects[0].count >= 1 && result.objects[0].count == result.objects[1].count
                && result.objects[2].count == result.objects[3].count, "\(result.objects.map(\.count))")
        #expect(result.objects[0].classes == ["face"] && result.objects[2].classes == ["hand"])
    }

    @Test func cocoOutputKeepsOnlyClassesWithADatasetCategory() throws {
        let engine = try Self.engine.get()
        let result = try engine.ground(contentsOf: TestSupport.testImage("portrait.jpg"), objects: ["faces", "people"], mode: .bbox)
        #expect(result.objects[0].count >= 1 && result.objects[0].detections.allSatisfy { $0.categoryID == nil })
        #expect(result.objects[1].detections.allSatisfy { $0.categoryID == 1 })
        // Faces are not COCO's category 1 (person): only the people are in the COCO output.
        #expect(result.cocoJSON(imageID: 1).count == result.objects[1].detections.count)
    }

    @Test func onATieTheEarlierModelAnswers() throws {
        let short = try MediaPipeFaceDetector(model: .shortRange, modelDirectory: Self.mediapipe, threads: 1)
        let full = try MediaPipeFaceDetector(model: .fullRange, modelDirectory: Self.mediapipe, threads: 1)
        for order in [[short, full], [full, short]] as [[any Detector]] {
            let engine = GroundingEngine(detectors: order)
            let routed = try #require(try engine.resolveNames(in: "faces").first?.get())
            #expect(routed.model == 0)
            let result = try engine.ground(contentsOf: TestSupport.testImage("grace_hopper.jpg"), objects: ["face"], mode: .count)
            #expect(result.objects[0].model == order[0].name)
        }
    }

    @Test func anUnknownNameStillGetsTheFirstModelsSuggestions() throws {
        let engine = try Self.engine.get()
        guard case .failure(let error) = engine.resolveNames(in: "pelicn").first else {
            Issue.record("pelicn resolved")
            return
        }
        #expect(error.description.contains("pelican"))
    }

    @Test func theCommandLineLoadsEveryModelAndSaysWhichAnswered() throws {
        let folder = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLITests.ground(["count", "TestImages/portrait.jpg", "--object", "faces,people,hands", "--json",
                                       "--draw", folder.appendingPathComponent("three.png").path])
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try #require(try CLITests.json(run.lines[0]) as? [String: Any])
        let models = (answer["objects"] as? [[String: Any]])?.compactMap { $0["model"] as? String } ?? []
        #expect(models.count == 3 && Set(models).count == 3, "\(models)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("three.png").path))
        let info = try CLITests.ground(["info"])
        #expect(info.stdout.contains("darknet:yolov4-tiny") && info.stdout.contains("mediapipe:face_detection_full_range_sparse")
                && info.stdout.contains("mediapipe:palm_detection_full"), "\(info.stdout)")
        let explain = try CLITests.ground(["info", "--explain", "faces"])
        #expect(explain.stdout.contains("mediapipe:face_detection"), "\(explain.stdout)")
        // Each name of a text is explained by the model that answers it.
        let both = try CLITests.ground(["info", "--explain", "hands and faces"]).stdout
        let lines = both.split(separator: "\n").map(String.init)
        let palm = try #require(lines.firstIndex { $0.contains("mediapipe:palm_detection") })
        let face = try #require(lines.firstIndex { $0.contains("mediapipe:face_detection") })
        #expect(palm < face && lines[palm + 1] == "hands" && lines[face + 1] == "faces" && !both.contains("not loaded"), "\(both)")
    }
}
