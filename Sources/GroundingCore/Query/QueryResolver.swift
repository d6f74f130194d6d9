/// Turns object names as people type them ("the horses", "pony", "tv", "two red cars",
/// "animals") into the detector classes they stand for.
///
/// Works for any class list; ``CocoClass`` and the hand-made synonyms (``ClassSynonyms``) add
/// knowledge of the COCO classes, and the WordNet table (``WordNetTable``) of the classes of every
/// vocabulary its generator reads (scripts/vocabularies: COCO's 80, MediaPipe's `face` and `hand`).
/// Every answer names classes as COCO spells them (`motorcycle`, `tv`) whichever spelling the
/// class list uses.
///
/// A text is first taken apart by ``NamePhrase`` (articles, quantifiers, colours, relations;
/// `"dogs and cats"` is two names). The words that name the object are compared after collapsing
/// whitespace and lower-casing; the rules are tried in the order of ``Resolution`` and the first
/// that matches wins:
///
/// 1. ``Resolution/exact``: the name is a class name in either spelling, ignoring spaces,
///    underscores and hyphens.
/// 2. ``Resolution/plural``: a singular of the name is a class name ("mice" → mouse), or the name
///    is a singular of one ("ski" → skis). Singulars are tried up to the first WordNet knows
///    ("cares" is more than one care, not cars), in every rule below too.
/// 3. ``Resolution/synonym``: the name or a singular of it is an alias the model's vocabulary
///    gives (``Vocabulary/Entry/aliases``) or is in ``ClassSynonyms``.
/// 4. ``Resolution/wordnet``: the name or a singular of it is a WordNet noun, read in the sense a
///    person looking at a photo would mean (see scripts/generate_wordnet_table.py): a kind of a
///    class ("pony" → horse), a group of classes ("animal" → bird, cat, dog, ...), a group of
///    things by its members ("flock" → bird, sheep; "audience" → person), every class
///    ("objects"), or something no class is ("whale": the animal, not "a very large person";
///    "glasses": spectacles), which ends the search. The table names classes by name, each name in
///    one vocabulary, so a resolver takes the classes its own list has: "visage" finds the face
///    model's `face` and, for a COCO model, is understood as a face and finds nothing.
///
/// A participle after the first word starts a clause about the words before it ("dogs playing",
/// "kids playing football" are the dogs and the kids) when those name something. Before "of" and a
/// food or a substance, the words name what holds it ("a cup of tea" is a cup, "glasses of water"
/// are glasses, not spectacles), whatever WordNet reads the whole phrase as. A name and a
/// relation of place that WordNet reads as one thing no class is ("man on a horse", a mushroom)
/// are the name in that relation, when the name is a class's or a common word for one. A general
/// word of whose kinds the model knows one is counted as that kind only when nothing says another
/// is meant: a thing's name before it ("phone cases" are no suitcases), or the word itself, when
/// it hardly means that kind ("tubes": the fire hydrant). Those are an ``UnknownName`` with
/// ``UnknownName/isOtherKind``, offering the kind. When the words
/// name nothing, shorter endings of them are tried ("big dog" → dog) and the dropped words are
/// recorded in ``ResolvedName/ignored``, unless one makes the ending a likeness of what it finds
/// ("toy cars", "stuffed dogs": ``likenessWord(in:of:)``), which the detector cannot count apart
/// from the thing: that is an ``UnknownName`` offering the thing (``UnknownName/isLikeness``).
/// Words that leave out (``NamePhrase/Exclusion``: "animals except dogs") take whole classes
/// out of what the name counts (``ResolvedName/excluded``); words that would leave out only some
/// objects of a counted class ("dogs except puppies") are recorded as not understood, and a name
/// that leaves nothing ("not cars") is an ``UnknownName`` with ``UnknownName/leavesNothing``.
/// A name nothing matches throws
/// ``QueryError/unknownName(_:)`` with its meaning (every common noun is in the table for that:
/// "tree"), or, for a word the table does not know, the closest names that would resolve.
///
/// ```swift
/// let resolver = QueryResolver(classNames: detector.classNames)
/// let horses = try resolver.resolve("the Horses.")  // ["horse"], .plural
/// let pony = try resolver.resolve("pony")           // ["horse"], .wordnet, gloss "a range horse of…"
/// let both = resolver.resolveNames(in: "dogs and red cars")  // dog; car with colour "red"
/// _ = try resolver.resolve("pelicn")                // throws: ... did you mean: pelican → bird? ...
/// ```
public struct QueryResolver: Sendable {
    /// The detector's class names, in index order, as its class list spells them.
    public let classNames: [String]
    /// The class names as every answer spells them: COCO's spelling for COCO classes
    /// (`"motorbike"` → `"motorcycle"`), the class list's own for any other.
    public let canonicalNames: [String]
    /// True when the class list is COCO's 80 classes (in either spelling).
    public let isCOCO: Bool
    /// Class indices by the key of their name in either spelling.
    let indicesByKey: [String: [Int]]
    /// Class indices by the key of a singular of their name: "skis" under "ski".
    let indicesBySingularKey: [String: [Int]]
    /// Class indices by concept key: the COCO name, or the class's line in ``ClassSynonyms``, or
    /// its own key, so that "motorcycle" and "motorbike" are one concept whichever is spelled.
    let indicesByConcept: [String: [Int]]
    /// The class names, their other spellings and the synonyms of present classes, for suggestions.
    let nearbyCandidates: [SuggestionCandidate]
    /// Class indices by the key of an alias the vocabulary gives (``Vocabulary/Entry/aliases``).
    let indicesByAlias: [String: [Int]]

    /// Creates a resolver for a model's vocabulary: its class names, and its aliases as synonyms.
    public init(vocabulary: Vocabulary) {
        self.init(classNames: vocabulary.names, aliases: vocabulary.entries.map(\.aliases))
    }

    /// The most words of a name whose shorter endings are tried ("big brown dog").
    static let maximumNameWords = 6

    /// Creates a resolver for a class list (``Detector/classNames``), with `aliases[i]` as
    /// synonyms of class `i` (none by default).
    public init(classNames: [String], aliases: [[String]] = []) {
        var byAlias: [String: [Int]] = [:]
        for (index, words) in aliases.enumerated() where index < classNames.count {
            for word in words { byAlias[NameKey.key(word), default: []].append(index) }
        }
        indicesByAlias = byAlias
        let canonical = classNames.map { CocoClass.named($0)?.name ?? $0 }
        self.classNames = classNames
        canonicalNames = canonical
        isCOCO = classNames.count == CocoClass.all.count
            && Set(classNames.compactMap { CocoClass.named($0)?.id }).count == CocoClass.all.count
        var byKey: [String: [Int]] = [:]
        var bySingularKey: [String: [Int]] = [:]
        var byConcept: [String: [Int]] = [:]
        var candidates: [SuggestionCandidate] = []
        for (index, name) in classNames.enumerated() {
            let coco = CocoClass.named(name)
            let spellings = [name] + (coco.map { [$0.name] + ($0.darknetName.map { [$0] } ?? []) } ?? [])
            for spelling in Set(spellings.map(NameKey.normalized)) {
                byKey[NameKey.key(spelling), default: []].append(index)
                for singular in EnglishPlural.singulars(of: spelling) {
                    bySingularKey[NameKey.key(singular), default: []].append(index)
                }
                candidates.append(SuggestionCandidate(name: spelling, classes: [canonical[index]],
                                                      source: .className))
            }
            byConcept[Self.conceptKey(name), default: []].append(index)
        }
        indicesByKey = byKey
        indicesBySingularKey = bySingularKey
        indicesByConcept = byConcept
        let aliasCandidates = aliases.enumerated().flatMap { index, words in
            words.filter { byKey[NameKey.key($0)] == nil }.map { SuggestionCandidate(name: $0, classes: [canonical[index]], source: .synonym) }
        }
        nearbyCandidates = candidates + aliasCandidates + ClassSynonyms.words.compactMap { word, concept in
            guard let indices = byConcept[Self.conceptKey(concept)], byKey[NameKey.key(word)] == nil else { return nil }
            return SuggestionCandidate(name: word, classes: indices.map { canonical[$0] }, source: .synonym)
        }
    }

    /// The concept a class name belongs to, as a key: its COCO name, its synonym line, or itself.
    static func conceptKey(_ name: String) -> String {
        let key = NameKey.key(name)
        return NameKey.key(CocoClass.named(name)?.name ?? ClassSynonyms.conceptByKey[key] ?? name)
    }

    /// Every name in `text`, each resolved or with the reason it was not, in order.
    ///
    /// ```swift
    /// resolver.resolveNames(in: "dogs, cats and a pelicn")   // [.success(dog), .success(cat), .failure(...)]
    /// ```
    public func resolveNames(in text: String) -> [Result<ResolvedName, QueryError>] {
        let phrases = NamePhrase.parse(text)
        guard !phrases.isEmpty else { return [.failure(.emptyName)] }
        return phrases.map { phrase in Result { () throws(QueryError) in try resolve(phrase) } }
    }

