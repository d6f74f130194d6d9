import Testing
import Grounding

private let grey = RGBPixel(red: 128, green: 128, blue: 128)
private let white = RGBPixel(red: 255, green: 255, blue: 255)
private let black = RGBPixel(red: 0, green: 0, blue: 0)

/// 400 × 300 mid-grey: the default line width there is 2 px.
private func greyImage(width: Int = 400, height: Int = 300) -> RGBImage {
    RGBImage(width: width, height: height, filledWith: grey)
}

/// A diagonal colour gradient, so that every pixel differs from its neighbours.
private func gradientImage(width: Int, height: Int) -> RGBImage {
    var image = RGBImage(width: width, height: height)
    for y in 0..<height {
        for x in 0..<width {
            image[x, y] = RGBPixel(red: UInt8(x * 255 / max(width - 1, 1)), green: UInt8(y * 255 / max(height - 1, 1)),
                                   blue: UInt8((x + y) % 256))
        }
    }
    return image
}

/// True when every pixel of columns `xs`, rows `ys` is the same in both images.
private func unchanged(_ a: RGBImage, _ b: RGBImage, xs: Range<Int>, ys: Range<Int>) -> Bool {
    ys.allSatisfy { y in xs.allSatisfy { x in a[x, y] == b[x, y] } }
}

private let boxesOnly = RenderOptions(drawsTags: false, drawsPoints: false, drawsCountBadges: false)

@Suite struct RenderBoxTests {
    @Test func outlineHasLayerColourAndThicknessAndLeavesInteriorAlone() {
        let image = greyImage()
        let layer = AnnotationLayer(label: "horse", boxes: [LabeledBox(BoundingBox(x1: 100, y1: 120, x2: 300, y2: 250), tag: "horse 0.93")])
        let out = renderAnnotations(on: image, layers: [layer])
        let color = Palette.color(forLayer: 0)
        let width = RenderMetrics(width: 400, height: 300, options: RenderOptions()).lineWidth
        #expect(width == 2)
        for x in [110, 200, 290] {
            #expect((120..<122).allSatisfy { out[x, $0] == color }, "top edge at x = \(x)")
            #expect((248..<250).allSatisfy { out[x, $0] == color }, "bottom edge at x = \(x)")
            #expect(out[x, 122] == grey && out[x, 247] == grey && out[x, 250] == grey)
        }
        for y in [130, 185, 240] {
            #expect((100..<102).allSatisfy { out[$0, y] == color }, "left edge at y = \(y)")
            #expect((298..<300).allSatisfy { out[$0, y] == color }, "right edge at y = \(y)")
            #expect(out[99, y] == grey && out[102, y] == grey && out[297, y] == grey && out[300, y] == grey)
        }
        // The tag sits above the box, so the whole interior is untouched.
        #expect(unchanged(out, image, xs: 102..<298, ys: 122..<248))
        #expect(out[100, 110] == color && out[100, 100] == grey, "tag fills the rows just above the box")
    }

    @Test func layersGetDifferentColours() {
        let layers = [AnnotationLayer(label: "horse", boxes: [LabeledBox(BoundingBox(x1: 10, y1: 10, x2: 100, y2: 100))]),
                      AnnotationLayer(label: "person", boxes: [LabeledBox(BoundingBox(x1: 200, y1: 10, x2: 300, y2: 100))])]
        let out = renderAnnotations(on: greyImage(), layers: layers, options: boxesOnly)
        #expect(out[50, 10] == Palette.color(forLayer: 0))
        #expect(out[250, 10] == Palette.color(forLayer: 1))
        #expect(out[50, 10] != out[250, 10])
    }

