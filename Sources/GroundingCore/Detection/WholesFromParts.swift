/// Wholes known by a part another model finds (``WholeMark``: a person's face): the parts are
/// paired one to one with the wholes found, and each part left over stands for a whole the
/// whole's own model missed, with the box its mark gives it.
///
/// ```swift
/// let missed = WholesFromParts.unpaired(parts: faces, wholes: people, mark: .faceOfPerson,
///                                       width: 1024, height: 705)
/// ```
public enum WholesFromParts {
    /// The indices of the `wholes` whose square of `scale` times their longer side (the square
    /// the part's model would look in) reaches another whole: where one may hide another, and so
    /// where the part's model is worth a look. A whole its own model missed in the open is rare,
    /// and a look around every whole found costs a region each (a 12 MP beach with nine people
    /// found, most of them far apart, needs a few looks, not nine).
    public static func crowded(_ wholes: [BoundingBox], scale: Float) -> [Int] {
        wholes.indices.filter { index in
            let square = wholes[index].square(scale: scale)
            return wholes.indices.contains { $0 != index && wholes[$0].intersectionArea(with: square) > 0 }
        }
    }

    /// The (whole, part) index pairs: a part pairs with a whole whose box holds the part's
    /// centre no lower than ``WholeMark/lowestCentre`` and is at least as wide as the part;
    /// pairs whose part lies closest to the mark's ``WholeMark/anchor`` (in the whole's widths
    /// and heights) are made first, each whole and part in one pair at most.
    public static func pairs(parts: [BoundingBox], wholes: [BoundingBox], mark: WholeMark) -> [(whole: Int, part: Int)] {
        var candidates = candidates(parts: parts, wholes: wholes, mark: mark)
        // Ties broken by index, so the pairs do not depend on the sort's stability.
        candidates.sort { ($0.distance, $0.whole, $0.part) < ($1.distance, $1.whole, $1.part) }
        var pairedWholes = Set<Int>(), pairedParts = Set<Int>(), pairs: [(whole: Int, part: Int)] = []
        for candidate in candidates where !pairedWholes.contains(candidate.whole) && !pairedParts.contains(candidate.part) {
            pairedWholes.insert(candidate.whole)
            pairedParts.insert(candidate.part)
            pairs.append((candidate.whole, candidate.part))
        }
        return pairs
    }

    /// The indices of the `parts` on whose being real ``unpaired(parts:wholes:mark:width:height:)``
    /// depends: a part that can pair with no whole, and a part that can pair with a whole another
    /// part can pair with too. Any other part pairs with one of its wholes if it is kept and adds
    /// no whole if it is dropped, and the pairs elsewhere are the same either way (a pair is made
    /// only against parts and wholes linked to it): a second look that only tells real parts from
    /// false ones can skip it without changing which wholes are found.
    public static func decisive(parts: [BoundingBox], wholes: [BoundingBox], mark: WholeMark) -> [Int] {
        let candidates = candidates(parts: parts, wholes: wholes, mark: mark)
        var partsOfWhole = [Int](repeating: 0, count: wholes.count)
        for candidate in candidates { partsOfWhole[candidate.whole] += 1 }
        var settled = [Bool](repeating: false, count: parts.count)
        for candidate in candidates { settled[candidate.part] = true }
        for candidate in candidates where partsOfWhole[candidate.whole] > 1 { settled[candidate.part] = false }
        return parts.indices.filter { !settled[$0] }
    }

    /// A pair that may be made: the part's distance from the whole's anchor, and their indices.
    private typealias Candidate = (distance: Float, whole: Int, part: Int)

    /// Every (whole, part) pair that may be made (``pairs(parts:wholes:mark:)``), with the part's
    /// distance from the mark's anchor, in the whole's widths and heights.
    private static func candidates(parts: [BoundingBox], wholes: [BoundingBox], mark: WholeMark) -> [Candidate] {
        var candidates: [Candidate] = []
        for (w, whole) in wholes.enumerated() where whole.width > 0 && whole.height > 0 {
            let anchorX = whole.x1 + mark.anchor.x * whole.width, anchorY = whole.y1 + mark.anchor.y * whole.height
            for (p, part) in parts.enumerated() where part.width > 0 && part.height > 0 {
                let (x, y) = part.center
                guard whole.contains(x: x, y: y), y <= whole.y1 + mark.lowestCentre * whole.height,
                      part.width <= whole.width else { continue }
                candidates.append((abs(x - anchorX) / whole.width + abs(y - anchorY) / whole.height, w, p))
            }
        }
        return candidates
    }

    /// The wholes only `parts` show: for each part no whole in `wholes` pairs with
    /// (``pairs(parts:wholes:mark:)``), its index and the box `mark` gives a whole seen only by its
    /// part (``WholeMark/extent``), cut to `width × height`.
    ///
    /// The box covers what the part shows of its whole and no more. A whole the part's model
    /// found but the whole's model did not is most often hidden behind others, so the reach of
    /// the wholes that were found (a front row's whole bodies) would overstate it.
    public static func unpaired(parts: [BoundingBox], wholes: [BoundingBox], mark: WholeMark,
                                width: Float, height: Float) -> [(part: Int, box: BoundingBox)] {
        let paired = Set(pairs(parts: parts, wholes: wholes, mark: mark).map(\.part))
        return parts.indices.filter { !paired.contains($0) && parts[$0].width > 0 && parts[$0].height > 0 }.map {
            ($0, mark.wholeBox(around: parts[$0]).clipped(width: width, height: height))
        }
    }
}
