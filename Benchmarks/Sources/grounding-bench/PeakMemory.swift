import Foundation
import Synchronization

/// Peak resident memory of this process and of its finished children, from the kernel.
///
/// The peak of one operation is taken by resetting the process's peak (`/proc/self/clear_refs`,
/// Linux 4.0 and later) just before it and reading `VmHWM` just after. Allocations are not
/// counted: that would need an allocator hook (an `LD_PRELOAD` interposer), which this harness
/// does without.
enum PeakMemory {
    /// The highest resident set size of this process since it started or since the last
    /// ``reset()`` (`VmHWM`), in bytes; nil where `/proc` is not available.
    static var peak: Int? {
        status("VmHWM:")
    }

    /// The current resident set size (`VmRSS`), in bytes.
    static var current: Int? {
        status("VmRSS:")
    }

    /// The highest peak of this process since it started, across ``reset()``s, in bytes.
    static var processPeak: Int? {
        peak.map { max($0, earlierPeaks.load(ordering: .relaxed)) }
    }

    /// The largest peak that a ``reset()`` discarded.
    private static let earlierPeaks = Atomic<Int>(0)

    /// Starts a new peak at the current resident set size; false if the kernel refused.
    @discardableResult
    static func reset() -> Bool {
        if let peak { earlierPeaks.max(peak, ordering: .relaxed) }
        // Written in place: Foundation's file writers go through a temporary file, which /proc refuses.
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        let written = fputs("5", file) >= 0
        return fclose(file) == 0 && written
    }

    /// The peak of `body` alone: reset, run, read.
    static func during<T>(_ body: () throws -> T) rethrows -> (result: T, peak: Int?) {
        let resetWorked = reset()
        let result = try body()
        return (result, resetWorked ? peak : nil)
    }

    /// The largest peak resident set size among the children this process has waited for
    /// (the peer scripts), in bytes.
    static var largestChild: Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    /// A `/proc/self/status` line such as `VmHWM:  123456 kB`, in bytes.
    private static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kilobytes = Int(line.dropFirst(field.count).split(whereSeparator: \.isWhitespace).first ?? "") else { return nil }
        return kilobytes * 1024
    }
}

/// Megabytes (10⁶ bytes) for printing; "?" when unknown.
func megabytes(_ bytes: Int?) -> String {
    bytes.map { String(format: "%.0f MB", Double($0) / 1e6) } ?? "?"
}
