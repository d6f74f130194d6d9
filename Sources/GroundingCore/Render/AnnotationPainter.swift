import GroundingImageIO

/// Draws the parts of an annotation with the sizes of one image.
struct AnnotationPainter {
    let canvas: Canvas
    let metrics: RenderMetrics
    let font = BitmapFont.standard

    /// Coordinates are clamped to ±2²⁴ before conversion: far beyond any image (so nothing
    /// visible changes) and well inside `Int`, where converting a huge `Float` would trap.
    private static let coordinateLimit: Float = 16_777_216

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
        guard let (cx, cy) = centre(of: point) else { return }
        let r = metrics.pointRadius
        canvas.fillDisc(cx: cx, cy: cy, radius: r + metrics.ringWidth + metrics.edgeWidth, color: RGBPixel(red: 0, green: 0, blue: 0))
        canvas.fillDisc(cx: cx, cy: cy, radius: r + metrics.ringWidth, color: RGBPixel(red: 255, green: 255, blue: 255))
        canvas.fillDisc(cx: cx, cy: cy, radius: r, color: color)
    }

    /// The size of the tag that shows `text`: the text with a little padding around it.
    func tagSize(_ text: String) -> (width: Int, height: Int) {
        let scale = metrics.textScale
        return (font.textWidth(text, scale: scale) + 4 * scale, font.glyphHeight * scale + 2 * scale)
    }

    /// The pixel a point lies in (the one whose top-left corner is (⌊x⌋, ⌊y⌋)); `nil` when
    /// the point is not finite.
    private func centre(of point: AnnotationPoint) -> (x: Int, y: Int)? {
        guard point.x.isFinite, point.y.isFinite else { return nil }
        return (Self.pixel(point.x.rounded(.down)), Self.pixel(point.y.rounded(.down)))
    }

    /// The square a point marker covers, ring and edge included.
    func markerEdges(at point: AnnotationPoint) -> PixelEdges? {
        guard let (cx, cy) = centre(of: point) else { return nil }
        let r = metrics.pointRadius + metrics.ringWidth + metrics.edgeWidth
        return PixelEdges(left: cx - r, top: cy - r, right: cx + r + 1, bottom: cy + r + 1)
    }

    /// Draws `text` on a tag filled with `color` at `spot` (of ``tagSize(_:)``).
    func tag(_ text: String, at spot: PixelEdges, color: RGBPixel) {
        let scale = metrics.textScale
        canvas.fill(x0: spot.left, y0: spot.top, x1: spot.right, y1: spot.bottom, color: color)
        canvas.drawText(text, x: spot.left + 2 * scale, y: spot.top + scale, scale: scale, color: Palette.textColor(on: color))
    }

    /// Draws a legend panel: a semi-opaque dark background, then per row a swatch of the
    /// layer's colour and the text in white.
    func legend(_ panel: Legend.Panel) {
        let f = panel.frame, geometry = Legend.Geometry(scale: panel.scale, font: font)
        canvas.blend(x0: f.left, y0: f.top, x1: f.right, y1: f.bottom, color: RGBPixel(red: 16, green: 16, blue: 16), alpha: 176)
        for (index, row) in panel.rows.enumerated() {
            let (x, y) = panel.origin(ofRow: index, font: font)
            if y >= canvas.height { break }
            canvas.fill(x0: x, y0: y + geometry.swatchTop, x1: x + geometry.swatch, y1: y + geometry.swatchTop + geometry.swatch,
                        color: row.color)
            canvas.drawText(row.text, x: x + geometry.swatch + geometry.swatchGap, y: y, scale: panel.scale,
                            color: RGBPixel(red: 255, green: 255, blue: 255))
        }
    }
}
