/// Names of one request that counted the very same objects: the model cannot tell `men` from
/// `women` or `children` (each counts every person), and `vehicles` finds just the cars when cars
/// are all there is. Each such name keeps its count, since asked alone it would answer the same,
/// but it is marked with the first name that counted those objects, so that a reader does not add
/// the counts up ("4 men, 4 women and 4 children" are 4 people).
///
/// ```swift
/// let objects = SameObjects.marked(found)   // found[2].sameObjectsAs == "men"
/// ```
public enum SameObjects {
    /// `objects` with ``GroundedObject/sameObjectsAs`` set on each name whose objects are those
    /// of a name before it: the same model, the same count (at least one) and the same boxes of
    /// the same classes. Exemplar queries are neither marked nor marked after.
    public static func marked(_ objects: [GroundedObject]) -> [GroundedObject] {
        var marked = objects
        for index in marked.indices where marked[index].resolution != .exemplar && marked[index].count > 0 {
            let object = marked[index]
            marked[index].sameObjectsAs = objects[..<index].first { earlier in
                earlier.resolution != .exemplar && earlier.model == object.model && earlier.count == object.count
                    && earlier.detections.map(\.box) == object.detections.map(\.box)
                    && earlier.detections.map(\.className) == object.detections.map(\.className)
            }?.name
        }
        return marked
    }
}
