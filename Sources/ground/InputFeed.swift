import Foundation
import Grounding
import Synchronization

/// One image to answer: a file, or encoded bytes that arrived on stdin.
struct ImageInput: Sendable {
    /// The path, or `-` for bytes from stdin.
    let path: String
    /// The encoded image, when it came on stdin.
    let bytes: [UInt8]?
}

/// Hands the inputs to the workers one at a time, in command-line order.
///
/// Files and folders named as arguments were expanded up front (``InputList``), so output paths
/// can be checked before any work. `-` is stdin, read only when its turn comes: either one image
/// (``StandardInput/image(_:)``) or a list of paths, one per line (each ended by a NUL byte and
/// taken as it is, with `-0`), each answered as soon as it arrives, so `ground` can serve as a
/// long-lived helper process.
final class InputFeed: Sendable {
    private struct State {
        var segments: [InputList.Segment]
        var position = 0
        var nextIndex = 0
        var image: [UInt8]?
        var reader: StandardInput
        var streamed: [String] = []
    }

    /// True when the run may answer several images (`--draw` then names a folder).
    let isMany: Bool
    /// The number of inputs, when it is known up front (not for paths streamed on stdin).
    let total: Int?
    private let state: Mutex<State>

    /// A feed over `list`, with stdin as `reader` found it.
    init(list: InputList, standardInput reader: StandardInput) {
        let image: [UInt8]? = if case .image(let bytes) = reader.contents { bytes } else { nil }
        let streams = if case .pathList = reader.contents { true } else { false }
        let known = list.files.count + (image == nil ? 0 : 1)
        isMany = list.namesMany || streams || known > 1
        total = streams ? nil : known
        state = Mutex(State(segments: list.segments, image: image, reader: reader))
    }

    /// The files named by paths that came on stdin so far (and found in folders they named).
    var streamedFiles: [String] { state.withLock { $0.streamed } }

    /// The next input and its position, or nil when there are no more; problems with a streamed
    /// path (an empty or unreadable folder) go to `output`.
    func next(reportingTo output: BatchOutput) -> (index: Int, input: ImageInput)? {
        state.withLock { state in
            while state.position < state.segments.count {
                switch state.segments[state.position] {
                case .files(var files):
                    guard !files.isEmpty else {
                        state.position += 1
                        continue
                    }
                    let path = files.removeFirst()
                    state.segments[state.position] = .files(files)
                    state.nextIndex += 1
                    return (state.nextIndex - 1, ImageInput(path: path, bytes: nil))
                case .stdin:
                    if let image = state.image {
                        state.image = nil
                        state.position += 1
                        state.nextIndex += 1
                        return (state.nextIndex - 1, ImageInput(path: "-", bytes: image))
                    }
                    guard let line = state.reader.nextLine() else {
                        state.position += 1
                        continue
                    }
                    let path: String
                    switch Self.listedPath(line, nulSeparated: state.reader.isNULSeparated) {
                    case .nothing:
                        continue
                    case .problem(let named, let message, let code):
                        output.reportError(path: named, message: message, code: code)
                        continue
                    case .notAList:
                        output.reportError(path: "-", message: "stdin holds bytes that are neither a JPEG or PNG image nor a list of paths; pipe one image, or paths one per line (each ended by a NUL byte with -0)",
                                           code: .imageUnsupportedFormat)
                        state.position += 1
                        continue
                    case .path(let listed):
                        path = listed
                    }
                    var found = InputList()
                    found.add(path)
                    for note in found.notes { output.reportNote(path: note.path, message: note.message) }
                    for problem in found.problems { output.reportError(path: problem.path, message: problem.message, code: problem.code) }
                    // A folder's files go before the lines still to come.
                    state.segments.insert(.files(found.files), at: state.position)
                    state.streamed += found.files
                }
            }
            return nil
        }
    }

    /// What one line of a path list on stdin gives.
    private enum ListedPath {
        /// The path of a file or folder to answer.
        case path(String)
        /// Nothing: a blank line.
        case nothing
        /// A line that is no path, reported under `path`, and the list goes on.
        case problem(path: String, message: String, code: GroundingErrorCode)
        /// Bytes that are no text: stdin holds no list of paths, and its rest is not read.
        case notAList
    }

    /// The path `line` gives, read as find -print0 writes paths when `nulSeparated`, else as a
    /// line of text.
    private static func listedPath(_ line: StandardInput.Line, nulSeparated: Bool) -> ListedPath {
        guard !line.isTooLong else {
            let fix = nulSeparated ? "give paths each ended by a NUL byte (find -print0)" : "give paths one per line"
            return .problem(path: line.text + "…", message: "a \(nulSeparated ? "path" : "line") of stdin longer than any path (over \(StandardInput.maximumLine) bytes) was skipped; \(fix)",
                            code: .imageNotFound)
        }
        let path: String
        if nulSeparated {
            // As find -print0 writes it: every byte up to the NUL is the name's.
            path = line.text
            // A list of lines given with -0 reads as one name holding newlines.
            if path.contains("\n"), line.isUTF8, FileKind(atPath: path) == nil, !InputList.isLink(path) {
                return .problem(path: path, message: "no such file; with -0 the paths on stdin end with a NUL byte, and this one holds newlines: for paths one per line, leave out -0",
                                code: .imageNotFound)
            }
        } else {
            // A list written on Windows ends its lines with "\r\n". Blanks around a path are
            // dropped, unless a file's name has them.
            let exact = line.text.hasSuffix("\r") ? String(line.text.dropLast()) : line.text
            let trimmed = exact.trimmingCharacters(in: .whitespaces)
            path = trimmed != exact && FileKind(atPath: exact) != nil ? exact : trimmed
            // Bytes that are no text (a file format other than JPEG or PNG, random data) are
            // one error, not a "path" for every line of them.
            if path.unicodeScalars.contains(where: StandardStreams.isControl) { return .notAList }
        }
        guard !path.isEmpty else { return .nothing }
        // A name in an older encoding is that file's error; the list goes on.
        guard line.isUTF8 else { return .problem(path: path, message: InputList.notUTF8, code: .imageUnreadable) }
        return .path(path)
    }
}
