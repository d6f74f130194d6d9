/// Draws the parts of an annotation with the sizes of one image.
struct AnnotationPainter {
    let canvas: Canvas
    let metrics: RenderMetrics
    let font = BitmapFont.standard

    /// Coordinates are clamped to ±2²⁴ before conversion: far beyond any image (so nothing
    /// visible changes) and well inside `Int`, where converting a huge `Float` would trap.
    private static let coordinateLimit: Float = 16_777_216

    /// How many of the most recently placed tags a new tag avoids covering.
    static let avoidedTagLimit = 256

    private static func pixel(_ value: Float) -> Int {
        Int(min(max(value, -coordinateLimit), coordinateLimit).rounded())
    }

    /// The pixel rectangle of `box` (corners in any order), or `nil` when it is not finite or
    /// does not touch the image.
    func visibleEdges(of box: BoundingBox) -> PixelEdges? {
        guard box.x1.isFinite, box.y1.isFinite, box.x2.isFinite, box.y2.isFinite else { return nil }
        let left = Self.pixel(min(box.x1, box.x2)), top = Self.pixel(min(box.y1, box.y2))
        // A box thinner than a pixel still gets one pixel, so it stays visible.
        let right = max(Self.pixel(max(box.x1, box.x2)), left + 1)
        let bottom = max(Self.pixel(max(box.y1, box.y2)), top + 1)
        guard right > 0, bottom > 0, left < canvas.width, top < canvas.height else { return nil }
        return PixelEdges(left: left, top: top, right: right, bottom: bottom)
    }

    /// Strokes the outline inside the box's edges, solid or dashed.
    func outline(_ e: PixelEdges, color: RGBPixel, dashed: Bool) {
        let w = metrics.lineWidth
        guard dashed else {
            canvas.fill(x0: e.left, y0: e.top, x1: e.right, y1: e.top + w, color: color)
            canvas.fill(x0: e.left, y0: e.bottom - w, x1: e.right, y1: e.bottom, color: color)
            canvas.fill(x0: e.left, y0: e.top, x1: e.left + w, y1: e.bottom, color: color)
            canvas.fill(x0: e.right - w, y0: e.top, x1: e.right, y1: e.bottom, color: color)
            return
        }
        forEachDash(from: e.left, to: e.right, visibleUpTo: canvas.width) { start, end in
            canvas.fill(x0: start, y0: e.top, x1: end, y1: e.top + w, color: color)
            canvas.fill(x0: start, y0: e.bottom - w, x1: end, y1: e.bottom, color: color)
        }
        forEachDash(from: e.top, to: e.bottom, visibleUpTo: canvas.height) { start, end in
            canvas.fill(x0: e.left, y0: start, x1: e.left + w, y1: end, color: color)
            canvas.fill(x0: e.right - w, y0: start, x1: e.right, y1: end, color: color)
        }
    }

    /// Calls `body` with each dash `start..<end` of a dashed line over `from..<to` that can be
    /// visible in `0..<visibleUpTo`. The dashes are spread so that the line starts and ends
    /// with one (corners stay solid), and invisible ones are skipped arithmetically, so a huge
    /// box costs no more than one the size of the image.
    private func forEachDash(from: Int, to: Int, visibleUpTo limit: Int, _ body: (Int, Int) -> Void) {
        let dash = metrics.dashLength, period = metrics.dashLength + metrics.dashGap
        let length = to - from
        guard length > period + dash else { return body(from, to) }
        let count = max(2, (length + metrics.dashGap + period / 2) / period)
        let span = length - dash  // from the first dash's start to the last one's
        // Dash i starts at from + i·span/(count − 1), so every dash before
        // i = (−from − dash)·(count − 1)/span − 1 ends left of 0 and can be skipped.
        var i = max(0, (-from - dash) * (count - 1) / span - 1)
        while i < count {
            let start = from + i * span / (count - 1)
            if start >= limit { break }
            body(start, start + dash)
            i += 1
        }
    }

