import Foundation

/// Latency figures for one measured operation, in milliseconds.
struct Stats: Codable {
    var name: String
    var iterations: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var mean: Double
    /// What one run processes (e.g. 12.19 MP, 13 images), for a throughput figure; nil: one run.
    var work: Work?

    /// An amount of work and its unit, e.g. 12.19 "MP".
    struct Work: Codable {
        var amount: Double
        var unit: String
    }

    init(name: String, samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
        }
        self.name = name
        self.iterations = samples.count
        self.p50 = percentile(0.5)
        self.p90 = percentile(0.9)
        self.p99 = percentile(0.99)
        self.mean = samples.reduce(0, +) / Double(samples.count)
    }

    /// The same figures, each run processing `amount` `unit`s.
    func per(_ amount: Double, _ unit: String) -> Stats {
        var copy = self
        copy.work = Work(amount: amount, unit: unit)
        return copy
    }

    /// Work per second at the median latency: `(value, "MP/s")`, or runs per second.
    var throughput: (value: Double, unit: String) {
        let work = work ?? Work(amount: 1, unit: "runs")
        return (work.amount / (p50 / 1000), work.unit + "/s")
    }
}

/// Runs `body` `warmup` times unmeasured, then `iterations` times, and returns the latencies.
func measure(_ name: String, iterations: Int, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Stats {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return Stats(name: name, samples: samples)
}

/// Runs `round` (which measures ours and its peers, one after the other) `count` times and keeps,
/// figure by figure, the round with the lowest median.
///
/// The two cores are shared with other work: alternating ours and the peer for a few rounds and
/// keeping each operation's best round means neither side is judged by a round that happened to
/// be busy. Every round must return the same figures in the same order.
func bestOfRounds(_ count: Int, _ round: () throws -> [Stats]) rethrows -> [Stats] {
    var rounds: [[Stats]] = []
    for _ in 0..<count { rounds.append(try round()) }
    return rounds[0].indices.map { i in rounds.map { $0[i] }.min { $0.p50 < $1.p50 }! }
}

/// Runs a peer script from `Benchmarks/peers/` in the peers' venv and decodes the figures it
/// prints as a JSON array of ``Stats`` on its last line of stdout.
func runPeer(_ script: String, arguments: [String]) throws -> [Stats] {
    try runPeer(script, arguments: arguments, decoding: [Stats].self)
}

/// Runs a peer script and decodes the JSON value it prints on its last line of stdout.
func runPeer<Output: Decodable>(_ script: String, arguments: [String], decoding: Output.Type) throws -> Output {
    let python = ProcessInfo.processInfo.environment["GROUNDING_PEERS_PYTHON"]
        ?? Repository.benchmarks.appendingPathComponent("peers/.venv/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: python) else { throw HarnessError.noPeerPython(python) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [Repository.benchmarks.appendingPathComponent("peers/\(script)").path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last else {
        throw HarnessError.peerFailed(script, process.terminationStatus)
    }
    Recorder.notePeerRun()
    return try JSONDecoder().decode(Output.self, from: Data(last.utf8))
}

/// Runs `executable` with `arguments`, its output discarded, and returns its exit status once
/// it has exited: with posix_spawn and waitpid, whose wait ends when the child does (Foundation's
/// `Process.waitUntilExit` polls a run loop, which added 30 ms to a 120 ms call here).
func runDiscardingOutput(_ executable: String, _ arguments: [String]) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw HarnessError.commandFailed("posix_spawn \(executable): \(String(cString: strerror(spawned)))", spawned) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
}

enum HarnessError: Error, CustomStringConvertible {
    case peerFailed(String, Int32)
    case noPeerPython(String)
    case commandFailed(String, Int32)
    case unreadableResults(String, String)
    var description: String {
        switch self {
        case .peerFailed(let script, let status):
            return "peer script \(script) failed with status \(status); run Benchmarks/peers/setup.sh first"
        case .noPeerPython(let path):
            return "no Python for the peers at \(path): run Benchmarks/peers/setup.sh, or set GROUNDING_PEERS_PYTHON to a Python with opencv-python-headless, onnxruntime, onnx and numpy"
        case .commandFailed(let command, let status):
            return "\(command) failed with status \(status)"
        case .unreadableResults(let path, let reason):
            return "\(path): not a grounding-bench results file (\(reason)); write one with grounding-bench --json PATH"
        }
    }
}

/// One line of the side-by-side table: our figure, the peer's, and peer / ours.
///
/// Printing a table also records its figures (ours, the peer's, and the ratio) for the
/// results file, so a stage that prints its comparisons has nothing else to do.
struct Comparison {
    var ours: Stats
    var peer: Stats?

    static func printTable(_ title: String, _ rows: [Comparison]) {
        print("\n## \(title)")
        var table = TextTable(["operation", "ours p50/p90/p99 ms", "ours rate", "peer", "peer p50 ms", "peer/ours"])
        for row in rows {
            Recorder.record(row.ours, side: .ours)
            var cells = [row.ours.name, Self.percentiles(row.ours), Self.rate(row.ours)]
            if var peer = row.peer {
                // The peer does the same job as ours on that line: the same work per run.
                if peer.work == nil { peer.work = row.ours.work }
                Recorder.record(peer, side: .peer)
                Recorder.recordRatio(ours: row.ours, peer: peer)
                cells += [peer.name, String(format: "%.2f", peer.p50), String(format: "%.2f×", peer.p50 / row.ours.p50)]
            }
            table.add(cells)
        }
        table.print()
    }

    static func percentiles(_ stats: Stats) -> String {
        String(format: "%.2f / %.2f / %.2f", stats.p50, stats.p90, stats.p99)
    }

    static func rate(_ stats: Stats) -> String {
        let (value, unit) = stats.throughput
        return rateText(value, unit)
    }

    /// `48.21 runs/s`, `134 runs/s`, `10.76 M boxes/s`.
    static func rateText(_ value: Double, _ unit: String) -> String {
        if value >= 1e6 { return String(format: "%.2f M %@", value / 1e6, unit as NSString) }
        return String(format: value >= 100 ? "%.0f %@" : "%.2f %@", value, unit as NSString)
    }
}
