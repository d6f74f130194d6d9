import Foundation
import Grounding

/// Stage `tiled`: the whole job on a 12 MP photo, from the file to the counts:
/// `GroundingEngine.ground(contentsOf:objects: ["person", "kite"], mode: .count)` with automatic
/// tiling, against `peers/sliced_peers.py` (a SAHI-style sliced pipeline in OpenCV DNN) given
/// exactly the regions our engine runs on: `TilePlan.automatic`'s slices and its whole-image pass.
/// Both on 2 threads; both keep only person and kite boxes before merging. Ours runs twice: as by
/// default, and without what counting what a person sees added (finding the rest, finding
/// people by their faces and looking around crowded finds), to show what those stages cost here.
/// Those stages work where objects crowd, and kite.jpg's nine people do not: the same two counts
/// of a 12 MP crowd (``BenchmarkImages/twelveMegapixelCrowd(to:)``, person) show what they cost
/// there.
enum TiledCountBenchmark {
    static let objects = ["person", "kite"]

    static func run() throws {
        let folder = try TemporaryFolder("tiled")
        defer { folder.remove() }
        let path = folder.path("kite-12mp.jpg")
        try BenchmarkImages.twelveMegapixel(to: path)
        // The models `ground count` loads by default: MediaPipe's face model looks for people only their faces show.
        let engine = try GroundingEngine(models: [], threads: 2)
        let plan = try TilePlan.automatic(imageWidth: 4032, imageHeight: 3024,
                                          inputWidth: engine.detector.inputWidth, inputHeight: engine.detector.inputHeight)
        let regions = plan.regions.map { "\($0.x),\($0.y),\($0.width),\($0.height)" }.joined(separator: ";")
        print("\ntiled input: kite.jpg stretched to 4032×3024; TilePlan.automatic: \(plan.tiles.count) slices of "
              + "\(plan.tiles[0].width)×\(plan.tiles[0].height) (overlap ≥ 0.2)"
              + (plan.includesFullImage ? " + 1 whole-image pass" : "") + " = \(plan.regions.count) regions, passed to the peer as they are")

        var result: GroundingResult?, resultWithoutRest: GroundingResult?
        let withoutRest = Self.withoutCountingStages
        let iterations = 5
        let best = try bestOfRounds(2) {
            let ours = try measure("ours ground count person,kite, tile auto", iterations: iterations, warmup: 1) {
                result = try engine.ground(contentsOf: path, objects: objects, mode: .count)
            }
            // What finding the rest, by parts, looking around and stepping back (on by default) cost: the bound is 2×.
            let without = try measure("ours ground count person,kite, tile auto, --no-find-the-rest --no-find-by-parts --no-look-around --no-step-back",
                                      iterations: iterations, warmup: 1) {
                resultWithoutRest = try engine.ground(contentsOf: path, objects: objects, mode: .count, options: withoutRest)
            }
            let peer = try runPeer("sliced_peers.py", arguments: ["--image", path, "--regions", regions, "--classes", objects.joined(separator: ","),
                                                                 "--threads", "2", "--iterations", "\(iterations)"])
            return [ours, without] + peer
        }.map { $0.per(4032.0 * 3024 / 1e6, "MP") }
        Comparison.printTable("tiled count, 12 MP photo, \(plan.regions.count) regions, 2 threads (best of 2 alternating rounds)",
                              [Comparison(ours: best[0], peer: best[2]), Comparison(ours: best[1], peer: best[2])])
        let counts = result?.objects.map { "\($0.name) \($0.count)" }.joined(separator: ", ") ?? "?"
        print(String(format: "peer/ours: %.2f×; kept: ours %@ (per-class NMS, then slice duplicates suppressed by "
                     + "intersection over the smaller box ≥ 0.5), peer: %@ (per-class cv2.dnn.NMSBoxes at IoU 0.45 only)",
                     best[2].p50 / best[0].p50, counts as NSString, (best[2].name.split(separator: ":").last.map(String.init) ?? "?") as NSString))
        print(String(format: "finding the rest, by parts, looking around and stepping back: %.2f× the time without them; regions run %d against %d",
                     best[0].p50 / best[1].p50, result?.regionCount ?? 0, resultWithoutRest?.regionCount ?? 0))
        let (_, peak) = try PeakMemory.during { try engine.ground(contentsOf: path, objects: objects, mode: .count) }
        if let peak {
            Recorder.recordMemory("ours tiled count 12 MP peak RSS", bytes: peak)
            print("peak RSS during one of our counts: \(megabytes(peak)); the largest peer process: \(megabytes(PeakMemory.largestChild))")
        }
        try crowd(engine, in: folder)
    }

    /// The options without what counting what a person sees added.
    static var withoutCountingStages: GroundingOptions {
        var options = GroundingOptions()
        options.findsTheRest = false
        options.findsWholesByParts = false
        options.looksAround = false
        options.stepsBack = false
        return options
    }

    /// The 12 MP crowd, person, with and without the stages counting what a person sees added
    /// (alternating rounds); no peer: the ratio is between our two counts.
    static func crowd(_ engine: GroundingEngine, in folder: TemporaryFolder) throws {
        let path = folder.path("orchestra-12mp.jpg")
        try BenchmarkImages.twelveMegapixelCrowd(to: path)
        var result: GroundingResult?, resultWithout: GroundingResult?
        let iterations = 3
        let best = try bestOfRounds(2) {
            let ours = try measure("ours ground count person, 12 MP crowd, tile auto", iterations: iterations, warmup: 1) {
                result = try engine.ground(contentsOf: path, objects: ["person"], mode: .count)
            }
            let without = try measure("ours ground count person, 12 MP crowd, tile auto, --no-find-the-rest --no-find-by-parts --no-look-around --no-step-back",
                                      iterations: iterations, warmup: 1) {
                resultWithout = try engine.ground(contentsOf: path, objects: ["person"], mode: .count, options: withoutCountingStages)
            }
            return [ours, without]
        }
        let truth = try crowdTruth()
        func matched(_ result: GroundingResult?) -> Int {
            AccuracyScore.tally(predicted: result?.objects.first.map(AccuracyBenchmark.centres) ?? [], truth: truth).matched
        }
        print(String(format: "12 MP crowd (%@ at %d×%d, %d players): %.0f ms, %d people (%d matching the hand count), "
                     + "%d regions; without the stages %.0f ms, %d people (%d matching), %d regions: %.2f× the time",
                     BenchmarkImages.crowd.file as NSString, BenchmarkImages.crowd.width, BenchmarkImages.crowd.height, truth.count,
                     best[0].p50, result?.objects.first?.count ?? 0, matched(result), result?.regionCount ?? 0,
                     best[1].p50, resultWithout?.objects.first?.count ?? 0, matched(resultWithout), resultWithout?.regionCount ?? 0,
                     best[0].p50 / best[1].p50))
    }

    /// orchestra.png's hand-counted players, scaled (points and radii) to the 12 MP crowd.
    static func crowdTruth() throws -> [AccuracyScore.TruthPoint] {
        guard let photo = try AccuracyTruth.load().photos.first(where: { $0.file == BenchmarkImages.crowd.file }),
              let query = photo.queries.first(where: { $0.object == "person" }) else { return [] }
        let scale = Double(BenchmarkImages.crowd.width) / Double(photo.width)
        return query.points.map { .init(x: $0.x * scale, y: $0.y * scale, radius: $0.radius * scale) }
    }
}