    /// The classes the one name in `name` stands for.
    ///
    /// - Throws: ``QueryError/emptyName`` for an empty or blank name;
    ///   ``QueryError/severalNames(_:)`` when the text names several objects ("dogs and cats");
    ///   ``QueryError/unknownName(_:)`` when no rule matches.
    public func resolve(_ name: String) throws(QueryError) -> ResolvedName {
        let phrases = NamePhrase.parse(name)
        guard let phrase = phrases.first else { throw .emptyName }
        guard phrases.count == 1 else { throw .severalNames(phrases.map(\.text)) }
        return try resolve(phrase)
    }

    /// The classes a parsed name stands for.
    public func resolve(_ phrase: NamePhrase) throws(QueryError) -> ResolvedName {
        try resolution(of: phrase).result.get()
    }

    /// Words for any object at all that WordNet has no noun for: read as "objects".
    static let wordsForAnyObject: Set<String> = ["everything", "anything", "all"]

    /// WordNet's lexicographer files of things a photo can show (the senses a colour compound
    /// must have to be read whole rather than as a colour and a noun).
    static let visibleThings: Set<String> = ["animal", "artifact", "food", "person", "plant", "body", "object"]

    /// The answer for a parsed name and the WordNet entry that gave it (or that said it names
    /// nothing), for explanations.
    func resolution(of phrase: NamePhrase) -> (result: Result<ResolvedName, QueryError>, entry: WordNetTable.Entry?) {
        guard let exclusion = phrase.exclusion else { return ownResolution(of: phrase) }
        var head = phrase
        head.exclusion = nil
        // "not cars", "except dogs": what is not a car is no class, and counting the cars would
        // answer the opposite of what was asked.
        guard !head.noun.isEmpty else {
            let meaning = "it says only what not to count (\(exclusion.words)). Name what to count as well, such as"
                + " \"animals except dogs\" or \"vehicles but not bicycles\""
            return (.failure(.unknownName(UnknownName(name: phrase.text, meaning: meaning, classCount: classNames.count,
                                                      isCOCO: isCOCO, leavesNothing: true))), nil)
        }
        let answer = ownResolution(of: head)
        guard case .success(var resolved) = answer.result else { return answer }
        resolved.name = phrase.text
        return (leaving(exclusion, outOf: resolved), answer.entry)
    }

    /// `name` without the classes `exclusion` names whole ("animals except dogs": nine animals).
    /// Words that leave out only some objects of a class it counts ("dogs except puppies", "men
    /// but not women", "cars except red ones") make it an error: the model cannot tell those
    /// apart from the rest of their class, so the count would hold what was left out. Names of
    /// nothing `name` counts ("dogs but not cats") leave it as it is; words that name no class
    /// are recorded in ``ResolvedName/ignored``.
    private func leaving(_ exclusion: NamePhrase.Exclusion, outOf name: ResolvedName) -> Result<ResolvedName, QueryError> {
        var leftOut: Set<Int> = []
        var notUnderstood: [String] = []
        for excluded in exclusion.names {
            switch ownResolution(of: excluded).result {
            case .success(let other):
                let shared = Set(other.classIndices).intersection(name.classIndices)
                if shared.isEmpty { continue }
                if other.isKindOfClass || other.countsMembers || other.colour != nil || other.ignored != nil {
                    let classes = shared.sorted().map { canonicalNames[$0] }.joined(separator: ", ")
                    let head = name.name.hasSuffix(" " + exclusion.words) ? String(name.name.dropLast(exclusion.words.count + 1)) : name.name
                    let meaning = "\(NamePhrase.shown(exclusion.words)) leaves out some of what the model counts as \(classes)"
                        + " (\(NamePhrase.shown(excluded.text))), which it cannot tell from the rest: the count would hold them too."
                        + " Ask for \(NamePhrase.shown(head)) to count all of them"
                    return .failure(.unknownName(UnknownName(name: name.name, meaning: meaning, classCount: classNames.count,
                                                             isCOCO: isCOCO, leavesNothing: true)))
                } else {
                    leftOut.formUnion(shared)
                }
            // A class only another model finds ("faces" said to a COCO model) is none of this one's.
            case .failure(let error) where error.unknownName?.classesNotLoaded.isEmpty == false:
                continue
            // A name of no class may still be what the model reads as one ("dogs except wolves").
            case .failure:
                notUnderstood.append(excluded.text)
            }
        }
        var resolved = name
        let kept = name.classIndices.filter { !leftOut.contains($0) }
        guard !kept.isEmpty else {
            let meaning = "\(exclusion.words) leaves out all that the model counts as \(name.classNames.joined(separator: ", ")):"
                + " nothing is left to count"
            return .failure(.unknownName(UnknownName(name: name.name, meaning: meaning, classCount: classNames.count,
                                                     isCOCO: isCOCO, leavesNothing: true)))
        }
        resolved.classIndices = kept
        resolved.classNames = kept.map { canonicalNames[$0] }
        resolved.excluded = leftOut.sorted().map { canonicalNames[$0] }
        if !notUnderstood.isEmpty {
            let words = exclusion.marker + " " + notUnderstood.joined(separator: ", ")
            resolved.ignored = ((resolved.ignored.map { [$0] } ?? []) + [words]).joined(separator: ", ")
        }
        return .success(resolved)
    }

    /// The answer for a parsed name that leaves nothing out.
    private func ownResolution(of phrase: NamePhrase) -> (result: Result<ResolvedName, QueryError>, entry: WordNetTable.Entry?) {
        let answer = classResolution(of: phrase)
        guard case .success(var resolved) = answer.result, resolved.colour != nil else { return answer }
        // What is worn is a person's: said of anything else, a colour alone is the thing's own
        // ("cars in red"), and a garment is not understood ("a dog in a red coat"). A person's own
        // colour is that of their clothes ("blue players" are players in blue).
        if resolved.classNames == ["person"] {
            resolved.garment = phrase.garment ?? .clothes
        } else if let garment = phrase.garment, garment != .clothes {
            resolved.colour = nil
            resolved.ignored = ([phrase.worn ?? ""] + (resolved.ignored.map { [$0] } ?? [])).joined(separator: ", ")
        }
        return (.success(resolved), answer.entry)
    }

