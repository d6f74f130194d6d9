import Foundation
import Testing
import Grounding

/// End to end: the built `ground` binary, as a user or a script runs it.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        /// The JSON lines of answered inputs, and those of failed ones (`{"image", "error"}`).
        var answers: [String] { lines.filter { !Self.isFailure($0) } }
        var failures: [String] { lines.filter(Self.isFailure) }

        private static func isFailure(_ line: String) -> Bool {
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["error"] != nil
        }

        /// In a `ground count` text answer: the count on `name`'s line, and the number in the
        /// note on that line that contains `note` ("(4 of them found by …)"); -1 for what is not there.
        func count(of name: String, noting note: String) -> (count: Int, noted: Int) {
            let line = lines.first { $0.hasPrefix("  \(name) ") }
            let count = line.flatMap { Int($0.split(separator: " ")[1]) } ?? -1
            let noted = line.flatMap { line in
                line.split(separator: "(").first { $0.contains(note) }.flatMap { Int($0.split(separator: " ")[0]) }
            } ?? -1
            return (count, noted)
        }
    }

    /// `ground` sits next to the test bundle in the build folder.
    static let binary: String = {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.deletingLastPathComponent().appendingPathComponent("ground").path }
            + [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .map { $0.deletingLastPathComponent().appendingPathComponent("ground").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "ground"
    }()

    static func ground(_ arguments: [String], stdin: String? = nil, directory: URL? = nil) throws -> Run {
        try run(binary, arguments, stdin: stdin, directory: directory)
    }

    /// Runs `script` with `/bin/sh -c`, `$GROUND` naming the binary: for redirections such as
    /// a closed or full stdout that `Process` cannot set up.
    static func shell(_ script: String, directory: URL? = nil) throws -> Run {
        try run("/bin/sh", ["-c", script], stdin: nil, directory: directory, extra: ["GROUND": binary])
    }

    private static func run(_ executable: String, _ arguments: [String], stdin: String?, directory: URL?,
                            extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? TestSupport.repositoryRoot
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["GROUNDING_MODEL_DIR"] = TestSupport.modelDirectory
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    static func json(_ line: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(line.utf8))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grounding-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func jsonMatchesTheLibrary() throws {
        let run = try Self.ground(["count", "TestImages/dog.jpg", "TestImages/horses.jpg", "--object", "dog,pony", "--object", "bicycle", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 2)
        let engine = try TestSupport.defaultEngine()
        for (line, photo) in zip(run.lines, ["TestImages/dog.jpg", "TestImages/horses.jpg"]) {
            var printed = try #require(try Self.json(line) as? [String: Any])
            let result = try engine.ground(contentsOf: TestSupport.repositoryRoot.appendingPathComponent(photo).path,
                                           objects: ["dog", "pony", "bicycle"], mode: .count)
            var expected = try #require(try Self.json(result.nativeJSON().serialized()) as? [String: Any])
            #expect((printed["image"] as? [String: Any])?["path"] as? String == photo)
            for key in ["timing_ms", "image"] {
                printed[key] = nil
                expected[key] = nil
            }
            #expect(NSDictionary(dictionary: printed).isEqual(to: expected), "\(photo): CLI and library disagree")
        }
    }

    @Test func museAndCocoHaveTheirShapes() throws {
        let muse = try Self.ground(["count", "TestImages/horses.jpg", "--object", "horse,person", "--format", "muse"])
        #expect(muse.status == 0)
        let museLine = try #require(muse.lines.first)
        let entries = try #require(try Self.json(museLine) as? [[String: Any]])
        #expect(entries.map { $0["object_name"] as? String } == ["horse", "person"])
        for entry in entries {
            let points = try #require(entry["points"] as? [[String: Int]])
            #expect(entry["count"] as? Int == points.count)
            #expect(points.allSatisfy { Set($0.keys) == ["x", "y"] && (0...1000).contains($0["x"]!) && (0...1000).contains($0["y"]!) })
        }
        let museBoxes = try Self.ground(["bbox", "TestImages/dog.jpg", "--object", "dog", "--format", "muse"])
        let boxLine = try #require(museBoxes.lines.first)
        let boxEntry = try #require((try Self.json(boxLine) as? [[String: Any]])?.first)
        let boxes = try #require(boxEntry["bboxes"] as? [[Int]])
        #expect(!boxes.isEmpty && boxes.allSatisfy { $0.count == 4 && $0[0] < $0[2] && $0[1] < $0[3] && $0.allSatisfy { (0...1000).contains($0) } })

        let coco = try Self.ground(["bbox", "TestImages/dog.jpg", "TestImages/person.jpg", "--object", "dog,person", "--format", "coco"])
        #expect(coco.status == 0 && coco.lines.count == 1, "COCO results are one array for all images")
        let results = try #require(try Self.json(coco.lines[0]) as? [[String: Any]])
        #expect(!results.isEmpty)
        for entry in results {
            #expect(Set(entry.keys) == ["image_id", "category_id", "bbox", "score"])
            #expect([1, 2].contains(entry["image_id"] as? Int))
            #expect([1, 18].contains(entry["category_id"] as? Int), "COCO ids: person 1, dog 18")
            let bbox = try #require(entry["bbox"] as? [Double])
            #expect(bbox.count == 4 && bbox[2] > 0 && bbox[3] > 0)
        }
    }

    @Test func aCorruptFileInAFolderIsReportedAndTheRestAnswered() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dog = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg")))
        try dog.write(to: folder.appendingPathComponent("a-dog.jpg"))
        try dog.prefix(dog.count / 3).write(to: folder.appendingPathComponent("b-broken.jpg"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        // Found by content, whatever the extension says.
        try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("coffee.png")))
            .write(to: folder.appendingPathComponent("sub/c-cup.data"))
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("notes.txt"))

        let run = try Self.ground(["count", folder.path, "--object", "dog,cup", "--json"])
        #expect(run.status == 1)
        #expect(run.lines.count == 3, "two images answered, one failed, each on its line in order: \(run.stdout)")
        #expect(run.lines.allSatisfy { (try? Self.json($0)) != nil })
        // The failed one's line says which file and why, with the stable code.
        let failed = try #require(try Self.json(run.lines[1]) as? [String: Any])
        #expect((failed["image"] as? [String: Any])?["path"] as? String == folder.appendingPathComponent("b-broken.jpg").path)
        #expect((failed["error"] as? [String: Any])?["code"] as? String == "image.truncated")
        #expect(((failed["error"] as? [String: Any])?["message"] as? String)?.contains("b-broken.jpg") == true)
        #expect(run.stderr.contains("b-broken.jpg"))
        #expect(!run.stderr.contains("notes.txt"))
        #expect(run.stderr.contains("1 of 3"))
    }

    @Test func anEmptyFolderIsReportedAndCountedAmongTheInputs() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.ground(["count", folder.path, "TestImages/dog.jpg", "--object", "dog", "--json"])
        #expect(run.status == 1)
        #expect(run.lines.count == 2 && run.lines[0].contains("\"code\":\"image.not_found\""), "\(run.stdout)")
        #expect(run.stderr.contains("no JPEG or PNG files") && run.stderr.contains("1 of 2 inputs"))
    }

    @Test func anUnknownNameExitsOneWithASuggestion() throws {
        let run = try Self.ground(["count", "TestImages/dog.jpg", "--object", "dgo,bicycle"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\"dgo\"") && run.stderr.contains("dog"))
        #expect(run.stdout.contains("bicycle"), "the known name is still answered")
        // With no name understood there is nothing to look for: no image is read, and each input
        // still has its JSON line, in its place, with the names' error code.
        let none = try Self.ground(["count", "TestImages/dog.jpg", "TestImages/horses.jpg", "--object", "dgo", "--object", "!!!", "--json"])
        #expect(none.status == 1 && none.stderr.contains("no image was read"), "\(none.stderr)")
        #expect(none.stderr.contains("\"dgo\"") && none.stderr.contains("an object name is empty"), "\(none.stderr)")
        let lines = none.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("\"TestImages/dog.jpg\"") && lines[1].contains("\"TestImages/horses.jpg\""),
                "\(none.stdout)")
        #expect(lines.allSatisfy { $0.contains("\"error\"") && $0.contains("\"query.unknown_name\"") }, "\(none.stdout)")
        // Without JSON there is nothing on stdout.
        let text = try Self.ground(["count", "TestImages/dog.jpg", "--object", "dgo"])
        #expect(text.status == 1 && text.stdout.isEmpty, "\(text.stdout)")
    }

    @Test func anObjectArgumentIsReadAsTheLibraryReadsAList() throws {
        // A comma belongs to the list's grammar: "cats, no dogs" leaves the dogs out; split
        // first, "no dogs" was refused and the run failed.
        let run = try Self.ground(["count", "TestImages/dog.jpg", "--object", "cats, no dogs", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let objects = line?["objects"] as? [[String: Any]] ?? []
        #expect(objects.count == 1 && objects.first?["classes"] as? [String] == ["cat"], "\(run.stdout)")
        // A plain list is still one name per item.
        let two = try Self.ground(["count", "TestImages/dog.jpg", "--object", "dog,bicycle", "--json"])
        let names = ((try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])?["objects"] as? [[String: Any]])?
            .compactMap { $0["name"] as? String }
        #expect(two.status == 0 && names == ["dog", "bicycle"], "\(two.stdout)")
    }

    @Test(arguments: [
        ["count", "TestImages/dog.jpg"],                                       // no --object
        ["count", "TestImages/dog.jpg", "--object", "dog", "--threshold", "2"],
        ["count", "TestImages/dog.jpg", "--object", "dog", "--tile", "banana"],
        ["count", "TestImages/dog.jpg", "--object", "dog", "--format", "yaml"],
        ["count", "TestImages/dog.jpg", "--object", "dog", "--bogus"],
        ["count", "TestImages/dog.jpg", "--object", "dog", "--draw", "out.gif"],
        ["frobnicate"],
    ])
    func badFlagsExitTwo(arguments: [String]) throws {
        let run = try Self.ground(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty && run.stdout.isEmpty)
    }

    @Test func drawWritesAnAnnotatedImage() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("horses.png").path
        let run = try Self.ground(["bbox", "TestImages/horses.jpg", "--object", "horse", "--draw", target])
        #expect(run.status == 0, "\(run.stderr)")
        // Drawing, encoding and writing the drawing is a stage of its own, in words and in JSON.
        #expect(run.lines.contains { $0.contains("postprocess") && $0.contains(" · draw ") }, "\(run.stdout)")
        let json = try Self.ground(["count", "TestImages/horses.jpg", "--object", "horse", "--draw", target, "--json"])
        let timing = try #require((try Self.json(json.lines[0]) as? [String: Any])?["timing_ms"] as? [String: Double])
        #expect((timing["draw"] ?? 0) > 0 && timing["detect"] != nil, "\(timing)")
        let drawn = try ImageDecoder.decode(contentsOf: target).image
        let original = try ImageDecoder.decode(contentsOf: TestSupport.testImage("horses.jpg")).image
        #expect(drawn.width == original.width && drawn.height == original.height)
        #expect(drawn != original)

        let many = try Self.ground(["count", "TestImages/dog.jpg", "TestImages/kite.jpg", "--object", "dog", "--draw", folder.appendingPathComponent("many").path])
        #expect(many.status == 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("many").path).sorted()
        #expect(written == ["0001-dog.png", "0002-kite.png"])
    }

    @Test func pathsFromStdinAndInfo() throws {
        let run = try Self.ground(["point", "-", "--object", "person", "--json"], stdin: "TestImages/person.jpg\n\nTestImages/kite.jpg\n")
        #expect(run.status == 0 && run.lines.count == 2)
        let info = try Self.ground(["info"])
        #expect(info.status == 0)
        #expect(info.stdout.contains("darknet:yolov4-tiny") && info.stdout.contains("80 classes"))
        #expect(info.stdout.contains("OpenBLAS core"))
        #expect(info.stdout.contains("vector kernels: \(VectorUnit.current.rawValue)"))
        // Narrowed by the environment, which the line says (a CPU without vector kernels has
        // nothing to narrow); a value that names no unit narrows nothing.
        let narrowed = try Self.shell("GROUNDING_VECTOR_UNIT=baseline \"$GROUND\" info")
        #expect(narrowed.stdout.contains("vector kernels: baseline" + (VectorUnit.current == .baseline ? ""
                                             : " (narrowed from \(VectorUnit.current.rawValue) by GROUNDING_VECTOR_UNIT)")))
        let ignored = try Self.shell("GROUNDING_VECTOR_UNIT=sse9 \"$GROUND\" info")
        #expect(ignored.stdout.contains("vector kernels: \(VectorUnit.current.rawValue)\n"))
    }
}
