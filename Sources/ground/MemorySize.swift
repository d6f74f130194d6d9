import Foundation

/// A size given on the command line: `2G`, `512M`, `1500MB`, `800k` or plain bytes (powers of
/// 1024 for the suffixes, as `free -h` and `ulimit` count: `M` and `MB` are MiB, `G` and `GB` GiB).
///
/// Sizes are echoed in the unit the flag was given in: `--max-memory 128M` is "128 MiB" in
/// messages, never "134 MB", and `--max-memory 2G` is "2 GiB".
struct MemorySize: Sendable {
    /// The size in bytes.
    let bytes: Int
    /// The unit messages show this size, and what is measured against it, in.
    let unit: Unit

    /// The binary units sizes are shown in.
    enum Unit: Sendable {
        /// MiB (2²⁰ bytes), in whole numbers: for sizes given in bytes, k or M.
        case mebibytes
        /// GiB (2³⁰ bytes), to three decimals: for sizes given in G or T.
        case gibibytes
    }

    /// The smallest budget accepted: below it not even a small photo fits (an answer's working
    /// memory alone, ``ImageJob/workingBytes``, is 96 MiB).
    static let minimum = 128 << 20

    /// Reads `argument`, saying what is wrong when it cannot.
    static func parse(_ argument: String) throws(UsageError) -> MemorySize {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = text.prefix { $0.isNumber || $0 == "." }
        let unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let shifts: [String: Int] = ["": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
                                     "g": 30, "gb": 30, "gib": 30, "t": 40, "tb": 40, "tib": 40]
        guard let number = Double(digits), number.isFinite, let shift = shifts[unit] else {
            throw UsageError("'\(String(argument.prefix(40)))' is not a size; write e.g. 2G, 512M or 1500MB (M = MiB, G = GiB)")
        }
        let value = number * Double(1 << shift)
        guard value >= Double(minimum), value <= Double(1 << 50) else {
            throw UsageError("'\(String(argument.prefix(40)))' is outside 128M...1P; give a budget a photo fits in, e.g. 2G")
        }
        return MemorySize(bytes: Int(value), unit: shift >= 30 ? .gibibytes : .mebibytes)
    }

    /// `bytes` in `unit` ("128 MiB", "1.5 GiB", "0.125 GiB"): whole MiB, or GiB to three
    /// decimals without trailing zeros; rounded up for an amount needed and down for a budget,
    /// so that a need over a budget never reads as equal to it or below it.
    static func shown(_ bytes: Int, in unit: Unit, roundingUp: Bool) -> String {
        let (scale, step, name) = switch unit {
        case .mebibytes: (1, 1 << 20, "MiB")
        case .gibibytes: (1000, 1 << 30, "GiB")
        }
        let scaled = bytes.multipliedReportingOverflow(by: scale)
        guard !scaled.overflow else { return "more than \(Int.max / step / scale) \(name)" }
        let units = roundingUp ? (scaled.partialValue + step - 1) / step : scaled.partialValue / step
        guard scale > 1 else { return "\(units) \(name)" }
        var fraction = String(format: ".%03d", units % scale)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(units / scale)\(fraction == "." ? "" : fraction) \(name)"
    }
}