    /// The classes and colour of a parsed name, before what is worn is checked against the
    /// classes (``resolution(of:)``).
    /// `readsPortions` false reads a name ending in a portion word as any other name.
    private func classResolution(of phrase: NamePhrase, readsPortions: Bool = true)
        -> (result: Result<ResolvedName, QueryError>, entry: WordNetTable.Entry?) {
        let noun = NameKey.normalized(phrase.noun)
        guard !noun.isEmpty else { return (.failure(.emptyName), nil) }
        // "everything", "anything", "all" (said alone: "count all"): any object, as "objects" is,
        // which no WordNet noun of theirs says ("everything except people" is then every class but
        // the person).
        if Self.wordsForAnyObject.contains(noun) {
            var objects = phrase
            objects.noun = "objects"
            return classResolution(of: objects, readsPortions: readsPortions)
        }
        // "a convoy of trucks", "an army of ants": a group's name before "of" asks for its members,
        // which are what a photo shows, unless WordNet knows the whole ("board of directors").
        if let ignored = phrase.ignored, ignored.lowercased().hasPrefix("of "),
           Self.wordNetEntry(among: Self.keys(of: noun))?.sense.file == "group",
           case .none = lookup(NameKey.normalized(noun + " " + ignored)),
           var members = NamePhrase.parse(String(ignored.dropFirst(3))).first, members.exclusion == nil {
            members.text = phrase.text
            return classResolution(of: members, readsPortions: readsPortions)
        }
        // "18 wheelers": a number the parser took for a count may begin a name the resolver knows
        // whole (a truck), which its last word alone does not mean (WordNet's wheeler, a horse).
        if let number = wordBefore(phrase.noun, in: phrase.text), NamePhrase.isNumber(number),
           case .found = lookup(NameKey.normalized(number + " " + phrase.noun)) {
            var whole = phrase
            whole.noun = number + " " + phrase.noun
            return classResolution(of: whole, readsPortions: readsPortions)
        }
        // A colour alone ("white", "reds") says how things look, not what they are: WordNet's
        // nouns for it are a pigment, board-game pieces or a kind of person, none of which a photo
        // query means. Only a class named by a colour ("orange") is counted.
        let spellings = [noun] + EnglishPlural.singulars(of: noun)
        if phrase.colour == nil, let colour = spellings.lazy.compactMap({ NamePhrase.colourTerm(of: $0) }).first,
           spellings.allSatisfy({ indicesByKey[NameKey.key($0)] == nil }) {
            let meaning = "the colour \(colour): name what to count in it, such as \"\(colour) cars\" or \"people in \(colour)\""
            return (.failure(.unknownName(UnknownName(name: phrase.text, meaning: meaning, classCount: classNames.count, isCOCO: isCOCO))), nil)
        }
        // A participle after a name starts a clause about it ("dogs playing", "cars parked",
        // "kids playing football": the kids, not the ball): the words before it are the name.
        // Not after a singular word where the rest is a compound WordNet knows: a noun before a
        // noun is singular ("toy fishing boats", "dog sleeping bags"), a clause's subject mostly
        // plural ("people rowing boats" are people).
        let nounWords = noun.split(separator: " ")
        if let clause = nounWords.indices.dropFirst().first(where: { start in
            isParticiple(nounWords[start]) && !(singularLookup(String(nounWords[start - 1])) == nil
                                                && isCompound(nounWords[start...].joined(separator: " ")))
                && !joinsModifier(at: start, of: nounWords, typed: phrase.noun.lowercased())
                || start == nounWords.count - 1 && phrase.ignored != nil && opensClause(nounWords[start])
        }) {
            let head = NamePhrase(text: phrase.text, noun: nounWords[..<clause].joined(separator: " "), colour: phrase.colour,
                                  garment: phrase.garment, worn: phrase.worn, ignored: ([nounWords[clause...].joined(separator: " ")] + (phrase.ignored.map { [$0] } ?? []))
                                      .joined(separator: " "))
            let answer = classResolution(of: head)
            // So is a likeness the head refuses ("toy cars parked"): the whole would read as less.
            switch answer.result {
            case .success: return answer
            case .failure(let error) where error.unknownName?.isLikeness == true: return answer
            // So is a compound of the name and a last word WordNet knows ("horse racing", the
            // sport): the head's refusal reads it whole and offers the head's class.
            case .failure where phrase.ignored == nil && clause == nounWords.count - 1 && isCompound(noun): return answer
            case .failure: break
            }
        }
        // "pizza slices", "apple halves": a portion of a thing, which a detector boxes as the
        // thing, is read as the words before it are, as "slices of pizza" is, whatever the
        // portion's word alone reads as (WordNet's wedge is a sandwich); "orange slices" too,
        // where the thing is also a colour. Not a compound WordNet knows. When the words before
        // it name nothing, neither does the name ("lemon wedges" are not sandwiches), and a
        // portion alone ("wedges") says how much of a thing, not what it is.
        if readsPortions, let last = nounWords.last, NamePhrase.portionWords.contains(last.lowercased()), !isCompound(noun) {
            var whole = phrase
            if nounWords.count > 1 {
                whole.noun = nounWords.dropLast().joined(separator: " ")
            } else if let colour = phrase.colour, phrase.garment == nil {
                (whole.noun, whole.colour) = (colour, nil)
            } else {
                let meaning = "a portion (\(noun)) of something: name what it is of, such as \"pizza \(noun)\""
                return (.failure(.unknownName(UnknownName(name: phrase.text, meaning: meaning, classCount: classNames.count,
                                                          isCOCO: isCOCO))), nil)
            }
            let answer = classResolution(of: whole)
            if case .success = answer.result { return answer }
            // Read as any name, it may find a class only by the portion's own word: that is not
            // what was asked, and the thing's own refusal says why. Else that reading's does.
            let own = classResolution(of: phrase, readsPortions: false)
            if case .success = own.result { return answer }
            return own
        }
        var resolved = ResolvedName(name: phrase.text, classIndices: [], classNames: [], resolution: .exact,
                                    colour: phrase.colour, ignored: phrase.ignored)
        // Words the parser set apart may belong to the name: "black bear", "bird of passage",
        // "black widow" (a spider, so nothing to find). A colour said of what is worn is not
        // before the noun ("a man in white" is not WordNet's white man).
        let colour = phrase.garment == nil ? phrase.colour.map { $0 + " " } ?? "" : ""
        let ignored = phrase.ignored.map { " " + $0 } ?? ""
        var meaning: WordNetTable.Entry?
        // The words `meaning` is of, when they are only the end of the name ("circus lions": lion).
        var readAs: String?
        // The classes a plural's singular finds, when WordNet reads the plural as a word of its
        // own that names none ("glasses" are spectacles; a glass is a wine glass).
        var singularReading: [Int] = []
        let holdsContents = Self.namesContents(phrase.ignored)
        // A reading of the name with its relation that no class is, set aside for the noun's own.
        var relationReading: WordNetTable.Entry?
        // The classes the name finds without the one word after it that made a compound of it
        // ("horse racing": horses), offered with its refusal.
        var readingWithoutLastWord: [Int] = []
        for (whole, keepsColour, withIgnored) in [(colour + noun + ignored, false, true), (colour + noun, false, false),
                                                  (noun + ignored, true, true)]
        where whole != noun && meaning == nil {
            switch lookup(NameKey.normalized(whole)) {
            case .found(let match):
                resolved.apply(match)
                // "black bears in the woods": the relation after a compound read without it is
                // still not understood.
                resolved.ignored = withIgnored ? nil : phrase.ignored
                // A compound that finds what the bare noun finds ("black bear") still asks for
                // that colour; one that finds something else ("red fox") does not, and nor does
                // a kind of person ("white person", "black man"): its colour word is not the colour
                // of what the person wears, which is all a person's pixels could show ("people in
                // white" asks for that).
                if !keepsColour, case .found(let bare) = lookup(noun), bare.classIndices == match.classIndices,
                   match.entry?.sense.file != "person" {
                } else if !keepsColour {
                    resolved.colour = nil
                }
                return (.success(resolved), match.entry)
            case .nothing(let entry):
                let isVisible = Self.visibleThings.contains(entry.sense.file) || entry.sense.isWithheld
                // "white horse" is in WordNet as a wave; said of a photo it is a horse that is
                // white. A compound with the colour only overrides the colour's reading when it
                // names a thing one could see as such (a black widow is a spider), and not before
                // a class's own name: "black cats" are cats that are black, though WordNet's black
                // cat is a fisher (a kind of the class would have been found above: "black bear").
                // A people's name keeps its reading ("white people" is not people dressed in white).
                if !colour.isEmpty && !keepsColour && (!isVisible || namesAClassItself(noun) && entry.sense.file != "person") {
                    continue
                }
                // "cup of tea" is an activity one likes; said of a photo it is a cup, of tea
                // ("table of contents" is not a table: contents are not a food or a substance).
                if holdsContents && !isVisible && withIgnored { continue }
                // "man on a horse" is a rider to a person looking at a photo, not the mushroom
                // WordNet names so: a name and a relation of place read as one thing no class is
                // give way to the name before the relation, when that is a class's name or a
                // common word for one. The reading is shown, not used. A reading a class is stays
                // ("lady in waiting"), and so does one the noun reaches only through WordNet ("jack
                // in the box" is a toy, not the jack of lawn bowling), a name WordNet reads two
                // ways, a slur, never read through its words, a name before "of", which mostly
                // makes a name of its own ("table of contents", "coat of arms"), and a name with one
                // word after it, which is no relation: a "zebra crossing" is WordNet's street
                // crossing, as "horse racing" is the sport ("zebras crossing" are zebras).
                if withIgnored, !entry.isGuess, !entry.sense.isWithheld, phrase.ignored?.lowercased().hasPrefix("of ") == false,
                   phrase.ignored?.contains(" ") == true,
                   case .found(let bare) = lookup(noun), bare.resolution != .wordnet {
                    relationReading = entry
                    continue
                }
                if withIgnored, phrase.ignored?.contains(" ") == false, case .found(let bare) = lookup(noun) {
                    readingWithoutLastWord = bare.classIndices
                }
                meaning = entry
            case .none:
                continue
            }
        }
        let words = meaning == nil ? noun.split(separator: " ") : []
        let typed = phrase.noun.lowercased()
        endings: for start in 0..<min(words.count, Self.maximumNameWords) {
            // "18-wheelers", "two-seaters": a number joined to a word makes a word of its own,
            // which its last part alone does not mean (WordNet's wheeler is a horse).
            if start > 0, NamePhrase.isNumber(String(words[start - 1])), typed.contains("\(words[start - 1])-\(words[start])") {
                continue
            }
            let name = words[start...].joined(separator: " ")
            var found = lookup(name)
            // "cow herd", "goat herds": an animal and a word of kin typed apart are that animal's
            // kin, not the closed compound WordNet has (a cowherd is a herdsman).
            if start == words.count - 2, AnimalKin.named(words[start + 1]) != nil, parentAnimal(words[start...start]) != nil,
               found.entry?.lemma.contains(" ") == false {
                continue
            }
            // "train cars", "clock hands": words before the name that name a thing one of its
            // senses is a part of mean that part (a railway car, a timepiece's pointer).
            // "baby strollers", "fishing trawlers": the words before a name WordNet reads two ways
            // say which reading is meant; a word that finds a guess's reading picks it outright
            // ("boat whalers").
            // The words that named the whole, understood: how many before the name, and how many
            // of the relation after it ("of the bathroom").
            var partWords: (before: Int, relation: Int)?
            if let part = Self.partReading(of: name, wholeNamedBy: words[..<start], relation: phrase.ignored) {
                found = match(part.entry)
                partWords = (part.wordsBefore, part.relationWords)
            } else if let entry = found.entry, let reading = Self.reading(of: entry, pointedToBy: words[..<start]) {
                found = match(reading)
            } else if let entry = found.entry, start > 0, let reading = reading(of: entry, namedBy: words[start - 1]) {
                found = match(reading)
            }
            switch found {
            case .found(let match):
                // "toy cars", "stuffed animals": the words before the name make it a likeness of
                // the thing, which the detector would count as the thing.
                if let likeness = Self.likenessWord(in: words[..<start], of: match.classNames) {
                    let unknown = UnknownName(name: phrase.text, suggestions: [NameSuggestion(name: name, classes: match.classNames)],
                                              meaning: "a likeness (\(likeness)) of \(match.classNames.joined(separator: ", "))",
                                              classCount: classNames.count, isCOCO: isCOCO, isLikeness: true)
                    return (.failure(.unknownName(unknown)), match.entry)
                }
                // "elephant calves", "moose bulls", "a zebra herd": a word of kin after an animal.
                if let kin = kinResolution(of: words, from: start, head: (match.classIndices, match.entry), phrase: phrase, resolved: resolved) {
                    return kin
                }
                // "teams", "flocks": a plural of a group whose members are counted asks how many
                // groups, which the detector cannot tell apart; the members are offered.
                if match.countsMembers, let entry = match.entry, Self.isPlural(name, of: entry.lemma) {
                    let unknown = UnknownName(name: phrase.text, suggestions: match.classNames.map { NameSuggestion(name: $0, classes: [$0]) },
                                              meaning: entry.sense.definition, classCount: classNames.count, isCOCO: isCOCO, isGroups: true)
                    return (.failure(.unknownName(unknown)), entry)
                }
                resolved.apply(match)
                if resolved.otherReading == nil, let relationReading {
                    resolved.otherReading = relationReading.sense.answerSummary
                }
                let dropped = words[..<start].joined(separator: " ")
                // Words before the name that name its very classes ("tv screens", "dog puppies")
                // say the same thing again: understood, not ignored.
                var restates = false
                if !dropped.isEmpty, case .found(let before) = lookup(dropped) {
                    restates = Set(before.classIndices) == Set(match.classIndices)
                }
                // A general word the model knows one kind of is counted as that kind only when
                // nothing says another is meant:
                // - a thing's name before it names another kind, which no class finds ("phone
                //   cases", "oven gloves", "desktop computers": no suitcases, baseball gloves,
                //   laptops);
                // - a word WordNet alone makes that general ("way", "clothing", "timer"), of whose
                //   kinds the vocabularies know one, hardly means that kind unless the kind's name
                //   or a common word for it says the word ("phone": a cell phone; "case": a
                //   suitcase): a tube is hardly a fire hydrant, nor clothing a tie.
                let thing = words[..<start].last.flatMap { Self.namesAThing($0) ? $0 : nil }
                if !restates, let general = match.onlyKindsOf, match.classNames.count == 1,
                   thing != nil || match.resolution == .wordnet && match.entry?.classes.count == 1
                    && !kindNames(general, match.classIndices[0]) {
                    let kind = words[(thing == nil ? start : start - 1)...].joined(separator: " ")
                    let meaning = thing == nil
                        ? "any \(general): the one kind of \(general) the model has a class for is \(match.classNames[0]), which \"\(kind)\" hardly means"
                        : "a kind of \(general) (\(kind)) other than \(match.classNames[0]), the one kind of \(general) the model has a class for"
                    return otherKind(phrase, meaning: meaning, offering: match.classNames[0], match)
                }
                // A word before a general name of several classes mostly says which of its kinds
                // are meant ("zoo animals", "water vehicles", "kitchen equipment"), which the model
                // cannot tell from the others: counting every kind would answer another question.
                // Words of size, age or look say how the things are, not which ("small animals").
                if !restates, let general = match.onlyKindsOf, match.classNames.count > 1,
                   picksKinds(words[..<start], of: match) {
                    let meaning = "the kinds of \(general) that \"\(dropped)\" picks out, which the model cannot tell from the other kinds of"
                        + " \(general) it finds (\(match.classNames.joined(separator: ", ")))"
                    return otherKind(phrase, meaning: meaning, offering: name, match)
                }
                // "bags of rice", "cases of wine": a general name of what holds a food or a
                // substance is the kind that holds it (a sack, a crate), not the kinds the model has
                // classes for (bags people carry, suitcases). Only a name WordNet defines as a
                // container says what it holds so ("animals of the sea" are animals), and not one
                // whose definition is of holding one ("glass": "a container for holding liquids").
                if !restates, let general = match.onlyKindsOf, holdsContents, let contents = phrase.ignored?.dropFirst(3),
                   let defined = match.entry?.sense.definition.split(whereSeparator: { !$0.isLetter }),
                   defined.contains(where: Self.containerWords.contains), !defined.contains(where: Self.namesContents) {
                    let kinds = match.classNames.count == 1 ? "the one kind of \(general) the model has a class for"
                        : "the kinds of \(general) the model has classes for"
                    let meaning = "a kind of \(general) that holds \(contents), other than \(match.classNames.joined(separator: ", ")), \(kinds)"
                    return otherKind(phrase, meaning: meaning, offering: name, match)
                }
                // The words that named the whole a part is of were understood ("bathroom thrones",
                // "thrones of the bathroom"); what follows them was not ("near the door").
                if let taken = partWords?.relation, taken > 0, let relation = phrase.ignored {
                    let rest = relation.split(separator: " ").dropFirst(taken).joined(separator: " ")
                    resolved.ignored = rest.isEmpty ? nil : rest
                }
                let unread = words[..<start].dropLast(partWords?.before ?? 0).joined(separator: " ")
                if !unread.isEmpty && !restates {
                    resolved.ignored = ([unread] + (resolved.ignored.map { [$0] } ?? [])).joined(separator: ", ")
                }
                return (.success(resolved), match.entry)
            case .nothing(let entry):
                // Before "of" and a food or a substance, or after one ("champagne glasses"), a
                // plural names what holds it ("glasses of water"), even where WordNet reads the
                // plural as a word of its own (spectacles).
                // Not a part of what the words name ("oeil de boeuf cases" are window frames).
                if entry.partOf == nil, holdsContents || start > 0 && Self.namesContents(words[start - 1]),
                   let match = singularLookup(name) {
                    resolved.apply(match)
                    return (.success(resolved), match.entry)
                }
                // "whale pods", "lion prides": a word of kin after an animal, read alone as
                // something else (a seed pod, a feeling).
                if let kin = kinResolution(of: words, from: start, head: ([], entry), phrase: phrase, resolved: resolved) {
                    return kin
                }
                // The words mean something no class is; a shorter ending would change the meaning.
                meaning = entry
                if start > 0 && entry.partOf == nil { readAs = entry.lemma }
                // Not a person read from the singular: that is mostly one who does what a verb
                // says ("pliers" are no people who ply a trade, "bleachers" none who bleach). The
                // singular's own other reading is offered with it ("boxers": dogs, or fighters),
                // also when the singular itself names no class ("seats": a seat, the body part,
                // or furniture for sitting on).
                if NameKey.key(entry.lemma) == NameKey.key(name), case let singular = singularLookupOrMeaning(name),
                   singular.entry?.sense.file != "person" {
                    singularReading = singular.classIndices + classIndices(named: singular.entry?.otherReading?.classes ?? [])
                }
                break endings
            case .none:
                continue
            }
        }
        // "schoolkids", "horseriders": a word nothing knows, and no slip of a name that finds a
        // class, may be two words written as one; it is read as them ("school kids": kids, and
        // "school" is said not to be understood, as when typed apart). A slip keeps the
        // suggestions it was judged by, for its refusal.
        var lookAlikes: [NameSuggestion]?
        if meaning == nil, let apart = wordsJoined(in: noun) {
            let suggested = suggestions(for: noun)
            guard isSlip(noun, forOneOf: suggested) else {
                var split = phrase
                split.noun = apart
                return classResolution(of: split, readsPortions: readsPortions)
            }
            lookAlikes = suggested
        }
        // A name read in a sense no class is may have a rarer reading that is one ("wheel" 7, a
        // bicycle): that class is offered, never used.
        let otherReading = classIndices(named: meaning?.otherReading?.classes ?? [])
        if let guess = meaning, guess.isGuess, let other = guess.otherReading {
            // Neither reading is counted: both are offered ("calculators": an expert, or the machine).
            let classes = classIndices(named: guess.classes + other.classes)
            let unknown = UnknownName(name: phrase.text,
                                      suggestions: Set(classes).sorted().map { NameSuggestion(name: canonicalNames[$0], classes: [canonicalNames[$0]]) },
                                      meaning: "\"\(guess.decidedReading.answerSummary)\" or \"\(other.answerSummary)\"",
                                      classCount: classNames.count, isCOCO: isCOCO, isAmbiguous: true)
            return (.failure(.unknownName(unknown)), guess)
        }
        let definition = meaning.flatMap { meaning in
            meaning.sense.definition.isEmpty ? nil : (meaning.partOf.map { "\(meaning.lemma) of \($0): " } ?? "") + meaning.sense.definition
        }
        // A rare word read whole may be a slip ("caw" for cow): the class names and their common
        // words spelled like it are offered, not the rare words that name classes ("puddler").
        let rare = meaning.flatMap { $0.isRare && readAs == nil ? $0 : nil }
        let offered: [NameSuggestion]
        if let rare {
            offered = suggestions(for: rare.lemma, wordNetLemmas: false)
        } else if let meaning {
            // A person sense set aside as a derived use ("fans" 2, devotees of a sport) or a group
            // set aside ("staff" 1, personnel, for the word also names a rod) is what an assistant
            // may mean at a stadium or an office: its class is offered too, never used. So is the
            // plural of a word that finds a class ("boxers" are shorts, and dogs; "cargo ships",
            // shipping, and boats): a photo query may mean either.
            // Not for a part ("clock hands"): the words before it said what it is.
            let derived = meaning.partOf != nil ? [] : WordNetTable.unusedSenses(of: meaning.lemma)
                .filter { $0.verdict == .derived || $0.verdict == .group }.flatMap { classIndices(named: $0.sense.classes) }
            offered = Set(otherReading + derived + singularReading + readingWithoutLastWord).sorted().map { NameSuggestion(name: canonicalNames[$0], classes: [canonicalNames[$0]]) }
        } else {
            offered = lookAlikes ?? suggestions(for: noun)
        }
        // A name of a class no loaded model has ("faces" with only a COCO model) is known: the
        // error says which model would answer it, not that nothing could. (A rare word names none.)
        let notLoaded = meaning?.classes.filter { indicesByConcept[NameKey.key($0)] == nil } ?? []
        let unknown = UnknownName(name: phrase.text, suggestions: offered,
                                  meaning: definition, readAs: definition == nil ? nil : readAs,
                                  classCount: classNames.count, isCOCO: isCOCO, isRareWord: rare != nil,
                                  classesNotLoaded: notLoaded)
        return (.failure(.unknownName(unknown)), meaning)
    }

