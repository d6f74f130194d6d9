import Foundation
import GroundingImageIO

// The request's JSON (documented on ``GroundingRequest``). Every object refuses keys it does not
// know, and every value is checked before anything is allocated for it.

extension GroundingRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case image, queries, mode, options, strict, draw
    }

    /// Decodes a request; see the type's summary for the shape.
    public init(from decoder: any Decoder) throws {
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.image) {
            image = try container.decode(ImageSource.self, forKey: .image)
        } else if let attached = AttachedImage.attached(to: decoder) {
            let limit = DecodeOptions().maxFileBytes
            guard attached.count <= limit else {
                throw RequestCoding.invalid(decoder, "the image beside the request is \(attached.count) bytes, more than the \(limit) a PNG or JPEG file may have; downscale it first")
            }
            image = .encoded(attached.copy())
        } else {
            throw RequestCoding.invalid(decoder, "no image: give \"image\": {\"path\": ...}, {\"encoded\": BASE64} or {\"pixels\": {\"width\", \"height\", \"rgb\"}}")
        }
        queries = try container.decode([ObjectQuery].self, forKey: .queries)
        guard !queries.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .queries, in: container,
                                                   debugDescription: "no queries: name at least one object, e.g. [\"person\"]")
        }
        guard let mode = try container.decodeChoiceIfPresent(GroundingMode.self, forKey: .mode) else {
            throw DecodingError.keyNotFound(CodingKeys.mode, DecodingError.Context(codingPath: container.codingPath, debugDescription: "no mode"))
        }
        self.mode = mode
        options = try container.decodeIfPresent(GroundingOptions.self, forKey: .options) ?? GroundingOptions()
        strict = try container.decodeIfPresent(Bool.self, forKey: .strict) ?? false
        drawing = try container.decodeChoiceIfPresent(DrawingFormat.self, forKey: .draw)
    }

    /// Encodes the request; an image's bytes go in base64.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(image, forKey: .image)
        try container.encode(queries, forKey: .queries)
        try container.encode(mode, forKey: .mode)
        try container.encode(options, forKey: .options)
        try container.encode(strict, forKey: .strict)
        try container.encodeIfPresent(drawing, forKey: .draw)
    }
}

