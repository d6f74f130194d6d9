import Foundation

/// What the request types' JSON coding shares: keys known only at run time, refusing keys a type
/// does not know, and messages for decoding errors.
package enum RequestCoding {
    /// Any key: the one way to see which keys a JSON object really holds.
    package struct AnyKey: CodingKey {
        package var stringValue: String
        package var intValue: Int?
        package init(stringValue: String) { self.stringValue = stringValue }
        package init?(intValue: Int) {
            self.stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    /// Throws when the object being decoded holds a key outside `Keys`, naming it and the known ones.
    package static func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, allowed: Keys.Type) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Keys.allCases.map(\.stringValue)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key \"\(key.stringValue.prefix(80))\"; known keys here: \(known.joined(separator: ", "))")
        }
    }

    /// An error at the decoder's current place.
    package static func invalid(_ decoder: any Decoder, _ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: message))
    }

    /// `error` as one line: where in the request (`options.threshold`) and what is wrong.
    package static func describe(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the request" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)): expected \(readable(type))" + (found(in: context.debugDescription).map { ", found \($0)" } ?? "")
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)): expected \(readable(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            // The JSON parser's own message sits in the underlying error.
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(place(context.codingPath)): \(context.debugDescription)\(underlying.map { " (\($0))" } ?? "")"
        @unknown default:
            return String(describing: error)
        }
    }

    /// What a type mismatch found, as a JSON reader knows it, from Foundation's "Expected to
    /// decode Dictionary<String, Any> but found number instead.": "a number".
    private static func found(in description: String) -> String? {
        guard let start = description.range(of: "but found "), let end = description.range(of: " instead", range: start.upperBound..<description.endIndex)
        else { return nil }
        switch description[start.upperBound..<end.lowerBound] {
        case "number", "a number": return "a number"
        case "a string", "string": return "a string"
        case "bool", "a bool", "a boolean", "boolean": return "true or false"
        case "a dictionary", "dictionary", "an object": return "an object"
        case "an array", "array": return "a list"
        case "null", "a null value": return "null"
        default: return nil
        }
    }

    /// A Swift type as a JSON reader knows it.
    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "a whole number"
        case is Float.Type, is Double.Type: "a number"
        case is [String: Any].Type: "an object"
        case is [Any].Type: "a list"
        default: "\(type)"
        }
    }
}

extension KeyedDecodingContainer {
    /// The word at `key` as one of `Choice`'s, or nil when the key is absent; any other word is
    /// refused with every word it may be (`"counts" is not one of "bbox", "point", "count"`).
    package func decodeChoiceIfPresent<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type, forKey key: Key) throws -> Choice?
    where Choice.RawValue == String {
        guard let word = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let choice = Choice(rawValue: word) else {
            let words = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\"\(word.prefix(80))\" is not one of \(words)")
        }
        return choice
    }
}
