import Foundation

/// Latency figures for one measured operation, in milliseconds.
struct Stats: Codable {
    var name: String
    var iterations: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var mean: Double

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

/// Runs a peer script from `Benchmarks/peers/` in the peers' venv and decodes the figures it
/// prints as a JSON array of ``Stats`` on its last line of stdout.
func runPeer(_ script: String, arguments: [String]) throws -> [Stats] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let python = ProcessInfo.processInfo.environment["GROUNDING_PEERS_PYTHON"]
        ?? root.appendingPathComponent("peers/.venv/bin/python").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [root.appendingPathComponent("peers/\(script)").path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last else {
        throw HarnessError.peerFailed(script, process.terminationStatus)
    }
    return try JSONDecoder().decode([Stats].self, from: Data(last.utf8))
}

enum HarnessError: Error, CustomStringConvertible {
    case peerFailed(String, Int32)
    var description: String {
        switch self {
        case .peerFailed(let script, let status):
            return "peer script \(script) failed with status \(status); run Benchmarks/peers/setup.sh first"
        }
    }
}

/// One line of the side-by-side table: our figure, the peer's, and peer / ours.
struct Comparison {
    var ours: Stats
    var peer: Stats?

    static func printTable(_ title: String, _ rows: [Comparison]) {
        print("\n## \(title)")
        print(pad("operation", 44) + pad("ours p50 ms", 13) + pad("peer", 34) + pad("peer p50 ms", 13) + "peer/ours")
        for row in rows {
            var line = pad(row.ours.name, 44) + pad(String(format: "%.2f", row.ours.p50), 13)
            if let peer = row.peer {
                line += pad(peer.name, 34) + pad(String(format: "%.2f", peer.p50), 13)
                line += String(format: "%.2f×", peer.p50 / row.ours.p50)
            }
            print(line)
        }
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