extension ImageSource: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path, encoded, pixels
    }

    private enum PixelKeys: String, CodingKey, CaseIterable {
        case width, height, rgb
    }

    /// Decodes `{"path"}`, `{"encoded"}` or `{"pixels"}`: exactly one, and not beside attached bytes
    /// unless they are the pixels.
    public init(from decoder: any Decoder) throws {
        // A path where an object belongs: said how to write it, not as a type.
        if let path = try? decoder.singleValueContainer().decode(String.self).prefix(80) {
            throw RequestCoding.invalid(decoder, #"an object: write "\#(path)" as {"path": "\#(path)"} (or give {"encoded": BASE64} or {"pixels": ...})"#)
        }
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw RequestCoding.invalid(decoder, "give exactly one of \"path\", \"encoded\" or \"pixels\"")
        }
        let attached = AttachedImage.attached(to: decoder)
        if attached != nil && key != .pixels {
            throw RequestCoding.invalid(decoder, "the image is given twice: as \"\(key.stringValue)\" and as bytes beside the request; give one")
        }
        switch key {
        case .path:
            self = .path(try container.decode(String.self, forKey: .path))
        case .encoded:
            self = .encoded(try Self.base64(container, .encoded))
        case .pixels:
            let pixels = try container.nestedContainer(keyedBy: PixelKeys.self, forKey: .pixels)
            try RequestCoding.rejectUnknownKeys(try container.superDecoder(forKey: .pixels), allowed: PixelKeys.self)
            let width = try pixels.decode(Int.self, forKey: .width)
            let height = try pixels.decode(Int.self, forKey: .height)
            let limit = DecodeOptions().maxPixels
            let (count, overflow) = width.multipliedReportingOverflow(by: height)
            guard width > 0, height > 0, !overflow, count <= limit else {
                throw DecodingError.dataCorruptedError(forKey: .width, in: pixels,
                                                       debugDescription: "\(width)×\(height) is not an image of 1 to \(limit) pixels")
            }
            func checkSize(_ bytes: Int) throws {
                guard bytes == count * 3 else {
                    throw DecodingError.dataCorruptedError(forKey: .width, in: pixels,
                                                           debugDescription: "\(bytes) bytes of pixels, but a \(width)×\(height) RGB image has \(count * 3)")
                }
            }
            let rgb: [UInt8]
            switch (pixels.contains(.rgb), attached) {
            case (true, nil): rgb = try Self.base64(pixels, .rgb)
            case (false, let attached?):
                try checkSize(attached.count)
                rgb = attached.copy()
            case (true, .some): throw RequestCoding.invalid(decoder, "the pixels are given twice: as \"rgb\" and as bytes beside the request; give one")
            case (false, nil): throw DecodingError.keyNotFound(PixelKeys.rgb, DecodingError.Context(
                codingPath: pixels.codingPath, debugDescription: "the pixels' bytes, base64"))
            }
            try checkSize(rgb.count)
            self = .pixels(RGBImage(width: width, height: height, pixels: rgb))
        }
    }

    /// Encodes one of `{"path"}`, `{"encoded"}` or `{"pixels"}`, bytes in base64.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .path(let path):
            try container.encode(path, forKey: .path)
        case .encoded(let bytes):
            try container.encode(Data(bytes).base64EncodedString(), forKey: .encoded)
        case .pixels(let image):
            var pixels = container.nestedContainer(keyedBy: PixelKeys.self, forKey: .pixels)
            try pixels.encode(image.width, forKey: .width)
            try pixels.encode(image.height, forKey: .height)
            // Rows are written tightly packed, whatever the image's row stride.
            let rowBytes = image.width * 3
            let packed = image.rowStride == rowBytes ? image.pixels
                : (0..<image.height).flatMap { image.pixels[$0 * image.rowStride..<$0 * image.rowStride + rowBytes] }
            try pixels.encode(Data(packed).base64EncodedString(), forKey: .rgb)
        }
    }

    private static func base64<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> [UInt8] {
        // Line breaks are allowed: the `base64` command and Python's encodebytes wrap at 76.
        let text = try container.decode(String.self, forKey: key).filter { !$0.isNewline }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64 (A–Z, a–z, 0–9, + and /, padded with =)")
        }
        return [UInt8](data)
    }
}

extension ObjectQuery: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case exemplar
    }

    /// The largest coordinate an exemplar corner may have: far beyond any image the decoder
    /// accepts, and small enough that no sum of coordinates overflows.
    private static let maximumCoordinate = 1 << 20

    /// Decodes a name (`"dog"`) or an exemplar query (`{"exemplar": [[x1, y1, x2, y2], ...]}`,
    /// the boxes' corners in pixels of the upright image).
    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self = .name(name)
            return
        }
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw RequestCoding.invalid(decoder, #"a query is a name (a string, such as "dog") or {"exemplar": [[x1, y1, x2, y2], ...]}"#)
        }
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        // One box where a list of boxes belongs is the commonest slip: said so, not as a type.
        if let box = try? container.decode([Int].self, forKey: .exemplar) {
            let corners = box.prefix(8).map(String.init).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: .exemplar, in: container,
                                                   debugDescription: "a list of boxes, each [x1, y1, x2, y2]: write [\(corners)] as [[\(corners)]]")
        }
        let corners = try container.decode([[Int]].self, forKey: .exemplar)
        self = .exemplar(try corners.map { box in
            let limit = Self.maximumCoordinate
            guard box.count == 4, box.allSatisfy({ (-limit...limit).contains($0) }), box[2] > box[0], box[3] > box[1] else {
                throw DecodingError.dataCorruptedError(
                    forKey: .exemplar, in: container,
                    debugDescription: "\(box.prefix(8)) is not a box: give [x1, y1, x2, y2] in pixels (top-left, then bottom-right corner; each within ±\(limit))")
            }
            return PixelRect(x: box[0], y: box[1], width: box[2] - box[0], height: box[3] - box[1])
        })
    }

    /// Encodes a name as a string, an exemplar query as `{"exemplar": [[x1, y1, x2, y2], ...]}`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .name(let name):
            var container = encoder.singleValueContainer()
            try container.encode(name)
        case .exemplar(let boxes):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(boxes.map { [$0.x, $0.y, $0.x + $0.width, $0.y + $0.height] }, forKey: .exemplar)
        }
    }
}

