#if canImport(Glibc)
import Glibc
#endif
// Why a generated table rather than reading /usr/share/wordnet at run time: the library then
// depends on no system file (a service or a CI image without `wordnet-base` behaves the same),
// starts instantly (parsing short lines once, instead of 20 MB of WordNet noun files and a
// hypernym walk per query), and its answers are pinned to the WordNet files recorded in the
// generated header.
// The hand-checked choices (which sense of "kite" the detector means, which reading of "whale" a
// photo shows) live in the generator, next to the data they interpret.

/// One sense of a WordNet noun as the generated table records it: which sense, in which
/// lexicographer file, what it would find, and its definition.
///
/// ```swift
/// let whale = WordNetTable.entriesByKey["whale"]!.sense
/// // whale.number == 2, whale.file == "animal", whale.definition == "any of the larger cetacean mammals…"
/// ```
public struct WordNetSense: Sendable, Hashable {
    /// The sense number in WordNet's frequency order (1 is the most frequent).
    public let number: Int
    /// The lexicographer file without its `noun.` prefix: `"animal"`, `"person"`, `"Tops"`.
    public let file: String
    /// The classes it would find, by name (COCO's spelling for COCO classes); empty when none.
    public let classes: [String]
    /// The first definition of its gloss, at most 100 characters (empty for abstract senses the
    /// table only names).
    public let definition: String
    /// True when it is a kind of its ``classes`` below their own senses (`<` before them in the
    /// table; written for senses other than the one that decided): see
    /// ``WordNetTable/Entry/isKindOfClass``.
    public let isKindOfClass: Bool
    /// True when it is more general than its ``classes`` (`>` before them in the table; written
    /// for senses other than the one that decided): see ``WordNetTable/Entry/isGeneral``.
    public let isGeneral: Bool

    /// Parses `number:file:definition`, or `number:file:classes:definition` when `withClasses`.
    init?(_ field: Substring, withClasses: Bool) {
        let parts = field.split(separator: ":", maxSplits: withClasses ? 3 : 2, omittingEmptySubsequences: false)
        guard parts.count == (withClasses ? 4 : 3), let number = Int(parts[0]) else { return nil }
        self.number = number
        self.file = String(parts[1])
        isKindOfClass = withClasses && parts[2].hasPrefix("<")
        isGeneral = withClasses && parts[2].hasPrefix(">")
        self.classes = withClasses ? parts[2].dropFirst(isKindOfClass || isGeneral ? 1 : 0).split(separator: ",").map(String.init) : []
        self.definition = String(parts[withClasses ? 3 : 2])
    }

    init(number: Int, file: String, classes: [String], definition: String, isKindOfClass: Bool = false, isGeneral: Bool = false) {
        self.number = number
        self.file = file
        self.classes = classes
        self.definition = definition
        self.isKindOfClass = isKindOfClass
        self.isGeneral = isGeneral
    }

    /// `"definition → classes"` (or `→ no class`): how a reading not used is shown.
    var answerSummary: String {
        "\(definition) → \(classes.isEmpty ? "no class" : classes.joined(separator: ", "))"
    }

    /// True for the sense the generator writes for a phrase whose senses are all slurs (its rule
    /// 8): it names nothing and blocks its words, so the phrase is never read through them.
    public var isWithheld: Bool { file == "withheld" }

    /// `"2 (noun.animal): any of the larger cetacean mammals…"`.
    public var summary: String {
        "\(number) (noun.\(file))" + (definition.isEmpty ? "" : ": \(definition)")
    }
}

/// Why a sense of a WordNet noun was not the one used (see the generator's rule 5).
///
/// ```swift
/// let whale = resolver.explain("whale")[0].unusedSenses[0]
/// // whale.verdict == .figurative: sense 1, "a very large person", is a figure of speech
/// ```
public enum SenseVerdict: String, Sendable, Hashable, CaseIterable {
    /// Used too: a sense in the same lexicographer file as the deciding one ("bike": both bikes).
    case also
    /// Not something one can see in a photo (an act, a quantity, a feeling, ...).
    case abstract
    /// A person (or food) sense of a word that also names an animal, plant or food: a figure of speech.
    case figurative
    /// A named individual ("Turner" the painter), never what a photo query means.
    case instance
    /// A sense WordNet writes in capitals ("ram" 1: RAM) where another sense is the word in lower case.
    case initialism
    /// A concrete sense after the one that decided.
    case later
    /// A person sense after a sense of another kind: a derived use ("hand" 2, a hired hand).
    case derived
    /// A concrete sense before the one that decided, which a later sense that names a class outranks.
    case outranked
    /// Set aside by the generator's curated exceptions.
    case curated
    /// A group of things whose members are classes ("church" 1: the Christians), not counted: the
    /// word also names something a photo shows (the building), or the group is not its first use.
    case group

