import Foundation

extension GroundingResult {
    /// One ``AnnotationLayer`` per requested name, in the order asked: boxes with tags in bbox
    /// mode (those found by their likeness to the others tagged so), a point per object in point
    /// and count modes, and a row of the legend in every mode; an exemplar query's example boxes
    /// follow its layer, dashed, in the same colour.
    ///
    /// ```swift
    /// var image = decoded.image
    /// drawAnnotations(result.annotationLayers(), on: &image)
    /// ```
    public func annotationLayers() -> [AnnotationLayer] {
        objects.enumerated().flatMap { index, object in
            let label = object.classes == [object.name]
                ? object.name
                : "\(object.name) → \(object.classes.joined(separator: ", "))"
            let boxes = mode == .bbox
                ? object.detections.map { d in
                    // What finding the rest added says so (its score is the enlarged view's), and
                    // what a part showed (its score is the part's).
                    LabeledBox(d.box, tag: "\(d.className) \(String(format: "%.2f", d.score))"
                               + (object.isAddedByLikeness(d) ? " by likeness" : d.foundBy == .part ? " by a part" : ""))
                }
                : []
            let points = mode == .bbox ? [] : object.detections.map { AnnotationPoint(x: $0.point.x, y: $0.point.y) }
            let found = AnnotationLayer(label: label, boxes: boxes, points: points, count: object.count,
                                        color: Palette.color(forLayer: index))
            guard !object.exemplars.isEmpty else { return [found] }
            return [found, AnnotationLayer(label: "\(object.name) example", boxes: object.exemplars.map { LabeledBox($0) },
                                           style: .exemplar, color: Palette.color(forLayer: index))]
        }
    }
}
