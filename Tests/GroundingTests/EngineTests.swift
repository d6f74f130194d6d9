import Foundation
import Testing
import Grounding

/// The engine on real photos with the real model: names, modes, 0–1000 values, tiling.
@Suite struct EngineTests {
    @Test func ponyAndHorsesBothFindTheHorses() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"),
                                       objects: ["pony", "Horses"], mode: .count)
        #expect(result.unresolved.isEmpty)
        #expect(result.objects.map(\.name) == ["pony", "Horses"])
        let pony = result.objects[0], horses = result.objects[1]
        #expect(pony.classes == ["horse"] && pony.resolution == .wordnet)
        #expect(horses.classes == ["horse"] && horses.resolution == .plural)
        #expect(pony.count >= 3, "horses.jpg shows at least three horses the detector knows")
        #expect(pony.count == pony.detections.count && horses.count == pony.count)
        #expect(pony.detections.allSatisfy { $0.className == "horse" && $0.score >= 0.25 })
        #expect(zip(pony.detections, pony.detections.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func unknownNamesAreReportedAndTheOthersStillAnswered() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"),
                                       objects: ["dog", "xyzzyq", "bicycle", "pelicn"], mode: .bbox)
        #expect(result.objects.map(\.name) == ["dog", "bicycle"])
        #expect(result.objects.allSatisfy { $0.count >= 1 })
        #expect(result.unresolved.map(\.name) == ["xyzzyq", "pelicn"])
        #expect(result.unresolved[1].suggestions.contains("pelican"))
    }

    @Test func normalizedValuesAgreeWithPixels() throws {
        let engine = try TestSupport.engine()
        for photo in ["dog.jpg", "kite.jpg", "person.jpg"] {
            let result = try engine.ground(contentsOf: TestSupport.testImage(photo),
                                           objects: ["person", "dog", "horse", "kite", "bicycle", "car", "truck"],
                                           mode: .bbox)
            let (w, h) = (Float(result.imageWidth), Float(result.imageHeight))
            let all = result.objects.flatMap(\.detections)
            #expect(!all.isEmpty, "\(photo): something to check")
            for d in all {
                let pixels = [d.box.x1 / w, d.box.y1 / h, d.box.x2 / w, d.box.y2 / h].map { $0 * 1000 }
                for (n, p) in zip(d.box1000, pixels) { #expect(abs(Float(n) - p) <= 0.5001) }
                #expect(abs(Float(d.point1000[0]) - d.point.x / w * 1000) <= 0.5001)
                #expect(abs(Float(d.point1000[1]) - d.point.y / h * 1000) <= 0.5001)
                #expect(d.box.x1 >= 0 && d.box.y1 >= 0 && d.box.x2 <= w && d.box.y2 <= h)
                #expect(d.point.x >= d.box.x1 && d.point.x <= d.box.x2 && d.point.y >= d.box.y1 && d.point.y <= d.box.y2)
            }
        }
    }

    @Test func modesAnswerWithTheSameObjects() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("person.jpg")
        let answers = try GroundingMode.allCases.map { mode in
            try engine.ground(contentsOf: path, objects: ["person", "dog", "horse"], mode: mode)
        }
        for answer in answers.dropFirst() {
            #expect(answer.objects == answers[0].objects)
        }
        #expect(answers.map(\.mode) == GroundingMode.allCases)
    }

    @Test func scoreThresholdAndMaxDetectionsAreHonoured() throws {
        let engine = try TestSupport.engine()
        var options = GroundingOptions()
        options.scoreThreshold = 0.05
        let loose = try engine.ground(contentsOf: TestSupport.testImage("kite.jpg"), objects: ["person", "kite"],
                                      mode: .bbox, options: options)
        let looseCount = loose.objects.map(\.count).reduce(0, +)
        options.maxDetections = 3
        let capped = try engine.ground(contentsOf: TestSupport.testImage("kite.jpg"), objects: ["person", "kite"],
                                       mode: .bbox, options: options)
        #expect(looseCount > 6)
        // The list is cut per name; the count is still the true number.
        #expect(capped.objects.map(\.count) == loose.objects.map(\.count))
        for (cut, full) in zip(capped.objects, loose.objects) {
            #expect(cut.detections == Array(full.detections.prefix(3)))
            #expect(cut.isTruncated == (full.count > 3))
        }
        options.maxDetections = 1000
        options.scoreThreshold = 0.9
        let strict = try engine.ground(contentsOf: TestSupport.testImage("kite.jpg"), objects: ["person", "kite"],
                                       mode: .bbox, options: options)
        #expect(strict.objects.flatMap(\.detections).allSatisfy { $0.score >= 0.9 })
        #expect(strict.objects.map(\.count).reduce(0, +) < looseCount)
    }

    @Test func outOfRangeOptionsAreRefused() throws {
        let engine = try TestSupport.engine()
        let image = RGBImage(width: 8, height: 8)
        var options = GroundingOptions()
        options.iouThreshold = 1.5
        #expect(throws: GroundingError.self) { try engine.ground(image, objects: ["dog"], mode: .count, options: options) }
        options = GroundingOptions()
        options.tiling = .size(4)
        #expect(throws: GroundingError.self) { try engine.ground(image, objects: ["dog"], mode: .count, options: options) }
    }

    @Test func aMissingFileIsAnImageErrorNamingIt() throws {
        let engine = try TestSupport.engine()
        do {
            _ = try engine.ground(contentsOf: "/nonexistent/photo.jpg", objects: ["dog"], mode: .count)
            Issue.record("expected an error")
        } catch {
            guard case .image = error else { Issue.record("expected .image, got \(error)"); return }
            #expect(error.description.contains("/nonexistent/photo.jpg"))
        }
    }

    /// One engine shared by 8 concurrent tasks gives exactly the serial answers.
    @Test func concurrentTasksGiveTheSerialAnswers() async throws {
        let engine = try TestSupport.engine()
        let names = TestSupport.testImageNames
        let objects = ["person", "dog", "horse", "bicycle", "car", "bird", "cat", "kite"]
        var serial: [String: [GroundedObject]] = [:]
        for name in names {
            serial[name] = try await engine.ground(contentsOf: TestSupport.testImage(name), objects: objects, mode: .bbox).objects
        }
        let concurrent = try await withThrowingTaskGroup(of: [(String, [GroundedObject])].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var answers: [(String, [GroundedObject])] = []
                    // Each task walks the photos from its own starting point, so they overlap.
                    for step in 0..<4 {
                        let name = names[(task * 3 + step) % names.count]
                        let result = try await engine.ground(contentsOf: TestSupport.testImage(name), objects: objects, mode: .bbox)
                        answers.append((name, result.objects))
                    }
                    return answers
                }
            }
            var all: [(String, [GroundedObject])] = []
            for try await answers in group { all += answers }
            return all
        }
        #expect(concurrent.count == 32)
        for (name, objects) in concurrent {
            #expect(objects == serial[name], "\(name) differs under concurrency")
        }
    }
}

