import GroundingImageIO

/// The legend: one row per counted layer, a swatch of its colour then its text
/// (`"horse: 4"`), on a dark panel in a corner of the image.
///
/// It goes to the corner where it hides the least of the boxes and point markers. When every
/// corner would hide some, it shrinks its text (down to half size), then splits its rows over
/// two corners, and takes the first arrangement that hides nothing, or else the one that hides
/// least.
///
/// ```swift
/// let panels = Legend(rows: [.init(text: "horse: 4", color: Palette.color(forLayer: 0))], scale: 2)
///     .placed(width: 773, height: 512, avoiding: grid)
/// ```
struct Legend {
    /// One line of the legend.
    struct Row {
        var text: String
        var color: RGBPixel
    }

    /// Rows drawn together on one panel.
    struct Panel {
        var rows: ArraySlice<Row>
        /// The panel's rectangle.
        var frame: PixelEdges
        /// Font magnification of its text.
        var scale: Int

        /// Top-left of row `index`'s swatch and text.
        func origin(ofRow index: Int, font: BitmapFont) -> (x: Int, y: Int) {
            let geometry = Geometry(scale: scale, font: font)
            return (frame.left + geometry.padding,
                    frame.top + geometry.padding + index * (geometry.rowHeight + geometry.rowGap))
        }
    }

    /// Sizes at one scale, in pixels.
    struct Geometry {
        let margin, padding, rowGap, rowHeight, swatch, swatchTop, swatchGap: Int

        init(scale: Int, font: BitmapFont) {
            margin = 4 * scale
            padding = 4 * scale
            rowGap = 3 * scale
            rowHeight = font.glyphHeight * scale
            // The swatch spans the font's capital height: rows 2 to 10 of the 13-row cell.
            swatch = 9 * scale
            swatchTop = 2 * scale
            swatchGap = 4 * scale
        }
    }

    let rows: [Row]
    /// The text scale the legend prefers (the image's).
    let scale: Int
    let font = BitmapFont.standard

    /// The panels to draw, placed on a `width × height` image so that they hide the least of
    /// what `grid` covers; none when there are no rows.
    func placed(width: Int, height: Int, avoiding grid: CoverageGrid) -> [Panel] {
        guard !rows.isEmpty else { return [] }
        let scales = Array(stride(from: scale, through: max(1, (scale + 1) / 2), by: -1))
        let halves = [rows[..<((rows.count + 1) / 2)], rows[((rows.count + 1) / 2)...]]
        // Arrangements in order of preference: whole at full size, whole at smaller sizes, then
        // split in two at full size and smaller.
        var arrangements: [[Panel]] = []
        for scale in scales {
            for corner in Corner.allCases {
                arrangements.append([panel(rows[...], at: corner, scale: scale, width: width, height: height)])
            }
        }
        if rows.count > 1 {
            for scale in scales {
                for first in Corner.allCases {
                    for second in Corner.allCases where second != first {
                        arrangements.append([panel(halves[0], at: first, scale: scale, width: width, height: height),
                                             panel(halves[1], at: second, scale: scale, width: width, height: height)])
                    }
                }
            }
        }
        var best = arrangements[0], bestCost = Int.max
        for arrangement in arrangements {
            let cost = hidden(by: arrangement, width: width, height: height, grid: grid)
            if cost < bestCost { (best, bestCost) = (arrangement, cost) }
            if cost == 0 { break }
        }
        return best
    }

    /// The four corners, in order of preference.
    private enum Corner: CaseIterable {
        case topLeft, topRight, bottomLeft, bottomRight
    }

    private func panel(_ rows: ArraySlice<Row>, at corner: Corner, scale: Int, width: Int, height: Int) -> Panel {
        let geometry = Geometry(scale: scale, font: font)
        let textWidth = rows.map { font.textWidth($0.text, scale: scale) }.max() ?? 0
        let panelWidth = 2 * geometry.padding + geometry.swatch + geometry.swatchGap + textWidth
        let panelHeight = 2 * geometry.padding + rows.count * geometry.rowHeight + (rows.count - 1) * geometry.rowGap
        let left = corner == .topLeft || corner == .bottomLeft
            ? geometry.margin : max(0, width - geometry.margin - panelWidth)
        let top = corner == .topLeft || corner == .topRight
            ? geometry.margin : max(0, height - geometry.margin - panelHeight)
        return Panel(rows: rows, frame: PixelEdges(left: left, top: top, right: left + panelWidth, bottom: top + panelHeight),
                     scale: scale)
    }

    /// What an arrangement hides: the boxes and markers under its panels, plus, weighted as
    /// heavily as text on text, the parts of panels that overlap each other or leave the image.
    private func hidden(by panels: [Panel], width: Int, height: Int, grid: CoverageGrid) -> Int {
        let cellArea = grid.cell * grid.cell
        var cost = 0
        for (index, panel) in panels.enumerated() {
            cost += grid.coverage(of: panel.frame)
            let inside = panel.frame.intersection(PixelEdges(left: 0, top: 0, right: width, bottom: height))
            cost += CoverageGrid.textWeight * (panel.frame.area - inside.area + cellArea - 1) / cellArea
            for other in panels[(index + 1)...] {
                cost += CoverageGrid.textWeight * (panel.frame.intersection(other.frame).area + cellArea - 1) / cellArea
            }
        }
        return cost
    }
}
