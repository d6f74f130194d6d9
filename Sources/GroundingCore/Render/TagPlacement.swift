/// Where a box's tag goes: next to its own box, where it hides the least.
///
/// The places tried, in order of preference: above the box, below it, and inside its top, each
/// flush with the box's left edge and then with its right edge (so a tag wider than its box
/// can lean away from a neighbour). Above and below are tried only where the tag fits in the
/// image; every place is moved as needed to stay inside it. The place that hides the least of
/// the other boxes, the point markers and the text already placed (see
/// ``CoverageGrid/hidden(by:besides:)``) wins; ties go to the earlier place.
///
/// ```swift
/// let spot = TagPlacement(width: 64, height: 15, imageWidth: 773, imageHeight: 512).spot(for: box, avoiding: grid)
/// ```
struct TagPlacement {
    /// The tag's size in pixels.
    let width: Int
    let height: Int
    let imageWidth: Int
    let imageHeight: Int

    /// The candidate places for the tag of `box`, in order of preference, inside the image.
    func candidates(for box: PixelEdges) -> [PixelEdges] {
        var tops: [Int] = []
        if box.top - height >= 0 { tops.append(box.top - height) }
        if box.bottom + height <= imageHeight { tops.append(box.bottom) }
        tops.append(box.top)
        let lefts = [box.left, box.right - width]
        var spots: [PixelEdges] = []
        for top in tops {
            for left in lefts {
                let x = max(0, min(left, imageWidth - width)), y = max(0, min(top, imageHeight - height))
                let spot = PixelEdges(left: x, top: y, right: x + width, bottom: y + height)
                if !spots.contains(spot) { spots.append(spot) }
            }
        }
        return spots
    }

    /// The candidate for `box` that hides least in `grid`.
    func spot(for box: PixelEdges, avoiding grid: CoverageGrid) -> PixelEdges {
        var best = box, bestCost = Int.max
        for spot in candidates(for: box) {
            let cost = grid.hidden(by: spot, besides: box)
            if cost < bestCost { (best, bestCost) = (spot, cost) }
            if cost == 0 { break }
        }
        return best
    }
}
