import GroundingImageIO

/// The scores of one rectangle of a ``CorrelationMap``'s positions: the best NCC per position
/// and the template that gave it, −1 where nothing scored or nothing was computed.
struct CorrelationBlock: Sendable {
    /// The positions, in map coordinates.
    let rect: PixelRect
    /// Best score per position, row by row.
    var scores: [Float]
    /// The template that scored best per position.
    var bestTemplates: [Int32]

    /// Adds to `candidates` the positions of `inner` scoring at least `threshold` that are maxima
    /// of their 3×3 neighbourhood, in map coordinates.
    ///
    /// - Precondition: `inner` lies in ``rect``, and ``rect`` holds every map position next to
    ///   `inner` (it is `inner` grown by one, cut to the map), so that a block's maxima are the
    ///   whole map's maxima there.
    func addLocalMaxima(in inner: PixelRect, threshold: Float, to candidates: inout PeakCandidates) {
        precondition(rect.contains(inner), "\(inner) is not inside the block \(rect)")
        let width = rect.width, height = rect.height
        scores.withUnsafeBufferPointer { s in
            for y in inner.y - rect.y..<inner.y - rect.y + inner.height {
                for x in inner.x - rect.x..<inner.x - rect.x + inner.width {
                    let value = s[y * width + x]
                    guard value >= threshold else { continue }
                    var isMaximum = true
                    for ny in max(0, y - 1)...min(height - 1, y + 1) where isMaximum {
                        for nx in max(0, x - 1)...min(width - 1, x + 1) where s[ny * width + nx] > value {
                            isMaximum = false
                        }
                    }
                    if isMaximum {
                        candidates.add(ResponsePeak(x: rect.x + x, y: rect.y + y, score: value,
                                                   template: Int(bestTemplates[y * width + x])))
                    }
                }
            }
        }
    }
}
