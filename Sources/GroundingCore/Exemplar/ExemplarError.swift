import GroundingImageIO

/// Why exemplar boxes cannot be matched in an image.
///
/// ```swift
/// let tiny = PixelRect(x: 0, y: 0, width: 2, height: 2)
/// _ = try? engine.ground(image, queries: [.exemplar([tiny])], mode: .count)  // too small
/// ```
public enum ExemplarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An exemplar query came without any box.
    case noBoxes
    /// The engine was built without an ``ExemplarMatcher``, so it cannot answer exemplar queries.
    case noMatcher
    /// The box is wider or taller than the `width × height` image.
    case largerThanImage(PixelRect, width: Int, height: Int)
    /// The box reaches outside the `width × height` image.
    case outsideImage(PixelRect, width: Int, height: Int)
    /// A side of the box is shorter than the matcher's least pixels.
    case tooSmall(PixelRect, minimumSide: Int)
    /// The box holds one flat colour: there is nothing to correlate with.
    case featureless(PixelRect)
    /// The box has detail, but none coarse enough to survive being shrunk to the
    /// `workingWidth × workingHeight` pixels it is matched at (noise, fine texture): there it is
    /// one flat colour.
    case detailTooFine(PixelRect, workingWidth: Int, workingHeight: Int)
    /// Matching would take more than the matcher's bound: `templates` sizes and turns of the
    /// examples, the largest `windowWidth × windowHeight` working pixels, at each of `positions`
    /// positions (``TemplateMatcher``'s limit keeps a request from running for minutes).
    case tooMuchWork(templates: Int, windowWidth: Int, windowHeight: Int, positions: Int)
    /// The boxes at every size and turn asked for make more templates (`count`: `boxes` ×
    /// `sizes` × `turns`) than the matcher holds at once (`maximum`).
    case tooManyTemplates(Int, boxes: Int, sizes: Int, turns: Int, maximum: Int)

    /// What is wrong, with the box and the image size, and what to do.
    public var description: String {
        switch self {
        case .noMatcher:
            return "this engine answers named objects only: it was built without an exemplar matcher; pass one to GroundingEngine(detectors:exemplarMatcher:), e.g. TemplateMatcher()"
        case .noBoxes:
            return "an exemplar query needs at least one box; draw one around an example object (--exemplar X1,Y1,X2,Y2)"
        case .largerThanImage(let box, let width, let height):
            return "exemplar box \(box.corners) is \(box.width)×\(box.height) pixels, larger than the \(width)×\(height) image; draw it around one example object inside the image"
        case .outsideImage(let box, let width, let height):
            return "exemplar box \(box.corners) reaches outside the \(width)×\(height) image; keep x in 0...\(width) and y in 0...\(height) (pixels of the upright image)"
        case .tooSmall(let box, let minimumSide):
            return "exemplar box \(box.corners) is \(box.width)×\(box.height) pixels; each side needs at least \(minimumSide) pixels, so draw it around a whole example object"
        case .featureless(let box):
            return "exemplar box \(box.corners) is one flat colour, so nothing can be matched to it; draw it around an example object with visible detail"
        case .detailTooFine(let box, let workingWidth, let workingHeight):
            return "exemplar box \(box.corners) is \(box.width)×\(box.height) pixels but is matched shrunk to \(workingWidth)×\(workingHeight), and all its detail is finer than that (noise or fine texture): shrunk, it averages out to a flat grey with nothing to match; draw the box around one example object whose shape still shows at that size"
        case .tooMuchWork(let templates, let windowWidth, let windowHeight, let positions):
            return "matching the examples at \(templates) sizes and turns, the largest \(windowWidth)×\(windowHeight) working pixels, at \(positions) positions would take more than about 20 seconds or 128 MB; narrow the sizes (--exemplar-sizes, min_scale/max_scale), match fewer turns (--exemplar-turns, orientations), or give fewer example boxes"
        case .tooManyTemplates(let count, let boxes, let sizes, let turns, let maximum):
            return "\(boxes) example boxes at \(sizes) sizes and \(turns) turns make \(count) templates, more than the \(maximum) matched at once; give fewer boxes, fewer sizes (--exemplar-sizes, min_scale/max_scale/scale_step) or fewer turns (--exemplar-turns, orientations)"
        }
    }
}

extension PixelRect {
    /// `[x1, y1, x2, y2]` as text, the way the CLI takes exemplar boxes.
    package var corners: String { "[\(x), \(y), \(x + width), \(y + height)]" }
}