    /// The reading of a name's `entry` that `dropped`, the words said before it, point to: the
    /// other reading (``WordNetTable/Entry/otherReading``) when more of them are words of its
    /// definition than of the sense used (a simplified Lesk), and, for a guess
    /// (``WordNetTable/Entry/isGuess``), the sense used when more are words of its definition.
    /// "baby strollers" are the small vehicles "in which a baby … is pushed", not people
    /// strolling; "fishing trawlers" are boats, not fishermen; "tobacco smokers" are people.
    /// A person sense set aside as a derived use is pointed to the same way: "television anchors"
    /// are "a television reporter", not the device; "hockey centers" "the person who plays center
    /// on a hockey team".
    /// Words common in all kinds of definitions (``WordNetTable/commonGlossWords``: "small kites"
    /// are not "small graceful hawks") and short ones point nowhere. A name read in a sense no
    /// class is keeps its other reading: it is offered, never used ("bicycle wheels" are wheels).
    static func reading(of entry: WordNetTable.Entry, pointedToBy dropped: ArraySlice<Substring>) -> WordNetTable.Entry? {
        guard !dropped.isEmpty else { return nil }
        func words(of definition: String) -> Set<Substring> {
            Set(definition.lowercased().split { !$0.isLetter })
        }
        let used = words(of: entry.sense.definition)
        func count(in definition: Set<Substring>) -> Int {
            dropped.filter { word in
                let lower = word.lowercased()
                return lower.count >= 3 && !WordNetTable.commonGlossWords.contains(lower[...])
                    && ([lower] + EnglishPlural.singulars(of: lower)).contains { definition.contains($0[...]) }
            }.count
        }
        let toUsed = count(in: used)
        if let other = entry.otherReading, !entry.classes.isEmpty {
            let toOffered = count(in: words(of: other.definition))
            if toOffered > toUsed { return entry.readInOtherReading }
            if entry.isGuess && toUsed > toOffered { return entry.chosen }
        }
        let derived = WordNetTable.unusedSenses(of: entry.lemma).filter { $0.verdict == .derived && !$0.sense.classes.isEmpty }
        guard let pointed = derived.first(where: { count(in: words(of: $0.sense.definition)) > toUsed }) else { return nil }
        return entry.read(inSense: pointed.sense.number)
    }

