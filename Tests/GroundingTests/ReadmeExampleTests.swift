import Foundation
import Testing
import Grounding

/// The README's console examples, run as printed. Every line the README shows under a
/// `$ .build/release/ground …` command must be in what `ground` prints today, in the same order
/// (the README may leave lines out, such as the timings; times, rates and JSON's `timing_ms` are
/// compared by shape, not value). A count, a note or a wording that changed without its example
/// is caught here, so what the README tells a user is what the tool answers.
///
/// A `--draw` example draws into a temporary folder instead of over `docs/`, and the image it
/// names must exist there at the drawn size. Pixels are not compared: the kernels chosen at run
/// time may move a box by a rounding step, and the text above already says what was drawn.
@Suite struct ReadmeExampleTests {
    /// One command of a README console block and the output lines the README shows for it.
    struct Example: CustomStringConvertible {
        var arguments: [String]
        var shown: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    static let readme = TestSupport.repositoryRoot.appendingPathComponent("README.md")

    /// The `ground` commands of `text`'s console blocks (fenced ```` ```console ```` or bare),
    /// with what each block shows up to the next command.
    static func examples(in text: String) -> [Example] {
        var examples: [Example] = [], inBlock = false, runnable = false, current: Int?
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            if line.hasPrefix("```") {
                runnable = !inBlock && (line == "```" || line == "```console")
                inBlock.toggle()
                current = nil
                continue
            }
            guard inBlock, runnable else { continue }
            if line.hasPrefix("$ ") {
                var command = String(line.dropFirst(2))
                while command.hasSuffix("\\"), let next = lines.popFirst() {
                    command = String(command.dropLast()) + " " + next.trimmingCharacters(in: .whitespaces)
                }
                let words = shellWords(command)
                examples.append(Example(arguments: words.first == ".build/release/ground" ? Array(words.dropFirst()) : [], shown: []))
                current = examples.count - 1
            } else if let current, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                examples[current].shown.append(line)
            }
        }
        return examples.filter { !$0.arguments.isEmpty }
    }

    /// `command` split as a shell splits it: on spaces outside quotes, quotes removed, a leading
    /// `~/` made the home folder.
    static func shellWords(_ command: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, started = false
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                started = true
            } else if character == " " {
                if started || !word.isEmpty { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
            }
        }
        if started || !word.isEmpty { words.append(word) }
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        return words.map { $0.hasPrefix("~/") ? home + $0.dropFirst() : $0 }
    }

    /// `line` with what changes from run to run made a placeholder: times (`12.3 ms`, `1.22 s`),
    /// rates (`images/s`) and JSON's `timing_ms`.
    static func normalised(_ line: String) -> String {
        var line = line.trimmingCharacters(in: .whitespaces)
        for (pattern, template) in [(#"[0-9]+(\.[0-9]+)? ms\b"#, "# ms"), (#"[0-9]+(\.[0-9]+)? s, [0-9]+(\.[0-9]+)? images/s"#, "# s, # images/s"),
                                    (#""timing_ms":\{[^}]*\}"#, #""timing_ms":{}"#)] {
            line = line.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return line
    }

    /// The shown lines not found in `stdout` or `stderr` (each a stream of lines, searched in
    /// order: the README interleaves the two as a terminal does, so each keeps its own order).
    static func missing(_ shown: [String], stdout: [String], stderr: [String]) -> [String] {
        var out = stdout.map(normalised)[...], err = stderr.map(normalised)[...], missing: [String] = []
        for line in shown.map(normalised) {
            if let index = out.firstIndex(of: line) {
                out = out[(index + 1)...]
            } else if let index = err.firstIndex(of: line) {
                err = err[(index + 1)...]
            } else {
                missing.append(line)
            }
        }
        return missing
    }

    @Test func theParserFindsTheCommandsAndWhatTheyShow() throws {
        let text = """
            Some prose.

            ```console
            $ .build/release/ground count a.jpg --object "two dogs, a cat" \\
                  --model ~/m.onnx
            a.jpg (10×10)
              dog         2

            $ make install
            done
            ```

            ```
            a synopsis, not output
            ```

            ```swift
            $ .build/release/ground not a console block
            ```
            """
        let found = Self.examples(in: text)
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        #expect(found.map(\.arguments) == [["count", "a.jpg", "--object", "two dogs, a cat", "--model", home + "/m.onnx"]])
        #expect(found.first?.shown == ["a.jpg (10×10)", "  dog         2"])
        #expect(Self.missing(["  dog         2", "  decode 1.0 ms · detect 3 ms"], stdout: ["x", "dog 2", "  dog         2", "  decode 9.5 ms · detect 12.25 ms"], stderr: []).isEmpty)
        #expect(Self.missing(["  dog         3"], stdout: ["  dog         2"], stderr: []) == ["dog         3"])
        #expect(Self.missing(["b", "a"], stdout: ["a", "b"], stderr: []) == ["a"], "order matters within a stream")
    }

    @Test func everyConsoleExampleStillPrintsWhatTheReadmeShows() throws {
        let examples = Self.examples(in: try String(contentsOf: Self.readme, encoding: .utf8))
        #expect(examples.count >= 15, "the README's examples were not found")
        let folder = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for example in examples {
            var arguments = example.arguments, drawn: (shown: String, written: URL)?
            if let flag = arguments.firstIndex(of: "--draw"), flag + 1 < arguments.count {
                let shown = arguments[flag + 1]
                let written = folder.appendingPathComponent((shown as NSString).lastPathComponent)
                arguments[flag + 1] = written.path
                drawn = (shown, written)
            }
            let run = try CLITests.ground(arguments)
            var stdout = run.lines
            if let drawn { stdout = stdout.map { $0.replacingOccurrences(of: drawn.written.path, with: drawn.shown) } }
            let stderr = run.stderr.split(separator: "\n").map(String.init)
            let absent = Self.missing(example.shown, stdout: stdout, stderr: stderr)
            #expect(absent.isEmpty, "README: `ground \(example)` no longer prints \(absent); it prints:\n\(run.stdout)\(run.stderr)")
            if let drawn {
                let written = try ImageDecoder.decode(contentsOf: drawn.written.path).image
                let shown = try ImageDecoder.decode(contentsOf: TestSupport.repositoryRoot.appendingPathComponent(drawn.shown).path).image
                #expect((shown.width, shown.height) == (written.width, written.height), "README: \(drawn.shown) is not the size `ground \(example)` draws")
            }
        }
    }
}
