/// One local maximum of a ``CorrelationMap``: where an object like the exemplar is.
struct ResponsePeak: Sendable, Hashable {
    /// Position column in the map.
    var x: Int
    /// Position row in the map.
    var y: Int
    /// The NCC there.
    var score: Float
    /// The template that matched.
    var template: Int

    /// The order peaks are chosen in: higher score first, then top to bottom, left to right.
    static func isStronger(_ a: ResponsePeak, than b: ResponsePeak) -> Bool {
        (a.score, b.y, b.x) > (b.score, a.y, a.x)
    }
}

/// The local maxima of a ``CorrelationMap`` gathered block by block, and the peaks chosen among
/// them (``selected(templates:distance:mapWidth:)``).
///
/// Only the strongest ``capacity`` maxima are kept, so memory is bounded however many positions
/// match. What is chosen is exact all the same for every maximum kept: whether a maximum is
/// chosen depends only on the stronger ones, which are all kept. Only weaker ones than the
/// weakest kept are lost, when there are more than ``capacity``.
struct PeakCandidates {
    /// The most maxima kept.
    let capacity: Int
    /// The maxima so far, at most twice ``capacity``.
    private(set) var maxima: [ResponsePeak] = []

    /// An empty collection that keeps at most `capacity` maxima.
    init(capacity: Int) {
        precondition(capacity > 0, "a peak collection must keep at least one maximum")
        self.capacity = capacity
    }

    /// Adds a maximum.
    mutating func add(_ maximum: ResponsePeak) {
        maxima.append(maximum)
        // Cutting only at twice the capacity keeps the sorting to once per `capacity` additions.
        if maxima.count > 2 * capacity { keepStrongest() }
    }

    /// Sorts the maxima best first and keeps the strongest ``capacity``.
    private mutating func keepStrongest() {
        maxima.sort(by: ResponsePeak.isStronger)
        if maxima.count > capacity { maxima.removeSubrange(capacity...) }
    }

    /// Non-maximum suppression of the response: the maxima best first, skipping any that lies
    /// inside the ellipse of half-axes `distance × template width` across and `distance ×
    /// min(template side)` up and down (of the stronger peak's template) around a stronger chosen
    /// one.
    ///
    /// The reach is tied to the object's size because one object's response is a blob about
    /// half its size across. Side by side, two objects' centres lie about a width apart, so a
    /// long object's reach across is its width: a reach of its height marked a far bison of
    /// bison.png twice, its whole and its head, 26 px apart on a 60 × 33 template. Up and down it
    /// stays the smaller side: an object behind another stands higher in the photo by much less
    /// than its height (the rows of an orchestra; at its height the players found only by
    /// likeness on orchestra.png went from 2 to none).
    mutating func selected(templates: [ExemplarTemplate], distance: Float, mapWidth: Int) -> [ResponsePeak] {
        keepStrongest()
        let reach = { (peak: ResponsePeak) -> (x: Float, y: Float) in
            let template = templates[peak.template]
            return (distance * Float(template.width), distance * Float(min(template.width, template.height)))
        }
        // Chosen peaks bucketed in cells as large as the longest reach (across: the smaller side is
        // never longer than the width), so a check looks at 3×3 cells; only cells holding a peak
        // are stored.
        let cell = max(1, Int(maxima.map { reach($0).x }.max() ?? 1) + 1)
        let columns = mapWidth / cell + 1
        var buckets: [Int: [Int]] = [:]
        var chosen: [ResponsePeak] = []
        for candidate in maxima {
            let cx = candidate.x / cell, cy = candidate.y / cell
            var near = false
            search: for by in max(0, cy - 1)...(cy + 1) {
                for bx in max(0, cx - 1)...min(columns - 1, cx + 1) {
                    for index in buckets[by * columns + bx] ?? [] {
                        let other = chosen[index]
                        let dx = Float(candidate.x - other.x), dy = Float(candidate.y - other.y)
                        let limit = reach(other)
                        if (dx / limit.x) * (dx / limit.x) + (dy / limit.y) * (dy / limit.y) < 1 {
                            near = true
                            break search
                        }
                    }
                }
            }
            if !near {
                buckets[cy * columns + cx, default: []].append(chosen.count)
                chosen.append(candidate)
            }
        }
        return chosen
    }
}
