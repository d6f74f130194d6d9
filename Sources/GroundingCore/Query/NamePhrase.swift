/// An object name as a person typed it, taken apart: the words that name the object, a basic
/// colour before them (or of what they wear, after them), and the words that were not understood.
///
/// ``parse(_:)`` is purely about the words: articles, quantifiers and numbers in front are dropped
/// (`"all the cars"`, `"two dogs"`, `"a couple of mugs"`), and so is a word for a group, a
/// portion or a number before "of" (`"a herd of cows"`, `"slices of pizza"`, `"the count of
/// cars"`) or a count after the name (`"car count"`), trailing punctuation goes (`"cars."`), a
/// request said as a command or a question's opening goes before them (`"count the birds"`,
/// `"show me all the cats"`, `"are there any cats"`, `"can you see the birds"`, `"where is the remote"`),
/// `"and"`, `"or"`, `"&"`, commas and slashes separate names (`"dogs and cats"`, `"car/truck"`), a
/// plural marker goes (`"person(s)"`), one of the 11 basic
/// colour terms before the noun is kept as ``colour`` (`"red car"`), and so is one said of what is
/// worn after it (`"people in red"`, `"a man wearing a blue shirt"`: ``garment``), and a relation or anything
/// after it (`"person on a bike"`, `"cup left of the laptop"`) is recorded in ``ignored``, never
/// dropped silently. What follows "except", "but not", "other than" and the like names what to
/// leave out (`"animals except dogs"`, `"dogs but not cats"`): ``exclusion``, never a name of its
/// own. ``QueryResolver`` then decides which words name a class (`"black bear"` is a bear, not a
/// black one) and which classes are left out.
///
/// ```swift
/// let phrases = NamePhrase.parse("two red cars and a person on a bike.")
/// // [NamePhrase(text: "two red cars", noun: "cars", colour: "red", ignored: nil),
/// //  NamePhrase(text: "a person on a bike", noun: "person", colour: nil, ignored: "on a bike")]
/// ```
public struct NamePhrase: Sendable, Hashable {
    /// This name's part of the text, with whitespace collapsed and trailing punctuation removed.
    public var text: String
    /// The words that name the object: `"cars"` in `"all the red cars"`. Empty when the part has
    /// none (`"the"`).
    public var noun: String
    /// The basic colour term before the noun, as the raw value of the colour classifier's
    /// `BasicColour` (`"grey"` also for *gray*), or `nil`.
    public var colour: String?
    /// What the ``colour`` is of when the words after the noun said it of what is worn
    /// (`.top` in `"a man in a blue shirt"`, `.clothes` in `"people in red"`), or `nil` for a
    /// colour before the noun, the object's own.
    public var garment: Garment?
    /// The words that said the colour of what is worn (`"in a blue shirt"`), or `nil`: a
    /// resolver hands them back as not understood when the name is not of a person.
    public var worn: String?
    /// The words that were not understood, in order (`"on a bike"`), or `nil`.
    public var ignored: String?
    /// What the words after the name leave out (`"except dogs"` in `"animals except dogs"`), or
    /// `nil`. A name with an exclusion and no ``noun`` (`"not cars"`) says only what not to count.
    public var exclusion: Exclusion?

    /// The words of a name that say what not to count: `"but not cats"` in `"dogs but not cats"`.
    public struct Exclusion: Sendable, Hashable {
        /// The words as typed, from the one that leaves out (`"but not cats"`, `"except dogs and cats"`).
        public var words: String
        /// The words of ``words`` that say to leave out (`"but not"`, `"except"`).
        public var marker: String
        /// The names left out, each parsed as a name of its own (`"dogs"`, `"cats"`).
        public var names: [NamePhrase]

        /// Creates an exclusion.
        public init(words: String, marker: String, names: [NamePhrase]) {
            self.words = words
            self.marker = marker
            self.names = names
        }
    }

    /// Creates a parsed name.
    public init(text: String, noun: String, colour: String? = nil, garment: Garment? = nil, worn: String? = nil,
                ignored: String? = nil, exclusion: Exclusion? = nil) {
        self.text = text
        self.noun = noun
        self.colour = colour
        self.garment = garment
        self.worn = worn
        self.ignored = ignored
        self.exclusion = exclusion
    }