    /// The reason in words.
    public var reason: String {
        switch self {
        case .also: return "in the same lexicographer file as the sense used, so its classes count too"
        case .abstract: return "not something one can see in a photo"
        case .figurative: return "figurative: the word also names an animal, plant or food, which is what a photo shows"
        case .instance: return "a named individual, not a kind of thing"
        case .initialism: return "an initialism, written in capitals; the word in lower case is another"
        case .later: return "comes after the sense used"
        case .derived: return "a person sense after a sense of another kind: a derived use, not what a photo shows"
        case .outranked: return "names no class, and a later sense that names one decides"
        case .curated: return "set aside by a curated exception"
        case .group: return "a group whose members are counted only when it is the word's first use and nothing else it names is something a photo shows"
        }
    }
}

extension WordNetTable {
    /// One lemma of the table: a WordNet noun, the classes it names and the sense it was read in.
    package struct Entry: Sendable {
        /// The lemma as WordNet spells it, in lower case with spaces between words.
        package let lemma: String
        /// ``NameKey/key(_:)`` of the lemma as UTF-8, for edit distances.
        package let key: EditDistance.Key
        /// The classes it names, by name (each in one vocabulary, ``vocabularyOfClass``), in
        /// vocabulary and class order; empty when it names none ("whale": the animal).
        package let classes: [String]
        /// True for the words that mean any object at all ("object", "thing").
        package let isEveryClass: Bool
        /// True when the sense that decided is a kind of its classes below their own senses
        /// ("pony", "sedan", "woman"; not "horse" or "automobile"): the generator's rule 11.
        package var isKindOfClass = false
        /// True when the sense that decided is more general than its classes: a group of classes
        /// ("animal", "jar", whose one class is the vase) or a curated word for some kinds of
        /// things ("vehicle", "pet"): the model finds only the kinds it has classes for. The
        /// generator's rule 12.
        package var isGeneral = false
        /// The sense that decided.
        package let sense: WordNetSense
        /// The reading a photo query might also mean, shown but not used.
        package let otherReading: WordNetSense?
        /// Why a curated exception decided this lemma, if one did.
        package let exception: String?
        /// True when WordNet's order alone chose ``classes`` over its ``otherReading``, a reading
        /// of another kind that was never tagged either (the generator's rule 5g: a person before a
        /// thing made, "calculator"; a kind of a class after a thing, "jersey"): neither is counted
        /// unless the words said before the name pick one.
        package var isGuess = false
        /// True for a word that names no class and that people rarely use: no sense of it was
        /// ever tagged in WordNet's corpus, and its glosses hardly use it ("puddle", "caw"; the
        /// generator's rule 9c). Asked for, it may be a slip for a name the detector knows.
        package var isRare = false
        /// The words that chose this sense as a part of the thing they name, said before the name
        /// or after "of" (the generator's rule 13: "train" in "train cars", a railway car), when
        /// they did.
        package var partOf: String?

        /// The lemma read in its ``otherReading`` (nil: it has none), with the sense that had
        /// decided as the other reading: what the words before a name can choose.
        var readInOtherReading: Entry? {
            otherReading.map(read(in:))
        }

        /// The lemma read in its sense numbered `number`, its other reading or one not used
        /// (``unusedSenses(of:)``), with the sense that had decided as the other reading; nil when
        /// the table lists no such sense.
        func read(inSense number: Int) -> Entry? {
            if let otherReading, otherReading.number == number { return read(in: otherReading) }
            return WordNetTable.unusedSenses(of: lemma).first { $0.sense.number == number }.map { read(in: $0.sense) }
        }

        private func read(in sense: WordNetSense) -> Entry {
            Entry(lemma: lemma, key: key, classes: sense.classes, isEveryClass: false,
                  isKindOfClass: sense.isKindOfClass, isGeneral: sense.isGeneral, sense: sense,
                  otherReading: decidedReading, exception: nil)
        }

        /// The sense that decided, with its classes, as a reading.
        var decidedReading: WordNetSense {
            WordNetSense(number: sense.number, file: sense.file, classes: isEveryClass ? [] : classes,
                         definition: sense.definition, isKindOfClass: isKindOfClass, isGeneral: isGeneral)
        }

        /// The lemma read in the sense that decided, taken as chosen (not a guess).
        var chosen: Entry {
            var entry = self
            entry.isGuess = false
            return entry
        }
    }

