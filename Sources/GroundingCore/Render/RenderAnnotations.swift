import GroundingImageIO

/// Draws annotation layers onto a copy of `image`: box outlines with tags, point markers, and a
/// legend of counts in the emptiest corner, each layer in its own colour.
///
/// See ``drawAnnotations(_:on:options:)`` for what is drawn where; that one draws in place and
/// saves copying the image (the larger cost on a 12 MP photo) when the original is not needed.
///
/// ```swift
/// let layers = [AnnotationLayer(label: "horse",
///                               boxes: [LabeledBox(BoundingBox(x1: 12, y1: 190, x2: 160, y2: 358), tag: "horse 0.91")],
///                               count: 1)]
/// let annotated = renderAnnotations(on: photo, layers: layers)
/// ```
public func renderAnnotations(on image: RGBImage, layers: [AnnotationLayer],
                              options: RenderOptions = RenderOptions()) -> RGBImage {
    var output = image
    drawAnnotations(layers, on: &output, options: options)
    return output
}

/// Draws annotation layers into `image`: box outlines with tags, point markers, and a legend of
/// counts, each layer in its own colour. The image keeps its size and orientation.
///
/// Layers are drawn in order, all outlines first, then points, then tags, then the legend, so
/// text is never hidden under another layer's lines. Text goes where it hides the least of the
/// boxes, the markers and the other text: the legend in the emptiest corner, shrunk or split
/// over two corners when every corner would hide something; each tag next to its own box,
/// above, below or inside its top, always inside the image.
/// Anything outside the image is clipped; boxes and points that are partly or wholly outside,
/// inverted or not finite never crash. The result depends only on the arguments (integer
/// arithmetic throughout), byte for byte.
///
/// ```swift
/// var image = RGBImage(width: 640, height: 480)
/// drawAnnotations([AnnotationLayer(label: "dog", points: [AnnotationPoint(x: 86, y: 274)], count: 1)],
///                 on: &image)
/// ```
public func drawAnnotations(_ layers: [AnnotationLayer], on image: inout RGBImage,
                            options: RenderOptions = RenderOptions()) {
    let metrics = RenderMetrics(width: image.width, height: image.height, options: options)
    let colors = layers.indices.map { layers[$0].color ?? Palette.color(forLayer: $0) }
    image.withCanvas { canvas in
        let painter = AnnotationPainter(canvas: canvas, metrics: metrics)
        if options.drawsBoxes {
            for (layer, color) in zip(layers, colors) {
                for labeled in layer.boxes {
                    guard let edges = painter.visibleEdges(of: labeled.box) else { continue }
                    painter.outline(edges, color: color, dashed: layer.style == .exemplar)
                }
            }
        }
        if options.drawsPoints {
            for (layer, color) in zip(layers, colors) {
                for point in layer.points { painter.marker(at: point, color: color) }
            }
        }
        var tags: [(text: String, box: PixelEdges, color: RGBPixel)] = []
        if options.drawsBoxes && options.drawsTags {
            for (layer, color) in zip(layers, colors) {
                for labeled in layer.boxes {
                    guard let text = labeled.tag, !text.isEmpty, let box = painter.visibleEdges(of: labeled.box) else { continue }
                    tags.append((text, box, color))
                }
            }
        }
        let rows = options.drawsCountBadges
            ? zip(layers, colors).compactMap { layer, color in layer.count.map { Legend.Row(text: "\(layer.label): \($0)", color: color) } }
            : []
        let legend = Legend(rows: rows, scale: metrics.textScale)
        guard !tags.isEmpty || !legend.rows.isEmpty else { return }

        // Text goes where it hides least of what is drawn: the legend first (it needs a
        // corner), then each tag, avoiding the boxes, the markers and the text placed before it.
        let boxes = options.drawsBoxes ? layers.flatMap { $0.boxes.compactMap { painter.visibleEdges(of: $0.box) } } : []
        let markers = options.drawsPoints ? layers.flatMap { $0.points.compactMap(painter.markerEdges) } : []
        var grid = CoverageGrid(width: canvas.width, height: canvas.height, covering: boxes + markers)
        let panels = legend.placed(width: canvas.width, height: canvas.height, avoiding: grid)
        for panel in panels { grid.addText(panel.frame) }
        for tag in tags {
            let size = painter.tagSize(tag.text)
            let spot = TagPlacement(width: size.width, height: size.height, imageWidth: canvas.width, imageHeight: canvas.height)
                .spot(for: tag.box, avoiding: grid)
            grid.addText(spot)
            painter.tag(tag.text, at: spot, color: tag.color)
        }
        for panel in panels { painter.legend(panel) }
    }
}
