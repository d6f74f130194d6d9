import Testing
import Grounding

/// Where text goes: tags next to their own boxes without covering other boxes or tags, the
/// legend in a corner that hides no detection, shrunk or split when no corner has room.
@Suite struct RenderPlacementTests {
    static let grey = RGBPixel(red: 128, green: 128, blue: 128)

    /// One layer per box, so each tag has its own colour.
    static func layers(_ boxes: [(BoundingBox, String)]) -> [AnnotationLayer] {
        boxes.map { AnnotationLayer(label: $0.1, boxes: [LabeledBox($0.0, tag: $0.1)]) }
    }

    /// The rectangle of the tag drawn in layer `index`'s colour: the pixels `drawn` changed from
    /// `plain` (the same drawing without tags) to that colour.
    static func tag(ofLayer index: Int, drawn: RGBImage, plain: RGBImage) -> PixelRect? {
        let color = Palette.color(forLayer: index)
        return bounds(in: drawn) { x, y in drawn[x, y] != plain[x, y] && drawn[x, y] == color }
    }

    /// The smallest rectangle holding every pixel where `included` holds, or `nil`.
    static func bounds(in image: RGBImage, where included: (Int, Int) -> Bool) -> PixelRect? {
        var (left, top, right, bottom) = (Int.max, Int.max, Int.min, Int.min)
        for y in 0..<image.height {
            for x in 0..<image.width where included(x, y) {
                (left, top, right, bottom) = (min(left, x), min(top, y), max(right, x + 1), max(bottom, y + 1))
            }
        }
        return left == .max ? nil : PixelRect(x: left, y: top, width: right - left, height: bottom - top)
    }

    static func rect(_ box: BoundingBox) -> PixelRect {
        PixelRect(x: Int(box.x1), y: Int(box.y1), width: Int(box.x2 - box.x1), height: Int(box.y2 - box.y1))
    }

