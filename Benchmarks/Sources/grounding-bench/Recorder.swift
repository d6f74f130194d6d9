import Foundation
import Synchronization

/// Collects the figures of the stage running in this process, for the driver's results file.
///
/// ``Comparison/printTable(_:_:)`` records everything it prints; stages record other figures
/// (peak memory, counts) themselves. The first figure recorded under a name wins, so a figure
/// shown on several lines of a table is kept once.
enum Recorder {
    private struct State {
        var stage = "none"
        var figures: [Figure] = []
        var keys: Set<String> = []
        var peersRan = false
    }

    private static let state = Mutex(State())

    /// Names the stage whose figures follow.
    static func begin(stage: String) {
        state.withLock { $0.stage = stage }
    }

    static func record(_ stats: Stats, side: Figure.Side) {
        add { Figure(stage: $0, side: side, stats: stats) }
    }

    /// Records peer / ours for two latencies measured in the same run.
    static func recordRatio(ours: Stats, peer: Stats) {
        add { stage in
            var figure = Figure(stage: stage, name: "\(peer.name) / \(ours.name)", side: .ratio, unit: "×",
                                value: peer.p50 / ours.p50)
            figure.ours = ours.name
            figure.peer = peer.name
            return figure
        }
    }

    /// Records a peak resident set size.
    static func recordMemory(_ name: String, bytes: Int, side: Figure.Side = .ours) {
        add { Figure(stage: $0, name: name, side: side, unit: "MB", value: Double(bytes) / 1e6) }
    }

    /// Records an accuracy figure (a recall, a precision, a count error): `unit` says which.
    static func recordScore(_ name: String, value: Double, unit: String, side: Figure.Side) {
        add { Figure(stage: $0, name: name, side: side, unit: unit, value: value) }
    }

    /// Notes that a peer script ran, so that the largest child's memory is a peer's.
    static func notePeerRun() {
        state.withLock { $0.peersRan = true }
    }

    /// True once a peer script has run in this stage.
    static var peersRan: Bool {
        state.withLock { $0.peersRan }
    }

    /// Everything recorded so far.
    static var figures: [Figure] {
        state.withLock { $0.figures }
    }

    private static func add(_ make: (String) -> Figure) {
        state.withLock { state in
            let figure = make(state.stage)
            if state.keys.insert(figure.key).inserted { state.figures.append(figure) }
        }
    }
}