    /// Draws a point marker: a disc in `color` inside a white ring inside a black edge, so it
    /// stands out on light and dark backgrounds alike.
    func marker(at point: AnnotationPoint, color: RGBPixel) {
        guard point.x.isFinite, point.y.isFinite else { return }
        // The point lies in the pixel whose top-left corner is (floor x, floor y).
        let cx = Self.pixel(point.x.rounded(.down)), cy = Self.pixel(point.y.rounded(.down))
        let r = metrics.pointRadius
        canvas.fillDisc(cx: cx, cy: cy, radius: r + metrics.ringWidth + metrics.edgeWidth, color: RGBPixel(red: 0, green: 0, blue: 0))
        canvas.fillDisc(cx: cx, cy: cy, radius: r + metrics.ringWidth, color: RGBPixel(red: 255, green: 255, blue: 255))
        canvas.fillDisc(cx: cx, cy: cy, radius: r, color: color)
    }

    /// Draws `text` on a filled tag in `color` at the box's top-left corner and returns where.
    ///
    /// The tag goes above the box; if there is no room there or it would cover an earlier tag
    /// in `placed` (of the latest ``avoidedTagLimit``), just inside the box's top, then below the box, then inside its bottom (the
    /// first free place; above when none is). It is moved as needed to stay inside the image.
    func tag(_ text: String, on e: PixelEdges, color: RGBPixel, avoiding placed: [PixelEdges]) -> PixelEdges {
        let scale = metrics.textScale
        let padX = 2 * scale, padY = scale
        let width = font.textWidth(text, scale: scale) + 2 * padX
        let height = font.glyphHeight * scale + 2 * padY
        let x = max(0, min(e.left, canvas.width - width))
        var tops = [e.top, e.bottom - height]
        if e.bottom + height <= canvas.height { tops.insert(e.bottom, at: 1) }
        if e.top - height >= 0 { tops.insert(e.top - height, at: 0) }
        let candidates = tops.map { top in
            let y = max(0, min(top, canvas.height - height))
            return PixelEdges(left: x, top: y, right: x + width, bottom: y + height)
        }
        // Only the latest tags are avoided, so thousands of boxes cost linear, not quadratic, time.
        let recent = placed.suffix(Self.avoidedTagLimit)
        let spot = candidates.first { spot in !recent.contains { $0.overlaps(spot) } } ?? candidates[0]
        canvas.fill(x0: spot.left, y0: spot.top, x1: spot.right, y1: spot.bottom, color: color)
        canvas.drawText(text, x: spot.left + padX, y: spot.top + padY, scale: scale, color: Palette.textColor(on: color))
        return spot
    }

    /// Draws one row per `(text, color)` on a semi-opaque dark panel in the top-left corner:
    /// a swatch of the layer's colour, then the text in white.
    func countPanel(_ rows: [(text: String, color: RGBPixel)]) {
        guard !rows.isEmpty else { return }
        let scale = metrics.textScale
        let margin = 4 * scale, padding = 4 * scale, rowGap = 3 * scale
        let rowHeight = font.glyphHeight * scale
        // The swatch spans the font's capital height: rows 2 to 10 of the 13-row cell.
        let swatch = 9 * scale, swatchTop = 2 * scale, swatchGap = 4 * scale
        let textWidth = rows.map { font.textWidth($0.text, scale: scale) }.max() ?? 0
        let width = padding + swatch + swatchGap + textWidth + padding
        let height = padding + rows.count * rowHeight + (rows.count - 1) * rowGap + padding
        canvas.blend(x0: margin, y0: margin, x1: margin + width, y1: margin + height,
                     color: RGBPixel(red: 16, green: 16, blue: 16), alpha: 176)
        var y = margin + padding
        for row in rows where y < canvas.height {
            let x = margin + padding
            canvas.fill(x0: x, y0: y + swatchTop, x1: x + swatch, y1: y + swatchTop + swatch, color: row.color)
            canvas.drawText(row.text, x: x + swatch + swatchGap, y: y, scale: scale, color: RGBPixel(red: 255, green: 255, blue: 255))
            y += rowHeight + rowGap
        }
    }
}

/// A box snapped to whole pixels: columns `left..<right`, rows `top..<bottom`, never empty.
/// Edges rather than a ``PixelRect``'s origin and size, because outlines are drawn from edges.
struct PixelEdges {
    var left: Int
    var top: Int
    var right: Int
    var bottom: Int

    /// True when the two rectangles share at least one pixel.
    func overlaps(_ other: PixelEdges) -> Bool {
        left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
}
