import Foundation
import GroundingImageIO

// Decoding the native JSON (``GroundingResult/nativeJSON()``), key by key, as `nativeJSON()` writes
// it. What the JSON does not carry is listed on ``GroundingResult``, with the value it decodes to.

extension GroundingResult: Decodable {
    /// Every key of the native JSON, at any level.
    private enum Key: String, CodingKey {
        case image, path, width, height, orientation, mode, objects, unresolved, warnings, coverage
        case regions, tileSize = "tile_size", timing = "timing_ms", decode, preprocess, detect, postprocess, draw
        case name, classes, resolvedBy = "resolved_by", model, sense, otherReading = "other_reading", colour, worn
        case ignored, everyClass = "every_class", countsMembers = "counts_members", kindOfClass = "kind_of_class", onlyKindsOf = "only_kinds_of", excluded, exemplars, similarity, sizes, colours, appearance, onLargerObjects = "on_larger_objects", count, unconfirmedLookalikes = "unconfirmed_lookalikes", smallInView = "small_in_view", smallUnder = "small_under", countedUnderOtherNames = "counted_under_other_names", sameObjectsAs = "same_objects_as", readMoreSurelyAs = "read_more_surely_as", detections, suggestions, meaning, readAs = "read_as", likeness, ambiguous, rareWord = "rare_word", groups, otherKind = "other_kind", notLoaded = "not_loaded", leavesNothing = "leaves_nothing", message
        case className = "class", score, box, point, box1000 = "box_1000", point1000 = "point_1000", keypoints
        case foundBy = "found_by", alsoReadAs = "also_read_as"
    }

