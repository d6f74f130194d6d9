/// Objects of one kind already found in a photo, as an ``AppearanceModel`` sees them: another
/// object belongs with them when it looks as much like one of them as three in four of them look
/// like their own closest other (the lower quartile of those similarities is the ``bar``; the
/// least would let one odd member admit anything as odd).
///
/// The engine's ``CloseLook`` admits its finds this way. On orchestra.png the 21 faces found
/// before are 0.51 to 0.80 alike to their closest other (bar 0.62); of what the close look found
/// on regions 4, 5 and 6 times their side, the real faces were 0.67 to 0.75 like one of them
/// (two, 0.52), the other things it took for faces (a knee and a drum among them) 0.41 to 0.58; with the
/// least similarity (0.51) as the bar, 1 of those passed at 4 times and 2 at 6.
///
/// ```swift
/// if let group = AppearanceGroup(members: faces, map: map), group.admits(candidate) { ... }
/// ```
public struct AppearanceGroup: Sendable {
    /// The members' descriptors.
    private let descriptors: [[Float]]
    /// The map they were read from.
    private let map: AppearanceMap
    /// The lower quartile of the members' similarities to their closest other member.
    public let bar: Float

    /// The group of `members` (pixels of the map's image) on `map`; nil for fewer than two, whose
    /// likeness to each other is unknown.
    public init?(members: [BoundingBox], map: AppearanceMap) {
        guard members.count >= 2 else { return nil }
        let descriptors = members.map(map.descriptor(of:))
        let closest = descriptors.indices.map { i in
            descriptors.indices.filter { $0 != i }.map { map.similarity(descriptors[i], descriptors[$0]) }.max()!
        }.sorted()
        bar = closest[closest.count / 4]
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
