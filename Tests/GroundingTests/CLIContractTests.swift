import Foundation
import Testing
import Grounding

/// The shapes programs rely on: the same answer whatever only changes presentation, Muse and
/// COCO output, stdin as an image or as a stream of paths, and the batch summary.
@Suite struct CLIContractTests {
    typealias CLI = CLITests

    /// A JSON line without its timings, which are the one thing allowed to differ.
    static func withoutTimings(_ line: String) throws -> NSDictionary {
        var object = try #require(try CLI.json(line) as? [String: Any])
        object["timing_ms"] = nil
        return object as NSDictionary
    }

    @Test func theAnswerDoesNotDependOnDrawingThreadsOrBatch() throws {
        let photos = ["dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg", "kite.jpg", "person.jpg"].map { "TestImages/" + $0 }
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for tile in ["off", "auto"] {
            let base = ["count"] + photos + ["--object", "person,chair,dog,horse", "--json", "--tile", tile]
            let plain = try CLI.ground(base + ["--threads", "1"])
            #expect(plain.status == 0, "\(plain.stderr)")
            let expected = try plain.lines.map(Self.withoutTimings)
            #expect(expected.count == photos.count)
            let variants = [
                base + ["--threads", "2"],
                base + ["--threads", "1", "--draw", folder.appendingPathComponent("drawn-\(tile)-1/").path],
                base + ["--threads", "2", "--draw", folder.appendingPathComponent("drawn-\(tile)-2/").path],
            ]
            for arguments in variants {
                let run = try CLI.ground(arguments)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(try run.lines.map(Self.withoutTimings) == expected, "\(arguments.suffix(4))")
            }
            // One image at a time, each with both threads on its forward pass.
            for (index, photo) in photos.enumerated() {
                let alone = try CLI.ground(["count", photo, "--object", "person,chair,dog,horse", "--json", "--tile", tile,
                                            "--threads", "2", "--draw", folder.appendingPathComponent("alone-\(tile)-\(index).png").path])
                #expect(try alone.lines.map(Self.withoutTimings) == [expected[index]], "\(photo)")
            }
        }
    }

    @Test func museLinesNameTheirImageInABatchAndKeepUnknownNames() throws {
        let one = try CLI.ground(["bbox", "TestImages/dog.jpg", "--object", "dog,pelicn", "--format", "muse"])
        #expect(one.status == 1)
        let entries = try #require(try CLI.json(one.lines[0]) as? [[String: Any]])
        #expect(entries.map { $0["object_name"] as? String } == ["dog", "pelicn"])
        #expect(entries[1]["count"] as? Int == 0 && (entries[1]["error"] as? String)?.contains("pelicn") == true)
        #expect((entries[0]["bboxes"] as? [[Int]])?.count == entries[0]["count"] as? Int)

        let two = try CLI.ground(["point", "TestImages/dog.jpg", "TestImages/horses.jpg", "--object", "horse", "--format", "muse"])
        #expect(two.status == 0 && two.lines.count == 2)
        for (line, path) in zip(two.lines, ["TestImages/dog.jpg", "TestImages/horses.jpg"]) {
            let entry = try #require(try CLI.json(line) as? [String: Any])
            #expect(entry["image"] as? String == path)
            let result = try #require(entry["result"] as? [[String: Any]])
            #expect(result.first?["object_name"] as? String == "horse")
        }
    }