    @Test func exemplarOutlineIsDashed() {
        let box = LabeledBox(BoundingBox(x1: 20, y1: 20, x2: 380, y2: 280))
        let solid = renderAnnotations(on: greyImage(), layers: [AnnotationLayer(label: "kite", boxes: [box])], options: boxesOnly)
        let dashed = renderAnnotations(on: greyImage(), layers: [AnnotationLayer(label: "kite", boxes: [box], style: .exemplar)],
                                       options: boxesOnly)
        let color = Palette.color(forLayer: 0)
        let solidTop = (20..<380).map { solid[$0, 20] }, dashedTop = (20..<380).map { dashed[$0, 20] }
        #expect(solidTop.allSatisfy { $0 == color })
        #expect(dashedTop.contains(color) && dashedTop.contains(grey))
        #expect(dashed[20, 20] == color, "dashes start at the corner")
        #expect(unchanged(dashed, greyImage(), xs: 22..<378, ys: 22..<278))

        // A box far wider than the image: the dashes skipped off-image leave no hole at the left.
        let wide = renderAnnotations(on: greyImage(), layers: [AnnotationLayer(label: "kite", boxes: [LabeledBox(BoundingBox(x1: -100_003, y1: 20, x2: 100_000, y2: 280))],
                                                                                style: .exemplar)], options: boxesOnly)
        let m = RenderMetrics(width: 400, height: 300, options: RenderOptions())
        let row = (0..<400).map { wide[$0, 20] == color }
        let greyRuns = row.split(separator: true).map(\.count)
        #expect(row.contains(true) && row.contains(false))
        #expect(greyRuns.allSatisfy { $0 <= m.dashGap + 1 }, "gaps \(greyRuns)")
    }

    @Test func boxesPartlyOrWhollyOutsideAndDegenerateOnesDoNotCrash() {
        let image = gradientImage(width: 120, height: 80)
        let color = RGBPixel(red: 255, green: 0, blue: 255)
        let outside = [BoundingBox(x1: 500, y1: 500, x2: 900, y2: 900), BoundingBox(x1: -90, y1: -90, x2: -10, y2: -10),
                       BoundingBox(x1: .nan, y1: 0, x2: 10, y2: 10), BoundingBox(x1: 0, y1: 0, x2: .infinity, y2: 10)]
        let hidden = renderAnnotations(on: image, layers: [AnnotationLayer(label: "x", boxes: outside.map { LabeledBox($0, tag: "x") },
                                                                           style: .exemplar, color: color)])
        #expect(hidden == image)

        // Straddling the top-left corner: only its bottom and right edges are in the image.
        let straddling = BoundingBox(x1: -50, y1: -40, x2: 50, y2: 30)
        let huge = BoundingBox(x1: -1e30, y1: 60, x2: 1e30, y2: 1e30)
        for style in [LayerStyle.detections, .exemplar] {
            let out = renderAnnotations(on: image, layers: [AnnotationLayer(label: "x", boxes: [LabeledBox(straddling), LabeledBox(huge)],
                                                                            style: style, color: color)], options: boxesOnly)
            #expect(out[49, 28] == color && out[48, 29] == color, "dashes keep the corners solid")
            #expect((0..<28).filter { out[48, $0] == color }.count >= 14, "right edge")
            #expect(unchanged(out, image, xs: 0..<48, ys: 0..<28))
            #expect(unchanged(out, image, xs: 50..<120, ys: 0..<60))
            #expect(out[0, 60] == color || style == .exemplar)
        }
    }

    @Test func tinyAndEmptyImagesDoNotCrash() {
        let layer = AnnotationLayer(label: "pony → horse", boxes: [LabeledBox(BoundingBox(x1: 0, y1: 0, x2: 1, y2: 1), tag: "horse 0.5")],
                                    points: [AnnotationPoint(x: 0.5, y: 0.5)], count: 1, style: .exemplar)
        let one = renderAnnotations(on: greyImage(width: 1, height: 1), layers: [layer])
        #expect(one.width == 1 && one.height == 1 && one.pixels.count == 3)
        let empty = renderAnnotations(on: RGBImage(width: 0, height: 0), layers: [layer])
        #expect(empty.pixels.isEmpty)
    }