    /// The most characters of a name that messages and reports repeat.
    public static let maximumShownCharacters = 80

    /// `text` (a name, or words of one) as messages and reports repeat it: cut to
    /// ``maximumShownCharacters`` with an ellipsis, so they stay readable whatever was typed.
    public static func shown(_ text: String) -> String {
        text.count <= maximumShownCharacters ? text : text.prefix(maximumShownCharacters) + "…"
    }

    /// The 11 basic colour terms (Berlin and Kay), as `BasicColour` spells them.
    public static let colourTerms = ["black", "white", "red", "green", "yellow", "blue", "brown", "orange",
                                     "pink", "purple", "grey"]

    /// The names in `text`, in order; one for a plain name, none for blank text.
    public static func parse(_ text: String) -> [NamePhrase] {
        let groups = listGroups(text)
        guard groups.count == 1 else { return groups.flatMap(parse) }
        // "animals except dogs and cats": what follows the words that leave out is a list of its
        // own, left out of each name before them. Not after words a name did not understand
        // ("cars that are not red", "people on bikes, not cars"): the rest is theirs, and never
        // a name.
        guard let split = exclusionSplit(text) else { return names(in: text) }
        var heads = names(in: split.head)
        guard heads.allSatisfy({ $0.ignored == nil }) else {
            heads[heads.count - 1].text += " " + split.words
            heads[heads.count - 1].ignored = heads[heads.count - 1].ignored.map { $0 + " " + split.words } ?? split.words
            return heads
        }
        let exclusion = Exclusion(words: split.words, marker: split.marker, names: names(in: split.excluded))
        guard !heads.isEmpty else {
            return [NamePhrase(text: exclusion.words, noun: "", exclusion: exclusion)]
        }
        return heads.map { head in
            var phrase = head
            phrase.text += " " + exclusion.words
            phrase.exclusion = exclusion
            return phrase
        }
    }

