import Foundation
import Testing
import Grounding

/// `ground` as a careful user and as an attacker run it: it never writes over its inputs, never
/// crashes on a closed or full stream, never hangs on a pipe, never overflows on a number, and
/// never skips an input silently.
@Suite struct CLISafetyTests {
    typealias CLI = CLITests

    /// A fresh folder holding a copy of horses.jpg as `h.jpg`.
    static func folderWithPhoto() throws -> (folder: URL, photo: URL, bytes: Data) {
        let folder = try CLI.temporaryDirectory()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("horses.jpg")))
        let photo = folder.appendingPathComponent("h.jpg")
        try bytes.write(to: photo)
        return (folder, photo, bytes)
    }

    // MARK: Never write over an input

    @Test func drawingOverTheInputIsRefusedHoweverItIsSpelled() throws {
        let (folder, photo, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.jpg").path,
                                                   withDestinationPath: photo.path)
        try FileManager.default.linkItem(at: photo, to: folder.appendingPathComponent("hard.png"))
        for target in ["h.jpg", "./h.jpg", "link.jpg", "hard.png", folder.appendingPathComponent("h.jpg").path] {
            let run = try CLI.ground(["count", "h.jpg", "--object", "horse", "--draw", target], directory: folder)
            #expect(run.status == 2, "\(target): \(run.stderr)")
            #expect(run.stderr.contains(target) && run.stderr.contains("h.jpg") && run.stderr.contains("input"),
                    "the message names both paths: \(run.stderr)")
            #expect(run.stdout.isEmpty, "refused before any work")
            #expect(try Data(contentsOf: photo) == bytes)
        }
    }

    @Test func inputsOnStdinAreNeverWrittenOverEither() throws {
        let (folder, photo, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The photo itself on stdin: checked up front, as the file behind stdin.
        for output in [["--draw", "h.jpg"], ["--format", "coco", "--coco-images", "h.jpg"]] {
            let run = try CLI.shell("\"$GROUND\" count - --object horse \(output.joined(separator: " ")) < h.jpg", directory: folder)
            #expect(run.status == 2 && run.stderr.contains("h.jpg is the input on stdin"), "\(output): \(run.stderr)")
            #expect(run.stdout.isEmpty, "refused before any work")
            #expect(try Data(contentsOf: photo) == bytes)
        }
        // A path that arrives on stdin: still answered, but the images array is not written over it.
        try bytes.write(to: folder.appendingPathComponent("g.jpg"))
        let listed = try CLI.ground(["count", "-", "--object", "horse", "--format", "coco", "--coco-images", "g.jpg"],
                                    stdin: "h.jpg\ng.jpg\n", directory: folder)
        #expect(listed.status == 2 && listed.stderr.contains("g.jpg is the input g.jpg"), "\(listed.stderr)")
        #expect(listed.stdout.contains("\"image_id\""), "the answers are still printed: \(listed.stdout)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("g.jpg")) == bytes)
    }

    @Test func theImagesArrayIsCheckedBeforeAnyWorkAndNeverReplacesADrawing() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appendingPathComponent("g.jpg"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("pipe.png").path, 0o644) == 0)
        let cases: [(arguments: [String], message: String)] = [
            (["h.jpg", "--draw", "out.png", "--coco-images", "out.png"], "where --draw out.png may write a drawing"),
            (["h.jpg", "g.jpg", "--draw", "drawn/", "--coco-images", "drawn/0001-h.png"], "where --draw drawn/ may write"),
            (["h.jpg", "g.jpg", "--draw", "drawn/", "--coco-images", "./sub/../drawn/0007-x.PNG"], "where --draw drawn/ may write"),
            (["h.jpg", "--coco-images", "nowhere/ids.json"], "the folder nowhere does not exist"),
            (["h.jpg", "--coco-images", "sub"], "this is a folder"),
            (["h.jpg", "--coco-images", ""], "empty path"),
            (["h.jpg", "--draw", "pipe.png"], "this is a named pipe (FIFO), not a file"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.ground(["count"] + arguments + ["--object", "horse", "--format", "coco"], directory: folder)
            #expect(run.status == 2 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "refused before any work: \(arguments)")
        }
        let withoutCoco = try CLI.ground(["count", "h.jpg", "--object", "horse", "--coco-images", "ids.json"], directory: folder)
        #expect(withoutCoco.status != 0 && withoutCoco.stderr.contains("only --format coco makes"), "\(withoutCoco.stderr)")
        // Beside the drawings, under another name, it is written.
        let beside = try CLI.ground(["count", "h.jpg", "g.jpg", "--object", "horse", "--format", "coco",
                                     "--draw", "drawn/", "--coco-images", "drawn/ids.json"], directory: folder)
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("drawn").path).sorted()
                == ["0001-h.png", "0002-g.png", "ids.json"])
    }

    @Test func whatComesFromFilesAndStdinIsShownNotObeyed() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A file name holding an escape sequence is printed with it escaped, not sent to the terminal.
        try bytes.write(to: folder.appendingPathComponent("\u{1B}[31mred.jpg"))
        let named = try CLI.ground(["count", "\u{1B}[31mred.jpg", "--object", "horse"], directory: folder)
        #expect(named.status == 0 && named.stdout.contains("\\x1b[31mred.jpg") && !named.stdout.contains("\u{1B}"), "\(named.stdout)")
        // A newline in a file name neither splits its line nor forges one: the answer's first line
        // and the error's line name the file whole; JSON keeps the name as it is.
        try bytes.write(to: folder.appendingPathComponent("new\n  horse 99.jpg"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("bad\nname.jpg"))
        let split = try CLI.ground(["count", "new\n  horse 99.jpg", "bad\nname.jpg", "--object", "horse"], directory: folder)
        #expect(split.stdout.split(separator: "\n").first?.hasPrefix("new\\x0a  horse 99.jpg (") == true, "\(split.stdout)")
        #expect(!split.stdout.contains("horse 99.jpg\n") && split.stderr.contains("error: bad\\x0aname.jpg: not a PNG or JPEG"), "\(split.stderr)")
        let json = try CLI.ground(["count", "new\n  horse 99.jpg", "--object", "horse", "--json"], directory: folder)
        #expect(json.stdout.contains(#""path":"new\n  horse 99.jpg""#), "\(json.stdout)")
        // A path list written on Windows.
        let crlf = try CLI.ground(["count", "-", "--object", "horse"], stdin: "h.jpg\r\n", directory: folder)
        #expect(crlf.status == 0, "\(crlf.stderr)")
        // Bytes that are no text are one error, not a "path" per line of them.
        let binary = try CLI.ground(["count", "-", "--object", "horse"], stdin: "GIF89a\u{01}\u{02}\n\u{03}\u{04}\n\u{05}\n", directory: folder)
        #expect(binary.status == 1 && binary.stderr.components(separatedBy: "error:").count == 2
                && binary.stderr.contains("neither a JPEG or PNG image nor a list of paths"), "\(binary.stderr)")
        let empty = try CLI.ground(["count", "-", "--object", "horse"], stdin: "", directory: folder)
        #expect(empty.status == 1 && empty.stderr.contains("stdin held no image") && !empty.stderr.contains("of 0 inputs"), "\(empty.stderr)")
        // A header claiming more pixels than the limit is refused for that, not for the memory it would need.
        var png = Array(try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("coins.png"))))
        for (offset, value) in [(16, UInt32(100_000)), (20, UInt32(100_000))] {
            withUnsafeBytes(of: value.bigEndian) { png.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        try Data(png).write(to: folder.appendingPathComponent("huge.png"))
        let huge = try CLI.ground(["count", "huge.png", "--object", "horse"], directory: folder)
        #expect(huge.status == 1 && huge.stderr.contains("100000000-pixel limit") && !huge.stderr.contains("--max-memory"), "\(huge.stderr)")
    }

    @Test func drawingIntoAFolderOfInputsOverwritesNothing() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try bytes.write(to: inputs.appendingPathComponent("a.jpg"))
        // Unrelated, but named like the drawing of the second input would be.
        let png = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("coins.png")))
        try png.write(to: inputs.appendingPathComponent("0002-a.png"))

        let run = try CLI.ground(["count", "d", "--object", "horse", "--draw", "d"], directory: folder)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("d/0002-a.png"))
        #expect(try Data(contentsOf: inputs.appendingPathComponent("a.jpg")) == bytes)
        #expect(try Data(contentsOf: inputs.appendingPathComponent("0002-a.png")) == png)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted() == ["0002-a.png", "a.jpg"])

        // A file the run did not create is not replaced either, even when it is not an input.
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try png.write(to: out.appendingPathComponent("0001-0002-a.png"))
        let again = try CLI.ground(["count", "d", "--object", "horse", "--draw", "out/"], directory: folder)
        #expect(again.status == 2, "\(again.stderr)")
        #expect(again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: out.appendingPathComponent("0001-0002-a.png")) == png)
    }

    /// Running the same `--draw out/` again replaces the drawings ground wrote there (each PNG it
    /// writes says so), never a file of another's, and never an input, even one of its drawings.
    @Test func drawingIntoTheSameFolderAgainReplacesOnlyItsOwnDrawings() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            "$GROUND" count h.jpg --object horse --draw out/ > /dev/null; echo "first $?"
            cp out/0001-h.png first.png
            "$GROUND" count h.jpg --object horse --draw out/ > /dev/null; echo "again $?"
            cmp -s first.png out/0001-h.png && echo "same drawing"
            "$GROUND" count h.jpg out/0001-h.png --object horse --draw out/ > /dev/null; echo "input $?"
            cmp -s first.png out/0001-h.png && echo "input kept"
            printf 'PNG\n' > out/0001-h.png
            "$GROUND" count h.jpg --object horse --draw out/ > /dev/null; echo "other $?"
            cat out/0001-h.png
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(["first 0", "again 0", "same drawing", "input 2", "input kept", "other 2", "PNG"].allSatisfy(run.lines.contains),
                "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("out/0001-h.png is the input out/0001-h.png")
                && run.stderr.contains("out/0001-h.png already exists and is no drawing of ground's"), "\(run.stderr)")
    }

    @Test func drawPathsMeanWhatTheyLookLike() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appendingPathComponent("g.jpg"))

        let two = try CLI.ground(["count", "h.jpg", "g.jpg", "--object", "horse", "--draw", "two.png"], directory: folder)
        #expect(two.status == 2 && two.stderr.contains("folder"), "\(two.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("two.png").path))

        let noExtension = try CLI.ground(["count", "h.jpg", "--object", "horse", "--draw", "drawn"], directory: folder)
        #expect(noExtension.status == 2, "\(noExtension.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("drawn").path))

        // A JPEG holds at most 65,500 pixels a side: refused before the work, with what to do.
        try ImageEncoder.write(RGBImage(width: 65_535, height: 1, filledWith: RGBPixel(red: 90, green: 120, blue: 60)),
                               to: folder.appendingPathComponent("wide.png").path)
        let wide = try CLI.ground(["count", "wide.png", "--object", "horse", "--draw", "wide.jpg"], directory: folder)
        #expect(wide.status == 1 && wide.stderr.contains("at most 65500 pixels a side; draw to a .png"), "\(wide.stderr)")

        let missingFolder = try CLI.ground(["count", "h.jpg", "--object", "horse", "--draw", "nowhere/x.png"], directory: folder)
        #expect(missingFolder.status == 2 && missingFolder.stderr.contains("does not exist"), "\(missingFolder.stderr)")
        #expect(missingFolder.stdout.isEmpty, "checked before any detection runs")

        let slash = try CLI.ground(["count", "h.jpg", "--object", "horse", "--draw", "new/"], directory: folder)
        #expect(slash.status == 0, "\(slash.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("new").path) == ["0001-h.png"])

        // The exact file the user named may be replaced: that is what they asked for.
        let named = try CLI.ground(["count", "h.jpg", "--object", "horse", "--draw", "new/0001-h.png"], directory: folder)
        #expect(named.status == 0, "\(named.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("new").path)
        #expect(leftovers == ["0001-h.png"], "no temporary file is left behind")
    }

    // MARK: Closed and full streams

    @Test func closedOrFullStreamsEndWithStatusOneNotACrash() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        // stderr closed or full: the error cannot be shown, but nothing crashes.
        for redirect in ["2>&-", "2>/dev/full"] {
            let run = try CLI.shell("\"$GROUND\" count nope.jpg --object horse \(redirect)", directory: folder)
            #expect(run.status == 1, "\(redirect): status \(run.status)")
        }
        // stdout closed or full: the answers are lost, so the run fails and says why.
        for redirect in [">/dev/full", ">&-"] {
            let run = try CLI.shell("\"$GROUND\" count h.jpg --object horse \(redirect)", directory: folder)
            #expect(run.status == 1, "\(redirect): status \(run.status)")
            #expect(run.stderr.contains("standard output"), "\(redirect): \(run.stderr)")
        }
        // A reader that goes away early: exit 1 with a message, never death by SIGPIPE.
        let early = try CLI.shell("(\"$GROUND\" count h.jpg h.jpg --object horse --json; echo \"status=$?\" >&2) | true",
                                  directory: folder)
        #expect(early.stderr.contains("status=1") && early.stderr.contains("standard output"), "\(early.stderr)")
    }

    // MARK: Numbers and names on the command line

    @Test(arguments: [
        (["--exemplar=-9223372036854775808,0,9223372036854775807,5"], "whole number of pixels"),
        (["--exemplar", "-9223372036854775808,0,9223372036854775807,5"], "whole number of pixels"),
        (["--exemplar", "10,10,5,20"], "X2 must be greater"),
        (["--exemplar", "1,2,3"], "four whole numbers"),
        (["--object", "horse", "--threshold", "-1"], "not in 0...1"),
        (["--object", "horse", "--overlap", "0.95"], "not in 0.0...0.9"),
        (["--object", "horse", "--tile", "99999999999999999999999"], "tile"),
        (["--object", "horse", "--threads", "-3"], "threads"),
    ])
    func numericFlagsAreCheckedWithoutOverflow(flags: [String], message: String) throws {
        let run = try CLI.ground(["count", "TestImages/horses.jpg"] + flags)
        #expect(run.status == 2, "\(flags): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(flags): \(run.stderr)")
    }

    @Test func theLargestOverlapTheMessageAllowsIsAccepted() throws {
        let run = try CLI.ground(["count", "TestImages/dog.jpg", "--object", "dog", "--overlap", "0.9", "--tile", "off"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aFileNameStartingWithADashNeedsTheDoubleDash() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appendingPathComponent("-dash.jpg"))
        let refused = try CLI.ground(["count", "-dash.jpg", "--object", "horse"], directory: folder)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty, "no help text on stdout")
        #expect(refused.stderr.contains("-- -dash.jpg"))
        let answered = try CLI.ground(["count", "--object", "horse", "--json", "--", "-dash.jpg"], directory: folder)
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(answered.lines.count == 1)
    }

    // MARK: Folder scans report what they skip

    @Test func folderScansReportWhatTheyCannotRead() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scan = folder.appendingPathComponent("scan")
        try FileManager.default.createDirectory(at: scan, withIntermediateDirectories: true)
        try bytes.write(to: scan.appendingPathComponent("x.jpg"))
        #expect(mkfifo(scan.appendingPathComponent("pipe.jpg").path, 0o644) == 0)
        // A name that is not UTF-8 cannot become a Swift String: it must be reported, not dropped.
        let rawPath = Array(scan.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".jpg".utf8) + [0]
        let descriptor = rawPath.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        // Named as images but not ones (an interrupted download, a page saved as .jpg), another
        // image format, and a file that is no image at all.
        try Data().write(to: scan.appendingPathComponent("empty.jpg"))
        try Data("<html>".utf8).write(to: scan.appendingPathComponent("page.PNG"))
        try Data("GIF89a".utf8).write(to: scan.appendingPathComponent("anim.gif"))
        try Data("notes".utf8).write(to: scan.appendingPathComponent("notes.txt"))

        let run = try CLI.ground(["count", "scan", "--object", "horse", "--json"], directory: folder)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.answers.count == 1 && run.failures.count == 3, "x.jpg is still answered: \(run.stdout)")
        #expect(run.stderr.contains("pipe.jpg") && run.stderr.contains("named pipe"), "\(run.stderr)")
        #expect(run.stderr.contains("not valid UTF-8"), "\(run.stderr)")
        #expect(run.stderr.contains("empty.jpg: file is empty") && run.stderr.contains("page.PNG: not a PNG or JPEG"), "\(run.stderr)")
        #expect(run.stderr.contains("anim.gif") && run.stderr.contains("a GIF file by its name"), "\(run.stderr)")
        #expect(!run.stderr.contains("notes.txt"), "\(run.stderr)")
        #expect(run.stderr.contains("3 of 4 inputs"), "\(run.stderr)")
    }

    /// What is at an output path is respected: a symbolic link is written through (the link
    /// stays), a link to nothing or to the run's own stdout and a write-protected file are
    /// refused before any work, and a file replaced keeps its permissions.
    @Test func outputPathsAreWrittenThroughLinksAndProtectionsKept() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            echo old > real.png && ln -s real.png link.png && ln -s nowhere.png dangling.png
            echo precious > locked.png && chmod 444 locked.png && echo old > private.png && chmod 600 private.png
            ln -s /proc/self/fd/1 out.json
            "$GROUND" count h.jpg --object horse --draw link.png > /dev/null; echo "exit $?"
            "$GROUND" count h.jpg --object horse --draw dangling.png; echo "exit $?"
            "$GROUND" count h.jpg --object horse --draw locked.png; echo "exit $?"
            "$GROUND" count h.jpg --object horse --draw private.png > /dev/null; echo "exit $?"
            "$GROUND" count h.jpg --object horse --format coco --coco-images out.json > results.json; echo "exit $?"
            [ -L link.png ] && echo "link kept"; [ -L out.json ] && echo "stdout link kept"
            head -c 4 real.png | tail -c 3; echo; cat locked.png; stat -c 'mode %a' private.png locked.png
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 0", "exit 2", "exit 2", "exit 0", "exit 2"], "\(run.stdout)\n\(run.stderr)")
        #expect(run.lines.contains("link kept") && run.lines.contains("stdout link kept") && run.lines.contains("PNG"), "\(run.stdout)")
        #expect(run.lines.contains("precious") && run.lines.contains("mode 600") && run.lines.contains("mode 444"), "\(run.stdout)")
        #expect(run.stderr.contains("dangling.png: cannot be written: it is a symbolic link to nowhere.png, which does not exist"), "\(run.stderr)")
        #expect(run.stderr.contains("locked.png: cannot be written: the file there is write-protected (mode 444)"), "\(run.stderr)")
        #expect(run.stderr.contains("out.json: cannot be written: it is this run's standard output"), "\(run.stderr)")
    }

    /// A drawing that cannot be written while the run goes (here a file already in the folder)
    /// does not take its answer with it: the answer is printed, with the drawing's error beside it.
    @Test func aDrawingThatCannotBeWrittenKeepsItsAnswer() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            cp h.jpg g.jpg && mkdir out && echo mine > out/0002-g.png
            printf 'h.jpg\ng.jpg\n' | "$GROUND" count - --object horse --draw out/ --json; echo "exit $?"
            "$GROUND" count g.jpg --object horse --json
            cat out/0002-g.png
            """#
        let run = try CLI.shell(script, directory: folder)
        let answers = try run.lines.filter { $0.hasPrefix("{") }.map { try #require(try CLI.json($0) as? [String: Any]) }
        #expect(answers.count == 3 && run.lines.contains("exit 1") && run.lines.contains("mine"), "\(run.stdout)\n\(run.stderr)")
        let drawingError = try #require(answers[1]["drawing_error"] as? [String: Any], "\(run.stdout)")
        #expect(drawingError["code"] as? String == "output.unwritable" && answers[0]["drawing_error"] == nil)
        let counted = answers.map { (($0["objects"] as? [[String: Any]])?.first?["count"] as? Int) ?? -1 }
        #expect(counted[1] == counted[2] && counted[1] > 0, "the answer is the one given without drawing: \(counted)")
        #expect(run.stderr.contains("g.jpg: answered, not drawn: out/0002-g.png already exists")
                && run.stderr.contains("1 drawing could not be written"), "\(run.stderr)")
    }

    /// An input is held within the memory budget from its first read: a file larger than the
    /// budget is refused by its size before a byte of it is read (the decoder read it whole,
    /// outside the budget, even when its header was bad), and an image on stdin larger than the budget is refused as it comes.
    @Test func inputsLargerThanTheMemoryBudgetAreRefusedBeforeTheyAreRead() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            printf '\211PNG\r\n\032\n' > junk.png && truncate -s 300M junk.png
            "$GROUND" count junk.png h.jpg --object horse --max-memory 200M --json; echo "exit $?"
            (printf '\377\330\377'; head -c 140000000 /dev/zero) | "$GROUND" count - --object horse --max-memory 128M; echo "exit $?"
            "$GROUND" count h.jpg --object horse --max-memory 64M; echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 1", "exit 1", "exit 2"], "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("junk.png: needs about 300 MiB to decode and answer, more than the --max-memory budget"), "\(run.stderr)")
        #expect(run.lines.filter { $0.contains(#""count""#) }.count == 1, "h.jpg is still answered: \(run.stdout)")
        #expect(run.stderr.contains("-: the image on stdin is larger than the --max-memory budget of 128 MiB"), "\(run.stderr)")
        #expect(run.stderr.contains("outside 128M...1P"), "\(run.stderr)")
    }

    /// A line of a path list is one input however long it is (one too long for a path is one
    /// error, not one per 16 KiB of it), and blanks around a path go unless a name has them.
    @Test func aPathListLineIsOneInputWhateverItsLengthOrBlanks() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            cp h.jpg ' lead.jpg'
            (echo h.jpg; head -c 100000 /dev/zero | tr '\0' b; echo; echo ' lead.jpg'; echo '  h.jpg  ') | "$GROUND" count - --object horse --json
            echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        let answers = run.lines.filter { $0.hasPrefix("{") && $0.contains(#""count""#) }
        #expect(answers.count == 3 && answers[1].contains(#""path":" lead.jpg""#) && answers[2].contains(#""path":"h.jpg""#), "\(run.stdout)")
        #expect(run.stderr.components(separatedBy: "longer than any path").count == 2 && run.stderr.contains("1 of 4 inputs"), "\(run.stderr)")
    }

    /// A name is repeated at most 80 characters long, in the report and in `info --explain`
    /// (JSON keeps it whole); an empty path is named as such, and the rest are answered.
    @Test func longNamesAreCutAndAnEmptyPathIsNamed() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "horses" + String(repeating: " near the barn", count: 100)
        let report = try CLI.ground(["count", "h.jpg", "", "--object", name], directory: folder)
        #expect(report.status == 1 && report.lines.allSatisfy { $0.count < 200 }, "\(report.stdout)")
        #expect(report.stdout.contains(NamePhrase.shown(name)) && report.stdout.contains("ignored: near the barn"), "\(report.stdout)")
        #expect(report.stderr.contains("error: '': an empty path was given"), "\(report.stderr)")
        let explained = try CLI.ground(["info", "--explain", name], directory: folder)
        #expect(explained.status == 0 && explained.lines.allSatisfy { $0.count < 200 }, "\(explained.stdout)")
        let json = try CLI.ground(["count", "h.jpg", "--object", name, "--json"], directory: folder)
        #expect(json.stdout.contains(name), "JSON keeps the name whole")
    }

    /// A file named in an older encoding is that file's error, said as such (not "no such file"),
    /// named on the command line, in a folder or on a path list from stdin; the rest are answered.
    @Test func fileNamesThatAreNotUTF8AreReportedAndTheRestAnswered() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            mkdir latin && cp h.jpg "$(printf 'latin/caf\351.jpg')" && cp h.jpg latin/ok.jpg
            "$GROUND" count "$(printf 'latin/caf\351.jpg')" h.jpg --object horse --json; echo "exit $?"
            "$GROUND" count latin --object horse --json; echo "exit $?"
            printf 'latin/caf\351.jpg\nh.jpg\n' | "$GROUND" count - --object horse --json; echo "exit $?"
            """#
        let run = try CLI.shell(script, directory: folder)
        let errors = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 3 && errors.allSatisfy { $0.contains("caf\u{FFFD}.jpg: the file name is not valid UTF-8") }, "\(run.stderr)")
        #expect(!run.stderr.contains("no such file"), "\(run.stderr)")
        // Each run answers the other photo, gives the bad name its error line, and exits 1.
        let answers = run.lines.filter { $0.hasPrefix("{") }
        #expect(answers.count == 6 && answers.filter { $0.contains(#""code":"image.unreadable""#) }.count == 3, "\(run.stdout)")
        #expect(run.lines.filter { $0 == "exit 1" }.count == 3, "\(run.stdout)")
    }

    /// An output or model path in an older encoding is refused before anything runs: writing it
    /// would create a file of another name (its bad bytes replaced by U+FFFD).
    @Test func optionPathsThatAreNotUTF8AreRefused() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            "$GROUND" count h.jpg --object horse --draw "$(printf 'caf\351.png')"; echo "exit $?"
            "$GROUND" count h.jpg --object horse --format coco --coco-images="$(printf 'ids\351.json')"; echo "exit $?"
            "$GROUND" info --model "$(printf 'mod\351')"; echo "exit $?"
            ls
            """#
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0 == "exit 2" }.count == 3, "\(run.stdout)\n\(run.stderr)")
        for option in ["--draw caf\u{FFFD}.png", "--coco-images ids\u{FFFD}.json", "--model mod\u{FFFD}"] {
            #expect(run.stderr.contains("\(option): the path is not valid UTF-8"), "\(run.stderr)")
        }
        #expect(!run.lines.contains { $0.hasPrefix("caf") || $0.hasPrefix("ids") }, "nothing is written: \(run.stdout)")
    }

    /// Permissions do not stop root, so this runs `ground` as `nobody` through `setpriv`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && getuid() == 0))
    func unreadableFilesAndFoldersAreReportedNotSkipped() throws {
        let (folder, _, bytes) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scan = folder.appendingPathComponent("scan")
        let locked = scan.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try bytes.write(to: scan.appendingPathComponent("x.jpg"))
        try bytes.write(to: scan.appendingPathComponent("secret.jpg"))
        try bytes.write(to: locked.appendingPathComponent("y.jpg"))
        chmod(folder.path, 0o755)
        chmod(scan.appendingPathComponent("secret.jpg").path, 0o000)
        chmod(locked.path, 0o000)
        let run = try CLI.shell("setpriv --reuid=65534 --regid=65534 --clear-groups \"$GROUND\" count scan --object horse --json",
                                directory: folder)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("secret.jpg") && run.stderr.contains("locked"), "\(run.stderr)")
    }

    // MARK: Counts are never capped

    @Test func aCountIsTheTrueNumberEvenWhenTheListIsCut() throws {
        // Without the split check, which joins some of the crowd of near-zero boxes.
        let run = try CLI.ground(["count", "TestImages/horses.jpg", "--object", "horse", "--threshold", "0", "--no-split-check", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try #require(try CLI.json(run.lines[0]) as? [String: Any])
        let object = try #require((answer["objects"] as? [[String: Any]])?.first)
        let count = try #require(object["count"] as? Int)
        let listed = try #require(object["detections"] as? [Any]).count
        var options = GroundingOptions()
        options.scoreThreshold = 0
        options.checksSplits = false
        let library = try TestSupport.defaultEngine().ground(contentsOf: TestSupport.testImage("horses.jpg"),
                                                      objects: ["horse"], mode: .count, options: options)
        #expect(count == library.objects[0].count)
        #expect(count > 1000, "a zero threshold keeps more than a list holds")
        #expect(listed == 1000 && object["truncated"] as? Bool == true)
        let human = try CLI.ground(["count", "TestImages/horses.jpg", "--object", "horse", "--threshold", "0", "--no-split-check"])
        #expect(human.stdout.contains("\(count)") && human.stdout.contains("1000 listed"), "\(human.stdout)")
    }

    // MARK: Damaged data, special files and memory

    @Test func damagedDataIsAWarningOrWithStrictAnError() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stray bytes before the end marker: libjpeg recovers and warns.
        let dog = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg")))
        try (dog.dropLast(2) + Data([0x12, 0x34, 0x56, 0xFF, 0xD9])).write(to: folder.appendingPathComponent("padded.jpg"))
        let lenient = try CLI.ground(["count", "padded.jpg", "--object", "dog", "--json"], directory: folder)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning: padded.jpg") && lenient.stderr.contains("damaged"), "\(lenient.stderr)")
        let answer = try #require(try CLI.json(lenient.lines[0]) as? [String: Any])
        let warnings = try #require(answer["warnings"] as? [[String: String]])
        #expect(warnings.count == 1 && warnings[0]["code"] == "image.damaged")
        let strict = try CLI.ground(["count", "padded.jpg", "--object", "dog", "--json", "--strict"], directory: folder)
        #expect(strict.status == 1 && strict.answers.isEmpty && strict.stderr.contains("padded.jpg"), "\(strict.stderr)")
        #expect(strict.failures.count == 1 && strict.failures[0].contains("\"code\":\"image.corrupt\""), "\(strict.stdout)")
        let clean = try CLI.ground(["count", "TestImages/dog.jpg", "--object", "dog", "--json"])
        #expect(!clean.stdout.contains("warnings"))
    }

    @Test func aNamedPipeOrDeviceIsRefusedNotWaitedOn() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe.jpg").path, 0o644) == 0)
        // Nobody ever writes to the pipe: opening it to read would wait forever.
        let run = try CLI.ground(["count", "pipe.jpg", "/dev/zero", "h.jpg", "--object", "horse", "--json"], directory: folder)
        #expect(run.status == 1)
        #expect(run.answers.count == 1 && run.failures.count == 2, "h.jpg is answered: \(run.stdout)")
        #expect(run.stderr.contains("pipe.jpg") && run.stderr.contains("named pipe"), "\(run.stderr)")
        #expect(run.stderr.contains("/dev/zero") && run.stderr.contains("character device"), "\(run.stderr)")
        #expect(!run.stderr.contains("empty"), "a pipe is not called an empty file: \(run.stderr)")
    }

    @Test func aMemoryBudgetRefusesWhatCannotFitAndKeepsTheRest() throws {
        let (folder, _, _) = try Self.folderWithPhoto()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 12 MP: 36 MB decoded, on top of the ~100 MB any answer reserves; dog.jpg needs ~1 MB.
        try ImageEncoder.write(RGBImage(width: 4000, height: 3000, filledWith: RGBPixel(red: 90, green: 120, blue: 60)),
                               to: folder.appendingPathComponent("big.jpg").path)
        try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg"))).write(to: folder.appendingPathComponent("dog.jpg"))
        let tight = try CLI.ground(["count", "big.jpg", "dog.jpg", "--object", "dog", "--json", "--max-memory", "128M"], directory: folder)
        #expect(tight.status == 1, "\(tight.stderr)")
        #expect(tight.answers.count == 1 && tight.failures.count == 1, "dog.jpg still fits and is answered")
        #expect(tight.stderr.contains("big.jpg") && tight.stderr.contains("--max-memory"), "\(tight.stderr)")
        let enough = try CLI.ground(["count", "big.jpg", "dog.jpg", "--object", "dog", "--json", "--max-memory", "1G"], directory: folder)
        #expect(enough.status == 0 && enough.lines.count == 2, "\(enough.stderr)")
        let bad = try CLI.ground(["count", "dog.jpg", "--object", "dog", "--max-memory", "lots"], directory: folder)
        #expect(bad.status == 2 && bad.stderr.contains("not a size"), "\(bad.stderr)")
    }
}