    @Test func cocoImageIDsAreUniqueAndMappedToFiles() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dog = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testImage("dog.jpg")))
        for name in ["2.jpg", "a.jpg", "b.jpg"] { try dog.write(to: folder.appendingPathComponent(name)) }
        let run = try CLI.ground(["bbox", "2.jpg", "a.jpg", "b.jpg", "--object", "dog", "--format", "coco",
                                  "--coco-images", "images.json"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let results = try #require(try CLI.json(run.lines[0]) as? [[String: Any]])
        let ids = Set(results.compactMap { $0["image_id"] as? Int })
        #expect(ids.count == 3, "one id per image: \(ids)")
        let images = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("images.json"))) as? [[String: Any]])
        #expect(images.map { $0["file_name"] as? String } == ["2.jpg", "a.jpg", "b.jpg"])
        #expect(Set(images.compactMap { $0["id"] as? Int }) == ids)
        #expect(images.allSatisfy { $0["width"] as? Int == 768 && $0["height"] as? Int == 576 })

        // File numbers are the ids when they are all numbers and all different, as in COCO.
        for name in ["000000000139.jpg", "000000000285.jpg"] { try dog.write(to: folder.appendingPathComponent(name)) }
        let numbered = try CLI.ground(["bbox", "000000000139.jpg", "000000000285.jpg", "--object", "dog", "--format", "coco"], directory: folder)
        let numberedIDs = Set(try #require(try CLI.json(numbered.lines[0]) as? [[String: Any]]).compactMap { $0["image_id"] as? Int })
        #expect(numberedIDs == [139, 285])
    }

    @Test func stdinCarriesAnImageOrAStreamOfPaths() throws {
        let image = try CLI.shell("\"$GROUND\" count - --object dog --json < TestImages/dog.jpg")
        #expect(image.status == 0, "\(image.stderr)")
        let answer = try #require(try CLI.json(image.lines[0]) as? [String: Any])
        #expect(((answer["objects"] as? [[String: Any]])?.first?["count"] as? Int) == 1)
        #expect(image.stderr.isEmpty, "one image: no batch summary, no errors: \(image.stderr)")

        // The first answer comes out before the second path is even written: the writer waits
        // (at most 60 s) for it, and says how long it waited.
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dog = TestSupport.testImage("dog.jpg"), horses = TestSupport.testImage("horses.jpg")
        let stream = try CLI.shell("""
            (echo '\(dog)'; i=0; while [ ! -s first.json ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; \
             echo "waited=$i" >&2; echo '\(horses)') \
              | "$GROUND" count - --object dog,horse --json | while read -r line; do echo "$line" >> first.json; echo "$line"; done
            """, directory: folder)
        #expect(stream.status == 0)
        #expect(stream.lines.count == 2, "\(stream.stderr)")
        #expect(stream.stderr.contains("waited=") && !stream.stderr.contains("waited=600"), "\(stream.stderr)")

        let empty = try CLI.shell("\"$GROUND\" count - --object dog < /dev/null")
        #expect(empty.status == 1 && empty.stderr.contains("stdin"), "\(empty.stderr)")
    }

    /// `-0` (`--null`) reads the path list on stdin as `find -print0` writes it: paths end with
    /// a NUL byte and are taken as they are, so a name may hold a newline or blanks around it.
    @Test func aPathListMayBeSeparatedByNULs() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"""
            cp "$HORSES" 'new
            line.jpg' && cp "$HORSES" ' lead.jpg ' && mkdir sub && cp "$HORSES" sub/a.jpg
            printf 'new\nline.jpg\000 lead.jpg \000' | "$GROUND" count - -0 --object horse --json; echo "exit $?"
            find sub -name '*.jpg' -print0 | "$GROUND" count - --null --object horse --json; echo "exit $?"
            printf '# a comment\n' | "$GROUND" count - --object horse; echo "exit $?"
            "$GROUND" count new* --null --object horse; echo "exit $?"
            printf 'sub/a.jpg\n' | "$GROUND" count - -0 --object horse; echo "exit $?"
            """#.replacingOccurrences(of: "$HORSES", with: TestSupport.testImage("horses.jpg"))
        let run = try CLI.shell(script, directory: folder)
        #expect(run.lines.filter { $0.hasPrefix("exit ") } == ["exit 0", "exit 0", "exit 1", "exit 2", "exit 1"], "\(run.stdout)\n\(run.stderr)")
        let answers = run.lines.filter { $0.hasPrefix("{") }
        #expect(answers.count == 3 && answers[0].contains(#""path":"new\nline.jpg""#) && answers[1].contains(#""path":" lead.jpg ""#)
                && answers[2].contains(#""path":"sub/a.jpg""#), "\(run.stdout)")
        #expect(run.stderr.contains("# a comment: no such file"), "a # line is a path, as documented: \(run.stderr)")
        #expect(run.stderr.contains("--null reads the list of paths on stdin; give - among the inputs"), "\(run.stderr)")
        #expect(run.stderr.contains("sub/a.jpg\\x0a: no such file; with -0 the paths on stdin end with a NUL byte"), "a list of lines given with -0: \(run.stderr)")
    }

    @Test func batchesEndWithASummaryAndSayHowEachImageWasCovered() throws {
        // Slices of 512 px, so that the 1352-px kite photo is cut whatever the default model's input.
        let run = try CLI.ground(["count", "TestImages/dog.jpg", "TestImages/kite.jpg", "--object", "dog,kite", "--json", "--tile", "512"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("2 images answered, 0 failed") && run.stderr.contains("images/s"), "\(run.stderr)")
        let kite = try #require(try CLI.json(run.lines[1]) as? [String: Any])
        let coverage = try #require(kite["coverage"] as? [String: Int])
        #expect((coverage["regions"] ?? 0) > 1 && (coverage["tile_size"] ?? 0) > 0)
        let whole = try CLI.ground(["count", "TestImages/kite.jpg", "--object", "kite", "--json", "--tile", "off"])
        let wholeCoverage = try #require((try CLI.json(whole.lines[0]) as? [String: Any])?["coverage"] as? [String: Int])
        #expect(wholeCoverage == ["regions": 1])
    }

    @Test func ultralyticsSpellingsAreReadWithANote() throws {
        let ours = try CLI.ground(["count", "TestImages/kite.jpg", "--object", "person", "--threshold", "0.6", "--json"])
        let theirs = try CLI.ground(["count", "TestImages/kite.jpg", "--classes", "person", "--conf", "0.6", "--json"])
        #expect(theirs.status == 0, "\(theirs.stderr)")
        #expect(theirs.stderr.contains("--conf is read as --threshold") && theirs.stderr.contains("--classes is read as --object"))
        // Given with --threshold, the two must agree: which would win is not for the user to guess.
        let both = try CLI.ground(["count", "TestImages/kite.jpg", "--object", "person", "--conf", "0.9", "--threshold", "0.1"])
        #expect(both.status != 0 && both.stderr.contains("--conf and --threshold are one setting"), "\(both.stderr)")
        #expect(try theirs.lines.map(Self.withoutTimings) == ours.lines.map(Self.withoutTimings))
    }
}
