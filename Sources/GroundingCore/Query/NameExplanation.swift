/// How one name resolves, step by step: what the phrase parser kept, the rule that matched, the
/// classes, the WordNet sense read and the senses set aside with why (`ground info --explain`).
///
/// ```swift
/// for explanation in resolver.explain("cardinal") { print(explanation) }
/// // cardinal
/// //   rule:      wordnet, curated: the red bird and the bishop are both literal; …
/// //   classes:   bird
/// //   sense:     4 (noun.animal): crested thick-billed North American finch…
/// //   other:     1 (noun.person): (Roman Catholic Church) one of … → person
/// //   not used:  2 (noun.quantity): not something one can see in a photo
/// ```
public struct NameExplanation: Sendable, CustomStringConvertible {
    /// A sense that was not used, and why.
    ///
    /// ```swift
    /// for unused in explanation.unusedSenses { print(unused.sense.summary, unused.verdict.reason) }
    /// ```
    public struct UnusedSense: Sendable, Hashable {
        /// The sense.
        public var sense: WordNetSense
        /// Why it was not used.
        public var verdict: SenseVerdict
    }

    /// The name as the parser took it apart.
    public var phrase: NamePhrase
    /// The answer: the resolved name, or why there is none.
    public var result: Result<ResolvedName, QueryError>
    /// The WordNet lemma that decided, when WordNet did.
    public var lemma: String?
    /// The sense that decided.
    public var sense: WordNetSense?
    /// The other reading, shown but not used.
    public var otherReading: WordNetSense?
    /// Why a curated exception decided, when one did.
    public var exception: String?
    /// The words that chose ``sense`` as a part of what they name, said before the name or after
    /// "of" ("train" in "train cars" and "cars of a train": a railway car), when they did.
    public var partOf: String?
    /// The classes the WordNet sense names, whichever model's vocabulary they belong to (`"visage"`:
    /// face, which a COCO model does not have).
    public var classes: [String] = []
    /// The lemma's other senses with why they were not used, in sense order.
    public var unusedSenses: [UnusedSense]

