/// An object name matched to the detector classes it stands for.
///
/// ```swift
/// let resolver = QueryResolver(classNames: detector.classNames)
/// let pony = try resolver.resolve("pony")
/// // pony.classNames == ["horse"], pony.resolution == .wordnet
/// ```
public struct ResolvedName: Sendable, Hashable {
    /// The name as asked, with surrounding whitespace removed and inner runs collapsed.
    public var name: String
    /// The matching class indices into the detector's `classNames`, ascending; never empty.
    /// A general name (`"animal"`, `"fruit"`) matches several classes.
    public var classIndices: [Int]
    /// The names of ``classIndices``, in the same order.
    public var classNames: [String]
    /// The rule that matched.
    public var resolution: Resolution

    /// Creates a resolved name; `classNames` must parallel `classIndices`.
    public init(name: String, classIndices: [Int], classNames: [String], resolution: Resolution) {
        self.name = name
        self.classIndices = classIndices
        self.classNames = classNames
        self.resolution = resolution
    }
}
