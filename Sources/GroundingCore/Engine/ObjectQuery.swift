import GroundingImageIO

/// What to look for: objects by name (answered by the engine's model), or objects like example
/// boxes drawn on the image (answered by the engine's ``ExemplarMatcher`` for for that image).
///
/// ```swift
/// let result = try engine.ground(contentsOf: "TestImages/coins.png",
///                                queries: [.exemplar([PixelRect(x: 193, y: 29, width: 46, height: 46)])],
///                                mode: .count)
/// print(result.objects[0].count)   // 24
/// ```
public enum ObjectQuery: Sendable, Hashable {
    /// An object name, resolved to the model's classes (`"pony"` → horse).
    case name(String)
    /// Everything that looks like these boxes, in pixels of the upright full-size image. The
    /// boxes together make one object in the answer, named `"exemplar"`.
    case exemplar([PixelRect])
}
