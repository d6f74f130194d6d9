/// Draws annotation layers onto a copy of `image`: box outlines with tags, point markers, and a
/// panel of counts in the top-left corner, each layer in its own colour.
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

/// Draws annotation layers into `image`: box outlines with tags, point markers, and a panel of
/// counts in the top-left corner, each layer in its own colour.
///
/// Layers are drawn in order, all outlines first, then points, then tags, then the count panel,
/// so text is never hidden under another layer's lines; a tag moves into, below or to the bottom
/// of its box rather than cover an earlier tag, when there is such a free place. Anything
/// outside the image is clipped; boxes and points that are partly or wholly outside, inverted
/// or not finite never crash. The result depends only on the arguments (integer arithmetic
/// throughout), byte for byte.
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
        if options.drawsBoxes && options.drawsTags {
            var placed: [PixelEdges] = []
            for (layer, color) in zip(layers, colors) {
                for labeled in layer.boxes {
                    guard let tag = labeled.tag, !tag.isEmpty, let edges = painter.visibleEdges(of: labeled.box) else { continue }
                    placed.append(painter.tag(tag, on: edges, color: color, avoiding: placed))
                }
            }
        }
        if options.drawsCountBadges {
            let rows = zip(layers, colors).compactMap { layer, color in
                layer.count.map { (text: "\(layer.label): \($0)", color: color) }
            }
            painter.countPanel(rows)
        }
    }
}
