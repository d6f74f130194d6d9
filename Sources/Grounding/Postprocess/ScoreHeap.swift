/// A binary max-heap of `(score, rank)` entries for soft-NMS, which repeatedly takes the best
/// remaining box while scores keep changing. Changed scores are pushed again rather than updated
/// in place; the caller skips entries whose score is no longer current.
package struct ScoreHeap {
    private var entries: [(score: Float, rank: Int32)] = []
    /// Breaks score ties: the entry with the smaller tie-break value comes first.
    private let tieBreak: [Int32]

    /// Creates an empty heap whose ties go to the rank with the smaller `tieBreak[rank]`.
    package init(tieBreak: [Int32], capacity: Int) {
        self.tieBreak = tieBreak
        entries.reserveCapacity(capacity)
    }

    /// True when no entry is left.
    package var isEmpty: Bool { entries.isEmpty }

    /// Drops every entry, keeping the storage.
    package mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    /// Adds an entry.
    package mutating func push(score: Float, rank: Int32) {
        entries.append((score, rank))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entry with the highest score.
    package mutating func pop() -> (score: Float, rank: Int32)? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return top }
        entries[0] = last
        var parent = 0
        while true {
            var best = parent
            let left = 2 * parent + 1, right = left + 1
            if left < entries.count && precedes(entries[left], entries[best]) { best = left }
            if right < entries.count && precedes(entries[right], entries[best]) { best = right }
            if best == parent { break }
            entries.swapAt(parent, best)
            parent = best
        }
        return top
    }

    @inline(__always)
    private func precedes(_ a: (score: Float, rank: Int32), _ b: (score: Float, rank: Int32)) -> Bool {
        a.score > b.score || (a.score == b.score && tieBreak[Int(a.rank)] < tieBreak[Int(b.rank)])
    }
}