extension GroundingOptions: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case threshold, iou, maxDetections = "max_detections", tiling, overlap, tileMerge = "tile_merge",
             tileMatch = "tile_match", classAgnostic = "class_agnostic", mergeClasses = "merge_classes",
             lookInside = "look_inside", maxWholeLooks = "max_whole_looks", lookCloser = "look_closer", lookAround = "look_around",
             zoomIn = "zoom_in", findTheRest = "find_the_rest",
             findByParts = "find_by_parts", stepBack = "step_back", contextCheck = "context_check", splitCheck = "split_check", exemplar
    }

    /// Decodes the options: absent keys keep their defaults; ranges are checked by ``validate()``
    /// when the request is answered.
    public init(from decoder: any Decoder) throws {
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        scoreThreshold = try container.decodeIfPresent(Float.self, forKey: .threshold)
        iouThreshold = try container.decodeIfPresent(Float.self, forKey: .iou) ?? iouThreshold
        maxDetections = try container.decodeIfPresent(Int.self, forKey: .maxDetections) ?? maxDetections
        tiling = try container.decodeIfPresent(Tiling.self, forKey: .tiling) ?? tiling
        overlap = try container.decodeIfPresent(Float.self, forKey: .overlap) ?? overlap
        tileMerge = try container.decodeIfPresent(TileMerge.self, forKey: .tileMerge) ?? tileMerge
        tileMatchThreshold = try container.decodeIfPresent(Float.self, forKey: .tileMatch) ?? tileMatchThreshold
        classAgnostic = try container.decodeIfPresent(Bool.self, forKey: .classAgnostic) ?? classAgnostic
        mergesClassesWithinName = try container.decodeIfPresent(Bool.self, forKey: .mergeClasses) ?? mergesClassesWithinName
        looksInsideWholes = try container.decodeIfPresent(Bool.self, forKey: .lookInside) ?? looksInsideWholes
        maxWholeLooks = try container.decodeIfPresent(Int.self, forKey: .maxWholeLooks) ?? maxWholeLooks
        looksCloser = try container.decodeIfPresent(Bool.self, forKey: .lookCloser) ?? looksCloser
        looksAround = try container.decodeIfPresent(Bool.self, forKey: .lookAround) ?? looksAround
        zoomsIn = try container.decodeIfPresent(Bool.self, forKey: .zoomIn) ?? zoomsIn
        findsTheRest = try container.decodeIfPresent(Bool.self, forKey: .findTheRest) ?? findsTheRest
        findsWholesByParts = try container.decodeIfPresent(Bool.self, forKey: .findByParts) ?? findsWholesByParts
        stepsBack = try container.decodeIfPresent(Bool.self, forKey: .stepBack) ?? stepsBack
        checksContext = try container.decodeIfPresent(Bool.self, forKey: .contextCheck) ?? checksContext
        checksSplits = try container.decodeIfPresent(Bool.self, forKey: .splitCheck) ?? checksSplits
        exemplar = try container.decodeIfPresent(ExemplarOptions.self, forKey: .exemplar) ?? exemplar
    }

    /// Encodes every option (the threshold only when set).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(scoreThreshold, forKey: .threshold)
        try container.encode(iouThreshold, forKey: .iou)
        try container.encode(maxDetections, forKey: .maxDetections)
        try container.encode(tiling, forKey: .tiling)
        try container.encode(overlap, forKey: .overlap)
        try container.encode(tileMerge, forKey: .tileMerge)
        try container.encode(tileMatchThreshold, forKey: .tileMatch)
        try container.encode(classAgnostic, forKey: .classAgnostic)
        try container.encode(mergesClassesWithinName, forKey: .mergeClasses)
        try container.encode(looksInsideWholes, forKey: .lookInside)
        try container.encode(maxWholeLooks, forKey: .maxWholeLooks)
        try container.encode(looksCloser, forKey: .lookCloser)
        try container.encode(looksAround, forKey: .lookAround)
        try container.encode(zoomsIn, forKey: .zoomIn)
        try container.encode(findsTheRest, forKey: .findTheRest)
        try container.encode(findsWholesByParts, forKey: .findByParts)
        try container.encode(stepsBack, forKey: .stepBack)
        try container.encode(checksContext, forKey: .contextCheck)
        try container.encode(checksSplits, forKey: .splitCheck)
        try container.encode(exemplar, forKey: .exemplar)
    }
}