    /// `name` read in a sense that is a part of the thing that `before`, the words said just
    /// before it, or the words after "of" in `relation`, what follows it, name (the generator's
    /// rule 13): "train cars" and "cars of a train" are railway cars, not automobiles; "clock
    /// hands" and "the clock's hands" a timepiece's pointers, not hands; "racket grips" handles,
    /// not bags. The longest ending of those words that names such a thing decides. Nil when no
    /// sense of the name is a part of what they name; else the reading, how many of the words
    /// before the name it took, and how many of the relation's (each 0 when the whole was said
    /// the other way).
    static func partReading(of name: String, wholeNamedBy before: ArraySlice<Substring>, relation: String?)
        -> (entry: WordNetTable.Entry, wordsBefore: Int, relationWords: Int)? {
        guard let entry = wordNetEntry(among: keys(of: name)) else { return nil }
        let parts = WordNetTable.partSenses(of: entry.lemma)
        guard !parts.isEmpty else { return nil }
        // The parser has taken a plural's apostrophe off ("trains'"); a thing's "'s" stays.
        let said = Array(before.dropLast()) + before.suffix(1).map(NamePhrase.withoutPossessive)
        // What "of" says it belongs to ends at the next relation ("of the clock on the wall"). It
        // is a slice of the relation's words, so its end is how many of them it takes.
        let relationWords = relation?.split(separator: " ") ?? []
        let named: ArraySlice<Substring> = relationWords.first?.lowercased() == "of"
            ? relationWords.dropFirst().drop(while: NamePhrase.isLeading) : []
        let object: ArraySlice<Substring> = named.prefix { !NamePhrase.relationWords.contains($0.lowercased()) }
        let wholes = said.indices.map { (said[$0...].joined(separator: " "), said.count - $0, 0) }
            + object.indices.map { (object[$0...].joined(separator: " "), 0, object.endIndex) }
        for (whole, wordsBefore, relationWords) in wholes {
            let wholeKeys = keys(of: whole)
            if let part = parts.first(where: { !$0.wholeKeys.isDisjoint(with: wholeKeys) }),
               var reading = entry.read(inSense: part.number) {
                // Named as WordNet spells it, in the singular ("faces of watches": a watch's).
                reading.partOf = ([whole] + EnglishPlural.singulars(of: whole)).first { part.wholeKeys.contains(NameKey.key($0)) } ?? whole
                return (reading, wordsBefore, relationWords)
            }
        }
        return nil
    }

    /// The reading of a guess between two readings (``WordNetTable/Entry/isGuess``) whose very
    /// classes `word`, said just before the name, finds, when they are not people: "boat
    /// whalers" are the whaling ships, not the seamen. A word for people says whom a thing is for
    /// as often as who the people are ("baby trainers", "police trainers"), and picks nothing.
    /// Nil for a name WordNet's order did not leave to a guess: a word that names a class does
    /// not turn a decided reading ("bird kites" are kites).
    private func reading(of entry: WordNetTable.Entry, namedBy word: Substring) -> WordNetTable.Entry? {
        guard entry.isGuess, let other = entry.readInOtherReading,
              case .found(let before) = lookup(String(word)), before.classNames != ["person"] else { return nil }
        return [entry.chosen, other].first { !$0.classes.isEmpty && Set(before.classIndices) == Set(classIndices(named: $0.classes)) }
    }

    /// `word` written as the two words it joins ("school kids" for "schoolkids"): a word of
    /// letters that ends in a name the resolver knows (as typed or in the singular) after a word
    /// WordNet knows, both of at least ``minimumJoinedWord`` letters; the longest such ending, as
    /// English compounds end in what they are. Nil for anything else, and for a word longer than
    /// ``maximumJoinedWord``, which no compound is: each split costs a lookup; and for a word
    /// WordNet has that the table leaves out (``WordNetTable/unlistedWords``: "bobcats" are no
    /// cats).
    private func wordsJoined(in word: String) -> String? {
        let letters = Array(word.lowercased())
        guard (2 * Self.minimumJoinedWord...Self.maximumJoinedWord).contains(letters.count), letters.allSatisfy(\.isLetter),
              !([String(letters)] + EnglishPlural.singulars(of: String(letters))).contains(where: { WordNetTable.unlistedWords.contains($0[...]) })
        else { return nil }
        for start in Self.minimumJoinedWord...(letters.count - Self.minimumJoinedWord) {
            let first = String(letters[..<start]), last = String(letters[start...])
            if case .none = lookup(last) { continue }
            if Self.wordNetEntry(among: Self.keys(of: first)) != nil { return first + " " + last }
        }
        return nil
    }