/// A name that covers several classes counts each object once.
@Suite struct ClassMergingTests {
    /// The classes of the COCO vocabulary that `name` stands for, as names of their own.
    static func classNames(of name: String) throws -> [String] {
        try QueryResolver(classNames: CocoClass.all.map(\.name)).resolve(name).classNames
    }

    /// A name counts what its classes, asked as separate names, count, less the objects boxed as
    /// two of its classes: of one kind by the detector's duplicate overlap (IoU 0.45), of two
    /// kinds by ``BetterReading/otherKindOverlap``. Objects in front of others stay: people
    /// before a bus, a zebra before a giraffe, a car behind a roadster. Before, a sliced photo's
    /// boxes of every class of the name were merged again by the slices' rule (a box half inside
    /// a larger one is a piece of it): "things" on bus.jpg counted 3 of its 4 people and no bus.
    /// `boxedTwice`, as measured: the bus also boxed as a truck, a kite also as a frisbee, a horse
    /// also as a cow, the pickup also as a car; the giraffe and the zebra before it are two.
    @Test(arguments: [("bus.jpg", "things", 1), ("kite.jpg", "things", 1), ("giraffe.jpg", "animals", 0),
                      ("horses.jpg", "animals", 1), ("dog.jpg", "vehicles", 1)])
    func aNameCountsWhatItsClassesCount(photo: String, name: String, boxedTwice: Int) throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage(photo)
        let whole = try engine.ground(contentsOf: path, objects: [name], mode: .count)
        var apart = GroundingOptions()
        apart.mergesClassesWithinName = false
        let separate = try engine.ground(contentsOf: path, objects: try Self.classNames(of: name), mode: .count, options: apart)
        let counted = separate.objects.reduce(0) { $0 + $1.count }
        #expect(whole.objects[0].count == counted - boxedTwice,
                "\(photo), \(name): \(separate.objects.filter { $0.count > 0 }.map { "\($0.name) \($0.count)" })")
        #expect(counted > 0)
        // No two of the name's boxes of different classes are one object.
        let kinds = Dictionary(CocoClass.all.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let boxes = whole.objects[0].detections
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].className != boxes[j].className {
                let sameKind = kinds[boxes[i].className] == kinds[boxes[j].className]
                #expect(boxes[i].box.intersectionOverUnion(with: boxes[j].box)
                        < (sameKind ? GroundingOptions().iouThreshold : BetterReading.otherKindOverlap))
            }
        }
    }

    @Test func peopleBeforeABusAreCountedWithIt() throws {
        let engine = try TestSupport.engine()
        let things = try engine.ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["things"], mode: .count)
        let classes = Set(things.objects[0].detections.map(\.className))
        #expect(classes.isSuperset(of: ["person", "bus"]) && things.objects[0].count >= 5)
        let animals = try engine.ground(contentsOf: TestSupport.testImage("giraffe.jpg"), objects: ["animals"], mode: .count)
        #expect(Set(animals.objects[0].detections.map(\.className)) == ["giraffe", "zebra"])
    }

    @Test func thePickupAndTheHorseAreCountedOnce() throws {
        let engine = try TestSupport.engine()
        var options = GroundingOptions()
        options.mergesClassesWithinName = false
        let dogSeparate = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"), objects: ["truck", "car"], mode: .count, options: options)
        let horsesSeparate = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"), objects: ["cow", "horse"], mode: .count, options: options)
        // The defects as reported: the same pickup as truck and car, a horse also as a cow.
        #expect(dogSeparate.objects.map(\.count) == [1, 1])
        #expect(horsesSeparate.objects[0].count >= 1)
        options.mergesClassesWithinName = true
        let pickup = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"),
                                       queries: [.name("truck"), .name("car")], mode: .count, options: options)
        // Two names of one kind (vehicles): the pickup is the truck's, the surer reading.
        #expect(pickup.objects.map(\.count) == [1, 0] && pickup.objects[1].countedUnderOtherNames == ["truck": 1])
        let horses = try engine.ground(contentsOf: TestSupport.testImage("horses.jpg"), objects: ["cow", "horse"], mode: .count, options: options)
        let givenUp = horses.objects[1].countedUnderOtherNames["cow"] ?? 0
        #expect(givenUp >= 1 && horses.objects[1].count == horsesSeparate.objects[1].count - givenUp)
    }
}

