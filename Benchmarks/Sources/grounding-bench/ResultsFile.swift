import Foundation
import Grounding

/// What `grounding-bench --json PATH` writes: the machine and commit a run measured, and every
/// figure of every stage (ours, the peers', the ratios and the peak memories).
struct ResultsFile: Codable {
    /// `git rev-parse HEAD`, with `-dirty` when the working tree had changes.
    var commit: String
    /// When the run started, ISO 8601 UTC.
    var date: String
    /// `model name` from `/proc/cpuinfo`.
    var cpu: String
    /// Cores this process may use.
    var cores: Int
    /// The kernel OpenBLAS runs (`BLAS.coreName`) and how it was chosen (`BLAS.coreSelection`).
    var blasCore: String
    var blasCoreSelection: String
    /// OpenBLAS threads per call when the run started (stages may set their own).
    var blasThreads: Int
    /// The 1, 5 and 15-minute load averages (`/proc/loadavg`) when the run started and ended:
    /// above the core count, other work was competing for the cores.
    var loadAtStart: String?
    var loadAtEnd: String?
    /// The stages run, in order, and those that failed.
    var stages: [String]
    var failedStages: [String]
    var figures: [Figure]

    /// The machine and commit, before any stage has run.
    static func describingThisRun(stages: [String]) -> ResultsFile {
        let commit = (try? Repository.run("/usr/bin/env", ["git", "rev-parse", "HEAD"])) ?? "unknown"
        let dirty = !((try? Repository.run("/usr/bin/env", ["git", "status", "--porcelain"])) ?? "").isEmpty
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }?.trimmingCharacters(in: .whitespaces) ?? "unknown"
        try? BLAS.load()
        return ResultsFile(commit: commit + (dirty ? "-dirty" : ""), date: Date().ISO8601Format(), cpu: cpu,
                           cores: ProcessInfo.processInfo.activeProcessorCount, blasCore: BLAS.coreName,
                           blasCoreSelection: BLAS.coreSelection.map(String.init(describing:)) ?? "not loaded",
                           blasThreads: BLAS.threadCount, loadAtStart: loadAverage, stages: stages, failedStages: [], figures: [])
    }

    /// The first three fields of `/proc/loadavg`, e.g. "7.01 7.17 6.68".
    static var loadAverage: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func read(_ path: String) throws -> ResultsFile {
        do {
            return try JSONDecoder().decode(ResultsFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw HarnessError.unreadableResults(path, "\(error)")
        }
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(self).write(to: url)
    }

    /// One line about the machine, for the top of the tables.
    var machine: String {
        "\(date) · commit \(commit) · \(cpu), \(cores) cores · OpenBLAS \(blasCore) (\(blasCoreSelection)), \(blasThreads == 1 ? "1 thread" : "\(blasThreads) threads")"
            + (loadAtStart.map { " · load \($0)" } ?? "") + (loadAtEnd.map { " → \($0)" } ?? "")
    }

    /// The whole side-by-side table: per stage, each ours/peer pair with its ratio, then the
    /// figures without a peer (ours alone, peak memories).
    func printSummary() {
        print("\n# summary: \(machine)")
        for stage in stages {
            let figures = self.figures.filter { $0.stage == stage }
            guard !figures.isEmpty else { continue }
            print("\n## \(stage)")
            var table = TextTable(["ours", "p50 ms", "rate", "peer", "p50 ms", "peer/ours"])
            var paired: Set<String> = []
            func latency(_ name: String?, _ side: Figure.Side) -> Figure? {
                figures.first { $0.side == side && $0.name == name && $0.unit == "ms" }
            }
            for ratio in figures where ratio.side == .ratio {
                guard let ours = latency(ratio.ours, .ours), let peer = latency(ratio.peer, .peer) else { continue }
                paired.formUnion([ours.key, peer.key])
                table.add([ours.name, Self.format(ours), Self.rate(ours), peer.name, Self.format(peer),
                           String(format: "%.2f×", ratio.value)])
            }
            for figure in figures where figure.side != .ratio && figure.unit == "ms" && !paired.contains(figure.key) {
                table.add(figure.side == .ours ? [figure.name, Self.format(figure), Self.rate(figure)]
                                               : ["", "", "", figure.name, Self.format(figure)])
            }
            // Ratios of two of our own figures (e.g. 2 threads against 1).
            for ratio in figures where ratio.side == .ratio && latency(ratio.peer, .peer) == nil {
                table.add([ratio.name, "", "", "", "", String(format: "%.2f×", ratio.value)])
            }
            for figure in figures where figure.unit == "MB" {
                table.add(figure.side == .ours ? [figure.name, Self.format(figure)]
                                               : ["", "", "", figure.name, Self.format(figure)])
            }
            table.print()
        }
        if !failedStages.isEmpty { print("\nFAILED stages: \(failedStages.joined(separator: ", "))") }
    }

    static func format(_ figure: Figure) -> String {
        figure.unit == "MB" ? String(format: "%.0f MB", figure.value) : String(format: "%.2f", figure.value)
    }

    static func rate(_ figure: Figure) -> String {
        guard let value = figure.throughput, let unit = figure.throughputUnit else { return "" }
        return Comparison.rateText(value, unit)
    }
}
