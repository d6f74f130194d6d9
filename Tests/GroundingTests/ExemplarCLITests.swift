import Foundation
import Testing
import Grounding

/// `ground ... --exemplar X1,Y1,X2,Y2` as a user runs it.
@Suite struct ExemplarCLITests {
    @Test func countsCoinsFromOneExemplarAndDrawsIt() throws {
        let folder = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let drawn = folder.appendingPathComponent("coins.png").path
        let run = try CLITests.ground(["count", "TestImages/coins.png", "--exemplar", "193,29,239,75", "--json", "--draw", drawn])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(((try CLITests.json(run.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)
        #expect(object["name"] as? String == "exemplar" && object["resolved_by"] as? String == "exemplar")
        #expect(abs((object["count"] as? Int ?? 0) - 24) <= 1)
        // The threshold used; one example does not say how much its kind varies, so the
        // detector's features check nothing.
        #expect(object["similarity"] as? Double == 0.5 && object["appearance"] == nil)
        // The sizes matched: a coin much smaller or larger than the example would not be counted.
        #expect(object["sizes"] as? [Double] == [0.7, 1.4])
        let image = try ImageDecoder.decode(contentsOf: drawn).image
        #expect(image.width == 384 && image.height == 303)
        // The dashed exemplar outline is drawn in colour on the grey photo, along the box's top edge.
        let coloured = (193..<239).filter { x in
            let p = image[x, 29]
            return p.red != p.green || p.green != p.blue
        }
        #expect(coloured.count > 10 && coloured.count < 46, "a dashed edge is partly coloured: \(coloured.count)")
    }

    @Test func severalExamplesAreCheckedByTheDetectorsFeaturesUnlessTurnedOff() throws {
        let drops = ["count", "Benchmarks/Accuracy/photos/raindrops.jpg", "--exemplar", "826,632,886,692",
                     "--exemplar", "990,782,1050,844", "--json"]
        func object(_ run: CLITests.Run) throws -> [String: Any] {
            try #require(((try CLITests.json(run.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)
        }
        let checked = try object(try CLITests.ground(drops))
        let unchecked = try object(try CLITests.ground(drops + ["--no-appearance-check"]))
        #expect(checked["appearance"] as? Double == 0.2 && unchecked["appearance"] == nil)
        #expect((checked["count"] as? Int ?? 0) < (unchecked["count"] as? Int ?? 0))
    }

    @Test func theSurroundingsCheckIsOnUnlessTurnedOff() throws {
        // bison.png: the big bull's back matches the far bison's outline (measured: 13 marks, 23 unchecked).
        let bison = ["count", "Benchmarks/Accuracy/photos/bison.png", "--exemplar", "540,65,600,100",
                     "--exemplar", "630,65,690,97", "--json"]
        func object(_ run: CLITests.Run) throws -> [String: Any] {
            try #require(((try CLITests.json(run.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)
        }
        let checked = try object(try CLITests.ground(bison)), unchecked = try object(try CLITests.ground(bison + ["--no-surroundings-check"]))
        let (kept, all) = (try #require(checked["count"] as? Int), try #require(unchecked["count"] as? Int))
        #expect(kept + 8 <= all, "\(kept) checked, \(all) unchecked")
        // The answer says how many were left out, in JSON and in words; unchecked, nothing.
        #expect(checked["on_larger_objects"] as? Int == all - kept && unchecked["on_larger_objects"] == nil)
        let text = try CLITests.ground(Array(bison.dropLast()))
        #expect(text.lines.contains { $0.contains("\(all - kept) more matched but lie on a larger object") }, "\(text.lines)")
    }

    @Test func matchingTheExamplesColourKeepsThatColourAlone() throws {
        // cups.jpg: blue cups beside white and red ones; the example box is a red cup's pink inside.
        let path = "Benchmarks/Accuracy/photos/cups.jpg"
        let cup = ["count", path, "--exemplar", "2069,51,2289,271", "--json"]
        func object(_ run: CLITests.Run) throws -> [String: Any] {
            try #require(((try CLITests.json(run.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)
        }
        func boxes(_ object: [String: Any]) -> [BoundingBox] {
            ((object["detections"] as? [[String: Any]]) ?? []).compactMap { ($0["box"] as? [Double]).map {
                BoundingBox(x1: Float($0[0]), y1: Float($0[1]), x2: Float($0[2]), y2: Float($0[3]))
            } }
        }
        let all = try object(try CLITests.ground(cup)), coloured = try object(try CLITests.ground(cup + ["--exemplar-colour"]))
        #expect(all["colours"] == nil && coloured["colours"] as? [String] == ["pink"])
        let (every, kept) = (boxes(all), boxes(coloured))
        // Matching is unchanged; the colour only leaves matches out: the blue cups.
        #expect(kept.count >= 5 && kept.count + 5 <= every.count, "\(kept.count) of \(every.count)")
        #expect(kept.allSatisfy { box in every.contains { $0.intersectionOverUnion(with: box) > 0.99 } })
        let image = try ImageDecoder.decode(contentsOf: path).image
        let readings = try every.map { try BasicColour.classify(in: image, box: $0) }
        for (box, reading) in zip(every, readings) {
            let isKept = kept.contains { $0.intersectionOverUnion(with: box) > 0.99 }
            #expect(isKept == reading.matches(.pink), "\(box): \(reading.dominant)")
        }
        #expect(readings.contains { $0.dominant == .blue && !$0.matches(.pink) })
        // In words, the colour stands beside the sizes.
        let words = try CLITests.ground(Array(cup.dropLast()) + ["--exemplar-colour"])
        #expect(words.lines.contains { $0.contains("× its size, pink, similarity ≥ 0.50)") }, "\(words.lines)")
    }

    @Test func turnsAndSizesAreOptionsWithClearErrors() throws {
        let coin = ["count", "TestImages/coins.png", "--exemplar", "193,29,239,75", "--json"]
        func count(_ run: CLITests.Run) throws -> Int {
            try #require((((try CLITests.json(run.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)?["count"] as? Int)
        }
        // Coins are round: turned copies of one find the same coins.
        let upright = try count(try CLITests.ground(coin))
        // The sizes asked for are the sizes reported, in JSON and in words.
        let wide = try CLITests.ground(coin + ["--exemplar-sizes", "0.5-2"])
        #expect((((try CLITests.json(wide.lines[0]) as? [String: Any])?["objects"] as? [[String: Any]])?.first)?["sizes"] as? [Double] == [0.5, 2])
        let words = try CLITests.ground(Array(coin.dropLast()) + ["--exemplar-sizes", "0.5-2"])
        #expect(words.lines.contains { $0.contains("(like the example box at 0.5–2× its size, similarity ≥ 0.50)") }, "\(words.lines)")
        let turned = try CLITests.ground(coin + ["--exemplar-turns", "all", "--exemplar-sizes", "0.7-1.4"])
        #expect(turned.status == 0, "\(turned.stderr)")
        #expect(abs(try count(turned) - upright) <= 1)
        let badTurns = try CLITests.ground(coin + ["--exemplar-turns", "sideways"])
        #expect(badTurns.status == 2 && badTurns.stderr.contains("upright"), "\(badTurns.stderr)")
        let badSizes = try CLITests.ground(coin + ["--exemplar-sizes", "2"])
        #expect(badSizes.status == 2 && badSizes.stderr.contains("MIN-MAX"), "\(badSizes.stderr)")
        let emptyRange = try CLITests.ground(coin + ["--exemplar-sizes", "1.5-3"])
        #expect(emptyRange.status == 2 && emptyRange.stderr.contains("1.5"), "\(emptyRange.stderr)")
    }

    /// An exemplar option that nothing reads without --exemplar is refused, not silently
    /// ignored; those finding the rest of a class reads are taken, unless it is turned off.
    @Test func exemplarOptionsThatChangeNothingAreRefused() throws {
        let bus = ["count", "TestImages/bus.jpg", "--object", "bus", "--tile", "off"]
        for option in [["--exemplar-sizes", "0.5-2"], ["--no-appearance-check"], ["--no-surroundings-check"]] {
            let run = try CLITests.ground(bus + option)
            #expect(run.status == 2 && run.stderr.contains("\(option[0]) changes nothing without --exemplar")
                    && run.stderr.contains("--similarity"), "\(option): \(run.stderr)")
        }
        for option in [["--similarity", "0.9"], ["--exemplar-turns", "all"], ["--exemplar-colour"]] {
            #expect(try CLITests.ground(bus + option).status == 0, "\(option)")
            let off = try CLITests.ground(bus + option + ["--no-find-the-rest"])
            #expect(off.status == 2 && off.stderr.contains("no examples are matched"), "\(option): \(off.stderr)")
        }
    }

    @Test func objectOrExemplarIsRequired() throws {
        let run = try CLITests.ground(["count", "TestImages/coins.png"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--exemplar"))
        let malformed = try CLITests.ground(["count", "TestImages/coins.png", "--exemplar", "10,10,5,40"])
        #expect(malformed.status == 2)
    }

    @Test func anExemplarOutsideOneImageFailsOnlyThatImage() throws {
        // 400,300 is inside horses.jpg (773×512) but outside coins.png (384×303).
        let run = try CLITests.ground(["count", "TestImages/coins.png", "TestImages/horses.jpg",
                                       "--exemplar", "400,300,440,340", "--json"])
        #expect(run.status == 1)
        #expect(run.answers.count == 1 && run.failures.count == 1 && run.failures[0].contains("exemplar.invalid_box"), "\(run.stdout)")
        #expect(run.stderr.contains("TestImages/coins.png") && run.stderr.contains("[400, 300, 440, 340]")
                && run.stderr.contains("384×303"), "\(run.stderr)")
        let answered = try #require(try CLITests.json(run.answers[0]) as? [String: Any])
        #expect((answered["image"] as? [String: Any])?["path"] as? String == "TestImages/horses.jpg")
    }
}
