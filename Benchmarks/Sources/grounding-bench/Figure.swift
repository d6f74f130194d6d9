/// One number in a results file: a latency (ours or a peer's), a peak memory, or a peer/ours
/// ratio, with what it belongs to.
struct Figure: Codable, Hashable {
    /// Whose figure it is.
    enum Side: String, Codable {
        /// Our code.
        case ours
        /// A peer library doing the same job in the same run.
        case peer
        /// Peer / ours for a pair measured in the same run (greater than 1: ours is faster);
        /// less sensitive to the machine's load than either figure alone.
        case ratio
    }

    var stage: String
    var name: String
    var side: Side
    /// "ms" (a median latency), "MB" (a peak resident set size), "×" (a ratio), or an accuracy
    /// figure: "recall", "precision", "count error" (mean absolute), "relative count error".
    var unit: String
    var value: Double
    /// Latency only: the other percentiles, the mean and the number of timed runs.
    var p90: Double?
    var p99: Double?
    var mean: Double?
    var iterations: Int?
    /// Latency only: work per second at the median, e.g. 61.3 "MP/s".
    var throughput: Double?
    var throughputUnit: String?
    /// Ratio only: the names of the two figures it divides.
    var ours: String?
    var peer: String?

    /// What identifies the figure across results files.
    var key: String { "\(stage) | \(side.rawValue) | \(name) | \(unit)" }

    /// Ratios, recalls and precisions are better higher; latencies, memory and count errors lower.
    var higherIsBetter: Bool { side == .ratio || unit == "recall" || unit == "precision" }

    /// A latency figure from ``Stats``.
    init(stage: String, side: Side, stats: Stats) {
        self.init(stage: stage, name: stats.name, side: side, unit: "ms", value: stats.p50)
        p90 = stats.p90
        p99 = stats.p99
        mean = stats.mean
        iterations = stats.iterations
        (throughput, throughputUnit) = stats.throughput
    }

    init(stage: String, name: String, side: Side, unit: String, value: Double) {
        self.stage = stage
        self.name = name
        self.side = side
        self.unit = unit
        self.value = value
    }
}