    /// `text` cut where a later item of its list, after a comma or semicolon, is a name that leaves
    /// something out of itself, once an earlier item has left something out: "vehicles but not
    /// cars, people except children" is two names, each with its own exclusion, not vehicles
    /// without cars, people and children. An item that only denies ("cats, no dogs") or names
    /// ("animals except dogs, cats") stays with the list before it.
    private static func listGroups(_ text: String) -> [String] {
        var groups: [String] = [], current = "", depth = 0
        var piece = ""
        func close(_ piece: String, separator: String) {
            if !current.isEmpty, exclusionSplit(current) != nil, let own = exclusionSplit(piece), !own.head.isEmpty {
                groups.append(String(current.dropLast()))  // its separator
                current = piece.trimmingCharacters(in: .whitespaces)
            } else {
                current += piece
            }
            current += separator
        }
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            if depth == 0, character == "," || character == ";" {
                close(piece, separator: String(character))
                piece = ""
            } else {
                piece.append(character)
            }
        }
        close(piece, separator: "")
        groups.append(current)
        return groups.filter { !$0.allSatisfy { $0.isWhitespace || $0 == "," || $0 == ";" } }
    }

    /// `text` cut at the first word that leaves something out, outside parentheses: the words
    /// before it (without a last "and", "or" or comma), the words from it on, those that
    /// say to leave out, and the words it leaves out (`"dogs but not cats"`: `"dogs"`, `"but not
    /// cats"`, `"but not"`, `"cats"`); nil when no such word has words after it.
    private static func exclusionSplit(_ text: String) -> (head: String, words: String, marker: String, excluded: String)? {
        let words = text.split(whereSeparator: \.isWhitespace)
        let bare = words.map { $0.trimmingCharacters(in: trailingPunctuation.union(nameEnds)).lowercased() }
        // "nobody", "no-one": who not to count, as "no people" says (WordNet's nobody is a person
        // of no influence, which a photo query never means).
        if let first = bare.first, negativePronouns.contains(first) {
            return ("", words.joined(separator: " "), String(words[0]), (["person"] + words.dropFirst()).joined(separator: " "))
        }
        // "non-dogs", "no-cars": a name that is a denied name, said as one word (not "non-human
        // animals", where the prefix denies what describes the name).
        if let last = bare.last, bare.dropLast().allSatisfy({ ["all", "any", "the"].contains($0) }),
           let prefix = negatingPrefixes.first(where: { last.hasPrefix($0) && last.count > $0.count }) {
            let word = words[words.count - 1]
            return ("", words.joined(separator: " "), String(word.prefix(prefix.count)), String(word.dropFirst(prefix.count)))
        }
        var depth = 0
        for index in words.indices {
            defer { depth = max(0, depth + words[index].count(where: { $0 == "(" }) - words[index].count(where: { $0 == ")" })) }
            guard depth == 0, words[index].first != "(" else { continue }
            let marker: Int
            // A name's first word, after an opening ("there are no cats"), or the first of a list's later
            // name ("cats, no dogs", "cats and no dogs").
            let opened = index == 2 && [["there", "are"], ["there", "is"], ["are", "there"], ["is", "there"]].contains([bare[0], bare[1]])
            let startsName = index == 0 || opened || words[index - 1].last.map { [",", ";"].contains($0) } == true
                || ["and", "but"].contains(bare[index - 1])
            // "skip the cars", "omit all trucks": verbs that are also nouns ("skip bins") leave out
            // only before an article or a quantifier.
            let leavesOutBeforeArticle = startsName && ["skip", "omit"].contains(bare[index]) && index + 1 < words.count
                && ["the", "all", "any", "every"].contains(bare[index + 1])
            if leavingOutWords.contains(bare[index]) || startsName && leadingLeavingOutWords.contains(bare[index])
                || leavesOutBeforeArticle
                || negatedCopulas.contains(bare[index]) && index > 0 && relativePronouns.contains(bare[index - 1]) {
                marker = 1
            } else if index + 1 < words.count, leavingOutPairs.contains([bare[index], bare[index + 1]]) {
                marker = 2
            } else {
                continue
            }
            // "animals that are not dogs", "anything that isn't a person": a relative clause that
            // only denies leaves out as "except" does; the clause's opening belongs to the marker.
            var start = index
            if bare[index] == "not" || negatedCopulas.contains(bare[index]) {
                if start >= 2, copulas.contains(bare[start - 1]), relativePronouns.contains(bare[start - 2]) {
                    start -= 2
                } else if start >= 1, relativePronouns.contains(bare[start - 1]) {
                    start -= 1
                }
            }
            var end = index + marker
            // "except for", "not including", "but not" say no more than their first word.
            while end < words.count, ["for", "including", "counting"].contains(bare[end])
                    || bare[index] == "but" && end == index + 1 && ["not", "no"].contains(bare[end]) {
                end += 1
            }
            guard end < words.count else { return nil }
            // "not dogs but cats", "no cats, only dogs": a denial first, then what to count.
            if start == 0, let turn = (end + 1..<words.count).first(where: { at in
                bare[at] == "but" || ["only", "just"].contains(bare[at]) && words[at - 1].last.map { [",", ";"].contains($0) } == true
            }) {
                var from = turn + 1
                if bare[turn] == "but", from < words.count, ["only", "just", "rather"].contains(bare[from]) { from += 1 }
                if from < words.count {
                    var said = words[..<turn].joined(separator: " "), denied = words[end..<turn].joined(separator: " ")
                    while let last = said.last, nameEnds.contains(last) { said.removeLast() }
                    while let last = denied.last, nameEnds.contains(last) { denied.removeLast() }
                    return (words[from...].joined(separator: " "), said, words[start..<end].joined(separator: " "), denied)
                }
            }
            // The opening is no name of its own.
            var headWords = opened && start == index && leadingLeavingOutWords.contains(bare[index]) ? [] : words[..<start]
            while let last = headWords.last, ["and", "or"].contains(bare[headWords.count - 1]) || last.allSatisfy({ nameEnds.contains($0) }) {
                headWords = headWords.dropLast()
            }
            var head = headWords.joined(separator: " ")
            while let last = head.last, nameEnds.contains(last) { head.removeLast() }
            return (head, words[start...].joined(separator: " "), words[start..<end].joined(separator: " "),
                    words[end...].joined(separator: " "))
        }
        return nil
    }

    /// Words that leave out what follows them: "animals except dogs", "dogs, not cats",
    /// "anything but cars", "dogs but not cats", "neither cats nor dogs", "people minus children".
    private static let leavingOutWords: Set<String> = ["except", "excepting", "excluding", "not", "but", "neither", "minus"]

    /// Words that leave out what follows them only as a name's first word: "no people",
    /// "without dogs", "exclude the cats" and "don't count the dogs" say what not to count, as
    /// "not cars" does ("people without helmets" says what they wear, not understood).
    private static let leadingLeavingOutWords: Set<String> = [
        "no", "without", "zero", "never", "none", "exclude", "ignore", "don't", "dont", "don’t",
    ]

    /// Prefixes that deny the word they are joined to: "non-dogs", "no-cars", "not-people".
    private static let negatingPrefixes = ["non-", "no-", "not-"]

    /// Words that say no one is to be counted, said as a name's first word: "nobody" is "no people".
    private static let negativePronouns: Set<String> = ["nobody", "noone", "no-one", "no\u{2011}one"]

    /// Pairs of words that do: "dogs other than poodles", "animals apart from dogs", "cows
    /// rather than horses", "trucks instead of cars".
    private static let leavingOutPairs: Set<[String]> = [["other", "than"], ["apart", "from"], ["aside", "from"],
                                                         ["rather", "than"], ["instead", "of"]]

    /// The words that open a relative clause, and the verbs that may follow them before a denial:
    /// "that are not", "who isn't".
    private static let relativePronouns: Set<String> = ["that", "which", "who"]
    private static let copulas: Set<String> = ["is", "are", "was", "were"]

    /// A denied copula, which leaves out only after a relative pronoun ("anything that isn't a person").
    private static let negatedCopulas: Set<String> = ["isn't", "aren't", "isn’t", "aren’t", "isnt", "arent"]

    /// The names in `text`, none of them leaving anything out.
    private static func names(in text: String) -> [NamePhrase] {
        // Each part keeps the word that separated it from the previous one ("and"), if any.
        var parts: [(separator: Substring?, words: [Substring])] = [(nil, [])]
        // A comma, semicolon, slash or plus ends a name, glued to a word or not: "dogs, cats",
        // "dogs,cats", "car/truck", "cars+trucks".
        // Words in parentheses are an aside about the name before them ("people (adults and
        // children)"): nothing in it separates names.
        var previousEnd = text.startIndex, asideDepth = 0
        let words = text.split(omittingEmptySubsequences: true, whereSeparator: { $0.isWhitespace || nameEnds.contains($0) })
        var position = 0
        while position < words.count {
            let word = words[position]
            position += 1
            if asideDepth == 0, text[previousEnd..<word.startIndex].contains(where: { nameEnds.contains($0) }) {
                parts.append((nil, []))
            }
            previousEnd = word.endIndex
            let inAside = asideDepth > 0
            asideDepth = max(0, asideDepth + word.count(where: { $0 == "(" }) - word.count(where: { $0 == ")" }))
            let bare = word.trimmingCharacters(in: trailingPunctuation)
            // "cats as well as dogs": a phrase that separates, between two names.
            let phrase = inAside || parts[parts.count - 1].words.isEmpty ? nil : separatorPhrases.first { phrase in
                position - 1 + phrase.count < words.count
                    && zip(words[(position - 1)...], phrase).allSatisfy { $0.lowercased() == $1 }
            }
            // "more cats than dogs", "as many chairs as people": a comparison asks for both sides;
            // not before a number ("more than three dogs"), which says how many.
            let lower = bare.lowercased()
            let comparing = !inAside && !parts[parts.count - 1].words.isEmpty
                && (lower == "than" && parts[parts.count - 1].words.contains { comparatives.contains($0.lowercased()) }
                    || lower == "as" && zip(parts[parts.count - 1].words, parts[parts.count - 1].words.dropFirst())
                        .contains { $0.lowercased() == "as" && ["many", "much"].contains($1.lowercased()) })
                && !(position < words.count && isNumber(String(words[position].trimmingCharacters(in: trailingPunctuation))))
            if let phrase {
                parts.append((word, []))
                position += phrase.count - 1
                previousEnd = words[position - 1].endIndex
            } else if !inAside, separators.contains(lower) || comparing {
                parts.append((word, []))
            } else if !bare.isEmpty {
                parts[parts.count - 1].words.append(word)
            }
        }
        parts.removeAll { $0.words.isEmpty }
        // "people in black and white", "in red and white shirts": colours (and a garment) after a
        // part that ends in a colour or a garment are more of what that part says, not a name.
        var index = 1
        while index < parts.count {
            let words = parts[index].words, previous = parts[index - 1].words
            if let separator = parts[index].separator, let last = previous.last, isColour(last) || Garment(word: String(last)) != nil,
               words.allSatisfy({ isColour($0) || Garment(word: String($0)) != nil }), previous.count > 1 {
                parts[index - 1].words += [separator] + words
                parts.remove(at: index)
            } else {
                index += 1
            }
        }
        // "black and white cats": a part of colours only describes the next one.
        var merged: [[Substring]] = []
        var carried: [Substring] = []
        for (index, part) in parts.enumerated() {
            let words = carried + (carried.isEmpty ? [] : part.separator.map { [$0] } ?? []) + part.words
            if index + 1 < parts.count, part.words.allSatisfy({ isColour($0) || isLeading($0) }) {
                carried = words
            } else {
                merged.append(words)
                carried = []
            }
        }
        return merged.map(phrase)
    }

    /// `word` without a possessive "'s" ("clock's": "clock"), or `word` itself.
    static func withoutPossessive(_ word: Substring) -> Substring {
        ["'s", "\u{2019}s"].first { word.lowercased().hasSuffix($0) }.map { word.dropLast($0.count) } ?? word
    }

    /// `word` without the dots of an initialism written with them ("T.V.", "t.v.s": "TV", "tvs"),
    /// or `word` itself: single letters each followed by a dot, the last dot optional, then
    /// letters of a plural.
    static func withoutInitialismDots(_ word: String) -> String {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.dropLast().allSatisfy({ $0.count == 1 && $0.first!.isLetter }),
              parts.last!.allSatisfy(\.isLetter) else { return word }
        return parts.joined()
    }

    /// One name from its words.
    private static func phrase(_ words: [Substring]) -> NamePhrase {
        var clean = words.map { withoutInitialismDots(String(withoutPluralMarker($0).trimmingCharacters(in: trailingPunctuation))) }
        // "TV's", "cat's" at the end: a plural written with an apostrophe, or one thing's, which
        // is the thing ("the dog's toys" keeps its "dog's": it says whose).
        if let last = clean.last, last.count > 3 {
            clean[clean.count - 1] = String(withoutPossessive(last[...]))
        }
        let text = clean.joined(separator: " ")
        var rest = clean[...]
        // "please" before or after a request says nothing of what to count.
        while rest.count > 1, let first = rest.first, first.lowercased() == "please" { rest = rest.dropFirst() }
        while rest.count > 1, let last = rest.last, last.lowercased() == "please" { rest = rest.dropLast() }
        // A request framed by words before it ("what's the number of dogs", "I'd like to count the
        // chairs", "I need to know how many cats there are"): the request starts the name.
        if let start = rest.indices.dropFirst().first(where: { opensRequest(rest, at: $0) }) {
            rest = rest[start...]
        }
        // A question's opening before the name ("are there any cats", "is there a dog", "can you
        // see the birds", "do you count sheep", "where is the remote"): it goes, and so does a
        // verb after its subject.
        var asked = false
        if rest.count > 1, ["where's", "where’s"].contains(rest.first?.lowercased()) {
            rest = rest.dropFirst()
            asked = true
        } else if rest.count > 2, let first = rest.first?.lowercased() {
            let second = rest[rest.startIndex + 1].lowercased()
            if ["is", "are"].contains(first) && second == "there" || first == "there" && ["is", "are"].contains(second)
                || questionVerbs.contains(first) && questionSubjects.contains(second)
                || first == "where" && ["is", "are"].contains(second) {
                rest = rest.dropFirst(2)
                asked = true
            }
        }
        // A request said as a command ("count the birds", "show me all the cats", "look for the
        // dogs"): the verb and its particle go when an article or quantifier follows them, so a
        // name that starts with such a word stays ("box spring", "mark" alone).
        if rest.count > 1, let verb = rest.first, requestVerbs.contains(verb.lowercased()) {
            var after = rest.dropFirst()
            if let particle = after.first, requestParticles.contains(particle.lowercased()) { after = after.dropFirst() }
            if asked && !after.isEmpty
                || after.count > 1 && after.first.map({ isLeading(Substring($0)) && !nounsAmongLeadingWords.contains($0.lowercased()) }) == true
                || after.count == 1 && after.first.map({ everyOne.contains($0.lowercased()) }) == true {
                rest = after
            }
        }
        let unstripped = rest.startIndex
        // Leading articles and quantifiers, and a word for a group or a portion before "of" ("a
        // herd of cows", "slices of pizza": its members are what a photo shows and is asked to
        // count), but never the last word ("the" alone stays a noun, "herd" is a herd).
        while rest.count > 1, let first = rest.first,
              isLeading(Substring(first))
                || first.lowercased() == "as" && ["many", "much"].contains(rest.dropFirst().first?.lowercased() ?? "")
                || comparisonWords.contains(first.lowercased()) && rest.dropFirst().prefix(2).contains(where: isNumber)
                || rest.count > 2 && (groupWords.contains(first.lowercased()) || portionWords.contains(first.lowercased())
                                      || quantityWords.contains(first.lowercased()))
                    && rest.dropFirst().first?.lowercased() == "of" {
            rest = rest.dropFirst()
        }
        // "which of these are vehicles": a question's verb left after the words before it is no part
        // of the name ("are there" alone stays as typed).
        if rest.startIndex > unstripped, rest.count > 1, let first = rest.first, ["is", "are"].contains(first.lowercased()) {
            rest = rest.dropFirst()
        }
        var relation: String?
        // A relation, or an aside in parentheses, starts what the name does not understand.
        // So does a question's verb before its subject ("people can you see", "cars do you count"),
        // which leaves "beer can" a can.
        func asks(_ index: Int) -> Bool {
            questionVerbs.contains(rest[index].lowercased())
                && rest.indices.contains(index + 1) && questionSubjects.contains(rest[index + 1].lowercased())
        }
        if let start = rest.indices.dropFirst().first(where: { relationWords.contains(rest[$0].lowercased()) || words[$0].first == "(" || asks($0) }) {
            relation = rest[start...].joined(separator: " ")
            rest = rest[..<start]
        }
        // "car count", "people count": the number of the things asked for; "dogs only": those.
        if rest.count > 1, let last = rest.last?.lowercased(), ["count", "only"].contains(last) { rest = rest.dropLast() }
        // "dressed in red", "clad in white": the participle belongs to what is worn, not to the name.
        if let words = relation, wornColour(words) != nil, rest.count > 1, let last = rest.last,
           wornParticiples.contains(last.lowercased()) {
            relation = last + " " + words
            rest = rest.dropLast()
        }
        // Colours are adjectives before the last word ("big brown dog"); the last word is the
        // noun itself ("orange").
        var colours: [String] = []
        var noun: [String] = []
        for (offset, word) in rest.enumerated() {
            let lower = word.lowercased()
            if offset < rest.count - 1, let colour = colourTerm(of: word) {
                colours.append(colour)
            } else if !(separators.contains(lower) && !colours.isEmpty && noun.isEmpty) {
                noun.append(word)
            }
        }
        var ignored: [String] = []
        if colours.count > 1 {
            // Several colours ("black and white") are not one basic colour: record, do not guess.
            ignored.append(colours.joined(separator: " and "))
            colours = []
        }
        var garment: Garment?, worn: String?
        if colours.isEmpty, let words = relation {
            // "how many cars are red": a colour said of the name is its own; "people are in red"
            // says what they wear, as "people in red" does.
            let said = words.split(separator: " ")
            let predicate = said.count > 1 && ["is", "are"].contains(said[0].lowercased()) ? said.dropFirst().joined(separator: " ") : nil
            if let predicate, !predicate.contains(" "), let colour = colourTerm(of: predicate) {
                (colours, relation) = ([colour], nil)
            } else if let worn = wornColour(predicate ?? words) {
                (colours, garment, relation) = ([worn.colour], worn.garment, nil)
            }
            if relation == nil, garment != nil { worn = words }
        }
        ignored += relation.map { [$0] } ?? []
        return NamePhrase(text: text, noun: noun.joined(separator: " "), colour: colours.first, garment: garment,
                          worn: worn, ignored: ignored.isEmpty ? nil : ignored.joined(separator: ", "))
    }

    /// True when `words` from `index` on ask how many of something there are ("how many dogs",
    /// "the number of dogs", "a count of trucks") or, after "to", say to count or find them ("to
    /// count the chairs").
    private static func opensRequest(_ words: ArraySlice<String>, at index: Int) -> Bool {
        guard index + 1 < words.endIndex else { return false }
        let word = words[index].lowercased(), next = words[index + 1].lowercased()
        if word == "how" && ["many", "much"].contains(next) { return true }
        if ["number", "count", "amount", "total", "tally"].contains(word) && next == "of" { return true }
        return index > words.startIndex && words[index - 1].lowercased() == "to" && requestVerbs.contains(word)
            && isLeading(Substring(next))
    }

    /// The colour and garment of words that say only what colour is worn: `in red`, `dressed in
    /// white`, `wearing a blue shirt`, `with black trousers` ("with" only before a garment: "with
    /// red" says nothing worn), or nil for any other words.
    private static func wornColour(_ relation: String) -> (colour: String, garment: Garment)? {
        var words = relation.split(separator: " ").map { $0.lowercased() }[...]
        if let first = words.first, wornParticiples.contains(first) { words = words.dropFirst() }
        guard let verb = words.popFirst(), ["in", "wearing", "with"].contains(verb) else { return nil }
        if let first = words.first, ["a", "an", "all"].contains(first) { words = words.dropFirst() }
        guard let word = words.popFirst(), let colour = colourTerm(of: word), words.count <= 1 else { return nil }
        guard let garmentWord = words.first else { return verb == "with" ? nil : (colour, .clothes) }
        return Garment(word: garmentWord).map { (colour, $0) }
    }

    /// The participles that may open what is worn ("dressed in red").
    private static let wornParticiples: Set<String> = ["dressed", "clad"]

    /// The basic colour term `word` is (any case; *gray* is `"grey"`), as ``colourTerms`` spells
    /// it, or nil for any other word.
    static func colourTerm<Word: StringProtocol>(of word: Word) -> String? {
        let lower = word.lowercased()
        return lower == "gray" ? "grey" : colourTerms.contains(lower) ? lower : nil
    }

    /// True for an article, determiner, quantifier or number before a noun (``leadingWords``).
    static func isLeading(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return leadingWords.contains(lower) || lower.allSatisfy(\.isNumber)
    }

    private static func isColour(_ word: Substring) -> Bool {
        colourTerm(of: word) != nil
    }

    private static let trailingPunctuation: Set<Character> = [".", "…", "!", "?", ":", "\"", "'", "“", "”", "‘", "’", "(", ")"]

    /// Words that separate names.
    private static let separators: Set<String> = ["and", "or", "&", "plus", "nor", "vs", "vs.", "versus"]

    /// Phrases of several words that separate names, as ``separators`` do: "cats as well as dogs",
    /// "cats compared to dogs".
    private static let separatorPhrases: [[String]] = [["as", "well", "as"], ["compared", "to"], ["compared", "with"]]

    /// Words that make a later "than" compare two names ("more cats than dogs", "fewer cars than bikes").
    private static let comparatives: Set<String> = ["more", "fewer", "less"]

    /// Characters that end a name wherever they stand: "dogs, cats", "car/truck", "cats > dogs".
    private static let nameEnds: Set<Character> = [",", ";", "/", "+", ">", "<"]

    /// `word` without a parenthesised plural ending, before any other trailing punctuation:
    /// "person(s)" is "person", "box(es)." "box".
    private static func withoutPluralMarker(_ word: Substring) -> Substring {
        let bare = word.trimmingCharacters(in: trailingPunctuation.subtracting(["(", ")"]))
        for marker in ["(s)", "(es)"] where bare.count > marker.count && bare.lowercased().hasSuffix(marker) {
            return bare.dropLast(marker.count)
        }
        return word
    }

    /// Articles, determiners, quantifiers and number words that may stand before a noun.
    private static let leadingWords: Set<String> = Set([
        "a", "an", "the", "all", "some", "any", "every", "each", "many", "several", "few", "both", "no",
        "these", "those", "this", "that", "my", "your", "his", "her", "its", "our", "their", "much", "more",
        "most", "lots", "lot", "couple", "number", "pair", "pairs", "dozen", "dozens", "of", "how", "what", "which",
        "total", "either", "only", "just", "single", "fewer", "less", "twice",
    ]).union(numberWords)

    /// Number words that may stand before a noun.
    private static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands",
    ]

    /// Words that compare a number before a noun ("at least two dogs", "fewer than 3 people",
    /// "about 20 sheep"): they say how many are expected, not what to count, and go with it.
    private static let comparisonWords: Set<String> = [
        "more", "fewer", "less", "than", "at", "least", "most", "over", "under", "about", "around", "approximately",
        "roughly", "exactly", "nearly", "almost", "up", "to",
    ]

    /// True when `word` is a number, in digits or in words.
    static func isNumber(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.allSatisfy(\.isNumber) || numberWords.contains(lower)
    }

    /// Verbs a request to count or find starts with, as a command ("count the birds").
    private static let requestVerbs: Set<String> = [
        "count", "find", "locate", "detect", "show", "mark", "spot", "identify", "highlight", "box", "point",
        "list", "look", "search", "give", "tell", "see",
    ]

    /// Leading words that are nouns or "of" after a verb that is also a noun: "box of chocolates",
    /// "point of sale" and "list of names" are not requests.
    private static let nounsAmongLeadingWords: Set<String> = [
        "of", "number", "lot", "lots", "pair", "pairs", "couple", "dozen", "dozens", "hundred", "hundreds", "no",
        "more", "most", "much",
    ]

    /// Words for every thing or everyone, which a request verb may have alone ("count everyone").
    private static let everyOne = QueryResolver.wordsForAnyObject.union(["everyone", "everybody", "anyone", "anybody"])

    /// Words that may follow a request verb before the name ("show me", "point at", "look for").
    private static let requestParticles: Set<String> = ["me", "us", "at", "to", "out", "for"]

    /// Words for a group of things, dropped before "of" with the article or number before them:
    /// what is counted is the things.
    private static let groupWords: Set<String> = [
        "group", "groups", "herd", "herds", "flock", "flocks", "crowd", "crowds", "bunch", "bunches", "team", "teams",
        "pack", "packs", "swarm", "swarms", "school", "schools", "fleet", "fleets", "troop", "troops", "litter",
        "litters", "family", "families", "colony", "colonies", "row", "rows", "line", "lines", "column", "columns",
        "queue", "pile", "piles", "stack", "stacks", "heap", "heaps", "set", "sets", "collection", "collections",
        "cluster", "clusters",
    ]

    /// Words for how many things there are, dropped before "of" ("the count of cars", "the
    /// amount of people", "tons of birds"): what is counted is the things.
    private static let quantityWords: Set<String> = [
        "count", "amount", "quantity", "total", "tally", "tons", "loads", "plenty", "masses", "scores",
    ]

    /// Words for a portion of a thing, which a detector boxes as the thing: dropped before "of"
    /// ("slices of pizza"), and after the thing's name when it finds a class ("pizza slices",
    /// ``QueryResolver``).
    static let portionWords: Set<String> = [
        "slice", "slices", "piece", "pieces", "bit", "bits", "portion", "portions", "wedge", "wedges", "chunk", "chunks",
        "half", "halves", "floret", "florets",
    ]

    /// Verbs that open a question after the name asked about ("how many people can you see").
    private static let questionVerbs: Set<String> = ["can", "could", "do", "does", "did", "would", "will", "should", "may", "might"]

    /// The subjects that make ``questionVerbs`` a question ("can you", "do we").
    private static let questionSubjects: Set<String> = ["you", "we", "i", "they", "one"]

    /// Words that start a relation or a clause the resolver does not understand.
    static let relationWords: Set<String> = [
        "on", "in", "at", "with", "without", "near", "next", "behind", "under", "underneath", "beneath",
        "above", "below", "over", "left", "right", "beside", "besides", "by", "of", "to", "from", "between",
        "among", "inside", "outside", "into", "onto", "around", "across", "against", "along", "through",
        "front", "top", "holding", "wearing", "carrying", "riding", "sitting", "standing", "lying", "eating",
        "that", "which", "who", "whose", "where", "like", "except", "than", "for", "is", "are",
        // A verb of having after its subject: "people have umbrellas", "cats does she have".
        "have", "has", "had", "own", "owns", "got", "need", "needs", "do", "does", "did",
        // Said after a name of where or how it is seen: "cars visible", "people pictured here".
        "visible", "shown", "pictured", "depicted", "seen", "here", "there",
    ]
}

private extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> Substring {
        var result = self
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        return result
    }
}
