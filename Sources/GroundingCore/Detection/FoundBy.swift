/// How an object in an answer was found: by the model looking at the photo, by matching
/// examples' appearance (boxes the caller gave in an exemplar query, or what the model found
/// there with confidence: ``FindingTheRest``), or by a part of it another model found.
///
/// ```swift
/// let extra = result.objects[0].detections.filter { $0.foundBy == .exemplar }.count
/// ```
public enum FoundBy: String, Sendable, Hashable, Codable {
    /// The detector's own pass over the photo (whole, sliced, or a closer look).
    case detector
    /// Matched to examples: the caller's boxes, or the detector's confident finds of its class,
    /// then confirmed by the detector on an enlarged view of its surroundings.
    case exemplar
    /// By a part another model found where the whole's own model saw nothing: a face in a crowd
    /// for a person (``WholeMark``), boxed as what the face shows of them (head and shoulders).
    case part
}
