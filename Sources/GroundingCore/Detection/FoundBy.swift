/// How an object in an answer was found: by the model looking at the photo, or by matching
/// examples' appearance: boxes the caller gave (an exemplar query), or what the model found
/// there with confidence (``FindingTheRest``).
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
}