    @Test func rowPaddingIsNeverWritten() {
        let (width, height, stride) = (30, 20, 30 * 3 + 7)
        let image = RGBImage(width: width, height: height, rowStride: stride, pixels: [UInt8](repeating: 77, count: stride * height))
        let layer = AnnotationLayer(label: "wide label", boxes: [LabeledBox(BoundingBox(x1: -5, y1: -5, x2: 40, y2: 30), tag: "a very long tag")],
                                    points: [AnnotationPoint(x: 29, y: 10)], count: 3)
        let out = renderAnnotations(on: image, layers: [layer])
        #expect(out.pixels != image.pixels)
        #expect((0..<height).allSatisfy { y in out.pixels[(y * stride + width * 3)..<((y + 1) * stride)].allSatisfy { $0 == 77 } })
    }

    @Test func lineWidthGrowsWithImageSize() {
        func drawnThickness(width: Int, height: Int) -> Int {
            let box = BoundingBox(x1: Float(width) / 4, y1: Float(height) / 4, x2: Float(width) * 3 / 4, y2: Float(height) * 3 / 4)
            let out = renderAnnotations(on: greyImage(width: width, height: height),
                                        layers: [AnnotationLayer(label: "x", boxes: [LabeledBox(box)])], options: boxesOnly)
            return (height / 4..<height / 2).prefix { out[width / 2, $0] != grey }.count
        }
        let small = drawnThickness(width: 400, height: 300), large = drawnThickness(width: 2400, height: 1800)
        #expect(small >= 2)
        #expect(large > small)
        #expect(RenderMetrics(width: 4000, height: 3000, options: RenderOptions()).textScale
                > RenderMetrics(width: 400, height: 300, options: RenderOptions()).textScale)
    }

    @Test func renderingIsDeterministic() {
        let image = gradientImage(width: 320, height: 240)
        let layers = [AnnotationLayer(label: "horse", boxes: [LabeledBox(BoundingBox(x1: 10.4, y1: 30.6, x2: 200.2, y2: 180.9), tag: "horse 0.93")],
                                      points: [AnnotationPoint(x: 105.3, y: 105.7)], count: 1),
                      AnnotationLayer(label: "pony → horse", boxes: [LabeledBox(BoundingBox(x1: 150, y1: 0, x2: 330, y2: 250), tag: "pony 0.41")],
                                      points: [AnnotationPoint(x: 240, y: 125)], count: 1, style: .exemplar)]
        let first = renderAnnotations(on: image, layers: layers)
        let second = renderAnnotations(on: image, layers: layers)
        #expect(first == second)
        #expect(first != image)
        var inPlace = image
        drawAnnotations(layers, on: &inPlace)
        #expect(inPlace == first)
    }
}

@Suite struct RenderMarkTests {
    @Test func pointMarkerHasLayerColourInsideAWhiteRingAndBlackEdge() {
        let image = greyImage()
        let layers = [AnnotationLayer(label: "a", points: [AnnotationPoint(x: 100.5, y: 150.5)]),
                      AnnotationLayer(label: "b", points: [AnnotationPoint(x: 300.9, y: 150.2)])]
        let out = renderAnnotations(on: image, layers: layers)
        let m = RenderMetrics(width: 400, height: 300, options: RenderOptions())
        #expect(out[100, 150] == Palette.color(forLayer: 0))
        #expect(out[300, 150] == Palette.color(forLayer: 1))
        #expect(out[100 + m.pointRadius, 150] == Palette.color(forLayer: 0))
        #expect(out[100 + m.pointRadius + 1, 150] == white)
        #expect(out[100, 150 - m.pointRadius - m.ringWidth - 1] == black)
        #expect(out[100 + m.pointRadius + m.ringWidth + m.edgeWidth + 1, 150] == grey)
        #expect(unchanged(out, image, xs: 120..<280, ys: 0..<300))
    }

