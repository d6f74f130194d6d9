/// A parsed Darknet `.cfg` file: its sections in order, each with its options and line numbers.
///
/// Follows Darknet's syntax: `[section]` headers, `key = value` options, whole-line `#`/`;`
/// comments; whitespace anywhere in a line is ignored. Trailing `#`/`;` comments are dropped too.
///
/// ```swift
/// let cfg = try DarknetConfig(text: "[net]\nwidth=416\n", file: "tiny.cfg")
/// try cfg.sections[0].int("width")   // 416
/// ```
package struct DarknetConfig: Sendable {
    /// The file name used in error messages.
    package let file: String
    /// The sections in file order.
    package let sections: [DarknetSection]

    /// The most sections (layers) a cfg may have; the largest YOLO cfgs have about 170.
    static let maxSections = 4096

    /// Parses cfg text; `file` names it in errors.
    package init(text: String, file: String) throws(DarknetError) {
        var sections: [DarknetSection] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine.filter { !$0.isWhitespace }
            if let comment = line.firstIndex(where: { $0 == "#" || $0 == ";" }) {
                line = String(line[..<comment])
            }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw .malformedLine(file: file, line: lineNumber, text: String(rawLine))
                }
                guard sections.count < Self.maxSections else {
                    throw .sizeLimitExceeded(file: file, line: lineNumber, detail: "more than \(Self.maxSections) sections")
                }
                sections.append(DarknetSection(name: String(line.dropFirst().dropLast()), file: file, line: lineNumber))
                continue
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex, !sections.isEmpty else {
                throw .malformedLine(file: file, line: lineNumber, text: String(rawLine))
            }
            let key = String(line[..<equals])
            sections[sections.count - 1].options[key] = .init(value: String(line[line.index(after: equals)...]), line: lineNumber)
        }
        self.file = file
        self.sections = sections
    }
}

/// One `[name]` section of a cfg with its `key = value` options.
package struct DarknetSection: Sendable {
    /// An option's text and the line it came from.
    package struct Option: Sendable {
        package var value: String
        package var line: Int
    }

    /// The section name without brackets, e.g. `convolutional`.
    package let name: String
    /// The cfg file name, for errors.
    package let file: String
    /// The line of the `[name]` header.
    package let line: Int
    /// The options by key (a repeated key keeps its last value, as in Darknet).
    package var options: [String: Option] = [:]

    /// The line an option was given on, or the header line when it is absent.
    package func line(of key: String) -> Int {
        options[key]?.line ?? line
    }

    /// An integer option in `range`, or `defaultValue` when absent (required when `nil`).
    package func int(_ key: String, default defaultValue: Int? = nil, in range: ClosedRange<Int> = Int.min...Int.max) throws(DarknetError) -> Int {
        guard let option = options[key] else {
            guard let defaultValue else {
                throw .invalidOption(file: file, line: line, key: key, value: "", reason: "[\(name)] needs it")
            }
            return defaultValue
        }
        guard let value = Int(option.value) else {
            throw .invalidOption(file: file, line: option.line, key: key, value: option.value, reason: "not an integer")
        }
        guard range.contains(value) else {
            throw .invalidOption(file: file, line: option.line, key: key, value: option.value,
                                 reason: "must be in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A finite floating-point option, or `defaultValue` when absent.
    package func float(_ key: String, default defaultValue: Float) throws(DarknetError) -> Float {
        guard let option = options[key] else { return defaultValue }
        guard let value = Float(option.value), value.isFinite else {
            throw .invalidOption(file: file, line: option.line, key: key, value: option.value, reason: "not a number")
        }
        return value
    }

    /// A string option, or `defaultValue` when absent.
    package func string(_ key: String, default defaultValue: String) -> String {
        options[key]?.value ?? defaultValue
    }

    /// A comma-separated list of at most `maxCount` integers; `nil` when absent.
    package func ints(_ key: String, maxCount: Int) throws(DarknetError) -> [Int]? {
        guard let option = options[key] else { return nil }
        let parts = option.value.split(separator: ",")
        guard parts.count <= maxCount else {
            throw .sizeLimitExceeded(file: file, line: option.line, detail: "\(key) with \(parts.count) entries")
        }
        var values: [Int] = []
        for part in parts {
            guard let value = Int(part) else {
                throw .invalidOption(file: file, line: option.line, key: key, value: option.value, reason: "not a list of integers")
            }
            values.append(value)
        }
        return values
    }

    /// A comma-separated list of at most `maxCount` finite numbers; `nil` when absent.
    package func floats(_ key: String, maxCount: Int) throws(DarknetError) -> [Float]? {
        guard let option = options[key] else { return nil }
        let parts = option.value.split(separator: ",")
        guard parts.count <= maxCount else {
            throw .sizeLimitExceeded(file: file, line: option.line, detail: "\(key) with \(parts.count) entries")
        }
        var values: [Float] = []
        for part in parts {
            guard let value = Float(part), value.isFinite else {
                throw .invalidOption(file: file, line: option.line, key: key, value: option.value, reason: "not a list of numbers")
            }
            values.append(value)
        }
        return values
    }

    /// Throws ``DarknetError/unsupportedOption`` when `key` is present with a value other than
    /// `neutral`: for options that would change the maths and that this runtime does not implement.
    package func require(_ key: String, isAbsentOr neutral: String) throws(DarknetError) {
        guard let option = options[key], option.value != neutral else { return }
        throw .unsupportedOption(file: file, line: option.line, key: key, value: option.value)
    }
}
