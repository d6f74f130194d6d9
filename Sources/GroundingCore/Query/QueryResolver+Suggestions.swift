/// A known name that may be suggested for an unknown one.
struct SuggestionCandidate: Sendable {
    /// Where a candidate comes from; earlier sources win ties in distance.
    enum Source: Int, Comparable, Sendable {
        case className, synonym, wordnet
        static func < (lhs: Source, rhs: Source) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The name as shown to the user.
    let name: String
    /// What it finds, by the classes' answer names.
    let classes: [String]
    /// ``NameKey/key(_:)`` of the name as UTF-8.
    let key: EditDistance.Key
    /// Where it comes from.
    let source: Source

    init(name: String, classes: [String], source: Source) {
        self.name = name
        self.classes = classes
        self.key = EditDistance.Key(Array(NameKey.key(name).utf8))
        self.source = source
    }
}

extension QueryResolver {
    /// The most suggestions an unknown name gets.
    package static let maximumSuggestions = 5

    /// The known names closest to `name` by edit distance that resolve with this class list:
    /// class names in either spelling, synonyms of present classes and WordNet lemmas that name
    /// present classes, each with what it finds; at most ``maximumSuggestions``, closest first.
    /// Without `wordNetLemmas`, only class names and synonyms one edit away: the slips a rare
    /// word may be.
    ///
    /// Cheap by construction: the allowed distance grows slowly with the name's length (1 up to 4
    /// letters, 2 up to 8, then 3), WordNet lemmas are only compared when their length is within
    /// that distance, most are set aside by the bytes they hold (``EditDistance/Key``), and each
    /// comparison stops as soon as it exceeds it. A plural is also compared by its singulars:
    /// "bycicles" is three edits from "bicycle", but its singular "bycicle" two.
    func suggestions(for name: String, wordNetLemmas: Bool = true) -> [NameSuggestion] {
        var found: [(distance: Int, source: SuggestionCandidate.Source, suggestion: NameSuggestion)] = []
        for key in Set([NameKey.key(name)] + EnglishPlural.singulars(of: name).map(NameKey.key)).sorted() {
            found += candidates(nearKey: key, wordNetLemmas: wordNetLemmas)
        }
        found.sort { ($0.distance, $0.source, $0.suggestion.name) < ($1.distance, $1.source, $1.suggestion.name) }
        var suggestions: [NameSuggestion] = []
        for candidate in found where !suggestions.contains(where: { $0.name == candidate.suggestion.name }) {
            suggestions.append(candidate.suggestion)
            if suggestions.count == Self.maximumSuggestions { break }
        }
        return suggestions
    }

    /// The known names within the allowed distance of `key`, each with its distance and source.
    private func candidates(nearKey key: String, wordNetLemmas: Bool)
        -> [(distance: Int, source: SuggestionCandidate.Source, suggestion: NameSuggestion)] {
        let query = EditDistance.Key(Array(key.utf8))
        let length = query.bytes.count
        // A word spelled right that is a slip for another is one edit from it ("caw" for "cow").
        let limit = !wordNetLemmas || length <= 4 ? 1 : length <= 8 ? 2 : 3
        var found: [(distance: Int, source: SuggestionCandidate.Source, suggestion: NameSuggestion)] = []
        for candidate in nearbyCandidates {
            if let distance = EditDistance.distance(query, candidate.key, limit: limit) {
                found.append((distance, candidate.source, NameSuggestion(name: candidate.name, classes: candidate.classes)))
            }
        }
        let groups = wordNetLemmas ? WordNetTable.entriesByKeyLength : []
        let lengths = max(1, length - limit)...(length + limit)
        for length in lengths where length < groups.count {
            // Through a buffer: a loop over the entries themselves copies each one it passes.
            let near = groups[length].withUnsafeBufferPointer { entries in
                entries.indices.compactMap { index in
                    EditDistance.distance(query, entries[index].key, limit: limit).map { (entry: entries[index], distance: $0) }
                }
            }
            for (entry, distance) in near {
                let indices = entry.isEveryClass ? Array(classNames.indices)
                    : Set(classIndices(named: entry.classes)).sorted()
                guard !indices.isEmpty else { continue }
                let classes = entry.isEveryClass ? ["every class"] : indices.map { canonicalNames[$0] }
                found.append((distance, .wordnet, NameSuggestion(name: entry.lemma, classes: classes)))
            }
        }
        return found
    }
}
