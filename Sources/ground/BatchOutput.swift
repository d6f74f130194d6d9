import Foundation
import Grounding
import Synchronization

/// Prints answers in input order as workers finish them, keeps the progress bar on stderr,
/// counts failures and ends the batch with a summary. Safe to call from every worker.
final class BatchOutput: Sendable {
    /// What a worker produced for one input.
    enum Outcome: Sendable {
        /// An answer, the path it was drawn to, and why its drawing was not written, if it was not.
        case answered(GroundingResult, drawnPath: String?, drawingFailure: Failure? = nil)
        case failed(path: String, message: String, code: GroundingErrorCode)
    }

    /// Why something asked for was not done, with the error's stable code.
    struct Failure: Sendable {
        let message: String
        let code: GroundingErrorCode
    }

    private struct State {
        var pending: [Int: Outcome] = [:]
        var nextToPrint = 0
        var done = 0
        var answered = 0
        var failures = 0
        /// Answers whose drawing could not be written: the run fails, but they were answered.
        var drawingFailures = 0
        /// Arguments that named no image (an empty folder, ...); failures that are not files.
        var problems = 0
        /// Answered images in input order, for the COCO array printed at the end.
        var coco: [(path: String?, result: GroundingResult)] = []
        var progressShown = false
    }

    private let mode: GroundingMode
    private let format: OutputFormat?
    /// How many inputs there are, when known up front (not for paths streamed on stdin).
    private let total: Int?
    /// True when the run may answer several images: muse lines then name their image.
    private let many: Bool
    private let showsProgress: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(mode: GroundingMode, format: OutputFormat?, total: Int?, many: Bool) {
        self.mode = mode
        self.format = format
        self.total = total
        self.many = many
        self.showsProgress = (total ?? 0) > 1 && isatty(STDERR_FILENO) == 1
    }

    /// Records input `index`'s outcome and prints every answer that is now next in order.
    func deliver(_ index: Int, _ outcome: Outcome) {
        state.withLock { state in
            state.pending[index] = outcome
            state.done += 1
            clearProgress(&state)
            while let ready = state.pending.removeValue(forKey: state.nextToPrint) {
                state.nextToPrint += 1
                emit(ready, state: &state)
            }
            drawProgress(&state)
        }
    }

    /// Reports something skipped on purpose (a pipe in a folder); not a failure.
    func reportNote(path: String, message: String) {
        state.withLock { state in
            clearProgress(&state)
            writeError("note: \(StandardStreams.named(path)): \(StandardStreams.naming(path, in: message))")
        }
    }

    /// Warns of something about an input that is done as asked but may surprise (a costly tile
    /// plan); not a failure.
    func reportWarning(path: String, message: String) {
        state.withLock { state in
            clearProgress(&state)
            writeError("warning: \(StandardStreams.named(path)): \(StandardStreams.naming(path, in: message))")
        }
    }

    /// Reports a problem with an input that is not an image answer (e.g. an empty folder).
    func reportError(path: String, message: String, code: GroundingErrorCode) {
        state.withLock { state in
            clearProgress(&state)
            state.failures += 1
            state.problems += 1
            writeError("error: \(StandardStreams.named(path)): \(StandardStreams.naming(path, in: message))")
            printFailure(path: path, message: "\(path): \(message)", code: code)
        }
    }

    /// Reports a problem that concerns the whole run (model, names).
    func reportFatal(_ message: String) {
        writeError("error: \(message)")
    }

    /// True once stdout could not be written: the answers would be lost, so the run stops.
    var isStopped: Bool { StandardStreams.outputFailureReason != nil }

    /// Prints what must come last (the COCO array, the failure summary, the batch summary) and
    /// returns the failures. With `cocoImages`, the COCO `images` array goes to that file.
    func finish(cocoImages: String? = nil) throws(UsageError) -> Int {
        try state.withLock { state throws(UsageError) in
            clearProgress(&state)
            if format == .coco {
                let ids = CocoImageIDs(paths: state.coco.map(\.path))
                let results = zip(ids.ids, state.coco).flatMap { id, entry in
                    entry.result.cocoJSON(imageID: id)
                }
                StandardStreams.printLine(JSONValue.array(results).serialized())
                if let cocoImages {
                    try ids.write(images: state.coco.map(\.result), to: cocoImages)
                }
            }
            if let reason = StandardStreams.outputFailureReason {
                writeError("error: cannot write the answers to standard output (\(reason)); the run was stopped and its answers were not delivered.")
            }
            let inputs = state.done + state.problems
            if inputs == 0 {
                // Only stdin can turn out empty: files and folders were counted up front.
                state.failures += 1
                writeError("error: -: stdin held no image and no image paths; give one image, or paths one per line")
            }
            if state.failures > 0 && inputs > 0 {
                writeError("\(state.failures) of \(inputs) input\(inputs == 1 ? "" : "s") could not be answered; see the errors above.")
            }
            if state.drawingFailures > 0 {
                let drawings = state.drawingFailures == 1 ? "1 drawing" : "\(state.drawingFailures) drawings"
                writeError("\(drawings) could not be written, though \(state.drawingFailures == 1 ? "its image was" : "their images were") answered; see the errors above.")
            }
            // Answers stdout did not take were not delivered: a count of them "answered" would contradict that.
            if inputs > 1, StandardStreams.outputFailureReason == nil {
                let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18
                    + Double((ContinuousClock.now - started).components.seconds)
                writeError(String(format: "%d image%@ answered, %d failed, %.2f s, %.2f images/s",
                                  state.answered, state.answered == 1 ? "" : "s", state.failures, seconds,
                                  seconds > 0 ? Double(state.answered) / seconds : 0))
            }
            return state.failures + state.drawingFailures
        }
    }