    /// The entries by ``NameKey/key(_:)`` of their lemma. When two lemmas share a key
    /// ("bull frog", "bullfrog"), the first in sorted order is kept.
    package static let entriesByKey = LemmaIndex(lemmaLines)

    /// The table's lemma lines by the key of their lemma, each parsed into an ``Entry`` when it is
    /// looked up. Every process that resolves a name builds it, so it is built from the text's
    /// bytes without parsing a line: parsing all of them made `ground info --explain dog` take
    /// 0.56–0.64 s, against 0.24–0.27 s this way (2026-11).
    package struct LemmaIndex: Sendable {
        private let text: String
        /// An open-addressed table of lines, at most half full: slot i holds a line's start, the
        /// end of its lemma and the line's end (offsets into `text`; start −1: empty), at the FNV-1a
        /// hash of the lemma's key or after it. Swift's `Dictionary` of 60,000 `String` keys took
        /// about 15 ms to build, most of a short `ground` call's name lookup; this takes a few.
        private let slots: [SIMD3<Int32>]
        /// How many keys the table has.
        package let count: Int

        init(_ text: String) {
            var text = text
            var slots: [SIMD3<Int32>] = []
            var count = 0
            text.withUTF8 { bytes in
                // One key per line at most.
                var lines = 0
                WordNetTable.forEachLine(of: bytes) { _, _ in lines += 1 }
                slots = [SIMD3<Int32>](repeating: SIMD3(-1, -1, -1), count: 1 << (Int.bitWidth - (2 * lines).leadingZeroBitCount))
                WordNetTable.forEachLine(of: bytes) { lemma, line in
                    let lemmaStart = lemma.baseAddress! - bytes.baseAddress!
                    Self.withKey(of: lemma) { key in
                        // The first of two lemmas with one key ("bull frog", "bullfrog") is kept.
                        guard case .empty(let slot) = Self.find(key, in: slots, bytes: bytes) else { return }
                        slots[slot] = SIMD3(Int32(line.lowerBound), Int32(lemmaStart + lemma.count), Int32(line.upperBound))
                        count += 1
                    }
                }
            }
            self.text = text
            self.slots = slots
            self.count = count
        }

        /// Where a probe for a key ended: at the slot holding it, or at the empty slot where it belongs.
        private enum Probe { case found(Int), empty(Int) }

        /// The slot of `key` in `slots` (lines of `bytes`), or the empty one where it would go.
        private static func find(_ key: UnsafeBufferPointer<UInt8>, in slots: [SIMD3<Int32>], bytes: UnsafeBufferPointer<UInt8>) -> Probe {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].x >= 0 {
                let lemma = UnsafeBufferPointer(rebasing: bytes[Int(slots[slot].x)..<Int(slots[slot].y)])
                if withKey(of: lemma, { $0.elementsEqual(key) }) { return .found(slot) }
                slot = (slot + 1) & mask
            }
            return .empty(slot)
        }

        /// Calls `body` with the bytes of ``NameKey/key(utf8:)`` of `lemma`: the lemma itself when
        /// it is its own key, as most are.
        private static func withKey<Result>(of lemma: UnsafeBufferPointer<UInt8>,
                                            _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            if NameKey.isOwnKey(utf8: lemma) { return body(lemma) }
            var key = NameKey.key(utf8: lemma)
            return key.withUTF8(body)
        }

        /// The lines of the keys in the table, by slot.
        private var lines: [Range<Int>] {
            slots.filter { $0.x >= 0 }.map { Int($0.x)..<Int($0.z) }
        }

        /// The entry whose lemma has `key`, parsed now.
        package subscript(key: String) -> Entry? {
            var key = key, text = text
            return text.withUTF8 { bytes in
                key.withUTF8 { keyBytes in
                    guard case .found(let slot) = Self.find(keyBytes, in: slots, bytes: bytes) else { return nil }
                    return Self.entry(bytes, Int(slots[slot].x)..<Int(slots[slot].z))
                }
            }
        }

