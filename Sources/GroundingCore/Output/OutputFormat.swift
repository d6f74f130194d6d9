/// The JSON shapes a ``GroundingResult`` can be written in.
///
/// ```swift
/// let line = OutputFormat.muse == .muse ? result.museJSON().serialized() : result.nativeJSON().serialized()
/// ```
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Grounding's own shape (DESIGN.md): image, mode, objects with pixels and 0–1000 values, timings.
    case native
    /// The Muse Spark tool's shape: `[{"object_name", "count", "points"|"bboxes"}]` in 0–1000 units.
    case muse
    /// COCO results: `[{"image_id", "category_id", "bbox": [x, y, w, h], "score"}]` in pixels.
    case coco
}

extension UnresolvedName {
    /// The name as an entry of the native JSON's `"unresolved"`: its name and suggestions, and
    /// what the resolver made of it (meaning, readings, why nothing is counted).
    public var nativeJSON: JSONValue {
        let unknown = error.unknownName
        return .object([("name", .string(name)), ("suggestions", .array(suggestions.map { .string($0) }))]
                       + (unknown?.meaning.map { [("meaning", .string($0))] } ?? [])
                       + (unknown?.readAs.map { [("read_as", .string($0))] } ?? [])
                       + (unknown?.isLikeness == true ? [("likeness", .bool(true))] : [])
                       + (unknown?.isAmbiguous == true ? [("ambiguous", .bool(true))] : [])
                       + (unknown?.isRareWord == true ? [("rare_word", .bool(true))] : [])
                       + (unknown?.isGroups == true ? [("groups", .bool(true))] : [])
                       + (unknown?.isOtherKind == true ? [("other_kind", .bool(true))] : [])
                       + (unknown?.leavesNothing == true ? [("leaves_nothing", .bool(true))] : [])
                       + (unknown.map { $0.classesNotLoaded.isEmpty ? [] : [("not_loaded", .array($0.classesNotLoaded.map { .string($0) }))] } ?? []))
    }
}

