/// An object name matched to the detector classes it stands for, with the sense it was read in.
///
/// ```swift
/// let resolver = QueryResolver(classNames: detector.classNames)
/// let pony = try resolver.resolve("pony")
/// // pony.classNames == ["horse"], pony.resolution == .wordnet,
/// // pony.gloss == "a range horse of the western United States"
/// let cardinal = try resolver.resolve("cardinal")
/// // cardinal.classNames == ["bird"], cardinal.otherReading == "(Roman Catholic Church) one of … → person"
/// ```
public struct ResolvedName: Sendable, Hashable {
    /// The name as asked, with whitespace collapsed and trailing punctuation removed (for a
    /// phrase of several names, this name's part of it: `"cats"` in `"dogs and cats"`).
    public var name: String
    /// The matching class indices into the detector's `classNames`, ascending; never empty.
    /// A general name (`"animal"`, `"fruit"`) matches several classes, `"object"` all of them.
    public var classIndices: [Int]
    /// The names of ``classIndices``, in the same order, spelled as COCO spells its classes
    /// (`"motorcycle"`, `"tv"`) whichever spelling the detector's class list uses.
    public var classNames: [String]
    /// The rule that matched.
    public var resolution: Resolution
    /// The sense the name was read in: its WordNet definition (`"a young dog"`), or `nil` when
    /// no sense is known (a class of another vocabulary, `"stop sign"`).
    public var gloss: String?
    /// Another reading a photo query might mean, shown but not used, with what it would find:
    /// `"a computer that provides client stations with access to files… → nothing"`.
    public var otherReading: String?
    /// True when the name means any object at all (`"objects"`, `"things"`): every class
    /// matches (but those its words leave out, ``excluded``), so the objects should be counted
    /// class-agnostically.
    public var isEveryClass: Bool
    /// True when the name is a word for a group read as its members (`"flock"` → `bird`,
    /// `sheep`; `"audience"` → `person`): the count is of the members, one by one, not of groups.
    public var countsMembers: Bool
    /// True when the name is a kind of its classes (`"pony"` → `horse`, `"woman"` → `person`,
    /// `"sedan"` → `car`), not the class itself: the model finds the class and cannot tell the
    /// kind apart, so the count is of every object of the class.
    public var isKindOfClass: Bool

    /// The general word the name was read as when it is more general than its classes: `"jar"`
    /// for `"jars"`, whose one class is the vase; `"animal"` for `"animals"`, ten classes;
    /// `"vehicle"`, `"pet"` (curated). The model finds only the kinds of it that it has classes
    /// for, so a jam jar or a hamster is not counted. `nil` for a class's own name, a kind of a
    /// class, a group counted by its members and a word for every class.
    public var onlyKindsOf: String?

    /// What is counted for a kind of a class (``isKindOfClass``), in words: `"every horse (the
    /// model does not tell this kind of horse apart)"`; or for a general name (``onlyKindsOf``):
    /// `"only vase, the one kind of jar the model has a class for; no other jar is found"`; nil
    /// for any other name.
    public var kindNote: String? {
        if let general = onlyKindsOf {
            return classNames.count == 1
                ? "only \(classNames[0]), the one kind of \(general) the model has a class for; no other \(general) is found"
                : "only the \(classNames.count) kinds of \(general) the model has classes for; no other \(general) is found"
        }
        guard isKindOfClass else { return nil }
        let classes = classNames.joined(separator: " and ")
        return "every \(classes) (the model does not tell this kind of \(classes) apart)"
    }
    /// The basic colour asked for (`"red"` in `"red cars"`), as a `BasicColour` raw value.
    public var colour: String?
    /// What a person wears that ``colour`` is of (`.top` for `"people in blue shirts"`), read on
    /// its part of each person's box (``Garment/region(of:foundBy:)``); `.clothes` for a person's
    /// own colour (`"red people"`), `nil` for any other object's own colour, over its whole box.
    public var garment: Garment?
    /// The words of the name that were not understood (`"on a bike"`, `"big"`), or `nil`.
    public var ignored: String?
    /// The classes the name's words leave out of what it counts, as COCO spells them (`["dog"]`
    /// for `"animals except dogs"`), in class order; empty when they leave out none (`"dogs but
    /// not cats"`: no dog is a cat).
    public var excluded: [String]

    /// Creates a resolved name; `classNames` must parallel `classIndices`.
    public init(name: String, classIndices: [Int], classNames: [String], resolution: Resolution,
                gloss: String? = nil, otherReading: String? = nil, isEveryClass: Bool = false,
                countsMembers: Bool = false, isKindOfClass: Bool = false, onlyKindsOf: String? = nil, colour: String? = nil,
                garment: Garment? = nil, ignored: String? = nil, excluded: [String] = []) {
        self.name = name
        self.classIndices = classIndices
        self.classNames = classNames
        self.resolution = resolution
        self.gloss = gloss
        self.otherReading = otherReading
        self.isEveryClass = isEveryClass
        self.countsMembers = countsMembers
        self.isKindOfClass = isKindOfClass
        self.onlyKindsOf = onlyKindsOf
        self.colour = colour
        self.garment = garment
        self.ignored = ignored
        self.excluded = excluded
    }
}