    /// True when one of `suggested`, the names that find something offered for `word`, is one
    /// edit from it or its singular: "suitvase" is a slip for suitcase, "peltcan" for pelican,
    /// not two words written as one.
    private func isSlip(_ word: String, forOneOf suggested: [NameSuggestion]) -> Bool {
        let spellings = ([word] + EnglishPlural.singulars(of: word)).map { Array(NameKey.key($0).utf8) }
        return suggested.contains { suggestion in
            let key = Array(NameKey.key(suggestion.name).utf8)
            return spellings.contains { EditDistance.distance($0, key, limit: 1) != nil }
        }
    }

    /// The shortest word, and the longest pair, that ``wordsJoined(in:)`` reads.
    private static let minimumJoinedWord = 3, maximumJoinedWord = 32

    /// True when WordNet first reads `word` as a thing one can see that is not a person: before
    /// a general word ("phone cases") it says what kind of that word is meant, where a person
    /// ("passenger aircraft") or anything else ("military aircraft", "travel cases") mostly says
    /// whom or what it serves.
    static func namesAThing(_ word: Substring) -> Bool {
        guard NamePhrase.colourTerm(of: word) == nil, let entry = wordNetEntry(among: keys(of: String(word))) else { return false }
        return thingFiles.contains(entry.sense.file)
    }

