/// Turns object names ("horses", "pony", "tv", "animal") into the detector classes they stand for.
///
/// Works for any class list; the hand-made synonyms (``ClassSynonyms``) and the WordNet table
/// (``WordNetTable``) add knowledge of the COCO classes. Names are compared after trimming,
/// collapsing whitespace and lower-casing; the rules are tried in the order of ``Resolution`` and
/// the first that matches wins:
///
/// 1. ``Resolution/exact``: the name is a class name, ignoring spaces, underscores and hyphens.
/// 2. ``Resolution/plural``: a singular of the name is a class name ("mice" → mouse), or the name
///    is a singular of one ("ski" → skis).
/// 3. ``Resolution/synonym``: the name or a singular of it is in ``ClassSynonyms``.
/// 4. ``Resolution/wordnet``: the name or a singular of it is a WordNet noun that names a class
///    ("pony" → horse) or, being more general, several ("animal" → bird, cat, dog, ...).
///
/// A name nothing matches throws ``QueryError/unknownName(_:suggestions:)`` with the closest
/// known names.
///
/// ```swift
/// let resolver = QueryResolver(classNames: detector.classNames)
/// let horses = try resolver.resolve("Horses")   // ["horse"], .plural
/// let pony = try resolver.resolve("pony")       // ["horse"], .wordnet
/// _ = try resolver.resolve("pelicn")            // throws: ... did you mean: pelican?
/// ```
public struct QueryResolver: Sendable {
    /// The detector's class names, in index order.
    public let classNames: [String]
    /// Class indices by the key of their name.
    let indicesByKey: [String: [Int]]
    /// Class indices by the key of a singular of their name: "skis" under "ski".
    let indicesBySingularKey: [String: [Int]]
    /// Class indices by concept key: the class's line in ``ClassSynonyms``, or its own key, so
    /// that "motorcycle" and "motorbike" are one concept whichever the class list spells.
    let indicesByConcept: [String: [Int]]
    /// The class names and the synonyms of present classes, for suggestions.
    let nearbyCandidates: [SuggestionCandidate]

    /// Creates a resolver for a detector's class vocabulary (``Detector/classNames``).
    public init(classNames: [String]) {
        self.classNames = classNames
        var byKey: [String: [Int]] = [:]
        var bySingularKey: [String: [Int]] = [:]
        var byConcept: [String: [Int]] = [:]
        for (index, name) in classNames.enumerated() {
            let key = NameKey.key(name)
            byKey[key, default: []].append(index)
            for singular in EnglishPlural.singulars(of: NameKey.normalized(name)) {
                bySingularKey[NameKey.key(singular), default: []].append(index)
            }
            let concept = ClassSynonyms.conceptByKey[key].map(NameKey.key) ?? key
            byConcept[concept, default: []].append(index)
        }
        indicesByKey = byKey
        indicesBySingularKey = bySingularKey
        indicesByConcept = byConcept
        nearbyCandidates = classNames.map { SuggestionCandidate(name: $0, source: .className) }
            + ClassSynonyms.words
            .filter { byConcept[NameKey.key($0.concept)] != nil && byKey[NameKey.key($0.word)] == nil }
            .map { SuggestionCandidate(name: $0.word, source: .synonym) }
    }

    /// The classes `name` stands for.
    ///
    /// - Throws: ``QueryError/emptyName`` for an empty or blank name;
    ///   ``QueryError/unknownName(_:suggestions:)`` when no rule matches.
    public func resolve(_ name: String) throws(QueryError) -> ResolvedName {
        let asked = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let phrase = NameKey.normalized(asked)
        guard !phrase.isEmpty else { throw .emptyName }
        let key = NameKey.key(phrase)
        let keys = [key] + EnglishPlural.singulars(of: phrase).map(NameKey.key)

        func resolved(_ indices: [Int], by resolution: Resolution) -> ResolvedName {
            let sorted = Set(indices).sorted()
            return ResolvedName(name: asked, classIndices: sorted,
                                classNames: sorted.map { classNames[$0] }, resolution: resolution)
        }
        if let indices = indicesByKey[key] {
            return resolved(indices, by: .exact)
        }
        if let indices = keys.dropFirst().lazy.compactMap({ self.indicesByKey[$0] }).first
            ?? indicesBySingularKey[key] {
            return resolved(indices, by: .plural)
        }
        if let indices = keys.lazy.compactMap({ ClassSynonyms.conceptByKey[$0] })
            .compactMap({ self.indicesByConcept[NameKey.key($0)] }).first {
            return resolved(indices, by: .synonym)
        }
        for key in keys {
            guard let entry = WordNetTable.entriesByKey[key] else { continue }
            let indices = entry.classes.flatMap { indicesByConcept[NameKey.key($0)] ?? [] }
            if !indices.isEmpty {
                return resolved(indices, by: .wordnet)
            }
        }
        throw .unknownName(asked, suggestions: suggestions(forKey: key))
    }
}
