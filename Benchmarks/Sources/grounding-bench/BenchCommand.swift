@preconcurrency import Glibc
import Foundation

/// The harness's command line (see `main.swift`): the driver, the stage child, compare and table.
enum BenchCommand {
    typealias Stage = (name: String, run: () throws -> Void)

    static let usage = """
        usage: grounding-bench [STAGE ...] [--json PATH] [--compare OLD.json] [--threshold 0.10]
               grounding-bench compare OLD.json NEW.json [--threshold 0.10]
               grounding-bench table RESULTS.json
               grounding-bench --list
        """

    /// Runs the command and returns the exit status: 0 fine, 1 a stage failed or a figure got
    /// worse, 2 usage error.
    static func main(_ arguments: [String], stages: [Stage]) -> Int32 {
        var arguments = arguments
        do {
            let threshold = try take("--threshold", from: &arguments).map { try number($0) } ?? 0.10
            switch arguments.first {
            case "compare":
                guard arguments.count == 3 else { return usageError("compare takes two results files") }
                let flagged = Regressions.compare(old: try ResultsFile.read(arguments[1]), new: try ResultsFile.read(arguments[2]),
                                                  threshold: threshold)
                return flagged > 0 ? 1 : 0
            case "table":
                guard arguments.count == 2 else { return usageError("table takes one results file") }
                try ResultsFile.read(arguments[1]).printSummary()
                return 0
            case "--list":
                print(stages.map(\.name).joined(separator: "\n"))
                return 0
            case "--stage":
                guard let figures = try take("--figures", from: &arguments), arguments.count == 2,
                      let stage = stages.first(where: { $0.name == arguments[1] }) else { return usageError("--stage NAME --figures PATH") }
                return runChild(stage, figuresPath: figures)
            default:
                let json = try take("--json", from: &arguments)
                let old = try take("--compare", from: &arguments)
                if let unknown = arguments.first(where: { name in !stages.contains { $0.name == name } }) {
                    return usageError("unknown stage \(unknown); stages: \(stages.map(\.name).joined(separator: ", "))")
                }
                let chosen = arguments.isEmpty ? stages.map(\.name) : stages.map(\.name).filter(arguments.contains)
                return try drive(chosen, json: json, compareWith: old, threshold: threshold)
            }
        } catch let error as UsageError {
            return usageError(error.message)
        } catch {
            print("grounding-bench: \(error)")
            return 1
        }
    }

    /// Runs each stage in a child process, collects their figures, writes and compares them.
    private static func drive(_ chosen: [String], json: String?, compareWith old: String?, threshold: Double) throws -> Int32 {
        let oldResults = try old.map(ResultsFile.read)  // a bad file fails now, not after the run
        var results = ResultsFile.describingThisRun(stages: chosen)
        print("# grounding-bench: \(results.machine)")
        let folder = try TemporaryFolder("bench")
        defer { folder.remove() }
        for name in chosen {
            let figuresPath = folder.path("\(name).json")
            fflush(stdout)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = ["--stage", name, "--figures", figuresPath]
            try process.run()
            process.waitUntilExit()
            let figures = (try? Data(contentsOf: URL(fileURLWithPath: figuresPath)))
                .flatMap { try? JSONDecoder().decode([Figure].self, from: $0) }
            if process.terminationStatus != 0 || figures == nil {
                print("stage \(name) FAILED (exit status \(process.terminationStatus))")
                results.failedStages.append(name)
            }
            results.figures += figures ?? []
        }
        results.loadAtEnd = ResultsFile.loadAverage
        if let json {
            try results.write(to: json)
        }
        results.printSummary()
        if let json { print("\nresults written to \(json)") }
        let flagged = oldResults.map { Regressions.compare(old: $0, new: results, threshold: threshold) } ?? 0
        return results.failedStages.isEmpty && flagged == 0 ? 0 : 1
    }

    /// In the child: runs one stage, adds its peak memories, writes its figures for the driver.
    private static func runChild(_ stage: Stage, figuresPath: String) -> Int32 {
        Recorder.begin(stage: stage.name)
        var status: Int32 = 0
        do {
            try stage.run()
        } catch {
            print("stage \(stage.name) failed: \(error)")
            status = 1
        }
        if let peak = PeakMemory.processPeak {
            // Includes what the stage itself holds (its inputs, the peers' results) besides our code.
            Recorder.recordMemory("stage process peak RSS", bytes: peak)
        }
        if Recorder.peersRan {
            Recorder.recordMemory("largest peer process peak RSS", bytes: PeakMemory.largestChild, side: .peer)
        }
        do {
            try JSONEncoder().encode(Recorder.figures).write(to: URL(fileURLWithPath: figuresPath))
        } catch {
            print("stage \(stage.name): cannot write its figures to \(figuresPath): \(error)")
            status = 1
        }
        return status
    }

    private struct UsageError: Error {
        var message: String
    }

    /// Removes `option` and its value from `arguments` and returns the value.
    private static func take(_ option: String, from arguments: inout [String]) throws -> String? {
        guard let index = arguments.firstIndex(of: option) else { return nil }
        guard index + 1 < arguments.count else { throw UsageError(message: "\(option) needs a value") }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
    }

    private static func number(_ text: String) throws -> Double {
        guard let value = Double(text), value >= 0 else { throw UsageError(message: "--threshold takes a fraction such as 0.10, not \(text)") }
        return value
    }

    private static func usageError(_ message: String) -> Int32 {
        print("grounding-bench: \(message)\n\(usage)")
        return 2
    }
}