    /// True when the last word of `general` and a word of the name of the class at `index`, or of
    /// one of its common words or aliases, are one word or end one in the other, as English
    /// compounds end in what they are: "phone" of cell phone, "case" of suitcase, "telephone"
    /// and phone, "computer" of notebook computer.
    private func kindNames(_ general: String, _ index: Int) -> Bool {
        guard let last = general.lowercased().split(separator: " ").last.map(String.init) else { return false }
        let forms = [last] + EnglishPlural.singulars(of: last)
        func same(_ word: Substring) -> Bool {
            forms.contains { form in
                form == word || min(form.count, word.count) >= 3 && (form.hasSuffix(word) || word.hasSuffix(form))
            }
        }
        return nearbyCandidates.contains { candidate in
            candidate.classes == [canonicalNames[index]]
                && candidate.name.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).contains(where: same)
        }
    }

    /// ``visibleThings`` but people.
    private static let thingFiles = visibleThings.subtracting(["person"])

    /// Whether a word of `dropped` (words before a general name that `match` read) says which of
    /// its kinds are meant ("zoo" in "zoo animals"): words of size, age, look or state say how
    /// the things are ("small animals", "unattended bags"), and a denial of what the name does
    /// not count says nothing ("non-human animals").
    private func picksKinds(_ dropped: ArraySlice<Substring>, of match: Match) -> Bool {
        var index = dropped.startIndex
        while index < dropped.endIndex {
            let word = dropped[index].lowercased()
            if word == "non", index + 1 < dropped.endIndex, case .found(let denied) = lookup(String(dropped[index + 1])),
               Set(denied.classIndices).isDisjoint(with: match.classIndices) {
                index += 2
                continue
            }
            if !Self.sayingHowThingsAre.contains(word) && !NamePhrase.isNumber(word) { return true }
            index += 1
        }
        return false
    }

    /// The answer for a name whose last word, `words[start]`, is a word of kin (``AnimalKin``)
    /// after an animal's name: "elephant calves" and "a zebra herd" count elephants and zebras
    /// ("calves", "herd" ignored), "seal pups" say whose young were asked for when no class is
    /// that animal, and "zebra herds" ask for groups, whose members are offered. Nil when the name
    /// is read as the kin word's own classes after all (`head`: the classes and the reading the
    /// word finds alone): no animal before it ("school kids"), one of those very classes ("husky
    /// pups", "human babies"), a word for several classes, which says less than the word of kin
    /// ("pet hens" are hens), or a word of kin that is no one class ("male rams", "baby calves":
    /// WordNet's male and baby are animals too).
    private func kinResolution(of words: [Substring], from start: Int, head: (classes: [Int], entry: WordNetTable.Entry?),
                               phrase: NamePhrase, resolved: ResolvedName)
        -> (result: Result<ResolvedName, QueryError>, entry: WordNetTable.Entry?)? {
        guard start > 0, start == words.count - 1, let (kin, isPlural) = AnimalKin.named(words[start]),
              let parent = parentAnimal(words[..<start]), parent.classIndices.count <= 1,
              parent.classIndices.count == 1 || AnimalKin.named(Substring(parent.name)) == nil,
              head.classes.isEmpty || Set(parent.classIndices) != Set(head.classes) else { return nil }
        let animal = lookup(parent.name)
        if !head.classes.isEmpty, case .found(let same) = animal, Set(same.classIndices) == Set(head.classes) {
            return nil  // The name reads as the kin word's class after all ("human babies").
        }
        guard case .found(let found) = animal, !parent.classIndices.isEmpty, Set(found.classIndices) == Set(parent.classIndices) else {
            // No class is that animal: the answer says what was asked for ("the young of seal").
            let unknown = UnknownName(name: phrase.text, meaning: "\(kin.of(parent.name)): \(parent.definition)",
                                      classCount: classNames.count, isCOCO: isCOCO)
            return (.failure(.unknownName(unknown)), head.entry)
        }
        // A plural of a group asks how many groups, which the detector cannot tell apart: the
        // animal is offered.
        if kin == .group && isPlural {
            let unknown = UnknownName(name: phrase.text, suggestions: found.classNames.map { NameSuggestion(name: $0, classes: [$0]) },
                                      meaning: "\(kin.of(parent.name)): \(parent.definition)", classCount: classNames.count,
                                      isCOCO: isCOCO, isGroups: true)
            return (.failure(.unknownName(unknown)), head.entry)
        }
        var resolved = resolved
        resolved.apply(found)
        // Every one of the animal is counted, young or old, in a herd or not.
        let others = (words[..<parent.start] + words[start...]).joined(separator: " ")
        resolved.ignored = ([others] + (phrase.ignored.map { [$0] } ?? [])).joined(separator: ", ")
        return (.success(resolved), found.entry)
    }

    /// The animal that the last words of `dropped` (the words before a word of kin) name,
    /// the longest such ending first: where it starts, its name, what it is, and the classes that
    /// are it (none when no class is). The animal is the words' first reading, or their other
    /// reading or a later sense when those are animals ("seal" 9, "mouse" the rodent). Nil when
    /// no ending names an animal ("school kids").
    private func parentAnimal(_ dropped: ArraySlice<Substring>) -> (start: Int, name: String, definition: String, classIndices: [Int])? {
        for start in dropped.indices {
            let name = dropped[start...].joined(separator: " ")
            guard let entry = Self.wordNetEntry(among: Self.keys(of: name)) else { continue }
            if entry.sense.file == "animal" { return (start, name, entry.sense.definition, classIndices(of: entry)) }
            let senses = (entry.otherReading.map { [$0] } ?? [])
                + WordNetTable.unusedSenses(of: entry.lemma).filter { $0.verdict == .later }.map(\.sense)
            if let animal = senses.first(where: { $0.file == "animal" }) {
                return (start, name, animal.definition, classIndices(named: animal.classes))
            }
        }
        return nil
    }

    /// Words of size, age, look and state, which before a general name ("small animals", "baby
    /// animals", "unattended bags") say how the things are, not which kinds of them are meant.
    static let sayingHowThingsAre: Set<String> = [
        "small", "smaller", "smallest", "little", "tiny", "big", "bigger", "biggest", "large", "larger", "largest",
        "huge", "giant", "young", "baby", "old", "older", "new", "cute", "other", "different", "various", "visible",
        "real", "live", "living", "nearby", "distant", "fresh", "ripe", "raw", "clean", "dirty", "wet", "dry",
        "empty", "full", "open", "closed", "broken", "unattended", "abandoned", "lost", "parked", "moving",
        "stationary", "sleeping", "resting",
    ]

    /// Words that, before a name, make it a likeness of the thing, whatever the thing: a detector
    /// sees a toy car, a replica gun or a cartoon dog as a car, a gun, a dog, so it cannot count
    /// them apart from the real ones. Privative modifiers are a small closed class of words.
    static let likenessOfAnything: Set<String> = [
        "toy", "replica", "imitation", "fake", "faux", "artificial", "counterfeit", "mock", "pretend", "cartoon",
        "drawn", "sketched", "origami", "lego", "statue", "sculpture", "figurine", "puppet",
    ]

    /// Words that make a likeness of an animal, a plant or a part of the body but name a real
    /// object of another kind: a stuffed or a rubber duck is a toy, a gummy bear a sweet, a rubber
    /// boot or a plastic bottle is a boot, a bottle. Mostly materials, stuffing and sweets. Before a word for people they
    /// say what the people work with (a glass blower, a plastic surgeon, a mechanical engineer).
    static let likenessOfCreature: Set<String> = [
        "stuffed", "plush", "cuddly", "inflatable", "robot", "robotic", "mechanical", "animatronic", "clockwork",
        "wooden", "wood", "stone", "plastic", "rubber", "paper", "cardboard", "porcelain", "ceramic", "glass", "metal",
        "bronze", "brass", "marble", "clay", "wax", "plasticine", "chocolate", "gingerbread", "marzipan", "sugar",
        "gummy", "gummi", "jelly", "candy", "balloon", "ice", "sand", "concrete", "granite", "jade", "crystal",
    ]

    /// Words that make a likeness of an object but say something else of a living thing: a model
    /// airplane is a toy, a model student is a student.
    static let likenessOfObject: Set<String> = ["model", "scale"]

    /// Materials no working vehicle is made of, and toys' own words: a paper plane, a cardboard
    /// boat, a chocolate car, a matchbox truck or a remote-control car is a likeness, where a
    /// paper cup is a cup. Not the materials real vehicles are built of (wooden and rubber boats,
    /// glass-fibre cars) or have in their names (an ice boat, a sand yacht).
    static let likenessOfVehicle: Set<String> = [
        "paper", "cardboard", "chocolate", "gingerbread", "marzipan", "sugar", "clay", "plasticine", "wax", "balloon",
        "diecast", "matchbox", "remote", "rc",
    ]

    /// WordNet's lexicographer files of the classes ``likenessOfCreature`` applies to: animals,
    /// plants, parts of the body.
    static let creatureFiles: Set<String> = ["animal", "plant", "body"]

    /// The first of `dropped` (the words before a name that finds `classes`) that makes the name a
    /// likeness of those classes, if any: a word of ``likenessOfAnything``; of
    /// ``likenessOfCreature`` when every class is an animal, a plant or a part of the body; of
    /// ``likenessOfObject`` when none is alive (the person class's sense, a human being, is one of
    /// WordNet's top-level ones, "Tops"); of ``likenessOfVehicle`` when every class is one of
    /// COCO's vehicles.
    static func likenessWord(in dropped: ArraySlice<Substring>, of classes: [String]) -> String? {
        guard !dropped.isEmpty else { return nil }
        let files = classes.map { WordNetTable.classSenses[$0]?.file }
        let isCreature = !files.isEmpty && files.allSatisfy { $0.map(creatureFiles.contains) ?? false }
        let isObject = files.allSatisfy { file in file.map { $0 != "Tops" && !creatureFiles.contains($0) } ?? false }
        let isVehicle = !classes.isEmpty && classes.allSatisfy { CocoClass.named($0)?.kind == "vehicle" }
        return dropped.lazy.map { $0.lowercased() }.first { word in
            likenessOfAnything.contains(word) || (isCreature && likenessOfCreature.contains(word))
                || (isObject && likenessOfObject.contains(word)) || (isVehicle && likenessOfVehicle.contains(word))
        }
    }

    /// True when `phrase` is a compound the resolver knows, of two words or more ("fishing
    /// boats", "sleeping bags").
    func isCompound(_ phrase: String) -> Bool {
        guard phrase.contains(" ") else { return false }
        if case .none = lookup(phrase) { return false }
        return true
    }

    /// True for a word shaped like a participle ("walking", "parked") that is not the name of
    /// something one can see ("building", "painting") nor of a class.
    func isParticiple(_ word: Substring) -> Bool {
        guard word.count >= 5, word.hasSuffix("ing") || word.hasSuffix("ed") else { return false }
        let key = NameKey.key(String(word))
        if indicesByKey[key] != nil { return false }
        return WordNetTable.entriesByKey[key].map { !Self.visibleThings.contains($0.sense.file) } ?? true
    }

    /// The word just before `noun` in `text` (a name and the words it was parsed from), if any.
    private func wordBefore(_ noun: String, in text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        let nounWords = noun.lowercased().split(whereSeparator: \.isWhitespace)
        guard !nounWords.isEmpty, words.count > nounWords.count else { return nil }
        let start = (1...(words.count - nounWords.count)).first { words[$0..<$0 + nounWords.count].elementsEqual(nounWords) }
        return start.map { String(words[$0 - 1]) }
    }

    /// True when `word`, the last of a name before a relation, is a past participle or a word of
    /// fullness that starts a clause with that relation ("dog chased by a cat", "car driven by a
    /// woman", "truck full of sheep", "sandwich cut in half"), though WordNet has it as a noun (a
    /// person who is chased, the full moon): never a class's own name ("dog bed by the door").
    func opensClause(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        guard lower.count >= 5 && lower.hasSuffix("ed") || Self.participlesBeforeRelations.contains(lower) else { return false }
        // A class's own name or a common word for one is the name ("bed"); WordNet's nouns for
        // the participle are not ("chased": a person who is chased).
        if case .found(let match) = lookup(lower), match.resolution != .wordnet { return false }
        return true
    }

    /// Past participles not spelled "-ed", and words of fullness, that open a clause before a
    /// relation ("driven by", "full of", "cut in half").
    static let participlesBeforeRelations: Set<String> = [
        "driven", "ridden", "eaten", "taken", "held", "drawn", "worn", "thrown", "caught", "built", "made", "bitten",
        "hidden", "written", "sold", "bought", "kept", "cut", "put", "shot", "broken", "stolen", "grown", "torn",
        "full", "packed", "loaded",
    ]

    /// True when the participle at `index` of `words` (a name's words, `typed` as the name was
    /// typed) joins the word before it into a modifier of what follows, so that what follows is
    /// the name: typed with a hyphen ("dog-shaped balloons" are balloons, "man-eating tigers"
    /// tigers), or a past participle after a word that is no plural, before a thing one can see
    /// ("bear shaped cookies", "horse drawn carriages"). A clause said of a name starts with no
    /// hyphen, mostly after a plural or with "-ing" ("dogs playing", "man walking dog").
    func joinsModifier(at index: Int, of words: [Substring], typed: String) -> Bool {
        guard index > 0, index + 1 < words.count else { return false }
        if typed.contains("\(words[index - 1])-\(words[index])") { return true }
        guard words[index].hasSuffix("ed"), singularLookup(String(words[index - 1])) == nil else { return false }
        switch lookup(words[(index + 1)...].joined(separator: " ")) {
        case .found: return true
        case .nothing(let entry): return Self.visibleThings.contains(entry.sense.file)
        case .none: return false
        }
    }

    /// The refusal of `phrase` as another kind of thing than the classes `match` finds, which the
    /// words say (`meaning`), offering those classes under `offered`: "phone cases" are no
    /// suitcases, "zoo animals" not every animal, "bags of rice" no handbags.
    private func otherKind(_ phrase: NamePhrase, meaning: String, offering offered: String, _ match: Match)
        -> (result: Result<ResolvedName, QueryError>, entry: WordNetTable.Entry?) {
        let unknown = UnknownName(name: phrase.text, suggestions: [NameSuggestion(name: offered, classes: match.classNames)],
                                  meaning: meaning, classCount: classNames.count, isCOCO: isCOCO, isOtherKind: true)
        return (.failure(.unknownName(unknown)), match.entry)
    }

    /// The words WordNet defines containers by ("a flexible container", "a vessel").
    static let containerWords: Set<Substring> = ["container", "vessel", "receptacle"]

    /// WordNet's lexicographer files of what a cup, a glass or a bowl holds.
    static let contentsFiles: Set<String> = ["food", "substance"]

    /// True when `ignored` (the words after a name) is "of" and a food or a substance ("of tea",
    /// "of cold water"): the name is then a container or a measure of it, the thing to count.
    static func namesContents(_ ignored: String?) -> Bool {
        guard let ignored, ignored.lowercased().hasPrefix("of "), let last = ignored.split(separator: " ").last else { return false }
        return namesContents(last)
    }

    /// True when `word` is a food or a substance ("tea", "champagne"), as WordNet first reads it.
    static func namesContents(_ word: Substring) -> Bool {
        wordNetEntry(among: keys(of: String(word))).map { contentsFiles.contains($0.sense.file) } ?? false
    }

    /// Whether `name` is a plural of `lemma` (not the lemma itself: "troops" and "folks" are
    /// WordNet's own lemmas for their people).
    static func isPlural(_ name: String, of lemma: String) -> Bool {
        NameKey.key(name) != NameKey.key(lemma) && EnglishPlural.singulars(of: NameKey.normalized(name)).contains { NameKey.key($0) == NameKey.key(lemma) }
    }

    /// The keys `phrase` is looked up by: its own, then its singulars', most likely first.
    static func keys(of phrase: String) -> [String] {
        let keys = [NameKey.key(phrase)] + EnglishPlural.singulars(of: phrase).map(NameKey.key)
        // A plural is read by its first singular WordNet knows, one people use before a rare one
        // ("caddies" are golf caddies, not tea caddys); a later ending gives another word ("cares"
        // are cares, not cars with -es taken off). The phrase's own key always stays first.
        let singulars = keys.dropFirst().map { ($0, WordNetTable.entriesByKey[$0]?.isRare) }
        guard let known = singulars.firstIndex(where: { $0.1 == false }) ?? singulars.firstIndex(where: { $0.1 != nil })
        else { return keys }
        return [keys[0]] + singulars[...known].filter { $0.1 != true || $0.0 == singulars[known].0 }.map(\.0)
    }

    /// The WordNet entry of the first of `keys` (a phrase's ``keys(of:)``) the table knows, even
    /// when it names no class: "glasses" are spectacles, not the plural of "glass".
    static func wordNetEntry(among keys: [String]) -> WordNetTable.Entry? {
        keys.lazy.compactMap { WordNetTable.entriesByKey[$0] }.first
    }

    /// What a singular of `phrase` finds: the first that finds classes, else the first WordNet
    /// reads in a sense that names none (`.nothing`), else `.none`.
    private func singularLookupOrMeaning(_ phrase: String) -> Lookup {
        var understood = Lookup.none
        for singular in EnglishPlural.singulars(of: phrase) {
            switch lookup(singular) {
            case .found(let match): return .found(match)
            case .nothing(let entry): if case .none = understood { understood = .nothing(entry) }
            case .none: continue
            }
        }
        return understood
    }

    /// The classes a singular of `phrase` finds, when one finds any (the plural "glasses" read as
    /// more than one glass, not as spectacles).
    func singularLookup(_ phrase: String) -> Match? {
        if case .found(let match) = singularLookupOrMeaning(phrase) { return match }
        return nil
    }

    /// Whether a normalized name is a class's own name or its plural ("cats", "motorbike"), not
    /// a word that WordNet or the synonym table reads as one ("widow", "people").
    private func namesAClassItself(_ phrase: String) -> Bool {
        guard case .found(let match) = lookup(phrase) else { return false }
        return match.resolution == .exact || match.resolution == .plural
    }

    /// What one normalized name finds by the four rules.
    func lookup(_ phrase: String) -> Lookup {
        let keys = Self.keys(of: phrase)
        let key = keys[0]
        if let indices = indicesByKey[key] {
            return .found(offeringLivingReading(match(indices, by: .exact), among: keys, inAnySense: false))
        }
        if let indices = keys.dropFirst().lazy.compactMap({ self.indicesByKey[$0] }).first
            ?? indicesBySingularKey[key] {
            return .found(offeringLivingReading(match(indices, by: .plural), among: keys, inAnySense: false))
        }
        if let indices = keys.lazy.compactMap({ self.indicesByAlias[$0] }).first
            ?? keys.lazy.compactMap({ ClassSynonyms.conceptByKey[$0] }).compactMap({ self.indicesByConcept[NameKey.key($0)] }).first {
            var found = match(indices, by: .synonym)
            // A common word for a kind of the class ("woman") is one as WordNet reads it too; so
            // is a word more general than it ("phone": the model finds only cell phones), as
            // WordNet reads it or as the synonym table marks it ("plant").
            let entry = Self.wordNetEntry(among: keys).flatMap { entry in
                !entry.isGuess && Set(classIndices(of: entry)) == Set(found.classIndices) ? entry : nil
            }
            found.isKindOfClass = entry?.isKindOfClass ?? false
            found.onlyKindsOf = entry.flatMap { $0.isGeneral ? $0.lemma : nil }
                ?? keys.lazy.compactMap { ClassSynonyms.generalWordByKey[$0] }.first
            return .found(offeringLivingReading(found, among: keys, inAnySense: true))
        }
        guard let entry = Self.wordNetEntry(among: keys) else { return .none }
        return match(entry)
    }

    /// `found` with WordNet's reading of the name (`keys`, ``keys(of:)``) as its other reading
    /// when that reading is an animal or plant no class of this vocabulary is: "mice" are counted
    /// as the computer mice COCO means, and the answer says that WordNet's mice (its first sense,
    /// tagged 14 times) are rodents, which no class finds.
    ///
    /// A class's own name is read in the sense that decided only, as its later senses are mostly
    /// where the thing comes from (an apple's tree, a banana's plant). A common word for a class
    /// or a model's alias, chosen by people rather than by the dataset, is read `inAnySense` the
    /// table lists but a named individual or an initialism ("palms", counted as hands, are trees
    /// in WordNet's third sense; "monitors", counted as TVs, lizards in its seventh), and only
    /// when its classes are lifeless: a word for a living class may be that thing filed as an
    /// animal ("human": a hominid; "pup": the young of canines).
    private func offeringLivingReading(_ found: Match, among keys: [String], inAnySense: Bool) -> Match {
        guard let entry = Self.wordNetEntry(among: keys), !entry.isEveryClass else { return found }
        var senses = [entry.decidedReading]
        if inAnySense {
            // The person class's sense, a human being, is one of WordNet's top-level ones ("Tops").
            let namesLifeless = found.classIndices.allSatisfy { index in
                WordNetTable.classSenses[canonicalNames[index]].map { !Self.livingFiles.contains($0.file) && $0.file != "Tops" } ?? false
            }
            guard namesLifeless else { return found }
            senses += (entry.otherReading.map { [$0] } ?? [])
                + WordNetTable.unusedSenses(of: entry.lemma).filter { ![.instance, .initialism].contains($0.verdict) }.map(\.sense)
            senses.sort { $0.number < $1.number }
        }
        guard let reading = senses.first(where: { Self.livingFiles.contains($0.file) && classIndices(named: $0.classes).isEmpty })
        else { return found }
        var offering = found
        offering.otherReading = reading.answerSummary
        return offering
    }

    /// The lexicographer files of living things' senses.
    static let livingFiles: Set<String> = ["animal", "plant"]

    /// What a WordNet entry finds: its classes in this vocabulary, or nothing.
    func match(_ entry: WordNetTable.Entry) -> Lookup {
        guard !entry.isGuess else { return .nothing(entry) }
        if entry.isEveryClass {
            var all = match(Array(classNames.indices), by: .wordnet)
            all.isEveryClass = true
            all.gloss = entry.sense.definition
            all.entry = entry
            return .found(all)
        }
        let indices = classIndices(of: entry)
        guard !indices.isEmpty else { return .nothing(entry) }
        var found = match(indices, by: .wordnet)
        found.gloss = entry.sense.definition
        found.entry = entry
        // A sense filed under noun.group that names classes names its members (the generator's rule 4b).
        found.countsMembers = entry.sense.file == "group"
        found.isKindOfClass = entry.isKindOfClass
        found.onlyKindsOf = entry.isGeneral ? entry.lemma : nil
        found.otherReading = entry.otherReading?.answerSummary
        return .found(found)
    }

    /// The indices of the classes `entry` names that this vocabulary has (empty: none).
    private func classIndices(of entry: WordNetTable.Entry) -> [Int] {
        classIndices(named: entry.classes)
    }

    /// The indices of the classes of `names` (the table's names of concepts: WordNet senses' and
    /// entries' classes) that this vocabulary has, in their order (empty: none).
    func classIndices(named names: [String]) -> [Int] {
        names.flatMap { indicesByConcept[NameKey.key($0)] ?? [] }
    }

    /// The classes at `indices` (deduplicated, ascending), with the hand-checked sense of their
    /// class when they are one COCO class.
    private func match(_ indices: [Int], by resolution: Resolution) -> Match {
        let sorted = Set(indices).sorted()
        let names = sorted.map { canonicalNames[$0] }
        let gloss = Set(names).count == 1 ? WordNetTable.classSenses[names[0]]?.definition : nil
        return Match(classIndices: sorted, classNames: names, resolution: resolution, gloss: gloss)
    }
}

