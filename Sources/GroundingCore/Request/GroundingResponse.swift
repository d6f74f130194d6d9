import Foundation

/// The engine's answer to a ``GroundingRequest``: the result and, when asked for, the drawing.
///
/// Its JSON is `{"result": NATIVE_JSON, "drawing": {"format": "png", "data": BASE64}}`, the
/// drawing only when the request asked for one.
///
/// ```swift
/// let response = try engine.answer(GroundingRequest(image: .path("dog.jpg"), objects: ["dog"], mode: .bbox, drawing: .png))
/// try Data(response.drawing!.bytes).write(to: URL(fileURLWithPath: "dog-drawn.png"))
/// ```
public struct GroundingResponse: Sendable, Encodable {
    /// What was found.
    public var result: GroundingResult
    /// The image with the answer drawn on it, encoded as the request asked; nil when it did not.
    public var drawing: Drawing?

    /// An encoded drawing of the answer.
    public struct Drawing: Sendable, Hashable {
        /// How ``bytes`` are encoded.
        public var format: DrawingFormat
        /// The PNG or JPEG file's bytes.
        public var bytes: [UInt8]

        /// A drawing in `format`.
        public init(format: DrawingFormat, bytes: [UInt8]) {
            self.format = format
            self.bytes = bytes
        }
    }

    /// A response.
    public init(result: GroundingResult, drawing: Drawing? = nil) {
        self.result = result
        self.drawing = drawing
    }

    /// The response as JSON, in the documented key order.
    public func json() -> JSONValue {
        let drawn: [(String, JSONValue)] = drawing.map { drawing in
            [("drawing", .object([("format", .string(drawing.format.rawValue)),
                                  ("data", .string(Data(drawing.bytes).base64EncodedString()))]))]
        } ?? []
        return .object([("result", result.nativeJSON())] + drawn)
    }

    /// Encodes ``json()``.
    public func encode(to encoder: any Encoder) throws {
        try json().encode(to: encoder)
    }
}

extension GroundingError {
    /// The error as the request API's JSON: `{"error": {"code": "image.truncated", "message": "..."}}`;
    /// when no name could be answered, also `"unresolved"`: each name as a result lists it.
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [("code", .string(code.rawValue)), ("message", .string(description))]
        if case .query(_, let unresolved) = self, !unresolved.isEmpty {
            members.append(("unresolved", .array(unresolved.map(\.nativeJSON))))
        }
        return .object([("error", .object(members))])
    }
}
