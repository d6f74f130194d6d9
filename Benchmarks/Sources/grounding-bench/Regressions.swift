import Foundation

/// Compare mode: every figure of a new results file against the same figure in an old one.
enum Regressions {
    /// Prints each figure's change and flags those more than `threshold` worse (latency or memory
    /// up, ratio down); returns how many were flagged.
    static func compare(old: ResultsFile, new: ResultsFile, threshold: Double) -> Int {
        print("\n# compare (flag: more than \(Int((threshold * 100).rounded()))% worse)")
        print("old: \(old.machine)")
        print("new: \(new.machine)")
        let before = Dictionary(old.figures.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var table = TextTable(["stage", "side", "figure", "old", "new", "change", ""])
        var flagged: [Figure.Side: Int] = [:]
        var unmatched = 0
        for figure in new.figures {
            guard let previous = before[figure.key], previous.value > 0, figure.value > 0 else {
                unmatched += 1
                continue
            }
            // "Worse by x" is symmetric in both directions: a latency 1.1× old, a ratio old / 1.1.
            let worsening = figure.higherIsBetter ? previous.value / figure.value - 1 : figure.value / previous.value - 1
            let worse = worsening > threshold
            if worse { flagged[figure.side, default: 0] += 1 }
            table.add([figure.stage, figure.side.rawValue, figure.name, ResultsFile.format(previous), ResultsFile.format(figure),
                       String(format: "%+.1f%%", (figure.value / previous.value - 1) * 100), worse ? "WORSE" : ""])
        }
        table.print()
        let total = flagged.values.reduce(0, +)
        print("\n\(total) figure(s) more than \(Int((threshold * 100).rounded()))% worse: \(flagged[.ours] ?? 0) of ours, "
              + "\(flagged[.ratio] ?? 0) peer/ours ratios, \(flagged[.peer] ?? 0) of the peers"
              + " (a peer getting worse too points at load on the machine, not at our code); "
              + "\(unmatched) figure(s) not in the old file")
        return total
    }
}
