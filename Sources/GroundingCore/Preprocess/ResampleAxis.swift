/// The resampling weights of one axis: output sample `i` is
/// `Σ weights[tapOffsets[i] + k] · source[starts[i] + k]` for `k` in `0..<tapCount(i)`.
///
/// Built once per resize from the source and target lengths; the same table serves every row
/// (horizontal) or every column (vertical). Each output reads a contiguous run of sources, so
/// the table is also the band of a sparse resampling matrix.
package struct ResampleAxis: Sendable, Hashable {
    /// Source samples along the axis.
    package let sourceCount: Int
    /// Output samples along the axis.
    package let targetCount: Int
    /// The first source sample each output reads.
    package private(set) var starts: [Int] = []
    /// Where each output's weights begin in ``weights``; `targetCount + 1` entries.
    package private(set) var tapOffsets: [Int] = [0]
    /// All weights, output by output.
    package private(set) var weights: [Float] = []

    /// The number of source samples output `i` reads.
    package func tapCount(_ i: Int) -> Int { tapOffsets[i + 1] - tapOffsets[i] }

    /// The weights of `filter`; ``ResampleFilter/automatic`` is resolved by ``Preprocessor``
    /// before it gets here and means bilinear.
    package init(_ filter: ResampleFilter, from sourceCount: Int, to targetCount: Int) {
        switch filter {
        case .area: self.init(areaFrom: sourceCount, to: targetCount)
        case .bilinear, .automatic: self.init(bilinearFrom: sourceCount, to: targetCount)
        }
    }

    /// Linear interpolation at pixel centres, border replicated (OpenCV `INTER_LINEAR`).
    package init(bilinearFrom sourceCount: Int, to targetCount: Int) {
        precondition(sourceCount > 0 && targetCount > 0, "resample lengths must be positive")
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        let scale = Double(sourceCount) / Double(targetCount)
        starts.reserveCapacity(targetCount)
        weights.reserveCapacity(2 * targetCount)
        for dx in 0..<targetCount {
            // Float rounding of the position, as OpenCV does, so both pick the same taps.
            let position = Float((Double(dx) + 0.5) * scale - 0.5)
            var sx = Int(position.rounded(.down))
            var fx = position - Float(sx)
            if sx < 0 { sx = 0; fx = 0 }
            if sx >= sourceCount - 1 { sx = sourceCount - 1; fx = 0 }
            // A zero second weight would read past the last pixel at the border: drop it.
            append(start: sx, fx == 0 ? [1] : [1 - fx, fx])
        }
    }

    /// Coverage-weighted means (OpenCV `INTER_AREA` for downscales).
    ///
    /// Output `dx` covers `[a, b)` with `a = dx · s`, `b = a + s`, `s = source/target`; each
    /// source pixel weighs its overlap with that span divided by the span's length (clipped at
    /// the image's end). Slivers of a thousandth of a pixel or less are skipped, as OpenCV does,
    /// so that rounding in `a` and `b` never adds a tap of negligible weight.
    package init(areaFrom sourceCount: Int, to targetCount: Int) {
        precondition(sourceCount > 0 && targetCount > 0, "resample lengths must be positive")
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        let scale = Double(sourceCount) / Double(targetCount)
        starts.reserveCapacity(targetCount)
        weights.reserveCapacity(sourceCount + 2 * targetCount)
        var taps: [Float] = []
        for dx in 0..<targetCount {
            let a = Double(dx) * scale
            let b = a + scale
            let span = min(scale, Double(sourceCount) - a)
            let lastWhole = min(Int(b.rounded(.down)), sourceCount - 1)
            let firstWhole = min(Int(a.rounded(.up)), lastWhole)
            taps.removeAll(keepingCapacity: true)
            var start = firstWhole
            if Double(firstWhole) - a > 1e-3 {
                start = firstWhole - 1
                taps.append(Float((Double(firstWhole) - a) / span))
            }
            for _ in firstWhole..<lastWhole { taps.append(Float(1 / span)) }
            if b - Double(lastWhole) > 1e-3 {
                taps.append(Float(min(b - Double(lastWhole), 1, span) / span))
            }
            if taps.isEmpty { taps.append(1) }  // a span inside one pixel: that pixel
            append(start: start, taps)
        }
    }

    private mutating func append(start: Int, _ taps: [Float]) {
        starts.append(start)
        weights.append(contentsOf: taps)
        tapOffsets.append(weights.count)
    }
}
