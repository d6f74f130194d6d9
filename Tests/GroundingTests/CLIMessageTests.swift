import Foundation
import Testing
import Grounding

/// What `ground` says when it cannot do something, or when what it is asked costs far more than
/// usual: the message names the cause as it is, and the advice fits that cause.
@Suite struct CLIMessageTests {
    typealias CLI = CLITests

    /// A file of /proc or /sys reports a size of 0 though it is not empty: it is said to be such
    /// a file, not an empty one. A truly empty file is still called empty.
    @Test func aFileWhoseSizeTheSystemDoesNotReportIsNotCalledEmpty() throws {
        let (folder, _, _) = try CLISafetyTests.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            : > empty.jpg
            "$GROUND" count /proc/self/mem /proc/version empty.jpg h.jpg --object horse --json; echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.contains("exit 1") && run.failures.count == 3 && run.lines.filter { $0.hasPrefix("{") }.count == 4,
                "h.jpg is answered: \(run.stdout)\n\(run.stderr)")
        for path in ["/proc/self/mem", "/proc/version"] {
            #expect(run.stderr.contains("\(path): is a special file whose size the system does not report"), "\(run.stderr)")
        }
        #expect(run.stderr.contains("copy the image to a regular file"), "\(run.stderr)")
        #expect(!run.stderr.contains("/proc/self/mem: file is empty") && run.stderr.contains("empty.jpg: file is empty (0 bytes)"), "\(run.stderr)")
        #expect(run.failures.filter { $0.contains(#""code":"image.unreadable""#) }.count == 2, "\(run.stdout)")
    }
}