    static func overlap(_ a: PixelRect, _ b: PixelRect) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    /// True when `tag` touches `box` or its outside edge (it labels it, rather than floating).
    static func touches(_ tag: PixelRect, _ box: PixelRect) -> Bool {
        overlap(tag, PixelRect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2))
    }

    /// Draws `layers` with and without tags and returns each layer's tag.
    static func tags(_ layers: [AnnotationLayer], width: Int = 400, height: Int = 300) -> [PixelRect?] {
        let image = RGBImage(width: width, height: height, filledWith: grey)
        let drawn = renderAnnotations(on: image, layers: layers)
        let plain = renderAnnotations(on: image, layers: layers, options: RenderOptions(drawsTags: false))
        return layers.indices.map { tag(ofLayer: $0, drawn: drawn, plain: plain) }
    }

    @Test func tagOfABoxAtTheTopGoesBelowAndOfAFullHeightBoxInside() throws {
        let top = BoundingBox(x1: 50, y1: 5, x2: 200, y2: 150), full = BoundingBox(x1: 250, y1: 2, x2: 390, y2: 299)
        let found = Self.tags(Self.layers([(top, "dog 0.80"), (full, "cat 0.70")]))
        let (below, inside) = (try #require(found[0]), try #require(found[1]))
        #expect(below == PixelRect(x: 50, y: 150, width: 8 * 8 + 4, height: 13 + 2))
        // At (250, 2), 68 × 15: its first two rows and columns lie on the box's outline, of the
        // same colour, so they do not show as changed.
        #expect(inside == PixelRect(x: 252, y: 4, width: 8 * 8 + 4 - 2, height: 13 + 2 - 2))
    }

    @Test func tagsStayInsideTheImage() throws {
        let corner = BoundingBox(x1: 390, y1: 285, x2: 410, y2: 310), tall = BoundingBox(x1: -20, y1: -10, x2: 30, y2: 320)
        let found = Self.tags(Self.layers([(corner, "a long tag text"), (tall, "another long tag")]))
        for tag in found {
            let tag = try #require(tag)
            #expect(tag.x >= 0 && tag.y >= 0 && tag.x + tag.width <= 400 && tag.y + tag.height <= 300, "\(tag)")
        }
        // Flush with the right edge, just above the box.
        #expect(found[0] == PixelRect(x: 400 - (15 * 8 + 4), y: 285 - 15, width: 15 * 8 + 4, height: 15))
    }

    @Test func aTagDoesNotCoverAnEarlierTag() throws {
        let a = BoundingBox(x1: 100, y1: 100, x2: 300, y2: 250), b = BoundingBox(x1: 100, y1: 102, x2: 250, y2: 200)
        let found = Self.tags(Self.layers([(a, "a 0.9"), (b, "b 0.8")]))
        let (first, second) = (try #require(found[0]), try #require(found[1]))
        #expect(first == PixelRect(x: 100, y: 85, width: 44, height: 15), "the first tag keeps its place above its box")
        #expect(!Self.overlap(first, second) && Self.touches(second, Self.rect(b)))
    }

    /// A tag above its box would sit inside the box above it; below, it hides nothing.
    @Test func aTagGoesWhereItHidesNoNeighbour() throws {
        let upper = BoundingBox(x1: 50, y1: 20, x2: 350, y2: 100), lower = BoundingBox(x1: 60, y1: 100, x2: 160, y2: 200)
        let found = Self.tags(Self.layers([(upper, "bus 0.9"), (lower, "person 0.8")]))
        let tag = try #require(found[1])
        #expect(!Self.overlap(tag, Self.rect(upper)), "\(tag) is inside the neighbour's box")
        #expect(tag == PixelRect(x: 60, y: 200, width: 10 * 8 + 4, height: 15))
    }

    /// Two boxes side by side, the right one taller, with tags wider than the boxes: neither tag
    /// covers the other or the other's box, and each stays by its own box.
    @Test func tagsOfAdjacentBoxesAvoidEachOtherAndTheNeighbour() throws {
        let left = BoundingBox(x1: 100, y1: 120, x2: 160, y2: 250), right = BoundingBox(x1: 160, y1: 80, x2: 220, y2: 250)
        let found = Self.tags(Self.layers([(left, "person 0.99"), (right, "person 0.95")]))
        let (leftTag, rightTag) = (try #require(found[0]), try #require(found[1]))
        #expect(!Self.overlap(leftTag, rightTag))
        #expect(!Self.overlap(leftTag, Self.rect(right)) && !Self.overlap(rightTag, Self.rect(left)))
        #expect(Self.touches(leftTag, Self.rect(left)) && Self.touches(rightTag, Self.rect(right)))
    }

    /// The pixels the legend changed, per corner quadrant (top-left, top-right, bottom-left,
    /// bottom-right), and whether any lies inside one of `boxes`.
    static func legend(_ layers: [AnnotationLayer], width: Int, height: Int,
                       boxes: [BoundingBox]) -> (quadrants: [Bool], coversABox: Bool, bounds: PixelRect?) {
        let image = RGBImage(width: width, height: height, filledWith: grey)
        let drawn = renderAnnotations(on: image, layers: layers)
        let plain = renderAnnotations(on: image, layers: layers, options: RenderOptions(drawsCountBadges: false))
        var quadrants = [false, false, false, false], coversABox = false
        let rects = boxes.map(rect)
        for y in 0..<height {
            for x in 0..<width where drawn[x, y] != plain[x, y] {
                quadrants[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)] = true
                if rects.contains(where: { $0.contains(PixelRect(x: x, y: y, width: 1, height: 1)) }) { coversABox = true }
            }
        }
        return (quadrants, coversABox, bounds(in: drawn) { x, y in drawn[x, y] != plain[x, y] })
    }

    /// Counted layers whose (untagged) boxes are `boxes`, one box per layer, then empty layers
    /// up to `rows` counted rows.
    static func countedLayers(_ boxes: [BoundingBox], rows: Int) -> [AnnotationLayer] {
        (0..<max(rows, boxes.count)).map { index in
            AnnotationLayer(label: "layer\(index)", boxes: index < boxes.count ? [LabeledBox(boxes[index])] : [], count: 1)
        }
    }

    @Test func legendGoesToTheEmptiestCorner() {
        let boxes = [BoundingBox(x1: 0, y1: 0, x2: 150, y2: 100), BoundingBox(x1: 20, y1: 10, x2: 120, y2: 90)]
        let found = Self.legend(Self.countedLayers(boxes, rows: 2), width: 400, height: 300, boxes: boxes)
        #expect(!found.coversABox)
        #expect(found.quadrants == [false, true, false, false], "the first free corner in order: top right")
    }

    /// Boxes leave only a 130 × 75 pixel space in each corner of a 1200 × 900 image: the legend
    /// (text scale 2, 202 pixels wide) shrinks to fit one.
    @Test func legendShrinksWhenNoCornerHasRoom() throws {
        let boxes = [BoundingBox(x1: 130, y1: 0, x2: 1070, y2: 900), BoundingBox(x1: 0, y1: 75, x2: 130, y2: 825),
                     BoundingBox(x1: 1070, y1: 75, x2: 1200, y2: 825)]
        let layers = [AnnotationLayer(label: "person", boxes: [LabeledBox(boxes[0])], count: 12),
                      AnnotationLayer(label: "kite", boxes: Array(boxes[1...]).map { LabeledBox($0) }, count: 3)]
        let found = Self.legend(layers, width: 1200, height: 900, boxes: boxes)
        #expect(!found.coversABox)
        #expect(found.quadrants.filter { $0 }.count == 1)
        let bounds = try #require(found.bounds)
        #expect(bounds.width <= 130 && bounds.height <= 75, "\(bounds)")
    }

    /// Corners only 60 pixels high: six rows fit at no size, so they are split over two corners.
    @Test func legendSplitsOverTwoCornersWhenItMust() {
        let boxes = [BoundingBox(x1: 130, y1: 0, x2: 1070, y2: 900), BoundingBox(x1: 0, y1: 60, x2: 130, y2: 840),
                     BoundingBox(x1: 1070, y1: 60, x2: 1200, y2: 840)]
        let found = Self.legend(Self.countedLayers(boxes, rows: 6), width: 1200, height: 900, boxes: boxes)
        #expect(!found.coversABox)
        #expect(found.quadrants.filter { $0 }.count == 2)
    }

    /// With a box in every corner, the legend goes where it hides least: by the tiny box at the
    /// bottom-right tip rather than over one of the large ones.
    @Test func legendHidesTheLeastWhenEveryCornerIsTaken() {
        let boxes = [BoundingBox(x1: 0, y1: 0, x2: 600, y2: 450), BoundingBox(x1: 600, y1: 0, x2: 1200, y2: 450),
                     BoundingBox(x1: 0, y1: 450, x2: 600, y2: 900), BoundingBox(x1: 1185, y1: 885, x2: 1200, y2: 900)]
        let found = Self.legend(Self.countedLayers(boxes, rows: 4), width: 1200, height: 900, boxes: [])
        #expect(found.quadrants == [false, false, false, true])
    }
}
