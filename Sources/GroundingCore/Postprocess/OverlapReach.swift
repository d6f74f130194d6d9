/// Necessary conditions for a box to overlap a query box by more than a threshold, from
/// ``OverlapMetric/reach(of:area:threshold:)``: the spatial index skips any box that fails them.
///
/// Size bounds are exclusive: a box overlaps only if its width is strictly inside `widths`, and
/// likewise for heights and areas. Its intersection with the query box must be wider than
/// `margins.x` and taller than `margins.y`.
package struct OverlapReach {
    /// Exclusive bounds on the width.
    package var widths: (lower: Double, upper: Double)
    /// Exclusive bounds on the height.
    package var heights: (lower: Double, upper: Double)
    /// Exclusive bounds on the area.
    package var areas: (lower: Double, upper: Double)
    /// The least width and height of the intersection.
    package var margins: (x: Double, y: Double)

    /// Any positive intersection: no bound beyond a non-empty box.
    package init(widths: (Double, Double) = (0, .infinity), heights: (Double, Double) = (0, .infinity),
                 areas: (Double, Double) = (0, .infinity), margins: (Double, Double) = (0, 0)) {
        self.widths = widths
        self.heights = heights
        self.areas = areas
        self.margins = margins
    }
}
