import GroundingImageIO

/// What to draw for one requested name: its boxes, points and count, all in one colour.
///
/// Render takes this plain description rather than engine results, so any caller (the CLI, a
/// service, a test) can draw without running a detector.
///
/// ```swift
/// let horses = AnnotationLayer(
///     label: "pony → horse",
///     boxes: [LabeledBox(BoundingBox(x1: 12, y1: 190, x2: 160, y2: 358), tag: "horse 0.91")],
///     points: [AnnotationPoint(x: 86, y: 274)],
///     count: 1)
/// ```
public struct AnnotationLayer: Sendable, Hashable {
    /// The name shown in the legend, e.g. `"horse"` or `"pony → horse"`.
    public var label: String
    /// Boxes to outline, each with an optional tag.
    public var boxes: [LabeledBox]
    /// Points to mark.
    public var points: [AnnotationPoint]
    /// The count shown in this layer's row of the legend; `nil` leaves the layer out of it.
    public var count: Int?
    /// How the boxes are drawn: solid for detections, dashed for user-drawn examples.
    public var style: LayerStyle
    /// The layer's colour; `nil` takes ``Palette/color(forLayer:)`` of the layer's position.
    public var color: RGBPixel?

    /// Creates a layer; everything but the label is optional.
    public init(label: String, boxes: [LabeledBox] = [], points: [AnnotationPoint] = [],
                count: Int? = nil, style: LayerStyle = .detections, color: RGBPixel? = nil) {
        self.label = label
        self.boxes = boxes
        self.points = points
        self.count = count
        self.style = style
        self.color = color
    }
}

/// How a layer's boxes are outlined.
///
/// ```swift
/// let example = AnnotationLayer(label: "exemplar", boxes: [LabeledBox(box)], style: .exemplar)
/// ```
public enum LayerStyle: Sendable, Hashable {
    /// Solid outlines: boxes the detector found.
    case detections
    /// Dashed outlines: example boxes a user drew to show what to look for.
    case exemplar
}

/// A box to outline, with the text of its tag (e.g. `"horse 0.93"`).
///
/// ```swift
/// let tagged = LabeledBox(BoundingBox(x1: 10, y1: 10, x2: 90, y2: 60), tag: "dog 0.93")
/// ```
public struct LabeledBox: Sendable, Hashable {
    /// The box in image pixels; it may extend past the image or lie outside it.
    public var box: BoundingBox
    /// Text of the tag drawn next to the box (above, below or inside its top); `nil` or empty
    /// draws no tag.
    public var tag: String?

    /// Creates a box with an optional tag.
    public init(_ box: BoundingBox, tag: String? = nil) {
        self.box = box
        self.tag = tag
    }
}

/// A point to mark, in image pixels (x to the right, y down).
///
/// ```swift
/// let marker = AnnotationPoint(x: 86, y: 274)
/// ```
public struct AnnotationPoint: Sendable, Hashable {
    /// Column, in pixels from the left edge.
    public var x: Float
    /// Row, in pixels from the top edge.
    public var y: Float

    /// Creates a point.
    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