        /// Every entry, parsed now (for tests).
        package var values: [Entry] {
            var text = text
            return text.withUTF8 { bytes in lines.compactMap { Self.entry(bytes, $0) } }
        }

        /// The entries whose classes field (a line's second) `keep` accepts, parsed now: only
        /// those lines are parsed, so picking the few thousand that name classes out of the
        /// table's tens of thousands stays cheap.
        package func entries(whereClasses keep: (Substring) -> Bool) -> [Entry] {
            var text = text
            let tab = UInt8(ascii: "\t")
            return text.withUTF8 { bytes in
                lines.compactMap { range in
                    // The classes field is read from the bytes (short: no allocation); only a kept
                    // line is decoded whole.
                    let line = bytes[range]
                    guard let start = line.firstIndex(of: tab), let end = line[(start + 1)...].firstIndex(of: tab),
                          keep(Substring(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self))
                    else { return nil }
                    return Self.entry(bytes, range)
                }
            }
        }

        /// The entry on the line at `range` of `bytes`, keyed by its lemma's key.
        private static func entry(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Entry? {
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            guard let tab = bytes[range].firstIndex(of: UInt8(ascii: "\t")) else { return nil }
            return entry(line[...], key: NameKey.key(utf8: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<tab])))
        }

        private static func entry(_ line: Substring, key: String) -> Entry? {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 5, let sense = WordNetSense(fields[2], withClasses: false) else { return nil }
            // The classes field: `*`, `~` (a rare word naming none), or the classes after `?` (a
            // guess) and then `<` (a kind) or `>` (more general).
            let isEveryClass = fields[1] == "*", isRare = fields[1] == "~", isGuess = fields[1].hasPrefix("?")
            let classes = fields[1].dropFirst(isGuess ? 1 : 0), isKindOfClass = classes.hasPrefix("<"), isGeneral = classes.hasPrefix(">")
            return Entry(lemma: String(fields[0]), key: EditDistance.Key(Array(key.utf8)),
                         classes: isEveryClass || isRare ? [] : classes.dropFirst(isKindOfClass || isGeneral ? 1 : 0).split(separator: ",").map(String.init),
                         isEveryClass: isEveryClass, isKindOfClass: isKindOfClass, isGeneral: isGeneral, sense: sense,
                         otherReading: WordNetSense(fields[3], withClasses: true),
                         exception: fields[4].isEmpty ? nil : String(fields[4]), isGuess: isGuess, isRare: isRare)
        }
    }

    /// Calls `body` with the first tab-separated field and the byte range of each line of a
    /// table's text that has a tab, in order. Lines and fields are found with `memchr`, which
    /// reads the text a vector at a time: the lemma table is 5 MB, read in every process.
    static func forEachLine(of bytes: UnsafeBufferPointer<UInt8>,
                            _ body: (_ firstField: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
            memchr(base + start, Int32(byte), end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
        }
        var start = 0
        while start < bytes.count {
            let end = find(UInt8(ascii: "\n"), from: start, to: bytes.count) ?? bytes.count
            if let tab = find(UInt8(ascii: "\t"), from: start, to: end) {
                body(UnsafeBufferPointer(rebasing: bytes[start..<tab]), start..<end)
            }
            start = end + 1
        }
    }

    /// The entries that find something, grouped by the UTF-8 length of their key, for the
    /// suggestion search.
    package static let entriesByKeyLength: [[Entry]] = {
        var groups: [[Entry]] = []
        // Lines naming no class (empty, or `~`) are not even parsed: they are most of the table.
        let naming = entriesByKey.entries { !$0.isEmpty && $0 != "~" }
        for entry in naming.sorted(by: { $0.lemma < $1.lemma })
        where (!entry.classes.isEmpty && !entry.isGuess) || entry.isEveryClass {
            while groups.count <= entry.key.bytes.count { groups.append([]) }
            groups[entry.key.bytes.count].append(entry)
        }
        return groups
    }()

    /// The senses of `lemma` that were not used, with why, in sense order (for explanations).
    package static func unusedSenses(of lemma: String) -> [(sense: WordNetSense, verdict: SenseVerdict)] {
        unusedSenseLinesByLemma.lines(of: lemma).compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let verdict = SenseVerdict(rawValue: String(fields[1])),
                  let sense = WordNetSense(fields[2], withClasses: true)
            else { return nil }
            return (sense, verdict)
        }
    }

    /// The unused senses' lines by lemma, each parsed when its lemma is looked up: parsing all
    /// 6,000 at the first name took a tenth of a short `ground` call.
    private static let unusedSenseLinesByLemma = LinesByFirstField(unusedSenseLines)

    /// The senses of `lemma` that are parts of another thing (the generator's rule 13), each with
    /// the keys (``NameKey/key(_:)``) of the words for that thing, its kinds and what it is a kind
    /// of: said before the name or after "of", they mean that sense ("clock hands": 8, the
    /// pointers of a timepiece; "train cars": 2, railway cars).
    package static func partSenses(of lemma: String) -> [(number: Int, wholeKeys: Set<String>)] {
        partSenseLinesByLemma.lines(of: lemma).compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let number = Int(fields[1]) else { return nil }
            return (number, Set(fields[2].split(separator: ",").map { NameKey.key(String($0)) }))
        }
    }

    private static let partSenseLinesByLemma = LinesByFirstField(partSenseLines)

    /// A table's lines by their first tab-separated field, in table order, found from the text's
    /// bytes without parsing a line.
    struct LinesByFirstField: Sendable {
        private let text: String
        /// UTF-8 offsets of each field's lines in `text`.
        private let lines: [Substring: [Range<Int>]]

        init(_ text: String) {
            var text = text
            var lines: [Substring: [Range<Int>]] = [:]
            text.withUTF8 { bytes in
                WordNetTable.forEachLine(of: bytes) { field, line in
                    lines[Substring(decoding: field, as: UTF8.self), default: []].append(line)
                }
            }
            self.text = text
            self.lines = lines
        }

        /// How many distinct first fields the text has.
        var count: Int { lines.count }

        /// The lines whose first field is `field`.
        func lines(of field: String) -> [Substring] {
            guard let ranges = lines[field[...]] else { return [] }
            var text = text
            return text.withUTF8 { bytes in
                ranges.map { Substring(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
            }
        }
    }

    /// The hand-checked sense of each class by its name (`"mouse"`: 4, the computer mouse;
    /// `"face"`: 1, the front of the human head).
    package static let classSenses: [String: WordNetSense] = classSenseFields.mapValues(\.sense)

    /// The vocabulary (scripts/vocabularies) each class with a sense belongs to, by class name:
    /// `"dog"`: `"coco"`, `"face"`: `"face"`, `"hand"`: `"hand"`.
    package static let vocabularyOfClass: [String: String] = classSenseFields.mapValues(\.vocabulary)

    private static let classSenseFields: [String: (vocabulary: String, sense: WordNetSense)] = {
        var senses: [String: (vocabulary: String, sense: WordNetSense)] = [:]
        for line in classSenseLines.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 4, let sense = WordNetSense(fields[3], withClasses: false) else { continue }
            senses[String(fields[0])] = (String(fields[1]), sense)
        }
        return senses
    }()

    /// Words too common in WordNet's glosses to say which reading of a name is meant
    /// ("small", "large", "used"; the generator's rule 10).
    package static let commonGlossWords: Set<Substring> = Set(commonGlossWordLines.split(separator: "\n"))

    /// Single words for living things the table leaves out for ending like a class ("bobcat",
    /// "redhorse"; the generator's rule 9e): words of their own, not two written as one.
    package static let unlistedWords: Set<Substring> = Set(unlistedWordLines.split(separator: "\n"))

    /// WordNet's irregular plurals (noun.exc): the normalized singulars of a normalized plural
    /// ("mice" → "mouse"), nil when it is none; its line parsed when asked for.
    package static func irregularSingulars(of plural: String) -> [String]? {
        guard let line = irregularPluralLinesByPlural.lines(of: plural).first else { return nil }
        let fields = line.split(separator: "\t")
        return fields.count == 2 ? fields[1].split(separator: ",").map(String.init) : nil
    }

    /// How many irregular plurals WordNet lists.
    package static var irregularPluralCount: Int { irregularPluralLinesByPlural.count }

    /// The irregular plurals' lines by plural: parsing all 2,000 at the first name took 3 ms of
    /// every `ground` call.
    private static let irregularPluralLinesByPlural = LinesByFirstField(irregularPluralLines)
}
