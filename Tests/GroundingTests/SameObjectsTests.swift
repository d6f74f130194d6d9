import Testing
import Grounding

/// Names of one request that counted the very same objects are marked with the first of them,
/// so that their counts are not added up; names that counted other objects are not.
@Suite struct SameObjectsTests {
    static func found(_ boxes: [BoundingBox], className: String = "person") -> [GroundedDetection] {
        boxes.map { GroundedDetection(className: className, classIndex: 0, score: 0.9, box: $0, imageWidth: 800, imageHeight: 600) }
    }

    static func object(_ name: String, _ detections: [GroundedDetection], resolution: Resolution = .synonym,
                       model: String = "darknet:yolov4-tiny") -> GroundedObject {
        GroundedObject(name: name, classes: Array(Set(detections.map(\.className))), resolution: resolution,
                       detections: detections, model: model)
    }

    static let people = found([BoundingBox(x1: 10, y1: 10, x2: 60, y2: 200), BoundingBox(x1: 100, y1: 20, x2: 150, y2: 210)])

    @Test func namesThatCountedTheSameObjectsPointToTheFirst() {
        let marked = SameObjects.marked([Self.object("men", Self.people), Self.object("women", Self.people),
                                         Self.object("children", Self.people)])
        #expect(marked.map(\.sameObjectsAs) == [nil, "men", "men"])
        #expect(marked.map(\.count) == [2, 2, 2], "each keeps its own count")
    }

    @Test func otherObjectsNothingFoundExemplarsAndOtherModelsAreNotMarked() {
        let one = Self.found([BoundingBox(x1: 10, y1: 10, x2: 60, y2: 200)])
        let shifted = Self.found([BoundingBox(x1: 10, y1: 10, x2: 60, y2: 200), BoundingBox(x1: 101, y1: 20, x2: 150, y2: 210)])
        let asCars = Self.found([BoundingBox(x1: 10, y1: 10, x2: 60, y2: 200), BoundingBox(x1: 100, y1: 20, x2: 150, y2: 210)], className: "car")
        let marked = SameObjects.marked([
            Self.object("people", Self.people), Self.object("red people", one), Self.object("persons", shifted),
            Self.object("cars", asCars), Self.object("faces", Self.people, model: "tflite:face"),
            Self.object("exemplar", Self.people, resolution: .exemplar), Self.object("dogs", []), Self.object("cats", []),
        ])
        #expect(marked.allSatisfy { $0.sameObjectsAs == nil })
    }
}