    @Test func countPanelDarkensTheCornerAndShowsASwatchPerCountedLayer() {
        let image = greyImage()
        let layers = [AnnotationLayer(label: "horse", count: 5), AnnotationLayer(label: "uncounted"),
                      AnnotationLayer(label: "person", count: 2)]
        let out = renderAnnotations(on: image, layers: layers)
        // Panel at margin 4 with padding 4: its corner is a 176/255 blend of (16, 16, 16) over grey.
        let sum: Int = 16 * 176 + 128 * 79 + 127
        let blended = UInt8(sum / 255)
        #expect(out[5, 5] == RGBPixel(red: blended, green: blended, blue: blended))
        #expect(out[3, 3] == grey)
        // Swatches: the first row's at y = 8 + 2, the second row's one row (13 + 3 px) lower.
        #expect(out[12, 14] == Palette.color(forLayer: 0))
        #expect(out[12, 14 + 16] == Palette.color(forLayer: 2))
        #expect(unchanged(out, image, xs: 0..<400, ys: 60..<300), "only two rows")
        let panelText = (8..<21).flatMap { y in (21..<80).map { out[$0, y] } }
        #expect(panelText.contains(white))
    }

    @Test func paletteCyclesAndTextContrastFollowsLuminance() {
        #expect(Palette.color(forLayer: Palette.colors.count) == Palette.color(forLayer: 0))
        #expect(Palette.color(forLayer: -1) == Palette.colors.last)
        #expect(Set(Palette.colors).count == Palette.colors.count)
        #expect(Palette.textColor(on: RGBPixel(red: 240, green: 228, blue: 66)) == black)
        #expect(Palette.textColor(on: RGBPixel(red: 0, green: 114, blue: 178)) == white)
    }
}

@Suite struct RenderTextTests {
    /// Draws `text` at `scale` on black and checks every pixel against the font's own bitmap.
    private func expectMatchesFont(_ text: String, scale: Int) {
        let font = BitmapFont.standard
        let (originX, originY) = (3, 2)
        var image = RGBImage(width: 80 * scale, height: 20 * scale)
        image.withCanvas { $0.drawText(text, x: originX, y: originY, scale: scale, color: white) }
        let glyphs = text.unicodeScalars.map { font.glyphIndex(for: $0) }
        for y in 0..<image.height {
            for x in 0..<image.width {
                let gx = x - originX, gy = y - originY
                var lit = false
                if gx >= 0, gy >= 0, gx / scale < glyphs.count * font.glyphWidth, gy / scale < font.glyphHeight {
                    let column = (gx / scale) % font.glyphWidth
                    let bits = font.rowBits(glyph: glyphs[(gx / scale) / font.glyphWidth], row: gy / scale)
                    lit = bits & (0x80 >> column) != 0
                }
                guard image[x, y] == (lit ? white : black) else {
                    Issue.record("pixel (\(x), \(y)) of \"\(text)\" at scale \(scale)")
                    return
                }
            }
        }
    }

    @Test func textMatchesTheFontBitmap() {
        expectMatchesFont("Ag 0.93", scale: 1)
        expectMatchesFont("W→\u{1F40E}", scale: 3)
    }

    @Test func fontCoversAsciiArrowAndFallback() {
        let font = BitmapFont.standard
        let lit = { (glyph: Int) in (0..<font.glyphHeight).contains { font.rowBits(glyph: glyph, row: $0) != 0 } }
        #expect(!lit(font.glyphIndex(for: " ")))
        #expect((33...126).allSatisfy { lit(font.glyphIndex(for: Unicode.Scalar(UInt8($0)))) })
        let arrow = font.glyphIndex(for: "→"), fallback = font.glyphIndex(for: "é")
        #expect(lit(arrow) && lit(fallback) && arrow != fallback)
        #expect(Set((32...126).map { font.glyphIndex(for: Unicode.Scalar(UInt8($0))) }).count == 95)
        #expect(font.glyphIndex(for: "\u{1F40E}") == fallback)
        // "A" and "a" differ: the table is not shifted by one.
        #expect((0..<font.glyphHeight).contains { font.rowBits(glyph: font.glyphIndex(for: "A"), row: $0)
                                                  != font.rowBits(glyph: font.glyphIndex(for: "a"), row: $0) })
    }
}