extension ExemplarOptions: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case similarity, minimumContrast = "min_contrast", minimumScale = "min_scale", maximumScale = "max_scale",
             scaleStep = "scale_step", workingSide = "working_side", peakDistance = "peak_distance",
             checksAppearance = "check_appearance",
             checksSurroundings = "check_surroundings", matchesColour = "match_colour", orientations
    }

    /// Decodes the exemplar options: absent keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        similarity = try container.decodeIfPresent(Float.self, forKey: .similarity)
        minimumContrast = try container.decodeIfPresent(Float.self, forKey: .minimumContrast) ?? minimumContrast
        minimumScale = try container.decodeIfPresent(Float.self, forKey: .minimumScale) ?? minimumScale
        maximumScale = try container.decodeIfPresent(Float.self, forKey: .maximumScale) ?? maximumScale
        scaleStep = try container.decodeIfPresent(Float.self, forKey: .scaleStep) ?? scaleStep
        workingSide = try container.decodeIfPresent(Int.self, forKey: .workingSide) ?? workingSide
        peakDistance = try container.decodeIfPresent(Float.self, forKey: .peakDistance) ?? peakDistance
        checksAppearance = try container.decodeIfPresent(Bool.self, forKey: .checksAppearance) ?? checksAppearance
        checksSurroundings = try container.decodeIfPresent(Bool.self, forKey: .checksSurroundings) ?? checksSurroundings
        matchesColour = try container.decodeIfPresent(Bool.self, forKey: .matchesColour) ?? matchesColour
        orientations = try container.decodeChoiceIfPresent(ExemplarOrientations.self, forKey: .orientations) ?? orientations
    }

    /// Encodes every exemplar option (the similarity only when set).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(similarity, forKey: .similarity)
        try container.encode(minimumContrast, forKey: .minimumContrast)
        try container.encode(minimumScale, forKey: .minimumScale)
        try container.encode(maximumScale, forKey: .maximumScale)
        try container.encode(scaleStep, forKey: .scaleStep)
        try container.encode(workingSide, forKey: .workingSide)
        try container.encode(peakDistance, forKey: .peakDistance)
        try container.encode(checksAppearance, forKey: .checksAppearance)
        try container.encode(checksSurroundings, forKey: .checksSurroundings)
        try container.encode(matchesColour, forKey: .matchesColour)
        try container.encode(orientations, forKey: .orientations)
    }
}

extension Tiling: Codable {
    /// Decodes `"auto"`, `"off"` or a slice size in pixels.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let size = try? container.decode(Int.self) {
            self = .size(size)
            return
        }
        switch try? container.decode(String.self) {
        case "auto": self = .automatic
        case "off": self = .off
        default: throw RequestCoding.invalid(decoder, "tiling is \"auto\", \"off\" or a slice size in pixels")
        }
    }

    /// Encodes `"auto"`, `"off"` or the slice size.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .automatic: try container.encode("auto")
        case .off: try container.encode("off")
        case .size(let size): try container.encode(size)
        }
    }
}

extension TileMerge: Codable {
    /// Decodes `"suppress"` or `"merge"`.
    public init(from decoder: any Decoder) throws {
        switch try decoder.singleValueContainer().decode(String.self) {
        case "suppress": self = .suppress
        case "merge": self = .merge
        default: throw RequestCoding.invalid(decoder, "tile_merge is \"suppress\" or \"merge\"")
        }
    }

    /// Encodes `"suppress"` or `"merge"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self == .suppress ? "suppress" : "merge")
    }
}
