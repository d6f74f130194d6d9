/// Objects of one kind already found in a photo, as an ``AppearanceModel`` sees them: another
/// object belongs with them when it looks as much like one of them as each of them looks like
/// its own closest other (the least of those similarities is the ``bar``).
///
/// The engine's ``CloseLook`` admits its finds this way: on orchestra.png the faces it found
/// enlarged that were real had a best similarity of 0.49 to 0.75 to the 21 faces found before
/// (which were 0.56 or more alike to their closest other), the knee, drum and window it also
/// took for faces (on guards.jpg) 0.45, 0.37 and −0.13.
///
/// ```swift
/// if let group = AppearanceGroup(members: faces, map: map), group.admits(candidate) { ... }
/// ```
public struct AppearanceGroup: Sendable {
    /// The members' descriptors.
    private let descriptors: [[Float]]
    /// The map they were read from.
    private let map: AppearanceMap
    /// The least similarity of a member to its closest other member.
    public let bar: Float

    /// The group of `members` (pixels of the map's image) on `map`; nil for fewer than two, whose
    /// likeness to each other is unknown.
    public init?(members: [BoundingBox], map: AppearanceMap) {
        guard members.count >= 2 else { return nil }
        let descriptors = members.map(map.descriptor(of:))
        bar = descriptors.indices.map { i in
            descriptors.indices.filter { $0 != i }.map { map.similarity(descriptors[i], descriptors[$0]) }.max()!
        }.min()!
        self.descriptors = descriptors
        self.map = map
    }

    /// Whether the object at `box` (pixels of the map's image) looks like one of the members
    /// at least as much as ``bar``.
    public func admits(_ box: BoundingBox) -> Bool {
        let descriptor = map.descriptor(of: box)
        return descriptors.contains { map.similarity($0, descriptor) >= bar }
    }
}
