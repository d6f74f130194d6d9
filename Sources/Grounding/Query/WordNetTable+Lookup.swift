// Why a generated table rather than reading /usr/share/wordnet at run time: the library then
// depends on no system file (a service or a CI image without `wordnet-base` behaves the same),
// starts instantly (parsing 13k short lines once, instead of 20 MB of WordNet noun files and a
// hypernym walk per query), and its answers are pinned to the WordNet files recorded in the
// generated header.
// The hand-checked choices (which sense of "kite" the detector means) live in the generator,
// next to the data they interpret.

extension WordNetTable {
    /// One lemma of the table: a WordNet noun and the COCO classes it names.
    package struct Entry: Sendable {
        /// The lemma as WordNet spells it, in lower case with spaces between words.
        package let lemma: String
        /// ``NameKey/key(_:)`` of the lemma as UTF-8, for edit distances.
        package let key: [UInt8]
        /// The COCO classes (Darknet spelling) it names, in class order.
        package let classes: [String]
    }

    /// The entries by ``NameKey/key(_:)`` of their lemma. When two lemmas share a key
    /// ("bull frog", "bullfrog"), the first in sorted order is kept.
    package static let entriesByKey: [String: Entry] = {
        var entries: [String: Entry] = [:]
        for line in lemmaLines.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let lemma = String(line[..<tab])
            let key = NameKey.key(lemma)
            guard entries[key] == nil else { continue }
            let classes = line[line.index(after: tab)...].split(separator: ",").map(String.init)
            entries[key] = Entry(lemma: lemma, key: Array(key.utf8), classes: classes)
        }
        return entries
    }()

    /// The entries grouped by the UTF-8 length of their key, for the suggestion search.
    package static let entriesByKeyLength: [[Entry]] = {
        var groups: [[Entry]] = []
        for entry in entriesByKey.values.sorted(by: { $0.lemma < $1.lemma }) {
            while groups.count <= entry.key.count { groups.append([]) }
            groups[entry.key.count].append(entry)
        }
        return groups
    }()

    /// WordNet's irregular plurals (noun.exc): normalized plural → normalized singulars.
    package static let irregularPlurals: [String: [String]] = {
        var plurals: [String: [String]] = [:]
        for line in irregularPluralLines.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            plurals[String(fields[0])] = fields[1].split(separator: ",").map(String.init)
        }
        return plurals
    }()
}
