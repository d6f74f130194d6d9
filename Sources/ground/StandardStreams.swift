import Glibc
import Synchronization

/// `ground`'s only way to write to stdout and stderr.
///
/// Foundation's `FileHandle.write` traps when a stream is closed or full, and `print` drops
/// errors, so an answer lost to a closed pipe or a full disk would go unnoticed. Here every write
/// is checked: a failed write to stdout is remembered (the run then stops and exits 1), and a
/// failed write to stderr is ignored (there is nowhere left to report it).
enum StandardStreams {
    /// The first error that writing to stdout gave, if any.
    private static let outputFailure = Mutex<Int32?>(nil)

    /// Makes the three standard descriptors safe to use; call first thing.
    ///
    /// A closed descriptor 0, 1 or 2 would be reused by the next `open`, so an image or an output
    /// file could become "stdout". Each closed one is pointed at /dev/null: stdin and stdout
    /// read-only (so a write to a closed stdout still fails and is reported), stderr write-only
    /// (messages are dropped, nothing crashes). A closed pipe makes writes fail with EPIPE
    /// instead of killing the process, so it can say so and exit 1.
    static func prepare() {
        for (descriptor, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)] {
            if fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
                let null = open("/dev/null", flags)
                if null >= 0 && null != descriptor {
                    dup2(null, descriptor)
                    close(null)
                }
            }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` (``shown(_:)``) and a newline to stdout; false (and remembered) when it could
    /// not be written.
    @discardableResult
    static func printLine(_ text: String) -> Bool {
        guard outputFailure.withLock({ $0 == nil }) else { return false }
        let error = writeAll(shown(text) + "\n", to: STDOUT_FILENO)
        if error != 0 { outputFailure.withLock { $0 = $0 ?? error } }
        return error == 0
    }

    /// Writes `text` to stderr as it is; a failure is ignored.
    static func writeError(_ text: String) {
        _ = writeAll(text, to: STDERR_FILENO)
    }

    /// Writes one line to stderr (``shown(_:)``).
    static func errorLine(_ text: String) {
        writeError(shown(text) + "\n")
    }

    /// True for a control character other than a newline or a tab: C0, DEL and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` with its control characters but newlines and tabs written as escapes (`\x1b`): a
    /// file name that holds an escape sequence or a carriage return cannot rewrite the terminal
    /// or hide part of a message. JSON escapes them itself, so its lines pass unchanged.
    static func shown(_ text: String) -> String {
        escaping(text, where: isControl)
    }

    /// A file name as a line of a report shows it: newlines and tabs escaped too (`\x0a`), so a
    /// name cannot split its line, or add one that reads like an answer; an empty name as `''`,
    /// so that it is seen. JSON keeps it as it is.
    static func named(_ path: String) -> String {
        path.isEmpty ? "''" : escaping(path) { isControl($0) || $0 == "\n" || $0 == "\t" }
    }

    /// `message` with `path`, wherever it names it, written as ``named(_:)``.
    static func naming(_ path: String, in message: String) -> String {
        let named = named(path)
        return named == path || path.isEmpty ? message : message.replacingOccurrences(of: path, with: named)
    }

    private static func escaping(_ text: String, where escaped: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if escaped(scalar) {
                let hex = String(scalar.value, radix: 16)
                shown.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" : "") + hex).unicodeScalars)
            } else {
                shown.append(scalar)
            }
        }
        return String(shown)
    }

    /// Why stdout could not be written, when it could not.
    static var outputFailureReason: String? {
        outputFailure.withLock { code in code.map { String(cString: strerror($0)) } }
    }

    /// Writes every byte, retrying short writes and interruptions; 0 or the errno that stopped it.
    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
            var written = 0
            while written < buffer.count {
                let done = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if done > 0 {
                    written += done
                } else if done < 0 && errno == EINTR {
                    continue
                } else {
                    return done < 0 ? errno : EIO
                }
            }
            return 0
        }
    }
}