    private func emit(_ outcome: Outcome, state: inout State) {
        switch outcome {
        case .failed(let path, let message, let code):
            state.failures += 1
            // Decoding errors already name the file; others get it in front.
            let named = message.contains(path) || message.contains(ImageError.shown(path)) ? message : "\(ImageError.shown(path)): \(message)"
            writeError("error: " + StandardStreams.naming(path, in: named))
            printFailure(path: path, message: named, code: code)
        case .answered(let result, let drawnPath, let drawingFailure):
            state.answered += 1
            for warning in result.warnings { writeError("warning: " + StandardStreams.naming(result.path ?? "-", in: "\(warning)")) }
            if let drawingFailure {
                state.drawingFailures += 1
                let path = result.path ?? "-"
                writeError("error: " + StandardStreams.naming(path, in: "\(ImageError.shown(path)): answered, not drawn: \(drawingFailure.message)"))
            }
            switch format {
            case .native: StandardStreams.printLine(Self.adding(drawingFailure, to: result.nativeJSON()).serialized())
            case .muse:
                let line = many
                    ? JSONValue.object([("image", .string(result.path ?? "-")), ("result", result.museJSON())]
                                       + Self.drawingErrorPair(drawingFailure))
                    : Self.adding(drawingFailure, to: result.museJSON())
                StandardStreams.printLine(line.serialized())
            case .coco: state.coco.append((result.path, result))
            case nil: StandardStreams.printLine(HumanReport(result: result, drawnPath: drawnPath).text)
            }
        }
    }

    /// `"drawing_error": {"code", "message"}` for an answer whose drawing was not written.
    private static func drawingErrorPair(_ failure: Failure?) -> [(String, JSONValue)] {
        failure.map { [("drawing_error", .object([("code", .string($0.code.rawValue)), ("message", .string($0.message))]))] } ?? []
    }

    /// `answer` (a JSON object) with ``drawingErrorPair(_:)`` added at its end.
    private static func adding(_ failure: Failure?, to answer: JSONValue) -> JSONValue {
        guard case .object(let pairs) = answer else { return answer }
        return .object(pairs + drawingErrorPair(failure))
    }

    /// In JSON Lines (native and muse), a failed input has its line too, in its place, with the
    /// error's stable code: `{"image": {"path": ...}, "error": {"code": ..., "message": ...}}`
    /// (muse: `"image": PATH`), so a program reading stdout alone sees every input.
    private func printFailure(path: String, message: String, code: GroundingErrorCode) {
        let error = JSONValue.object([("code", .string(code.rawValue)), ("message", .string(message))])
        switch format {
        case .native: StandardStreams.printLine(JSONValue.object([("image", .object([("path", .string(path))])), ("error", error)]).serialized())
        case .muse: StandardStreams.printLine(JSONValue.object([("image", .string(path)), ("error", error)]).serialized())
        case .coco, nil: break
        }
    }

    private func clearProgress(_ state: inout State) {
        guard showsProgress, state.progressShown else { return }
        writeError("\r\u{1B}[K", newline: false)
        state.progressShown = false
    }

    private func drawProgress(_ state: inout State) {
        guard showsProgress, let total, state.done < total else { return }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(state.done) / seconds : 0
        let width = 24
        let filled = width * state.done / max(total, 1)
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let eta = rate > 0 ? String(format: "ETA %.0fs", Double(total - state.done) / rate) : "ETA -"
        writeError(String(format: "[%@] %d/%d images  %.1f img/s  %@", bar, state.done, total, rate, eta), newline: false)
        state.progressShown = true
    }

    /// A message line, or (`newline` false) the progress bar's own control sequences, as they are.
    private func writeError(_ text: String, newline: Bool = true) {
        if newline { StandardStreams.errorLine(text) } else { StandardStreams.writeError(text) }
    }
}
