import Foundation
import Testing
import Grounding

/// The colour classifier on real objects in `TestImages/`, each named by a person who looked at
/// its crop before the classifier ran (`Fixtures/colour-objects.json`). A third of them were
/// held out: their results were not looked at while the classifier was tuned.
@Suite struct ColourPhotoTests {
    struct Object: Decodable {
        var id: String
        var photo: String
        var box: [Float]
        var colour: BasicColour
        var also: [BasicColour]
        var part: String

        var boundingBox: BoundingBox { BoundingBox(x1: box[0], y1: box[1], x2: box[2], y2: box[3]) }
        /// The names a person could give it.
        var accepted: [BasicColour] { [colour] + also }
    }

    struct Fixture: Decodable { var objects: [Object] }

    static let objects: [Object] = {
        let data = try! Data(contentsOf: TestSupport.fixture("colour-objects.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data).objects
    }()

    /// One classifier per photo, as a caller with many boxes in one image would hold.
    static func classifiers(for objects: [Object]) throws -> [String: ColourClassifier] {
        var classifiers: [String: ColourClassifier] = [:]
        for photo in Set(objects.map(\.photo)) {
            classifiers[photo] = ColourClassifier(image: try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo)).image)
        }
        return classifiers
    }

    /// Objects of `part` whose dominant colour is one a person gave, objects a filter on the
    /// person's colour would keep (``ColourReading/matches(_:floor:)`` at the default floor), and
    /// a line for each miss of the dominant colour.
    static func score(part: String) throws -> (correct: Int, total: Int, matched: Int, misses: [String]) {
        let objects = Self.objects.filter { $0.part == part }
        let classifiers = try classifiers(for: objects)
        var correct = 0, matched = 0
        var misses: [String] = []
        for object in objects {
            let reading = try classifiers[object.photo]!.reading(for: object.boundingBox)
            if reading.matches(object.colour) { matched += 1 }
            if object.accepted.contains(reading.dominant) {
                correct += 1
            } else {
                let top = reading.shares.sorted { $0.value > $1.value }.prefix(3)
                    .map { "\($0.key) \(String(format: "%.2f", $0.value))" }.joined(separator: ", ")
                misses.append("\(object.id): want \(object.accepted.map(\.rawValue).joined(separator: "/")), got \(top)")
            }
        }
        return (correct, objects.count, matched, misses)
    }

    @Test func fixtureHasThirtyObjectsAndAHeldOutThird() {
        #expect(Self.objects.count >= 30)
        let heldOut = Self.objects.filter { $0.part == "heldout" }.count
        #expect(heldOut * 4 >= Self.objects.count && heldOut * 2 <= Self.objects.count)
        #expect(Set(Self.objects.map(\.id)).count == Self.objects.count)
    }

    /// 34 of 41 when this was written: the misses were a frame box mostly filled by a black
    /// decal, a near-black bay horse, a cream rocket in dusk light, a cat's nose read as the
    /// brown around it, a cup whose box is mostly coffee, a steel spoon mirroring a red saucer,
    /// and a glossy black seat. A filter on the person's first colour kept 30.
    @Test func tunePartNamesAtLeast34Of41() throws {
        let (correct, total, matched, misses) = try Self.score(part: "tune")
        #expect(total == 41)
        #expect(correct >= 34, "\(correct)/\(total); misses:\n\(misses.joined(separator: "\n"))")
        #expect(matched >= 30, "a filter kept \(matched)/\(total)")
    }

    /// The held-out part, run once after tuning had ended: 14 of 20. The misses were the
    /// bicycle's whole box (a thin red frame over a yellow wall), a dark bay horse read as black,
    /// a small red kite whose light panels read pink, a flag's stripes and canton, a dark purple
    /// glove read as black, and a yellow-green eye read as brown. A filter on the person's first
    /// colour kept 15.
    @Test func heldOutPartNamesAtLeast14Of20() throws {
        let (correct, total, matched, misses) = try Self.score(part: "heldout")
        #expect(total == 20)
        #expect(correct >= 14, "\(correct)/\(total); misses:\n\(misses.joined(separator: "\n"))")
        #expect(matched >= 15, "a filter kept \(matched)/\(total)")
    }
}
