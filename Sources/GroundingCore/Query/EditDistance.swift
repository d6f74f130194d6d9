/// Edit distance between short byte strings, for suggesting names close to an unknown one.
package enum EditDistance {
    /// A string as bytes, with the set of bytes it holds, so most candidates too far from a name
    /// are set aside before any table is filled.
    package struct Key: Sendable {
        /// The string's bytes.
        package let bytes: [UInt8]
        /// Bit `b % 64` set for each byte `b` of the string.
        let letters: UInt64

        /// The key of `bytes`.
        package init(_ bytes: [UInt8]) {
            self.bytes = bytes
            letters = bytes.reduce(0) { $0 | 1 << UInt64($1 % 64) }
        }
    }

    /// ``distance(_:_:limit:)`` of two keys, setting aside at once most pairs beyond `limit`.
    ///
    /// Each byte value one string holds and the other does not costs at least one edit of its
    /// own (a swap brings in no byte), so the count of such values bounds the distance from
    /// below; bytes sharing a bit only make that count smaller, never wrong.
    package static func distance(_ a: Key, _ b: Key, limit: Int) -> Int? {
        guard (a.letters & ~b.letters).nonzeroBitCount <= limit,
              (b.letters & ~a.letters).nonzeroBitCount <= limit else { return nil }
        return distance(a.bytes, b.bytes, limit: limit)
    }

    /// The optimal-string-alignment distance (Damerau–Levenshtein where no substring is edited
    /// twice: insertions, deletions, substitutions and swaps of adjacent bytes), or `nil` when it
    /// exceeds `limit`.
    ///
    /// Bounded: it gives up as soon as a whole row exceeds `limit` and never allocates on the heap
    /// for strings up to a few hundred bytes, so scanning thousands of candidates stays cheap.
    package static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows -> Int? in
            // Three rows: two back (for swaps), one back, and the one being filled.
            var older = rows.baseAddress!
            var previous = older + width
            var current = previous + width
            for j in 0..<width { previous[j] = j }
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        best = min(best, older[j - 2] + 1)
                    }
                    current[j] = best
                    rowMinimum = min(rowMinimum, best)
                }
                if rowMinimum > limit { return nil }
                (older, previous, current) = (previous, current, older)
            }
            let result = previous[b.count]
            return result <= limit ? result : nil
        }
    }
}