    /// The explanation as indented lines.
    public var description: String {
        var lines = [NamePhrase.shown(phrase.text)]
        func add(_ label: String, _ value: String) {
            let tag = label.isEmpty ? "" : label + ":"
            lines.append("  " + tag + String(repeating: " ", count: max(1, 11 - tag.count)) + value)
        }
        if !phrase.noun.isEmpty, phrase.noun != phrase.text { add("noun", NamePhrase.shown(phrase.noun)) }
        switch result {
        case .success(let resolved):
            if let colour = resolved.colour {
                let floor = Int(((resolved.garment?.colourFloor ?? ColourReading.defaultFloor) * 100).rounded())
                add("colour", "\(colour) (" + (resolved.garment.map { "worn: people are kept when the part of their box their \($0.rawValue) covers is" }
                                              ?? "objects are kept when their own pixels are")
                    + " mostly \(colour), or at least \(floor)%)")
            }
            if let ignored = resolved.ignored { add("ignored", NamePhrase.shown(ignored)) }
            var rule = resolved.resolution.rawValue
            if let lemma, lemma != NameKey.normalized(phrase.noun) { rule += " (as \"\(lemma)\")" }
            if let partOf { rule += ", " + Self.part(of: partOf) }
            if let exception { rule += ", curated: \(exception)" }
            add("rule", rule)
            add("classes", resolved.isEveryClass ? "every class (\(resolved.classNames.count))"
                : resolved.classNames.joined(separator: ", "))
            if let exclusion = phrase.exclusion, !resolved.excluded.isEmpty {
                add("left out", resolved.excluded.joined(separator: ", ") + " (\(NamePhrase.shown(exclusion.words)))")
            }
            if let sense { add("sense", sense.summary) } else if let gloss = resolved.gloss { add("sense", gloss) }
            if let kind = resolved.kindNote { add("counted", kind) }
            // A class's own name has no WordNet entry of its own here, but may offer WordNet's reading ("mice").
            if otherReading == nil, let other = resolved.otherReading { add("other", other) }
        case .failure(let error):
            let unknown = error.unknownName, named = classes.joined(separator: ", ")
            let names = if unknown?.isAmbiguous == true {
                // A guess (the generator's rule 5g) names a class but counts nothing.
                "two readings of different kinds, which WordNet does not rank: neither is counted"
            } else if unknown?.isLikeness == true {
                "names \(named), but the words before it make a likeness of that, not counted"
            } else if unknown?.isOtherKind == true {
                "names \(named), but the words say another kind, which the model has no class for: not counted"
            } else if unknown?.isGroups == true {
                "groups of \(named), asked in the plural: the groups are not counted"
            } else if !classes.isEmpty, unknown?.classesNotLoaded.isEmpty == true {
                // A word of kin after an animal no class is ("goat herd": the herd's sheep and cattle).
                "names \(named) alone, not what the whole name asks for"
            } else {
                Self.elsewhere(classes)
            }
            if let lemma {
                add("rule", "wordnet (as \"\(lemma)\")" + (partOf.map { ", " + Self.part(of: $0) } ?? "") + ": " + names
                    + (exception.map { ", curated: \($0)" } ?? ""))
            }
            if let sense { add("sense", sense.summary) }
            add("answer", error.description)
        }
        if let other = otherReading {
            add("other", other.summary + " → " + (other.classes.isEmpty ? "no class" : other.classes.joined(separator: ", ")))
        }
        // Senses that added their classes, then the ones set aside.
        for group in [unusedSenses.filter { $0.verdict == .also }, unusedSenses.filter { $0.verdict != .also }] {
            for (index, unused) in group.enumerated() {
                let finds = unused.sense.classes.isEmpty ? "" : " [→ \(unused.sense.classes.joined(separator: ", "))]"
                let label = index > 0 ? "" : unused.verdict == .also ? "also" : "not used"
                add(label, "\(unused.sense.summary)\(finds) — \(unused.verdict.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Why the sense used is a part: `"a part of \"train\""`.
    private static func part(of whole: String) -> String {
        "a part of \"\(whole)\""
    }

    /// What a sense that found nothing here names: no class, or classes of other vocabularies
    /// (`face (vocabulary face), not a class of this model`).
    private static func elsewhere(_ classes: [String]) -> String {
        guard !classes.isEmpty else { return "names no class" }
        let named = classes.map { name in WordNetTable.vocabularyOfClass[name].map { "\(name) (vocabulary \($0))" } ?? name }
        return "names \(named.joined(separator: ", ")), not a class of this model"
    }
}

extension QueryResolver {
    /// How each name in `text` resolves, step by step.
    ///
    /// ```swift
    /// print(resolver.explain("whale")[0])   // the animal sense; "a very large person" set aside as figurative
    /// ```
    public func explain(_ text: String) -> [NameExplanation] {
        let phrases = NamePhrase.parse(text)
        guard !phrases.isEmpty else {
            return [NameExplanation(phrase: NamePhrase(text: text, noun: ""), result: .failure(.emptyName),
                                    unusedSenses: [])]
        }
        return phrases.map { phrase in
            let (result, entry) = resolution(of: phrase)
            return NameExplanation(phrase: phrase, result: result, lemma: entry?.lemma, sense: entry?.sense,
                                   otherReading: entry?.otherReading, exception: entry?.exception, partOf: entry?.partOf,
                                   classes: entry?.classes ?? [],
                                   unusedSenses: entry.map { entry in
                                       WordNetTable.unusedSenses(of: entry.lemma).filter { $0.sense.number != entry.sense.number }
                                           .map(NameExplanation.UnusedSense.init)
                                   } ?? [])
        }
    }
}
