import Foundation
import Grounding
import Synchronization

/// Prints answers in input order as workers finish them, keeps the progress bar on stderr,
/// and counts failures. Safe to call from every worker.
final class BatchOutput: Sendable {
    /// What a worker produced for one input.
    enum Outcome: Sendable {
        case answered(GroundingResult, drawnPath: String?)
        case failed(path: String, message: String)
    }

    private struct State {
        var pending: [Int: Outcome] = [:]
        var nextToPrint = 0
        var done = 0
        var failures = 0
        /// Arguments that named no image (an empty folder, ...); failures that are not files.
        var problems = 0
        var coco: [JSONValue] = []
        var progressShown = false
    }

    private let mode: GroundingMode
    private let format: OutputFormat?
    private let total: Int
    private let showsProgress: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(mode: GroundingMode, format: OutputFormat?, total: Int) {
        self.mode = mode
        self.format = format
        self.total = total
        self.showsProgress = total > 1 && isatty(STDERR_FILENO) == 1
    }

    /// Records input `index`'s outcome and prints every answer that is now next in order.
    func deliver(_ index: Int, _ outcome: Outcome) {
        state.withLock { state in
            state.pending[index] = outcome
            state.done += 1
            clearProgress(&state)
            while let ready = state.pending.removeValue(forKey: state.nextToPrint) {
                state.nextToPrint += 1
                emit(ready, index: state.nextToPrint - 1, state: &state)
            }
            drawProgress(&state)
        }
    }

    /// Reports something skipped on purpose (a pipe in a folder); not a failure.
    func reportNote(path: String, message: String) {
        writeError("note: \(path): \(message)")
    }

    /// Reports a problem with an input that is not an image answer (e.g. an empty folder).
    func reportError(path: String, message: String) {
        state.withLock { state in
            state.failures += 1
            state.problems += 1
            writeError("error: \(path): \(message)")
        }
    }

    /// Reports a problem that concerns the whole run (model, names).
    func reportFatal(_ message: String) {
        writeError("error: \(message)")
    }

    /// True once stdout could not be written: the answers would be lost, so the run stops.
    var isStopped: Bool { StandardStreams.outputFailureReason != nil }

    /// Prints what must come last (the COCO array, the failure summary); returns the failures.
    func finish() -> Int {
        state.withLock { state in
            clearProgress(&state)
            if format == .coco {
                StandardStreams.printLine(JSONValue.array(state.coco).serialized())
            }
            if let reason = StandardStreams.outputFailureReason {
                writeError("error: cannot write the answers to standard output (\(reason)); the run was stopped and its answers were not delivered.")
            }
            if state.failures > 0 {
                let inputs = total + state.problems
                writeError("\(state.failures) of \(inputs) input\(inputs == 1 ? "" : "s") could not be answered; see the errors above.")
            }
            return state.failures
        }
    }

    private func emit(_ outcome: Outcome, index: Int, state: inout State) {
        switch outcome {
        case .failed(let path, let message):
            state.failures += 1
            // Decoding errors already name the file; others get it in front.
            writeError("error: " + (message.contains(path) ? message : "\(path): \(message)"))
        case .answered(let result, let drawnPath):
            switch format {
            case .native: StandardStreams.printLine(result.nativeJSON().serialized())
            case .muse: StandardStreams.printLine(result.museJSON().serialized())
            case .coco:
                state.coco += result.cocoJSON(imageID: cocoImageID(for: result.path, index: index),
                                              categoryID: { cocoCategoryID(forClassIndex: $0, classCount: 80) })
            case nil: StandardStreams.printLine(HumanReport(result: result, drawnPath: drawnPath).text)
            }
        }
    }

    private func clearProgress(_ state: inout State) {
        guard showsProgress, state.progressShown else { return }
        writeRaw("\r\u{1B}[K")
        state.progressShown = false
    }

    private func drawProgress(_ state: inout State) {
        guard showsProgress, state.done < total else { return }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(state.done) / seconds : 0
        let width = 24
        let filled = width * state.done / max(total, 1)
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let eta = rate > 0 ? String(format: "ETA %.0fs", Double(total - state.done) / rate) : "ETA -"
        writeRaw(String(format: "[%@] %d/%d images  %.1f img/s  %@", bar, state.done, total, rate, eta))
        state.progressShown = true
    }

    private func writeError(_ line: String) {
        writeRaw(line + "\n")
    }

    private func writeRaw(_ text: String) {
        StandardStreams.writeError(text)
    }
}

/// COCO image ids: the file name's number when it is one (`000000397133.jpg` → 397133), else
/// the input's position, counting from 1.
func cocoImageID(for path: String?, index: Int) -> Int {
    if let path, let number = Int(((path as NSString).lastPathComponent as NSString).deletingPathExtension) {
        return number
    }
    return index + 1
}
