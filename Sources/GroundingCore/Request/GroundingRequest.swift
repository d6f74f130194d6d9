import Foundation
import GroundingImageIO

/// One question for the engine, complete: which image, what to look for, which answer, with
/// which options, and whether to draw. ``GroundingEngine/answer(_:)`` answers it; as JSON it is
/// what the C ABI and the Python package send.
///
/// ```swift
/// let request = GroundingRequest(image: .path("TestImages/dog.jpg"), objects: ["dog", "bicycle"], mode: .bbox)
/// let response = try engine.answer(request)
/// print(response.result.objects.map(\.count))   // [1, 1]
/// ```
///
/// Its JSON (unknown keys are refused, so a misspelt option is an error, not a silent default;
/// `docs/REQUEST.md` lists every key with its default and range):
///
/// ```json
/// {"image": {"path": "TestImages/dog.jpg"}, "queries": ["dog", {"exemplar": [[137, 205, 319, 542]]}],
///  "mode": "bbox", "options": {"threshold": 0.3, "tiling": "off"}, "strict": false, "draw": "png"}
/// ```
///
/// `image` is `{"path": P}`, `{"encoded": BASE64}` (a PNG or JPEG file's bytes) or
/// `{"pixels": {"width": W, "height": H, "rgb": BASE64}}` (upright 8-bit RGB, row by row). A
/// decoder given ``attachedImage`` bytes in its `userInfo` (the C ABI's `image_bytes`) takes them
/// as the encoded file when `image` is absent, or as the pixels when `pixels` has no `rgb`.
public struct GroundingRequest: Sendable, Hashable {
    /// Where the image comes from.
    public var image: ImageSource
    /// What to look for, in the order answered: names and exemplar boxes.
    public var queries: [ObjectQuery]
    /// The question: boxes, points or counts.
    public var mode: GroundingMode
    /// The grounding knobs (threshold, tiling, overlap, ...), checked when the request is answered.
    public var options: GroundingOptions
    /// Refuse an image whose data is damaged instead of answering it with a warning.
    public var strict: Bool
    /// When set, the response carries the image with the answer drawn on it, encoded so.
    public var drawing: DrawingFormat?

    /// A request for `queries` in `image`.
    public init(image: ImageSource, queries: [ObjectQuery], mode: GroundingMode,
                options: GroundingOptions = GroundingOptions(), strict: Bool = false, drawing: DrawingFormat? = nil) {
        self.image = image
        self.queries = queries
        self.mode = mode
        self.options = options
        self.strict = strict
        self.drawing = drawing
    }

    /// A request for objects by name in `image`.
    public init(image: ImageSource, objects: [String], mode: GroundingMode,
                options: GroundingOptions = GroundingOptions(), strict: Bool = false, drawing: DrawingFormat? = nil) {
        self.init(image: image, queries: objects.map(ObjectQuery.name), mode: mode, options: options,
                  strict: strict, drawing: drawing)
    }

    /// The request in `json`, with `attachedImage` as the image bytes beside it (see the type's
    /// summary); any problem is ``GroundingError/invalidRequest(_:)`` saying what and where.
    ///
    /// ```swift
    /// let request = try GroundingRequest(json: Array(#"{"queries": ["dog"], "mode": "count"}"#.utf8),
    ///                                    attachedImage: jpegBytes)
    /// ```
    public init(json: [UInt8], attachedImage: [UInt8]? = nil) throws(GroundingError) {
        try self.init(json: json, attached: attachedImage.map { bytes in AttachedImage(count: bytes.count) { bytes } })
    }

    /// The request in `json`, with `attached` beside it: its bytes are copied only once the
    /// request has said how to read them and their size fits (the C ABI's `image_bytes`).
    package init(json: [UInt8], attached: AttachedImage?) throws(GroundingError) {
        let decoder = JSONDecoder()
        if let attached { decoder.userInfo[Self.attachedImage] = attached }
        do {
            self = try decoder.decode(GroundingRequest.self, from: Data(json))
            if let key = DuplicateKeys.first(in: json) {
                throw GroundingError.invalidRequest("the key \"\(key.prefix(80))\" is given twice in one object; give it once")
            }
        } catch let error as GroundingError {
            throw error
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, context.debugDescription.contains("not valid JSON"),
               let number = Self.numberProblem(in: json) {
                throw .invalidRequest(number)
            }
            throw .invalidRequest(RequestCoding.describe(error))
        } catch {
            throw .invalidRequest(String(describing: error))
        }
    }

    /// What Foundation's decoder meant by "not valid JSON", said with no place, when it was a
    /// number: one past a double's range (1e999; its parser names it), or, when the parser reads
    /// the text, one that does not fit its key's type (2.5 threads, 1e40); nil for other errors.
    private static func numberProblem(in json: [UInt8]) -> String? {
        let reason: String
        do {
            _ = try JSONSerialization.jsonObject(with: Data(json))
            return "a number does not fit its key: a whole number (max_detections, a tile size, an exemplar corner, pixel width and height) has a fraction, or a number is too large"
        } catch {
            reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        }
        let (prefix, suffix) = ("Number ", " is not representable in Swift.")
        guard reason.hasPrefix(prefix), reason.hasSuffix(suffix) else { return nil }
        let number = reason.dropFirst(prefix.count).dropLast(suffix.count)
        return "the number \(number.prefix(80)) is out of range: numbers must lie within ±1.8e308 (a double's range)"
    }

    /// The `userInfo` key under which a decoder finds image bytes sent beside the JSON:
    /// `[UInt8]`, or the package's own `AttachedImage`, copied only when needed.
    public static let attachedImage = CodingUserInfoKey(rawValue: "grounding.attachedImage")!
}

/// Image bytes sent beside a request's JSON, copied only when the request has been read: a
/// buffer that does not fit what the request says (pixels of another size, a file over the
/// decoder's limit) is refused before a byte of it is copied.
package struct AttachedImage: @unchecked Sendable {
    /// How many bytes there are.
    package let count: Int
    /// A copy of the bytes; called at most once, while the request is decoded.
    package let copy: () -> [UInt8]

    /// `count` bytes that `copy` returns.
    package init(count: Int, copy: @escaping () -> [UInt8]) {
        self.count = count
        self.copy = copy
    }

    /// The bytes a decoder was given beside the JSON under ``GroundingRequest/attachedImage``,
    /// as this type or as the `[UInt8]` callers of the public key put there.
    static func attached(to decoder: any Decoder) -> AttachedImage? {
        let value = decoder.userInfo[GroundingRequest.attachedImage]
        if let bytes = value as? [UInt8] { return AttachedImage(count: bytes.count) { bytes } }
        return value as? AttachedImage
    }
}

/// Where a request's image comes from.
///
/// ```swift
/// let fromDisk = ImageSource.path("TestImages/horses.jpg")
/// let fromUpload = ImageSource.encoded(bytes)             // a PNG or JPEG file's bytes
/// let fromCamera = ImageSource.pixels(RGBImage(width: 640, height: 480))
/// ```
public enum ImageSource: Sendable, Hashable {
    /// A PNG or JPEG file, read and decoded (EXIF-oriented; DCT-scaled when tiling is off).
    case path(String)
    /// The bytes of a PNG or JPEG file.
    case encoded([UInt8])
    /// Decoded upright RGB pixels.
    case pixels(RGBImage)

    /// The path, when the image comes from a file.
    public var path: String? {
        if case .path(let path) = self { return path }
        return nil
    }
}

/// How a drawing of the answer is encoded.
public enum DrawingFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lossless PNG.
    case png
    /// JPEG at quality 92.
    case jpeg
}
