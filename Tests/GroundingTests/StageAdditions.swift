import Foundation
import Testing
import Grounding

/// What a second look added to the count of one name on a hand-counted photo of the accuracy
/// set, against the same count without it: it must only add, each addition apart from every
/// other object, and the additions are judged by the photo's truth.
struct StageAdditions {
    /// The objects found with the look and not without it.
    let added: [GroundedDetection]
    /// The counted objects (truth indices) that an addition lies on and no find without the look does.
    let newObjects: Set<Int>

    /// Compares `with` and `without`, counts of `object` on the accuracy set's `photo`, recording
    /// an issue when `without` found anything `with` did not, or an addition's centre lies in
    /// another object's box.
    init(photo: String, object: String, with: GroundedObject, without: GroundedObject) throws {
        let before = without.detections.map(\.box)
        #expect(Set(before).isSubset(of: Set(with.detections.map(\.box))))
        added = with.detections.filter { !before.contains($0.box) }
        for addition in added {
            let others = with.detections.filter { $0.box != addition.box }
            #expect(!others.contains { $0.box.contains(x: addition.point.x, y: addition.point.y) }, "\(addition.box)")
        }
        let truth = try FindingTheRestTests.truth(photo, object)
        func counted(at point: ImagePoint) -> Int? {
            truth.indices.first { hypot(point.x - truth[$0].x, point.y - truth[$0].y) <= truth[$0].radius }
        }
        let known = Set(without.detections.compactMap { counted(at: $0.point) })
        newObjects = Set(added.compactMap { counted(at: $0.point) }).subtracting(known)
    }
}