extension GroundingResult {
    /// The native JSON object (DESIGN.md, "Contract: native JSON").
    ///
    /// ```swift
    /// print(result.nativeJSON().serialized())
    /// ```
    public func nativeJSON() -> JSONValue {
        var image: [(String, JSONValue)] = []
        if let path { image.append(("path", .string(path))) }
        image += [("width", .int(imageWidth)), ("height", .int(imageHeight)), ("orientation", .int(orientation))]
        let objectValues: [JSONValue] = objects.map { object in
            // An exemplar query also lists the example boxes it was asked with and the similarities used.
            let exemplars: [(String, JSONValue)] = (object.exemplars.isEmpty ? [] : [
                ("exemplars", .array(object.exemplars.map { box in
                    .array([box.x1, box.y1, box.x2, box.y2].map { .rounded($0, places: 1) })
                })),
            ]) + (object.similarity.map { [("similarity", .rounded($0, places: 4))] } ?? [])
                + Self.sizes(of: object)
                + (object.colours.map { [("colours", .array($0.map { .string($0.rawValue) }))] } ?? [])
                + (object.appearance.map { [("appearance", .rounded($0, places: 4))] } ?? [])
                + (object.onLargerObjects.map { [("on_larger_objects", .int($0))] } ?? [])
            // How a name was understood, when there is something to say.
            let understood = object.resolvedName
            let reading: [(String, JSONValue)] = [
                ("sense", understood?.gloss), ("other_reading", understood?.otherReading),
                ("colour", understood?.colour), ("worn", understood?.garment?.rawValue), ("ignored", understood?.ignored),
            ].compactMap { key, value in value.map { (key, .string($0)) } }
                + (understood?.isEveryClass == true ? [("every_class", .bool(true))] : [])
                + (understood?.countsMembers == true ? [("counts_members", .bool(true))] : [])
                + (understood?.isKindOfClass == true ? [("kind_of_class", .bool(true))] : [])
                + (understood?.onlyKindsOf.map { [("only_kinds_of", .string($0))] } ?? [])
                + (understood.map { $0.excluded.isEmpty ? [] : [("excluded", .array($0.excluded.map { .string($0) }))] } ?? [])
            return .object([
                ("name", .string(object.name)),
                ("classes", .array(object.classes.map { .string($0) })),
                ("resolved_by", .string(object.resolution.rawValue)),
            ] + (object.model.map { [("model", .string($0))] } ?? []) + reading + exemplars + [
                ("count", .int(object.count)),
            ] + (object.unconfirmedLookalikes.map { [("unconfirmed_lookalikes", .int($0))] } ?? [])
              + (object.smallInView.map { [("small_in_view", .int($0))] } ?? [])
              + (object.smallUnder.map { [("small_under", .int($0))] } ?? [])
              + (object.countedUnderOtherNames.isEmpty ? [] : [("counted_under_other_names", .object(
                  object.countedUnderOtherNames.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))])
              + (object.sameObjectsAs.map { [("same_objects_as", .string($0))] } ?? [])
              + (object.readMoreSurelyAs.isEmpty ? [] : [("read_more_surely_as", .object(
                  object.readMoreSurelyAs.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))])
              + (object.isTruncated ? [("truncated", .bool(true)), ("listed", .int(object.detections.count))] : []) + [
                ("detections", .array(object.detections.map { d in
                    var fields: [(String, JSONValue)] = [
                        ("class", .string(d.className)),
                        ("score", .rounded(d.score, places: 4)),
                    ]
                    if mode != .point {
                        fields.append(("box", .array([d.box.x1, d.box.y1, d.box.x2, d.box.y2].map { .rounded($0, places: 1) })))
                    }
                    fields.append(("point", .array([d.point.x, d.point.y].map { .rounded($0, places: 1) })))
                    if mode != .point {
                        fields.append(("box_1000", .array(d.box1000.map { .int($0) })))
                    }
                    fields.append(("point_1000", .array(d.point1000.map { .int($0) })))
                    if !d.keypoints.isEmpty {
                        fields.append(("keypoints", .array(d.keypoints.map { .array([.rounded($0.x, places: 1), .rounded($0.y, places: 1)]) })))
                    }
                    fields.append(("found_by", .string(d.foundBy.rawValue)))
                    if let other = d.alsoReadAs {
                        fields.append(("also_read_as", .object([("class", .string(other.className)), ("score", .rounded(other.score, places: 4))])))
                    }
                    return .object(fields)
                })),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("image", .object(image)),
            ("mode", .string(mode.rawValue)),
            ("objects", .array(objectValues)),
        ]
        if !unresolved.isEmpty {
            members.append(("unresolved", .array(unresolved.map(\.nativeJSON))))
        }
        if !warnings.isEmpty {
            members.append(("warnings", .array(warnings.map { warning in
                .object([("code", .string("image.damaged")), ("message", .string(warning.description))])
            })))
        }
        members.append(("coverage", .object(
            [("regions", .int(regionCount))] + (tileSize.map { [("tile_size", .int($0))] } ?? [])
        )))
        members.append(("timing_ms", .object([
            ("decode", .rounded(Float(timings.decode), places: 2)),
            ("preprocess", .rounded(Float(timings.preprocess), places: 2)),
            ("detect", .rounded(Float(timings.detect), places: 2)),
            ("postprocess", .rounded(Float(timings.postprocess), places: 2)),
        ] + (timings.draw.map { [("draw", .rounded(Float($0), places: 2))] } ?? []))))
        return .object(members)
    }

    /// An exemplar query's sizes as `"sizes": [smallest, largest]`; nothing for a name.
    private static func sizes(of object: GroundedObject) -> [(String, JSONValue)] {
        guard let sizes = object.sizes else { return [] }
        return [("sizes", .array([.rounded(sizes.lowerBound, places: 3), .rounded(sizes.upperBound, places: 3)]))]
    }

    /// The Muse Spark tool's shape, in 0–1000 units: one entry per requested name. Count and
    /// point modes give `{"object_name", "count", "points": [{"x", "y"}]}`, bbox mode
    /// `{"object_name", "count", "bboxes": [[x1, y1, x2, y2], ...]}`. A name that matched no class
    /// is present too, with count 0, no points or boxes and an `"error"` saying why.
    ///
    /// ```swift
    /// print(result.museJSON().serialized())
    /// // [{"object_name":"horse","count":4,"points":[{"x":143,"y":533},...]}]
    /// ```
    public func museJSON() -> JSONValue {
        let listKey = mode == .bbox ? "bboxes" : "points"
        let answered: [JSONValue] = objects.map { object in
            let list: [JSONValue] = object.detections.map { d in
                mode == .bbox
                    ? .array(d.box1000.map { .int($0) })
                    : .object([("x", .int(d.point1000[0])), ("y", .int(d.point1000[1]))])
            }
            return .object([("object_name", .string(object.name)), ("count", .int(object.count)), (listKey, .array(list))])
        }
        let unknown: [JSONValue] = unresolved.map { name in
            .object([("object_name", .string(name.name)), ("count", .int(0)), (listKey, .array([])),
                     ("error", .string(name.description))])
        }
        return .array(answered + unknown)
    }

    /// COCO detection results for this image: one entry per detection whose class has a
    /// dataset category id (``GroundedDetection/categoryID``, from the answering model's
    /// ``Vocabulary``), `bbox` as `[x, y, width, height]` in pixels. Detections of classes from no
    /// dataset (faces, hands, exemplar matches) are left out: they have no COCO category.
    public func cocoJSON(imageID: Int) -> [JSONValue] {
        objects.flatMap { object in
            object.detections.compactMap { d -> JSONValue? in
                guard let category = d.categoryID else { return nil }
                return .object([
                    ("image_id", .int(imageID)),
                    ("category_id", .int(category)),
                    ("bbox", .array([d.box.x1, d.box.y1, d.box.width, d.box.height].map { .rounded($0, places: 2) })),
                    ("score", .rounded(d.score, places: 5)),
                ])
            }
        }
    }
}