/// What a name finds by the resolver's rules.
enum Lookup {
    /// Classes.
    case found(Match)
    /// A WordNet entry whose sense no class is: the name is understood, and nothing is to be found.
    case nothing(WordNetTable.Entry)
    /// No rule knows the name.
    case none
}

extension Lookup {
    /// The classes found, none for `.nothing` and `.none`.
    var classIndices: [Int] {
        if case .found(let match) = self { return match.classIndices }
        return []
    }

    /// The WordNet entry that decided, if one did.
    var entry: WordNetTable.Entry? {
        switch self {
        case .found(let match): return match.entry
        case .nothing(let entry): return entry
        case .none: return nil
        }
    }
}

/// The classes a name finds and how.
struct Match {
    var classIndices: [Int]
    var classNames: [String]
    var resolution: Resolution
    var gloss: String?
    var otherReading: String?
    var isEveryClass = false
    var countsMembers = false
    var isKindOfClass = false
    var onlyKindsOf: String?
    /// The WordNet entry that decided, for the ``Resolution/wordnet`` rule.
    var entry: WordNetTable.Entry?
}

private extension ResolvedName {
    mutating func apply(_ match: Match) {
        classIndices = match.classIndices
        classNames = match.classNames
        resolution = match.resolution
        gloss = match.gloss
        otherReading = match.otherReading
        isEveryClass = match.isEveryClass
        countsMembers = match.countsMembers
        isKindOfClass = match.isKindOfClass
        onlyKindsOf = match.onlyKindsOf
    }
}
