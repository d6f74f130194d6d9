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
}

extension CorrelationMap {
    /// Non-maximum suppression of the response: the positions scoring at least `threshold`
    /// that are maxima of their 3×3 neighbourhood, best first, skipping any closer than
    /// `distance × min(template side)` (of the stronger peak's template) to a stronger kept one.
    ///
    /// The minimum distance is tied to the object's size because one object's response is a
    /// blob about half its size wide; two objects' centres are at least about a side apart.
    func peaks(threshold: Float, templates: [ExemplarTemplate], distance: Float) -> [ResponsePeak] {
        var candidates: [ResponsePeak] = []
        scores.withUnsafeBufferPointer { s in
            for y in 0..<height {
                for x in 0..<width {
                    let value = s[y * width + x]
                    guard value >= threshold else { continue }
                    var isMaximum = true
                    for ny in max(0, y - 1)...min(height - 1, y + 1) where isMaximum {
                        for nx in max(0, x - 1)...min(width - 1, x + 1) where s[ny * width + nx] > value {
                            isMaximum = false
                        }
                    }
                    if isMaximum {
                        candidates.append(ResponsePeak(x: x, y: y, score: value, template: Int(bestTemplates[y * width + x])))
                    }
                }
            }
        }
        candidates.sort { ($0.score, $1.y, $1.x) > ($1.score, $0.y, $0.x) }

        // Kept peaks bucketed in cells as large as the longest reach, so a check looks at 3×3 cells.
        let reach = { (peak: ResponsePeak) -> Float in
            distance * Float(min(templates[peak.template].width, templates[peak.template].height))
        }
        let cell = max(1, Int(candidates.map(reach).max() ?? 1) + 1)
        let columns = width / cell + 1
        var buckets: [[Int]] = Array(repeating: [], count: columns * (height / cell + 1))
        var kept: [ResponsePeak] = []
        for candidate in candidates {
            let cx = candidate.x / cell, cy = candidate.y / cell
            var near = false
            for by in max(0, cy - 1)...(cy + 1) where !near && by * columns < buckets.count {
                for bx in max(0, cx - 1)...min(columns - 1, cx + 1) where !near {
                    for index in buckets[by * columns + bx] {
                        let other = kept[index]
                        let dx = Float(candidate.x - other.x), dy = Float(candidate.y - other.y)
                        let limit = reach(other)
                        if dx * dx + dy * dy < limit * limit {
                            near = true
                            break
                        }
                    }
                }
            }
            if !near {
                buckets[cy * columns + cx].append(kept.count)
                kept.append(candidate)
            }
        }
        return kept
    }
}
