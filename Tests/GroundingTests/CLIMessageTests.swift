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

    /// A file that cannot be opened is told what to do about the reason it cannot: a loop of
    /// symbolic links and a name too long for the system are not matters of permission.
    @Test func whyAFileCannotBeOpenedDecidesTheAdvice() throws {
        let (folder, _, _) = try CLISafetyTests.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "a", count: 300) + ".jpg"
        let script = #"""
            ln -s loop2.jpg loop1.jpg && ln -s loop1.jpg loop2.jpg
            mkdir scan && cp h.jpg scan/ok.jpg && ln -s ../loop1.jpg scan/looped.jpg
            "$GROUND" count loop1.jpg LONG h.jpg --object horse; echo "exit $?"
            "$GROUND" count scan --object horse; echo "exit $?"
            """#.replacingOccurrences(of: "LONG", with: long)
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 1", "exit 0"], "\(run.stdout)\n\(run.stderr)")
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        let loop = try #require(errors.first { $0.contains("loop1.jpg") }, "\(run.stderr)")
        #expect(loop.contains("a loop of symbolic links") && loop.contains("point the link at the image itself") && !loop.contains("permissions"), "\(loop)")
        let tooLong = try #require(errors.first { $0.contains("File name too long") }, "\(run.stderr)")
        #expect(tooLong.contains("longer than the system allows") && !tooLong.contains("permissions"), "\(tooLong)")
        // In a folder, a link in a loop is skipped with a note that says so, not called a link to nothing.
        #expect(run.stderr.contains("scan/looped.jpg: symbolic link into a loop of symbolic links, skipped"), "\(run.stderr)")
    }

    /// A `--model` path where nothing is gets told so, and what `--model` takes; a folder that
    /// exists without the model's files still gets the command that fetches them.
    @Test func aModelPathWhereNothingIsIsNotAMissingDownload() throws {
        let (folder, _, _) = try CLISafetyTests.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            mkdir models
            "$GROUND" count h.jpg --object horse --model face; echo "exit $?"
            "$GROUND" info --model face; echo "exit $?"
            "$GROUND" count h.jpg --object horse --model models; echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 1", "exit 1", "exit 1"], "\(run.stdout)\n\(run.stderr)")
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.map(String.init)
        #expect(errors.count == 3, "\(run.stderr)")
        for error in errors.prefix(2) {
            #expect(error.hasPrefix("error: --model face: no file or folder of that name") && !error.contains("fetch-model.sh"), "\(error)")
            #expect(error.contains("a Darknet model folder") && error.contains(".onnx") && error.contains(".tflite"), "\(error)")
        }
        #expect(errors[2].contains("models/yolov4-tiny.cfg: model file not found") && errors[2].contains("`scripts/fetch-model.sh models`"), "\(errors[2])")
    }

    /// A memory budget is echoed in the binary units `--max-memory` reads (`128M` is 128 MiB,
    /// not 134 MB), and what an image needs in the same unit.
    @Test func memoryBudgetsAreEchoedInTheUnitsOfTheFlag() throws {
        let (folder, _, _) = try CLISafetyTests.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            printf '\211PNG\r\n\032\n' > junk.png && truncate -s 300M junk.png
            "$GROUND" count junk.png --object horse --max-memory 200M; echo "exit $?"
            "$GROUND" count junk.png --object horse --max-memory 0.25G; echo "exit $?"
            (printf '\377\330\377'; head -c 140000000 /dev/zero) | "$GROUND" count - --object horse --max-memory 128M; echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 1", "exit 1", "exit 1"], "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("junk.png: needs about 300 MiB to decode and answer, more than the --max-memory budget of 200 MiB"), "\(run.stderr)")
        #expect(run.stderr.contains("junk.png: needs about 0.293 GiB to decode and answer, more than the --max-memory budget of 0.25 GiB"), "\(run.stderr)")
        #expect(run.stderr.contains("-: the image on stdin is larger than the --max-memory budget of 128 MiB"), "\(run.stderr)")
        #expect(!run.stderr.contains(" MB"), "no decimal megabytes beside binary ones: \(run.stderr)")
        let help = try CLI.ground(["count", "--help"])
        #expect(help.stdout.contains("M = MiB"), "\(help.stdout)")
    }

    /// The COCO images array that cannot be written (here: larger than the process may write,
    /// `ulimit -f`) is named as what failed, with advice for that cause; the results still stand.
    @Test func anImagesArrayThatCannotBeWrittenSaysSo() throws {
        let (folder, _, _) = try CLISafetyTests.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            for i in 1 2 3 4 5 6 7 8 9 10 11 12; do ln -s h.jpg "photo-of-horses-in-a-field-number-$i.jpg"; done
            (trap '' XFSZ; ulimit -f 1; "$GROUND" count photo-of-*.jpg --object horse --format coco --coco-images ids.json; echo "exit $?")
            ls
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.contains("exit 1") && run.lines.contains { $0.hasPrefix("[{") && $0.contains("\"image_id\"") }, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("--coco-images ids.json: COCO's images array was not written"), "\(run.stderr)")
        #expect(run.stderr.contains("File too large") && run.stderr.contains("ulimit -f") && !run.stderr.contains("encode"), "\(run.stderr)")
        #expect(!run.lines.contains("ids.json") && !run.lines.contains { $0.hasPrefix(".grounding-") }, "nothing half-written is left: \(run.stdout)")
    }

    /// Slices much finer than `--tile auto` would cut are warned of before the work, with how
    /// many regions they make; `--tile auto` and slices of the detector's input size are not.
    @Test func aTilePlanFarCostlierThanAutomaticIsWarnedOf() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ImageEncoder.write(RGBImage(width: 320, height: 240, filledWith: RGBPixel(red: 90, green: 120, blue: 60)),
                               to: folder.appendingPathComponent("small.png").path)
        let fine = try CLI.ground(["count", "small.png", "small.png", "--object", "horse", "--tile", "32", "--json"], directory: folder)
        #expect(fine.status == 0 && fine.answers.count == 2, "the plan is run, not refused: \(fine.stderr)")
        let warnings = fine.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(warnings.count == 1, "said once a run: \(fine.stderr)")
        #expect(warnings.first?.contains("small.png: --tile 32 cuts this 320×240 image into 131 regions, a detector pass each, where --tile auto makes 1") == true,
                "\(fine.stderr)")
        #expect(warnings.first?.contains("--tile 416") == true, "the smallest sensible size is named: \(fine.stderr)")
        let coverage = try #require((try CLI.json(fine.lines[0]) as? [String: Any])?["coverage"] as? [String: Int])
        #expect((coverage["regions"] ?? 0) >= 131, "the warning counts the plan that is run: \(coverage)")
        for tile in ["auto", "416", "off"] {
            let usual = try CLI.ground(["count", "small.png", TestSupport.testImage("horses.jpg"),
                                        "--object", "horse", "--tile", tile], directory: folder)
            #expect(usual.status == 0 && !usual.stderr.contains("warning"), "--tile \(tile): \(usual.stderr)")
        }
    }
}