/// `red car`, `white truck`: a colour before the noun keeps the objects of that colour.
@Suite struct ColourFilterTests {
    @Test(arguments: [("dog.jpg", "truck"), ("dog.jpg", "dog"), ("horses.jpg", "horse"), ("kite.jpg", "person")])
    func aColourKeepsExactlyTheObjectsOfThatColour(photo: String, noun: String) throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage(photo)
        let all = try engine.ground(contentsOf: path, objects: [noun], mode: .bbox).objects[0].detections
        let image = try ImageDecoder.decode(contentsOf: path).image
        let classifier = ColourClassifier(image: image)
        var kept = 0
        for colour in BasicColour.allCases {
            // A colour before "person" may name a kind of person (WordNet's white person), not a
            // colour: a person's own colour is asked for as "person in white".
            let name = noun == "person" ? "\(noun) in \(colour.rawValue)" : "\(colour.rawValue) \(noun)"
            let answer = try engine.ground(contentsOf: path, objects: [name], mode: .bbox)
            let filtered = try #require(answer.objects.first, "\(colour) \(noun): \(answer.unresolved)")
            #expect(filtered.resolvedName?.colour == colour.rawValue)
            let expected = try all.filter { try classifier.reading(for: $0.box).matches(colour) }
            #expect(filtered.detections.map(\.box) == expected.map(\.box), "\(colour) \(noun) in \(photo)")
            kept += filtered.count
        }
        // Every object has a dominant colour, so each is kept under at least one colour word.
        #expect(kept >= all.count)
    }

    @Test func aColourCompoundThatNamesNoThingIsAColourAndANoun() throws {
        let resolver = try TestSupport.engine().resolver
        // WordNet's "white horse" is a wave: the colour and the horse win.
        let horse = try resolver.resolve("white horse")
        #expect(horse.classNames == ["horse"] && horse.colour == "white")
        // A compound that finds what its noun finds still asks for the colour ...
        let bear = try resolver.resolve("black bear")
        #expect(bear.classNames == ["bear"] && bear.colour == "black")
        // ... but not a kind of person: WordNet's white person and black man are not people
        // whose pixels are white or black, and the model does not tell such kinds apart.
        for name in ["white person", "black man", "black people"] {
            let people = try resolver.resolve(name)
            #expect(people.classNames == ["person"] && people.colour == nil && people.isKindOfClass, "\(name): \(people)")
        }
        // A colour alone is not a thing to count (WordNet's "white" is a kind of person, its
        // "black" the darker pieces): it is refused with what to ask instead. A class named by a
        // colour is counted.
        for name in ["white", "whites", "black", "reds", "Grey"] {
            #expect(throws: QueryError.self, "\(name)") { try resolver.resolve(name) }
            do { _ = try resolver.resolve(name) } catch {
                #expect(error.unknownName?.meaning?.hasPrefix("the colour") == true && error.unknownName?.meaning?.contains("people in") == true)
            }
        }
        #expect(try resolver.resolve("oranges").classNames == ["orange"] && resolver.resolve("orange").classNames == ["orange"])
        // A colour said of what is worn is not that compound: a man in white is dressed in white.
        let dressed = try resolver.resolve("a man in white")
        #expect(dressed.classNames == ["person"] && dressed.colour == "white" && dressed.garment == .clothes && dressed.ignored == nil)
        // A person's own colour is that of their clothes.
        let players = try resolver.resolve("blue players"), redCars = try resolver.resolve("red cars")
        #expect(players.colour == "blue" && players.garment == .clothes && redCars.colour == "red" && redCars.garment == nil)
        let shirts = try resolver.resolve("players in blue shirts")
        #expect(shirts.classNames == ["person"] && shirts.colour == "blue" && shirts.garment == .top)
        // Said of anything but a person, a colour alone is the thing's own, and a garment is not understood.
        let cars = try resolver.resolve("cars in red")
        #expect(cars.classNames == ["car"] && cars.colour == "red" && cars.garment == nil && cars.ignored == nil)
        let dog = try resolver.resolve("a dog in a red coat")
        #expect(dog.classNames == ["dog"] && dog.colour == nil && dog.garment == nil && dog.ignored == "in a red coat")
        // A black widow is a spider: read whole, and no COCO class.
        #expect(throws: QueryError.self) { try resolver.resolve("black widow") }
        // Before a class's own name the colour wins over a compound that names another animal:
        // WordNet's black cat is a fisher, its blue cat a catfish, its white sheep Dall's sheep.
        for (name, colour, className) in [("black cats", "black", "cat"), ("blue cat", "blue", "cat"), ("white sheep", "white", "sheep")] {
            let resolved = try resolver.resolve(name)
            #expect(resolved.classNames == [className] && resolved.colour == colour, "\(name): \(resolved)")
        }
        // A people's name is not a colour of clothes.
        #expect(throws: QueryError.self) { try resolver.resolve("white people") }
    }

    /// bus.jpg, and the team meeting, where people only a face shows are boxed head and shoulders.
    @Test(arguments: [TestSupport.testImage("bus.jpg"),
                      TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/team-meeting.jpg").path])
    func aColourOfWhatIsWornIsReadOnThePartOfEachPersonItCovers(path: String) throws {
        let engine = try TestSupport.defaultEngine()
        let image = try ImageDecoder.decode(contentsOf: path).image
        let classifier = ColourClassifier(image: image)
        let people = try engine.ground(contentsOf: path, objects: ["person"], mode: .bbox).objects[0].detections
        #expect(people.count >= 4)
        let byFace = people.filter { $0.foundBy == .part }.count
        #expect(path.hasSuffix("bus.jpg") ? byFace == 0 : byFace >= 4)
        func reads(_ person: GroundedDetection, _ colour: BasicColour, on garment: Garment) throws -> Bool {
            guard let region = garment.region(of: person.box, foundBy: person.foundBy) else { return false }
            return try classifier.reading(for: region).matches(colour, floor: garment.colourFloor)
        }
        var differs = false
        for colour in BasicColour.allCases {
            let words = ["people in \(colour.rawValue) shirts", "people in \(colour.rawValue) trousers", "people in \(colour.rawValue)"]
            let answer = try engine.ground(contentsOf: path, objects: words, mode: .bbox).objects
            #expect(answer.count == 3, "\(words)")
            for (object, garment) in zip(answer, [Garment.top, .bottoms, .clothes]) {
                #expect(object.resolvedName?.garment == garment && object.resolvedName?.colour == colour.rawValue)
                let expected = try people.filter { try reads($0, colour, on: garment) }
                #expect(object.detections.map(\.box) == expected.map(\.box), "\(object.name)")
                // Trousers no box shows are of no colour.
                #expect(garment != .bottoms || object.detections.allSatisfy { $0.foundBy != .part })
            }
            // A shirt of a colour is not always a person of that colour.
            differs = try differs || people.contains { try reads($0, colour, on: .top) != reads($0, colour, on: .clothes) }
        }
        #expect(differs, "no person's top reads otherwise than their whole box")
    }

    @Test func theWhitePickupIsWhiteNotRed() throws {
        let engine = try TestSupport.engine()
        let result = try engine.ground(contentsOf: TestSupport.testImage("dog.jpg"), objects: ["white truck", "red truck"], mode: .count)
        #expect(result.objects.map(\.count) == [1, 0])
    }
}
