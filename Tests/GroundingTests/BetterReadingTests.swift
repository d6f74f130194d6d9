import Foundation
import Testing
import Grounding

/// One object seen as two classes of one kind goes to the surer class: which pairs are one
/// object, COCO's kinds, and on real photos, that two names asked never count one animal or
/// one pickup twice while each name asked alone still counts what its class sees.
@Suite struct BetterReadingTests {
    static let coco = Vocabulary(names: CocoClass.all.map(\.name))
    static var kinds: [String?] { coco.kinds }
    static func index(_ name: String) -> Int { coco.names.firstIndex(of: name)! }
    static func detection(_ name: String, _ score: Float, _ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float) -> Detection {
        Detection(box: BoundingBox(x1: x1, y1: y1, x2: x2, y2: y2), classIndex: index(name), score: score)
    }

    @Test func cocoKindsAreItsSupercategories() {
        let kinds = Dictionary(grouping: CocoClass.all, by: \.kind).mapValues(\.count)
        #expect(kinds == ["person": 1, "vehicle": 8, "outdoor": 5, "animal": 10, "accessory": 5, "sports": 10,
                          "kitchen": 7, "food": 10, "furniture": 6, "electronic": 6, "appliance": 5, "indoor": 7])
        let expected = ["person": "person", "boat": "vehicle", "bench": "outdoor", "bird": "animal", "giraffe": "animal",
                        "backpack": "accessory", "tennis racket": "sports", "bottle": "kitchen", "bowl": "kitchen",
                        "banana": "food", "chair": "furniture", "toilet": "furniture", "tv": "electronic",
                        "refrigerator": "appliance", "book": "indoor", "toothbrush": "indoor"]
        for (name, kind) in expected { #expect(CocoClass.named(name)?.kind == kind, "\(name)") }
        #expect(Self.coco.entries[Self.index("cat")].kind == "animal")
        #expect(Vocabulary(names: ["cat", "dog"]).entries.allSatisfy { $0.kind == nil }, "only COCO's own list has its kinds")
    }

    @Test func aSurerClassOfTheSameKindOnTheSameBoxIsTheBetterReading() {
        let dog = Self.detection("dog", 0.33, 0, 4, 403, 298)
        let others = [Self.detection("cat", 0.37, 20, 0, 431, 270),     // IoU 0.80 with the dog
                      Self.detection("chair", 0.9, 0, 4, 403, 298),     // same box, another kind
                      Self.detection("horse", 0.3, 0, 4, 403, 298)]     // same kind, less sure
        #expect(BetterReading.rivals(of: [dog], among: others, kinds: Self.kinds) == [0])
        // Less sure, another kind, or too little overlap: no better reading.
        #expect(BetterReading.rivals(of: [dog], among: [others[1], others[2]], kinds: Self.kinds) == [nil])
        let beside = Self.detection("cat", 0.9, 150, 4, 553, 298)       // IoU 0.45
        #expect(BetterReading.rivals(of: [dog], among: [beside], kinds: Self.kinds) == [nil])
        // Of two better readings, the surest; a class without a kind has none.
        let surer = Self.detection("sheep", 0.8, 0, 0, 400, 300)
        #expect(BetterReading.rivals(of: [dog], among: others + [surer], kinds: Self.kinds) == [3])
        #expect(BetterReading.rivals(of: [dog], among: others, kinds: Array(repeating: nil, count: 80)) == [nil])
    }

    /// A name's boxes of different classes are one object at the detector's duplicate overlap
    /// when their classes are of one kind, and only at ``BetterReading/otherKindOverlap`` when not;
    /// a box inside another is not the same object for that.
    @Test func aNamesObjectsAreOneEachOnlyWhereTheyAreOneObject() {
        let bus = Self.detection("bus", 0.76, 0, 200, 800, 900)
        let people = [Self.detection("person", 0.99, 50, 380, 220, 900),  // wholly inside the bus's box
                      Self.detection("person", 0.84, 60, 390, 230, 905)]  // and a second box of one class
        let truck = Self.detection("truck", 0.37, 0, 210, 800, 900)        // the bus again: IoU 0.99, one kind
        let car = Self.detection("car", 0.5, 0, 200, 400, 900)             // IoU 0.5 with the bus
        let bicycle = Self.detection("bicycle", 0.45, 500, 600, 800, 900)  // inside the bus's box: IoU 0.16
        let cygnet = [Self.detection("bird", 0.6, 10, 10, 110, 110), Self.detection("person", 0.5, 10, 10, 110, 105)]  // IoU 0.95
        let chair = Self.detection("chair", 0.7, 50, 380, 220, 820)        // IoU 0.85 with the person: a seat under him
        let kept = BetterReading.oneEach(people + [bus, truck, car, bicycle] + cygnet + [chair], kinds: Self.kinds, iou: 0.45)
        #expect(kept.map(\.classIndex) == ["person", "person", "bus", "chair", "bird", "bicycle"].map(Self.index))
        #expect(kept.map(\.score) == [0.99, 0.84, 0.76, 0.7, 0.6, 0.45])
        // A class without a kind is of no kind: only nearly the same box is the same object.
        #expect(BetterReading.oneEach([bus, car], kinds: Array(repeating: nil, count: 80), iou: 0.45).count == 2)
        #expect(BetterReading.oneEach([bus, truck], kinds: Array(repeating: nil, count: 80), iou: 0.45).count == 1)
    }

    /// Within one view: another class on the same box, about as sure, is an alternative reading;
    /// across kinds the boxes must be nearly the same.
    @Test func anotherClassAboutAsSureOnTheSameObjectIsAnAlternative() {
        let dog = Self.detection("dog", 0.40, 0, 4, 403, 298)
        let cat = Self.detection("cat", 0.37, 20, 0, 431, 270)             // IoU 0.80, 0.925 of the dog's score
        let unsure = Self.detection("horse", 0.30, 0, 4, 403, 298)          // 0.75 of it
        let chair = Self.detection("chair", 0.9, 20, 0, 431, 270)           // another kind, IoU 0.80
        let person = Self.detection("person", 0.5, 0, 4, 403, 290)          // another kind, IoU 0.97
        let all = [dog, cat, unsure, chair]
        func reading(_ among: [Detection]) -> [String?] {
            BetterReading.alternatives(to: [dog], among: among, kinds: Self.kinds).map { $0.map { "\(Self.coco.names[$0.classIndex]) \($0.score)" } }
        }
        #expect(reading(all) == ["cat 0.37"])
        #expect(reading([dog, unsure, chair]) == [nil])
        #expect(reading(all + [person]) == ["person 0.5"])
        // Past the limit nothing is compared: a near-zero threshold gives thousands of boxes.
        #expect(BetterReading.alternatives(to: [dog], among: all, kinds: Self.kinds, limit: 3) == [nil])
    }

    /// Asked for dogs alone, Chelsea is still counted, and the answer says the model reads her as
    /// a cat about as surely; so with the grey horse of horses.jpg, read more surely as a cow.
    @Test(arguments: [("chelsea.png", "dogs", "cat"), ("horses.jpg", "horses", "cow")])
    func aCountSaysWhichOfItsObjectsTheModelAlsoReadsAsAnotherClass(photo: String, name: String, other: String) throws {
        let result = try TestSupport.engine().ground(contentsOf: TestSupport.testImage(photo), objects: [name], mode: .count)
        let doubtful = result.objects[0].detections.filter { $0.alsoReadAs != nil }
        #expect(doubtful.count == 1 && doubtful[0].alsoReadAs?.className == other, "\(result.objects[0].detections)")
        #expect(result.nativeJSON().serialized().contains("\"also_read_as\":{\"class\":\"\(other)\""))
        try ResultDecodingTests.expectSame(try ResultDecodingTests.roundTrip(result), as: result)
        let run = try CLITests.ground(["count", TestSupport.testImage(photo), "--object", name])
        #expect(run.stdout.contains("1 of them the model also reads as \(other), about as surely or more"), "\(run.stdout)")
    }

    /// A reading that is one of the name's own classes casts no doubt on its count: bus.jpg's bus,
    /// read as a train and about as surely as a bus, is one of the "vehicles" either way, and the
    /// answer does not say it may be something else. Asked for "trains", it still does; that
    /// train is a slice's view of the bus, which the whole photo shows no train for, so it is
    /// counted only without the context check (``SliceContext``).
    @Test func aReadingAmongTheNamesOwnClassesIsNotADoubt() throws {
        let engine = try TestSupport.engine()
        let vehicles = try engine.ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["vehicles", "things"], mode: .count)
        for object in vehicles.objects {
            let classes = Set(object.classes)
            #expect(object.detections.allSatisfy { $0.alsoReadAs.map { !classes.contains($0.className) } ?? true },
                    "\(object.name): \(object.detections)")
        }
        var unchecked = GroundingOptions()
        unchecked.checksContext = false
        let trains = try engine.ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["trains"], mode: .count, options: unchecked)
        #expect(trains.objects[0].detections.contains { $0.alsoReadAs?.className == "bus" }, "\(trains.objects[0].detections)")
        #expect(try engine.ground(contentsOf: TestSupport.testImage("bus.jpg"), objects: ["trains"], mode: .count).objects[0].count == 0)
    }

    /// The window by left edges finds what comparing every pair finds.
    @Test func theWindowMissesNoPair() {
        var random = SeededGenerator(state: 14)
        let animals = ["bird", "cat", "dog", "horse", "sheep", "cow", "chair", "couch"]
        func box() -> Detection {
            let (x, y) = (Float.random(in: 0..<500, using: &random), Float.random(in: 0..<500, using: &random))
            let (w, h) = (Float.random(in: 5..<200, using: &random), Float.random(in: 5..<200, using: &random))
            return Self.detection(animals.randomElement(using: &random)!, Float.random(in: 0..<1, using: &random), x, y, x + w, y + h)
        }
        // Near copies of each other, so that many pairs overlap by more than 0.7.
        var detections: [Detection] = []
        for _ in 0..<150 {
            let seed = box()
            detections.append(seed)
            for _ in 0..<3 {
                var copy = seed
                let jitter = { Float.random(in: -0.15...0.15, using: &random) * seed.box.width }
                copy.box = BoundingBox(x1: seed.box.x1 + jitter(), y1: seed.box.y1 + jitter(), x2: seed.box.x2 + jitter(), y2: seed.box.y2 + jitter())
                copy.classIndex = Self.index(animals.randomElement(using: &random)!)
                copy.score = Float.random(in: 0..<1, using: &random)
                detections.append(copy)
            }
        }
        let fast = BetterReading.rivals(of: detections, among: detections, kinds: Self.kinds)
        let slow = detections.map { d in
            detections.indices.filter { j in
                let o = detections[j]
                return o.classIndex != d.classIndex && o.score > d.score && Self.kinds[o.classIndex] == Self.kinds[d.classIndex]
                    && o.box.intersectionOverUnion(with: d.box) >= BetterReading.overlap
            }.max { detections[$0].score < detections[$1].score }
        }
        #expect(fast == slow)
        #expect(slow.compactMap { $0 }.count > 50, "the case is exercised")
    }

    /// What else, less surely, the detector took an object for: a class of the same kind on
    /// nearly the same box, scoring less; the surest of them.
    @Test func aLessSureClassOfTheSameKindOnTheSameBoxIsAWeakerReading() {
        let truck = Self.detection("truck", 0.80, 0, 35, 320, 205)
        let weaker = [Self.detection("car", 0.19, 0, 42, 286, 195),        // IoU 0.77: vintage-car.jpg's roadster
                      Self.detection("bus", 0.12, 0, 35, 320, 205),
                      Self.detection("person", 0.2, 0, 35, 320, 205),      // another kind
                      Self.detection("car", 0.15, 254, 83, 320, 143)]      // another object
        #expect(BetterReading.weakerReadings(of: [truck], among: weaker, kinds: Self.kinds) == [0])
        #expect(BetterReading.weakerReadings(of: [truck], among: Array(weaker.dropFirst()), kinds: Self.kinds) == [0])
        #expect(BetterReading.weakerReadings(of: [truck], among: Array(weaker.suffix(2)), kinds: Self.kinds) == [nil])
        // A surer reading is not a weaker one; past the limit nothing is compared.
        #expect(BetterReading.weakerReadings(of: [weaker[0]], among: [truck], kinds: Self.kinds) == [nil])
        #expect(BetterReading.weakerReadings(of: [truck], among: weaker, kinds: Self.kinds, limit: 3) == [nil])
    }

    /// vintage-car.jpg: a red roadster in front of a blue car. The model reads the roadster as a
    /// truck (0.80) and as a car only under the threshold (0.19). Asked for cars, it is not
    /// counted, and the answer says so, by the colour a name asks for too; asked for trucks as
    /// well, it is counted there and nothing is said. The counts are those of the detector's
    /// pass at the threshold: only readings under it are looked at, and they count nowhere.
    @Test func anObjectReadSurelyOnlyAsAClassNotAskedForIsSaidNotCounted() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/vintage-car.jpg").path
        let cars = try engine.ground(contentsOf: path, objects: ["cars", "red cars", "blue cars"], mode: .bbox)
        #expect(cars.objects.map(\.count) == [1, 0, 1])
        #expect(cars.objects.map(\.readMoreSurelyAs) == [["truck": 1], ["truck": 1], [:]])
        #expect(try ResultDecodingTests.roundTrip(cars).objects.map(\.readMoreSurelyAs) == cars.objects.map(\.readMoreSurelyAs))
        let both = try engine.ground(contentsOf: path, objects: ["cars", "trucks"], mode: .bbox)
        #expect(both.objects.map(\.count) == [1, 1] && both.objects.allSatisfy { $0.readMoreSurelyAs.isEmpty })
        // An object another name of the request counted is not said: on spoons.png a spoon is a
        // fork (0.26) and a wine glass (0.29), and "cutlery" counts the fork.
        let spoons = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/spoons.png").path
        let alone = try engine.ground(contentsOf: spoons, objects: ["spoons"], mode: .count)
        #expect(alone.objects[0].readMoreSurelyAs == ["fork": 1, "wine glass": 1])
        let withCutlery = try engine.ground(contentsOf: spoons, objects: ["cutlery", "spoons"], mode: .count)
        #expect(withCutlery.objects.allSatisfy { $0.readMoreSurelyAs.isEmpty })
        let run = try CLITests.ground(["count", path, "--object", "cars", "--json"])
        #expect(run.stdout.contains("\"read_more_surely_as\":{\"truck\":1}"), "\(run.stdout)")
        let text = try CLITests.ground(["count", path, "--object", "cars"]).stdout
        #expect(text.contains("not counted: 1 more object the model reads as truck, and as car only below the score threshold"), "\(text)")
    }

    /// Chelsea is a cat the model also boxes as a dog, less surely; the pickup of dog.jpg is a
    /// truck it also boxes as a car. Asked together, each is counted once, and the name that
    /// gave it up says where it went. Asked alone, each name counts what its class sees.
    @Test(arguments: [("chelsea.png", "dogs", "cats"), ("dog.jpg", "cars", "trucks")])
    func twoNamesOfOneKindCountOneObjectOnce(photo: String, weaker: String, surer: String) throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage(photo)
        let both = try engine.ground(contentsOf: path, objects: [weaker, surer], mode: .count)
        #expect(both.objects.map(\.count) == [0, 1])
        #expect(both.objects[0].countedUnderOtherNames == [surer: 1] && both.objects[1].countedUnderOtherNames.isEmpty)
        #expect(try engine.ground(contentsOf: path, objects: [weaker], mode: .count).objects[0].count == 1)
        var options = GroundingOptions()
        options.mergesClassesWithinName = false
        let apart = try engine.ground(contentsOf: path, objects: [weaker, surer], mode: .count, options: options)
        #expect(apart.objects.map(\.count) == [1, 1])
        // The JSON says it, and says it back.
        let json = both.nativeJSON().serialized()
        #expect(json.contains("\"counted_under_other_names\":{\"\(surer)\":1}"), "\(json)")
        #expect(try ResultDecodingTests.roundTrip(both).objects[0].countedUnderOtherNames == [surer: 1])
    }

    /// A name with a colour claims only objects of its colour: the white pickup goes to "white
    /// trucks", but "red trucks" would not count it, so "cars" keeps it rather than lose it.
    @Test func aColourNameClaimsOnlyWhatItWouldCount() throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.testImage("dog.jpg")
        let white = try engine.ground(contentsOf: path, objects: ["cars", "white trucks"], mode: .count)
        #expect(white.objects.map(\.count) == [0, 1] && white.objects[0].countedUnderOtherNames == ["white trucks": 1])
        let red = try engine.ground(contentsOf: path, objects: ["cars", "red trucks"], mode: .count)
        #expect(red.objects.map(\.count) == [1, 0] && red.objects[0].countedUnderOtherNames.isEmpty)
    }

    /// Seated players and their chairs overlap as much as a cat and a dog do, but a person and a
    /// chair are not of one kind: asking for both changes neither count. On swans.png a cygnet is
    /// boxed as a person (0.66) and as a bird (0.64) by boxes overlapping by 0.91: were kinds
    /// ignored, the bird would go to "people" and the birds' count would drop.
    @Test(arguments: [("orchestra.png", "people", "chairs", true), ("swans.png", "people", "birds", false)])
    func objectsOfDifferentKindsKeepTheirCounts(photo: String, first: String, second: String, untiled: Bool) throws {
        let engine = try TestSupport.engine()
        let path = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/\(photo)").path
        var options = GroundingOptions()
        if untiled { options.tiling = .off }
        let both = try engine.ground(contentsOf: path, objects: [first, second], mode: .count, options: options)
        let firstAlone = try engine.ground(contentsOf: path, objects: [first], mode: .count, options: options)
        let secondAlone = try engine.ground(contentsOf: path, objects: [second], mode: .count, options: options)
        #expect(both.objects.map(\.count) == [firstAlone.objects[0].count, secondAlone.objects[0].count])
        #expect(secondAlone.objects[0].count > 0 && both.objects.allSatisfy { $0.countedUnderOtherNames.isEmpty })
    }
}
