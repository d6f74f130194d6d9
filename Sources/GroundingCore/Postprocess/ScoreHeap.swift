/// An indexed binary max-heap of ranks by score, for soft-NMS: it repeatedly takes the best
/// remaining box while the scores of others change. Each rank sits in the heap at most once and a
/// changed score moves it in place, so the heap never outgrows the number of boxes.
package struct ScoreHeap {
    /// The current score of every rank, in the heap or not.
    package private(set) var scores: [Float]
    /// The ranks in heap order.
    private var heap: [Int32] = []
    /// Where each rank sits in `heap`; -1 when it is not there.
    private var position: [Int32]
    /// Breaks score ties: the rank with the smaller `tieBreak[rank]` comes first.
    private let tieBreak: [Int32]

    /// Creates an empty heap over ranks `0..<scores.count` with these starting scores; ties go to
    /// the rank with the smaller `tieBreak[rank]`.
    package init(scores: [Float], tieBreak: [Int32]) {
        self.scores = scores
        self.tieBreak = tieBreak
        position = [Int32](repeating: -1, count: scores.count)
        heap.reserveCapacity(scores.count)
    }

    /// True when `rank` is in the heap.
    package func contains(_ rank: Int32) -> Bool { position[Int(rank)] >= 0 }

    /// Adds `rank` (not in the heap) with its current score.
    package mutating func insert(_ rank: Int32) {
        heap.append(rank)
        position[Int(rank)] = Int32(truncatingIfNeeded: heap.count - 1)
        siftUp(heap.count - 1)
    }

    /// Removes and returns the rank with the highest score, or nil when the heap is empty.
    package mutating func popFirst() -> Int32? {
        guard let top = heap.first else { return nil }
        swapAt(0, heap.count - 1)
        heap.removeLast()
        position[Int(top)] = -1
        if !heap.isEmpty { siftDown(0) }
        return top
    }

    /// Gives `rank` (in the heap) a new score and moves it to its new place.
    package mutating func update(_ rank: Int32, score: Float) {
        scores[Int(rank)] = score
        let index = Int(position[Int(rank)])
        siftUp(index)
        siftDown(Int(position[Int(rank)]))
    }

    /// Empties the heap; scores stay.
    package mutating func removeAll() {
        for rank in heap { position[Int(rank)] = -1 }
        heap.removeAll(keepingCapacity: true)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var best = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count && precedes(heap[left], heap[best]) { best = left }
            if right < heap.count && precedes(heap[right], heap[best]) { best = right }
            if best == parent { return }
            swapAt(parent, best)
            parent = best
        }
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        position[Int(heap[i])] = Int32(truncatingIfNeeded: i)
        position[Int(heap[j])] = Int32(truncatingIfNeeded: j)
    }

    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let scoreA = scores[Int(a)], scoreB = scores[Int(b)]
        return scoreA > scoreB || (scoreA == scoreB && tieBreak[Int(a)] < tieBreak[Int(b)])
    }
}
