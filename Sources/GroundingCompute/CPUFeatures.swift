#if canImport(Glibc)
import Glibc
#endif

/// The instruction-set extensions of the CPU this process runs on, as the kernel reports them in
/// `/proc/cpuinfo`, and the OpenBLAS core type they call for.
///
/// ```swift
/// CPUFeatures.current.openBLASCoreType  // "SkylakeX" on an AVX-512 machine
/// ```
package struct CPUFeatures: Sendable, Equatable {
    /// The lower-case flag names, e.g. `avx2`, `fma`, `avx512f`.
    package var flags: Set<String>

    /// Creates a feature set from flag names.
    package init(flags: Set<String>) {
        self.flags = flags
    }

    /// Parses the first `flags` line of `/proc/cpuinfo` text.
    package init(cpuinfo: String) {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            self.init(flags: Set(line[line.index(after: colon)...].split(separator: " ").map(String.init)))
            return
        }
        self.init(flags: [])
    }

    /// The features of this machine; empty when `/proc/cpuinfo` cannot be read.
    package static let current = CPUFeatures(cpuinfo: readFlagsLine() ?? "")

    /// The OpenBLAS core type whose kernels this CPU runs best, or `nil` to let OpenBLAS choose.
    ///
    /// Full AVX-512 (F, VL, BW, DQ) → `SkylakeX`; AVX2 with FMA → `Haswell`.
    package var openBLASCoreType: String? {
        if flags.isSuperset(of: ["avx512f", "avx512vl", "avx512bw", "avx512dq"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// Reads `/proc/cpuinfo` line by line up to its first `flags` line, so a machine with many
    /// cores does not make us read (or hold) the whole file.
    private static func readFlagsLine() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line else { break }
            let text = String(cString: line)
            if text.hasPrefix("flags") { return text }
        }
        return nil
    }
}
