/// The detections that pass a score threshold, in the order every greedy postprocess visits them:
/// score descending, ties in input order (a stable sort, as OpenCV's `NMSBoxes` uses), and split
/// into one group per class when suppression is class-aware.
///
/// Position in that order is a detection's *rank*; everything downstream works on ranks.
package struct RankedBoxes {
    /// The input index of the detection at each rank.
    package private(set) var source: [Int32] = []
    /// The box at each rank as `x1, y1, x2, y2` in `Double`, the precision OpenCV uses for `Rect2d`.
    package private(set) var corners: [SIMD4<Double>] = []
    /// The area at each rank; zero for empty or inverted boxes.
    package private(set) var areas: [Double] = []
    /// Ranks grouped by class (one group when class-agnostic), ascending inside each group.
    package private(set) var groupedRanks: [Int32] = []
    /// The slices of ``groupedRanks`` that form each group.
    package private(set) var groups: [Range<Int>] = []

    /// Checks every detection (NaN or infinite scores and coordinates are rejected, naming the
    /// index) and ranks those scoring strictly more than `scoreThreshold`.
    package init(_ detections: [Detection], scoreThreshold: Float, classAware: Bool) throws(PostprocessError) {
        guard detections.count <= Int(Int32.max) else { throw .tooManyDetections(detections.count) }
        var keys: [UInt32] = [], indices: [Int32] = []
        keys.reserveCapacity(detections.count)
        indices.reserveCapacity(detections.count)
        for (index, detection) in detections.enumerated() {
            if detection.score.isNaN { throw .nanScore(index: index) }
            if detection.score.isInfinite { throw .infiniteScore(index: index) }
            let box = detection.box
            guard box.x1.isFinite, box.y1.isFinite, box.x2.isFinite, box.y2.isFinite else {
                throw .nonFiniteBox(index: index)
            }
            if detection.score > scoreThreshold {
                keys.append(Self.descendingKey(detection.score))
                indices.append(Int32(truncatingIfNeeded: index))
            }
        }
        Self.radixSort(&keys, carrying: &indices)

        let count = keys.count
        corners.reserveCapacity(count)
        areas.reserveCapacity(count)
        source = indices
        for index in indices {
            let box = detections[Int(index)].box
            let corner = SIMD4(Double(box.x1), Double(box.y1), Double(box.x2), Double(box.y2))
            corners.append(corner)
            areas.append(max(0, corner.z - corner.x) * max(0, corner.w - corner.y))
        }

        guard classAware else {
            groupedRanks = Array(0..<Int32(truncatingIfNeeded: count))
            groups = count > 0 ? [0..<count] : []
            return
        }
        // A counting sort by class keeps ranks ascending inside each class.
        var groupOfClass: [Int: Int] = [:]
        var groupOfRank = [Int](repeating: 0, count: count)
        var sizes: [Int] = []
        for rank in 0..<count {
            let classIndex = detections[Int(source[rank])].classIndex
            let group = groupOfClass[classIndex] ?? {
                sizes.append(0)
                groupOfClass[classIndex] = sizes.count - 1
                return sizes.count - 1
            }()
            groupOfRank[rank] = group
            sizes[group] += 1
        }
        var starts: [Int] = []
        starts.reserveCapacity(sizes.count)
        var start = 0
        for size in sizes {
            starts.append(start)
            groups.append(start..<start + size)
            start += size
        }
        groupedRanks = [Int32](repeating: 0, count: count)
        for rank in 0..<count {
            let group = groupOfRank[rank]
            groupedRanks[starts[group]] = Int32(truncatingIfNeeded: rank)
            starts[group] += 1
        }
    }

    /// Number of ranked detections.
    package var count: Int { source.count }

    /// Sorts `keys` ascending and applies the same permutation to `values`, stably: equal keys
    /// keep their order. Three counting passes of 11 bits; far quicker than a comparison sort on
    /// 100 000 scores.
    private static func radixSort(_ keys: inout [UInt32], carrying values: inout [Int32]) {
        let count = keys.count
        guard count > 1 else { return }
        var spareKeys = [UInt32](repeating: 0, count: count)
        var spareValues = [Int32](repeating: 0, count: count)
        var offsets = [Int](repeating: 0, count: 2048)
        for shift: UInt32 in [0, 11, 22] {
            for index in offsets.indices { offsets[index] = 0 }
            for key in keys { offsets[Int((key >> shift) & 2047)] += 1 }
            var total = 0
            for index in offsets.indices {
                let size = offsets[index]
                offsets[index] = total
                total += size
            }
            for position in 0..<count {
                let digit = Int((keys[position] >> shift) & 2047)
                spareKeys[offsets[digit]] = keys[position]
                spareValues[offsets[digit]] = values[position]
                offsets[digit] += 1
            }
            swap(&keys, &spareKeys)
            swap(&values, &spareValues)
        }
    }

    /// A key whose ascending order is the descending order of `score`. Maps -0 to +0 first so
    /// that the two zeros tie, as they do for OpenCV's `>` comparison.
    private static func descendingKey(_ score: Float) -> UInt32 {
        let bits = (score + 0).bitPattern
        let ascending = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return ~ascending
    }
}
