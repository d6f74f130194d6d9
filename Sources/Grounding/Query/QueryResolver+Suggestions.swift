/// A known name that may be suggested for an unknown one.
struct SuggestionCandidate: Sendable {
    /// Where a candidate comes from; earlier sources win ties in distance.
    enum Source: Int, Comparable, Sendable {
        case className, synonym, wordnet
        static func < (lhs: Source, rhs: Source) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The name as shown to the user.
    let name: String
    /// ``NameKey/key(_:)`` of the name as UTF-8.
    let key: [UInt8]
    /// Where it comes from.
    let source: Source

    init(name: String, source: Source) {
        self.name = name
        self.key = Array(NameKey.key(name).utf8)
        self.source = source
    }
}

extension QueryResolver {
    /// The most suggestions an unknown name gets.
    package static let maximumSuggestions = 5

    /// The known names closest to `key` by edit distance: class names, synonyms of present
    /// classes and WordNet lemmas that name present classes, at most
    /// ``maximumSuggestions``, closest first.
    ///
    /// Cheap by construction: the allowed distance grows slowly with the name's length (1 up to 4
    /// letters, 2 up to 8, then 3), WordNet lemmas are only compared when their length is within
    /// that distance, and each comparison stops as soon as it exceeds it.
    func suggestions(forKey key: String) -> [String] {
        let query = Array(key.utf8)
        let limit = query.count <= 4 ? 1 : query.count <= 8 ? 2 : 3
        var found: [(distance: Int, source: SuggestionCandidate.Source, name: String)] = []
        for candidate in nearbyCandidates {
            if let distance = EditDistance.distance(query, candidate.key, limit: limit) {
                found.append((distance, candidate.source, candidate.name))
            }
        }
        let groups = WordNetTable.entriesByKeyLength
        let lengths = max(1, query.count - limit)...(query.count + limit)
        for length in lengths where length < groups.count {
            for entry in groups[length] {
                guard let distance = EditDistance.distance(query, entry.key, limit: limit),
                      entry.classes.contains(where: { indicesByConcept[NameKey.key($0)] != nil })
                else { continue }
                found.append((distance, .wordnet, entry.lemma))
            }
        }
        found.sort { ($0.distance, $0.source, $0.name) < ($1.distance, $1.source, $1.name) }
        var names: [String] = []
        for candidate in found where !names.contains(candidate.name) {
            names.append(candidate.name)
            if names.count == Self.maximumSuggestions { break }
        }
        return names
    }
}