    /// Decodes the native JSON (`ground --json`'s lines, ``nativeJSON()``, this type's encoding).
    ///
    /// ```swift
    /// let result = try JSONDecoder().decode(GroundingResult.self, from: Data(line.utf8))
    /// ```
    ///
    /// - Throws: `DecodingError` naming the key path of a missing or malformed value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let image = try container.nestedContainer(keyedBy: Key.self, forKey: .image)
        let path = try image.decodeIfPresent(String.self, forKey: .path)
        let width = try image.decode(Int.self, forKey: .width)
        let height = try image.decode(Int.self, forKey: .height)
        let mode = try container.decode(GroundingMode.self, forKey: .mode)
        var objects: [GroundedObject] = []
        var objectList = try container.nestedUnkeyedContainer(forKey: .objects)
        while !objectList.isAtEnd {
            objects.append(try Self.object(objectList.nestedContainer(keyedBy: Key.self), mode: mode,
                                           width: width, height: height))
        }
        var unresolved: [UnresolvedName] = []
        if container.contains(.unresolved) {
            var list = try container.nestedUnkeyedContainer(forKey: .unresolved)
            while !list.isAtEnd {
                let entry = try list.nestedContainer(keyedBy: Key.self)
                let name = try entry.decode(String.self, forKey: .name)
                let suggestions = try entry.decode([String].self, forKey: .suggestions)
                unresolved.append(UnresolvedName(name: name, error: .unknownName(UnknownName(
                    name: name, suggestions: suggestions.map { NameSuggestion(name: $0, classes: []) },
                    meaning: try entry.decodeIfPresent(String.self, forKey: .meaning),
                    readAs: try entry.decodeIfPresent(String.self, forKey: .readAs), classCount: 0, isCOCO: false,
                    isLikeness: try entry.decodeIfPresent(Bool.self, forKey: .likeness) ?? false,
                    isAmbiguous: try entry.decodeIfPresent(Bool.self, forKey: .ambiguous) ?? false,
                    isRareWord: try entry.decodeIfPresent(Bool.self, forKey: .rareWord) ?? false,
                    isGroups: try entry.decodeIfPresent(Bool.self, forKey: .groups) ?? false,
                    isOtherKind: try entry.decodeIfPresent(Bool.self, forKey: .otherKind) ?? false,
                    classesNotLoaded: try entry.decodeIfPresent([String].self, forKey: .notLoaded) ?? [],
                    leavesNothing: try entry.decodeIfPresent(Bool.self, forKey: .leavesNothing) ?? false))))
            }
        }
        let coverage = try container.nestedContainer(keyedBy: Key.self, forKey: .coverage)
        let timing = try container.nestedContainer(keyedBy: Key.self, forKey: .timing)
        self.init(path: path, imageWidth: width, imageHeight: height,
                  orientation: try image.decode(Int.self, forKey: .orientation), mode: mode,
                  objects: objects, unresolved: unresolved,
                  regionCount: try coverage.decode(Int.self, forKey: .regions),
                  tileSize: try coverage.decodeIfPresent(Int.self, forKey: .tileSize),
                  timings: StageTimings(decode: try timing.decode(Double.self, forKey: .decode),
                                        preprocess: try timing.decode(Double.self, forKey: .preprocess),
                                        detect: try timing.decode(Double.self, forKey: .detect),
                                        postprocess: try timing.decode(Double.self, forKey: .postprocess),
                                        draw: try timing.decodeIfPresent(Double.self, forKey: .draw)))
        if container.contains(.warnings) {
            var list = try container.nestedUnkeyedContainer(forKey: .warnings)
            while !list.isAtEnd {
                let entry = try list.nestedContainer(keyedBy: Key.self)
                warnings.append(try Self.warning(entry.decode(String.self, forKey: .message), in: entry))
            }
        }
    }

    /// One entry of `"objects"`.
    private static func object(_ entry: KeyedDecodingContainer<Key>, mode: GroundingMode, width: Int,
                               height: Int) throws -> GroundedObject {
        let name = try entry.decode(String.self, forKey: .name)
        let classes = try entry.decode([String].self, forKey: .classes)
        let resolution = try entry.decode(Resolution.self, forKey: .resolvedBy)
        var detections: [GroundedDetection] = []
        var list = try entry.nestedUnkeyedContainer(forKey: .detections)
        while !list.isAtEnd {
            let found = try list.nestedContainer(keyedBy: Key.self)
            let className = try found.decode(String.self, forKey: .className)
            let point = try coordinates(found, .point, count: 2)
            // Point mode writes no box: the answer is the point, so the box is the point itself.
            let box = mode == .point ? point + point : try coordinates(found, .box, count: 4)
            let keypoints = try found.decodeIfPresent([[Float]].self, forKey: .keypoints) ?? []
            guard keypoints.allSatisfy({ $0.count == 2 }) else {
                throw DecodingError.dataCorruptedError(forKey: .keypoints, in: found, debugDescription: "each keypoint must be [x, y]")
            }
            var detection = GroundedDetection(
                className: className, classIndex: classes.firstIndex(of: className) ?? 0,
                score: try found.decode(Float.self, forKey: .score),
                box: BoundingBox(x1: box[0], y1: box[1], x2: box[2], y2: box[3]),
                point: ImagePoint(x: point[0], y: point[1]),
                keypoints: keypoints.map { ImagePoint(x: $0[0], y: $0[1]) },
                foundBy: try found.decodeIfPresent(FoundBy.self, forKey: .foundBy) ?? .detector,
                alsoReadAs: try Self.otherClass(found),
                imageWidth: width, imageHeight: height)
            // The 0–1000 values are taken as written, not derived again from rounded pixels.
            detection.point1000 = try integers(found, .point1000, count: 2)
            detection.box1000 = mode == .point ? detection.point1000 + detection.point1000 : try integers(found, .box1000, count: 4)
            detections.append(detection)
        }
        let exemplars = try entry.decodeIfPresent([[Float]].self, forKey: .exemplars) ?? []
        guard exemplars.allSatisfy({ $0.count == 4 }) else {
            throw DecodingError.dataCorruptedError(forKey: .exemplars, in: entry, debugDescription: "each exemplar must be [x1, y1, x2, y2]")
        }
        let understood = resolution == .exemplar ? nil : ResolvedName(
            name: name, classIndices: Array(classes.indices), classNames: classes, resolution: resolution,
            gloss: try entry.decodeIfPresent(String.self, forKey: .sense),
            otherReading: try entry.decodeIfPresent(String.self, forKey: .otherReading),
            isEveryClass: try entry.decodeIfPresent(Bool.self, forKey: .everyClass) ?? false,
            countsMembers: try entry.decodeIfPresent(Bool.self, forKey: .countsMembers) ?? false,
            isKindOfClass: try entry.decodeIfPresent(Bool.self, forKey: .kindOfClass) ?? false,
            onlyKindsOf: try entry.decodeIfPresent(String.self, forKey: .onlyKindsOf),
            colour: try entry.decodeIfPresent(String.self, forKey: .colour),
            garment: try entry.decodeIfPresent(Garment.self, forKey: .worn),
            ignored: try entry.decodeIfPresent(String.self, forKey: .ignored),
            excluded: try entry.decodeIfPresent([String].self, forKey: .excluded) ?? [])
        return GroundedObject(name: name, classes: classes, resolution: resolution, detections: detections,
                              exemplars: exemplars.map { BoundingBox(x1: $0[0], y1: $0[1], x2: $0[2], y2: $0[3]) },
                              count: try entry.decode(Int.self, forKey: .count), resolvedName: understood,
                              model: try entry.decodeIfPresent(String.self, forKey: .model),
                              similarity: try entry.decodeIfPresent(Float.self, forKey: .similarity),
                              sizes: try Self.sizes(entry),
                              colours: try entry.decodeIfPresent([BasicColour].self, forKey: .colours),
                              appearance: try entry.decodeIfPresent(Float.self, forKey: .appearance),
                              onLargerObjects: try entry.decodeIfPresent(Int.self, forKey: .onLargerObjects),
                              unconfirmedLookalikes: try entry.decodeIfPresent(Int.self, forKey: .unconfirmedLookalikes),
                              countedUnderOtherNames: try entry.decodeIfPresent([String: Int].self, forKey: .countedUnderOtherNames) ?? [:],
                              sameObjectsAs: try entry.decodeIfPresent(String.self, forKey: .sameObjectsAs),
                              readMoreSurelyAs: try entry.decodeIfPresent([String: Int].self, forKey: .readMoreSurelyAs) ?? [:],
                              smallInView: try entry.decodeIfPresent(Int.self, forKey: .smallInView),
                              smallUnder: try entry.decodeIfPresent(Int.self, forKey: .smallUnder))
    }

    /// The `{"class", "score"}` under `also_read_as`, nil when absent.
    private static func otherClass(_ container: KeyedDecodingContainer<Key>) throws -> GroundedDetection.OtherClass? {
        guard container.contains(.alsoReadAs) else { return nil }
        let other = try container.nestedContainer(keyedBy: Key.self, forKey: .alsoReadAs)
        return GroundedDetection.OtherClass(className: try other.decode(String.self, forKey: .className),
                                            score: try other.decode(Float.self, forKey: .score))
    }

    /// The `[smallest, largest]` sizes under `sizes`, nil when absent.
    private static func sizes(_ container: KeyedDecodingContainer<Key>) throws -> ClosedRange<Float>? {
        guard container.contains(.sizes) else { return nil }
        let values = try coordinates(container, .sizes, count: 2)
        guard values[0] <= values[1] else {
            throw DecodingError.dataCorruptedError(forKey: .sizes, in: container,
                                                   debugDescription: "sizes \(values) are not [smallest, largest]")
        }
        return values[0]...values[1]
    }

    /// `count` numbers under `key` (`[x, y]`, `[x1, y1, x2, y2]`).
    private static func coordinates(_ container: KeyedDecodingContainer<Key>, _ key: Key, count: Int) throws -> [Float] {
        let values = try container.decode([Float].self, forKey: key)
        guard values.count == count else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected \(count) numbers, found \(values.count)")
        }
        return values
    }

    /// `count` integers under `key`.
    private static func integers(_ container: KeyedDecodingContainer<Key>, _ key: Key, count: Int) throws -> [Int] {
        let values = try container.decode([Int].self, forKey: key)
        guard values.count == count else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected \(count) integers, found \(values.count)")
        }
        return values
    }

    /// The warning whose ``DecodeWarning/description`` is `message`: its file and the codec's
    /// words are read back from the sentence the type itself writes, so the two cannot drift apart.
    private static func warning(_ message: String, in container: KeyedDecodingContainer<Key>) throws -> DecodeWarning {
        let template = DecodeWarning(file: "\u{1}", detail: "\u{2}").description
        let file = template.range(of: "\u{1}")!, detail = template.range(of: "\u{2}")!
        let (opening, between, closing) = (template[..<file.lowerBound], template[file.upperBound..<detail.lowerBound],
                                           template[detail.upperBound...])
        guard message.hasPrefix(opening), message.hasSuffix(closing), message.count >= opening.count + closing.count,
              let middle = message.range(of: between, range: message.index(message.startIndex, offsetBy: opening.count)
                                            ..< message.index(message.endIndex, offsetBy: -closing.count))
        else {
            throw DecodingError.dataCorruptedError(forKey: .message, in: container,
                                                   debugDescription: "not a decoder warning as Grounding writes it: \(message.prefix(80))")
        }
        return DecodeWarning(file: String(message[message.index(message.startIndex, offsetBy: opening.count)..<middle.lowerBound]),
                             detail: String(message[middle.upperBound..<message.index(message.endIndex, offsetBy: -closing.count)]))
    }
}
