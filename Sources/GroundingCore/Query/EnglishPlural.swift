/// Candidate singulars of an English noun phrase, for matching plurals to singular names.
///
/// The last word is changed: irregular plurals come from WordNet's exception list (noun.exc, in
/// ``WordNetTable``) plus `people` → `person`; regular ones follow WordNet's own detachment rules
/// (-ies → -y, -s, -es, -men → -man) and -ves → -f/-fe; a closed compound's irregular head
/// ("schoolchildren") comes last. Every rule that fits adds a candidate
/// ("bicycles" gives "bicycle" and "bicycl"): a wrong candidate simply matches nothing, but where
/// two are words, the first decides, so -s comes before -es ("cones": "cone", then "con").
package enum EnglishPlural {
    /// Plurals that are not in noun.exc because WordNet lists them as nouns of their own.
    private static let extraIrregulars: [String: [String]] = ["people": ["person"]]

    /// Candidate singulars of a normalized phrase (see ``NameKey/normalized(_:)``), most likely
    /// first, without duplicates; empty when it does not look plural.
    package static func singulars(of phrase: String) -> [String] {
        var candidates: [String] = []
        if let whole = irregularSingulars(of: phrase) {
            candidates += whole
        }
        let words = phrase.split(separator: " ")
        if let last = words.last {
            let prefix = words.dropLast().map { $0 + " " }.joined()
            let word = String(last)
            if words.count > 1, let irregular = irregularSingulars(of: word) {
                candidates += irregular.map { prefix + $0 }
            }
            candidates += regularSingulars(of: word).map { prefix + $0 }
            candidates += compoundSingulars(of: word).map { prefix + $0 }
        }
        var seen: Set<String> = [phrase]
        return candidates.filter { seen.insert($0).inserted }
    }

    private static func irregularSingulars(of word: String) -> [String]? {
        extraIrregulars[word] ?? WordNetTable.irregularSingulars(of: word)
    }

    /// A closed compound ends in its head's plural, irregular too: "schoolchildren" are
    /// schoolchildren, "spokespeople" spokespersons, where WordNet lists only the head's plural
    /// ("children"). Tried after every other rule, with both parts of some length: an ending of a
    /// plain word read so ("accomplices": "accomplouse") is a candidate no name matches.
    private static func compoundSingulars(of word: String) -> [String] {
        let characters = Array(word)
        let heads = compoundHeadLengths.filter { characters.count - $0 >= minimumCompoundStart }
        return heads.flatMap { length -> [String] in
            let stem = String(characters.dropLast(length))
            return (irregularSingulars(of: String(characters.suffix(length))) ?? []).map { stem + $0 }
        }
    }

    /// The shortest first part of a closed compound read by ``compoundSingulars(of:)``, and the
    /// lengths of the heads tried, longest first: the irregular plurals compounds end in
    /// ("children", "people", "feet") are short, and a long word costs no more than a short one.
    private static let minimumCompoundStart = 3, compoundHeadLengths = Array((4...8).reversed())

    private static func regularSingulars(of word: String) -> [String] {
        var result: [String] = []
        func strip(_ suffix: String, add replacement: String = "") {
            if word.count > suffix.count + 1, word.hasSuffix(suffix) {
                result.append(String(word.dropLast(suffix.count)) + replacement)
            }
        }
        strip("ies", add: "y")
        // After -ss the plural ending is -es ("crosses": a cross, not a lacrosse crosse).
        if word.hasSuffix("sses") {
            strip("es")
        }
        // Otherwise -s before -es and -ves, as WordNet's own rules order them: the first
        // candidate WordNet knows decides, so "cones" are cones, not cons, and "caves" caves,
        // not cafes; "boxes" and "knives" still reach "box" and "knife" (no "boxe" or "knive" is
        // known). -ss and -us end singulars ("glass", "bus"), not plurals.
        if !word.hasSuffix("ss"), !word.hasSuffix("us") {
            strip("s")
        }
        strip("ves", add: "f")
        strip("ves", add: "fe")
        strip("men", add: "man")
        strip("es")
        return result
    }
}
