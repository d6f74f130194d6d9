import Foundation
import Grounding

/// Stage `accuracy`: counts like a person, measured against the hand-counted photos of
/// `Benchmarks/Accuracy/` (truth.json: every object a centre and a radius, and for long or tall
/// objects the box of its visible part).
///
/// Ours: `GroundingEngine` on the default models, as `ground` runs (YOLOv4-tiny for COCO names,
/// automatic tiling, the model's own threshold), every COCO name of a photo in one count, each
/// exemplar query through the exemplar path (`.exemplar(boxes)`), as `ground count --object … /
/// --exemplar …` runs them. The peer: `peers/accuracy_peers.py`, the SAHI library slicing the
/// same YOLOv4-tiny through OpenCV DNN (512 px slices, overlap 0.2, plus the whole-image
/// prediction, GREEDYNMM by IOS 0.5, confidence 0.25). SAHI has no exemplar counting, so
/// exemplar queries have no peer figure ("—"). Then the COCO names again with YOLO11n
/// (`--model yolo11n.onnx`), against SAHI slicing the same YOLO11n through ONNX Runtime; and
/// both models without finding the rest (`--no-find-the-rest`), and YOLOv4-tiny without each of
/// the stages of ``stagesOff`` (finding wholes by their parts, looking around crowded finds,
/// stepping back), to show what each adds; and YOLO11n with MediaPipe's full-range faces
/// beside it (`--model yolo11n.onnx --model face_detection_full_range_sparse.tflite`), as a user
/// who wants YOLO11n's precision and the faces' people would run it.
/// Scoring (``AccuracyScore``) pairs predicted box centres with truth points one to one: within
/// an object's radius or inside its extent (the radius alone is printed beside).
enum AccuracyBenchmark {
    static let folder = Repository.benchmarks.appendingPathComponent("Accuracy")

    /// What the peer returns for one photo: boxes `[x1, y1, x2, y2]` per COCO name, and its time.
    struct PeerPhoto: Decodable {
        var path: String
        var boxes: [String: [[Double]]]
        var ms: Double
    }

    /// One scored photo-and-query, ours and the peer's (nil: no peer for exemplar queries).
    struct Row {
        var photo: AccuracyTruth.Photo
        var query: AccuracyTruth.Query
        var ours: AccuracyScore.Tally
        var peer: AccuracyScore.Tally?
        /// Ours and the peer's scored by the radius alone, without the objects' extents.
        var radiusOnly: (ours: AccuracyScore.Tally, peer: AccuracyScore.Tally?)
        /// Ours with YOLO11n, and SAHI slicing YOLO11n (COCO names only).
        var yolo11: (ours: AccuracyScore.Tally, peer: AccuracyScore.Tally?)?
        /// Ours without finding the rest, YOLOv4-tiny then YOLO11n (COCO names only).
        var withoutRest: (tiny: AccuracyScore.Tally, yolo11: AccuracyScore.Tally)?
        /// Ours' ``GroundedObject/unconfirmedLookalikes`` (nil where finding the rest learned nothing).
        var lookalikes: Int?
        /// Ours' ``GroundedObject/smallInView`` (nil where no object was small for the model).
        var smallInView: Int?
        /// Ours (YOLOv4-tiny) without each stage of ``stagesOff``, in its order (COCO names only).
        var withoutStage: [AccuracyScore.Tally?]
        /// Ours with YOLO11n and MediaPipe's full-range faces (COCO names only).
        var yolo11Faces: AccuracyScore.Tally?
        /// Ours with YOLO11n alone, without zooming in (COCO names only).
        var yolo11NoZoom: AccuracyScore.Tally?

        /// Ours on the default models (a key path for ``printWithout``).
        var byDefault: AccuracyScore.Tally? { ours }
        /// Ours with YOLO11n alone (a key path for ``printWithout``).
        var yolo11Alone: AccuracyScore.Tally? { yolo11?.ours }
    }

    /// A stage of the default count turned off, to show what it adds.
    struct StageOff: Sendable {
        /// What the stage does, for the section's title.
        var title: String
        /// The `ground` flag that turns it off.
        var flag: String
        /// Its short name, for the time line.
        var stage: String
        /// The options without it.
        var options: GroundingOptions
    }

    /// The stages whose worth the run shows, each against the default count.
    static let stagesOff: [StageOff] = {
        var noParts = GroundingOptions(), noLooks = GroundingOptions(), noStepBack = GroundingOptions(), noContext = GroundingOptions()
        var noSplit = GroundingOptions()
        noParts.findsWholesByParts = false
        noLooks.looksAround = false
        noStepBack.stepsBack = false
        noContext.checksContext = false
        noSplit.checksSplits = false
        return [
            StageOff(title: "finding wholes by their parts (on by default: a face no person holds is one more person)",
                     flag: "--no-find-by-parts", stage: "finding by parts", options: noParts),
            StageOff(title: "looking around crowded finds (on by default: a square four times a find's side, centred on it)",
                     flag: "--no-look-around", stage: "looking around", options: noLooks),
            StageOff(title: "stepping back (on by default: a name found nothing of is looked for in the photo shown at half size)",
                     flag: "--no-step-back", stage: "stepping back", options: noStepBack),
            StageOff(title: "the context check (on by default: a large find only a slice made, of a class the whole view found none of, is dropped)",
                     flag: "--no-context-check", stage: "the context check", options: noContext),
            StageOff(title: "the split check (on by default: two boxes of a class lined up as halves of one object are shown again, and made one when the detector sees one there)",
                     flag: "--no-split-check", stage: "the split check", options: noSplit),
        ]
    }()

    static func run() throws {
        let truth = try AccuracyTruth.load()
        let engine = try GroundingEngine(models: [])
        var rows: [Row] = []
        var oursMs: [Double] = []
        var oursPredictions: [String: [String: [(x: Double, y: Double)]]] = [:]
        // Ours' answer per photo and name, for what it says of its count.
        var oursObjects: [String: [String: GroundedObject]] = [:]
        var yolo11Predictions: [String: [String: [(x: Double, y: Double)]]] = [:]
        var yolo11Ms: [Double] = []
        let yolo11 = try GroundingEngine(models: [UltralyticsDetector.defaultModelPath])
        let yolo11Faces = try GroundingEngine(models: [UltralyticsDetector.defaultModelPath,
                                                       MediaPipeModelDirectory.default + "/" + MediaPipeFaceDetector.Model.fullRange.fileName])
        var withFaces11: [String: [String: [(x: Double, y: Double)]]] = [:], withFaces11Ms: [Double] = []
        var noZoom11 = withFaces11, noZoom11Ms: [Double] = []
        var noZoom = GroundingOptions()
        noZoom.zoomsIn = false
        var withoutRest: [String: [String: [(x: Double, y: Double)]]] = [:], withoutRest11 = withoutRest
        var withoutRestMs: [Double] = [], namesMs: [Double] = []
        var alone = GroundingOptions()
        alone.findsTheRest = false
        var withoutStage = stagesOff.map { _ in withoutRest }, withoutStageMs = stagesOff.map { _ in [Double]() }
        func predictions(_ result: GroundingResult) -> [String: [(x: Double, y: Double)]] {
            Dictionary(result.objects.map { ($0.name, centres($0)) }, uniquingKeysWith: { a, _ in a })
        }
        for photo in truth.photos {
            let path = folder.appendingPathComponent("photos/\(photo.file)").path
            let start = ContinuousClock.now
            var found: [String: [(x: Double, y: Double)]] = [:]
            let names = photo.queries.compactMap(\.object)
            if !names.isEmpty {
                let result = try engine.ground(contentsOf: path, objects: names, mode: .count)
                for object in result.objects {
                    found[object.name] = centres(object)
                    oursObjects[photo.file, default: [:]][object.name] = object
                }
                namesMs.append(milliseconds(ContinuousClock.now - start))
            }
            for query in photo.queries where query.isExemplar {
                let boxes = (query.exemplars ?? []).map { PixelRect(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) }
                let result = try engine.ground(contentsOf: path, queries: [.exemplar(boxes)], mode: .count)
                found[query.name] = result.objects.first.map(centres) ?? []
            }
            oursMs.append(milliseconds(ContinuousClock.now - start))
            oursPredictions[photo.file] = found
            if !names.isEmpty {
                let start = ContinuousClock.now
                let result = try yolo11.ground(contentsOf: path, objects: names, mode: .count)
                yolo11Ms.append(milliseconds(ContinuousClock.now - start))
                yolo11Predictions[photo.file] = predictions(result)
                let without = ContinuousClock.now
                withoutRest[photo.file] = predictions(try engine.ground(contentsOf: path, objects: names, mode: .count, options: alone))
                withoutRestMs.append(milliseconds(ContinuousClock.now - without))
                withoutRest11[photo.file] = predictions(try yolo11.ground(contentsOf: path, objects: names, mode: .count, options: alone))
                let facesStart = ContinuousClock.now
                withFaces11[photo.file] = predictions(try yolo11Faces.ground(contentsOf: path, objects: names, mode: .count))
                withFaces11Ms.append(milliseconds(ContinuousClock.now - facesStart))
                let noZoomStart = ContinuousClock.now
                noZoom11[photo.file] = predictions(try yolo11.ground(contentsOf: path, objects: names, mode: .count, options: noZoom))
                noZoom11Ms.append(milliseconds(ContinuousClock.now - noZoomStart))
                for (index, off) in stagesOff.enumerated() {
                    let offStart = ContinuousClock.now
                    withoutStage[index][photo.file] = predictions(try engine.ground(contentsOf: path, objects: names, mode: .count,
                                                                                    options: off.options))
                    withoutStageMs[index].append(milliseconds(ContinuousClock.now - offStart))
                }
            }
        }

        // Names checked absent: ours with and without the context check (the slices' finds the
        // whole view does not back), counted below beside SAHI's.
        var unchecked = GroundingOptions()
        unchecked.checksContext = false
        let absentMarks = try truth.absent.map { photo in
            let path = folder.appendingPathComponent("photos/\(photo.file)").path
            func marks(_ options: GroundingOptions) throws -> Int {
                try engine.ground(contentsOf: path, objects: photo.names, mode: .count, options: options).objects.map(\.count).reduce(0, +)
            }
            return (ours: try marks(GroundingOptions()), unchecked: try marks(unchecked))
        }

        func job(_ file: String, _ names: [String]) -> [String: Any] {
            ["path": folder.appendingPathComponent("photos/\(file)").path, "objects": names]
        }
        let jobs = truth.photos.filter { $0.queries.contains { !$0.isExemplar } }.map { job($0.file, $0.queries.compactMap(\.object)) }
        let temporary = try TemporaryFolder("accuracy")
        defer { temporary.remove() }
        let jobsPath = temporary.path("jobs.json"), withAbsentPath = temporary.path("jobs-and-absent.json")
        try JSONSerialization.data(withJSONObject: jobs).write(to: URL(fileURLWithPath: jobsPath))
        // One run of the YOLOv4-tiny peer answers the names checked absent too.
        try JSONSerialization.data(withJSONObject: jobs + truth.absent.map { job($0.file, $0.names) })
            .write(to: URL(fileURLWithPath: withAbsentPath))
        let peer = try runPeer("accuracy_peers.py", arguments: [withAbsentPath, "--model", "yolov4-tiny"], decoding: [PeerPhoto].self)
        let peer11 = try runPeer("accuracy_peers.py", arguments: [jobsPath, "--model", "yolo11n", "--onnx", UltralyticsDetector.defaultModelPath],
                                 decoding: [PeerPhoto].self)
        func byFile(_ photos: [PeerPhoto]) -> [String: PeerPhoto] {
            Dictionary(photos.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let (peerByFile, peer11ByFile) = (byFile(peer), byFile(peer11))

        for photo in truth.photos {
            for query in photo.queries {
                func oursTally(extents: Bool) -> AccuracyScore.Tally {
                    AccuracyScore.tally(predicted: oursPredictions[photo.file]?[query.name] ?? [], truth: query.points,
                                        ignored: query.ignoredRegions, extents: extents)
                }
                let ours = oursTally(extents: true)
                func tally(_ photos: [String: PeerPhoto], extents: Bool = true) -> AccuracyScore.Tally? {
                    query.object.flatMap { name in
                        photos[photo.file].map { peerPhoto in
                            AccuracyScore.tally(predicted: (peerPhoto.boxes[name] ?? []).map { (x: ($0[0] + $0[2]) / 2, y: ($0[1] + $0[3]) / 2) },
                                                truth: query.points, ignored: query.ignoredRegions, extents: extents)
                        }
                    }
                }
                let ours11 = query.object.map { name in
                    AccuracyScore.tally(predicted: yolo11Predictions[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions)
                }
                let without = query.object.map { name in
                    (AccuracyScore.tally(predicted: withoutRest[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions),
                     AccuracyScore.tally(predicted: withoutRest11[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions))
                }
                let noStage = withoutStage.map { predicted in
                    query.object.map { name in
                        AccuracyScore.tally(predicted: predicted[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions)
                    }
                }
                let faces11 = query.object.map { name in
                    AccuracyScore.tally(predicted: withFaces11[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions)
                }
                let unzoomed11 = query.object.map { name in
                    AccuracyScore.tally(predicted: noZoom11[photo.file]?[name] ?? [], truth: query.points, ignored: query.ignoredRegions)
                }
                rows.append(Row(photo: photo, query: query, ours: ours, peer: tally(peerByFile),
                                radiusOnly: (oursTally(extents: false), tally(peerByFile, extents: false)),
                                yolo11: ours11.map { ($0, tally(peer11ByFile)) }, withoutRest: without,
                                lookalikes: oursObjects[photo.file]?[query.name]?.unconfirmedLookalikes,
                                smallInView: oursObjects[photo.file]?[query.name]?.smallInView,
                                withoutStage: noStage,
                                yolo11Faces: faces11, yolo11NoZoom: unzoomed11))
            }
        }
        printRows(rows)
        printTotals(rows, oursMs: oursMs, peerMs: truth.photos.compactMap { peerByFile[$0.file]?.ms }, yolo11Ms: yolo11Ms,
                    peer11Ms: peer11.map(\.ms), photos: truth.photos)
        printWithoutRest(rows, ms: (namesMs, withoutRestMs))
        for (index, off) in stagesOff.enumerated() {
            printWithout(off.title, against: off.flag, stage: off.stage, rows, \.withoutStage[index], ms: (namesMs, withoutStageMs[index]))
        }
        printAbsent(truth.absent, ours: absentMarks, peer: peerByFile)
        printWithout("YOLO11n with MediaPipe's full-range faces (--model yolo11n.onnx --model face_detection_full_range_sparse.tflite)",
                     against: "YOLO11n alone", model: "YOLO11n", stage: "the faces", rows, with: \.yolo11Faces, \.yolo11Alone,
                     ms: (withFaces11Ms, yolo11Ms))
        printWithout("zooming in (on by default for YOLO11n: a class found small two or more times is looked for again at twice the zoom around those finds)",
                     against: "--no-zoom-in", model: "YOLO11n", stage: "zooming in", rows, with: \.yolo11Alone, \.yolo11NoZoom,
                     ms: (yolo11Ms, noZoom11Ms))
    }

    /// The marks on photos for names a person checked are not there: each one false.
    static func printAbsent(_ photos: [AccuracyTruth.AbsentNames], ours: [(ours: Int, unchecked: Int)], peer: [String: PeerPhoto]) {
        print("\n# names a person checked are not in the photo (animals of no COCO class): every mark is false; ours, ours with --no-context-check, SAHI (YOLOv4-tiny)")
        var table = TextTable(["photo", "names asked", "ours", "--no-context-check", "sahi"])
        var totals = (ours: 0, unchecked: 0, peer: 0)
        for (photo, marks) in zip(photos, ours) {
            let sahi = photo.names.map { peer[photo.file]?.boxes[$0]?.count ?? 0 }.reduce(0, +)
            totals = (totals.ours + marks.ours, totals.unchecked + marks.unchecked, totals.peer + sahi)
            table.add([photo.file, "\(photo.names.count)", "\(marks.ours)", "\(marks.unchecked)", "\(sahi)"])
        }
        table.add(["all \(photos.count) photos", "\(photos.map(\.names.count).reduce(0, +))", "\(totals.ours)", "\(totals.unchecked)", "\(totals.peer)"])
        table.print()
    }

    /// Box centres of everything found for one name.
    static func centres(_ object: GroundedObject) -> [(x: Double, y: Double)] {
        object.detections.map { (x: Double($0.box.x1 + $0.box.x2) / 2, y: Double($0.box.y1 + $0.box.y2) / 2) }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func printRows(_ rows: [Row]) {
        print("\n# accuracy per photo and query (truth: hand-counted; ours: the default models; peer: SAHI + OpenCV DNN, both YOLOv4-tiny)")
        var table = TextTable(["photo", "query", "truth", "ours found", "err", "recall", "prec", "look-alikes", "small",
                               "sahi found", "err", "recall", "prec", ""])
        for row in rows {
            let mark = [row.photo.heldout ? "held-out" : nil, AccuracyScore.isDense(row.photo) ? "dense" : nil,
                        AccuracyScore.isSparse(row.photo) ? "sparse" : nil, row.query.isExemplar ? "agnostic" : nil]
                .compactMap { $0 }.joined(separator: ",")
                + (row.ours.ignored + (row.peer?.ignored ?? 0) > 0
                   ? " (left out, in ignored regions: ours \(row.ours.ignored), sahi \(row.peer?.ignored ?? 0))" : "")
                + (row.ours.twice + (row.peer?.twice ?? 0) > 0
                   ? " (counted twice: ours \(row.ours.twice), sahi \(row.peer?.twice ?? 0))" : "")
            table.add([row.photo.file, row.query.isExemplar ? "exemplar \(row.query.name)" : row.query.name, "\(row.query.objects.count)"]
                      + cells(row.ours) + [row.lookalikes.map(String.init) ?? "", row.smallInView.map(String.init) ?? ""]
                      + (row.peer.map(cells) ?? ["—", "", "", ""]) + [mark])
        }
        table.print()
        // Whether what the answer says of a count (look-alikes finding the rest could not confirm;
        // objects small for the model) marks the counts that fall short.
        let names = rows.filter { !$0.query.isExemplar }
        for (sign, label, part) in [("look-alikes not confirmed", "some (≥ 1)", rows.filter { ($0.lookalikes ?? 0) > 0 }),
                                    ("look-alikes not confirmed", "none", rows.filter { $0.lookalikes == 0 }),
                                    ("small for the model (small_in_view)", "said", names.filter { $0.smallInView != nil }),
                                    ("small for the model (small_in_view)", "not said", names.filter { $0.smallInView == nil })] {
            let totals = AccuracyScore.Totals(tallies: part.map(\.ours))
            print("\(sign), \(label): \(part.count) queries, \(totals.matched) of \(totals.truth) objects found"
                  + String(format: " (recall %.2f)", totals.recall))
        }
    }

    static func cells(_ tally: AccuracyScore.Tally) -> [String] {
        ["\(tally.predicted)", String(format: "%+d", tally.countError), String(format: "%.2f", tally.recall), String(format: "%.2f", tally.precision)]
    }

    /// The groups every total is given for, each with its rows.
    static func groups(_ rows: [Row]) -> [(name: String, rows: [Row])] {
        [
            ("all", rows),
            ("COCO names", rows.filter { !$0.query.isExemplar }),
            ("dense scenes (≥ 30 objects)", rows.filter { AccuracyScore.isDense($0.photo) && !$0.query.isExemplar }),
            ("sparse photos (< 10 objects)", rows.filter { AccuracyScore.isSparse($0.photo) }),
            ("class-agnostic (exemplar)", rows.filter(\.query.isExemplar)),
            ("tuning set", rows.filter { !$0.photo.heldout }),
            ("held-out", rows.filter(\.photo.heldout)),
        ]
    }

    /// The mean of `values` (0 for none).
    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }

    static func printTotals(_ rows: [Row], oursMs: [Double], peerMs: [Double], yolo11Ms: [Double], peer11Ms: [Double],
                            photos: [AccuracyTruth.Photo]) {
        print("\n# accuracy totals: recall and precision over all objects of the group; count error: mean |found − truth| per photo-and-query")
        var table = TextTable(["group", "queries", "truth", "ours found", "recall", "prec", "MAE", "rel err", "false", "twice", "off",
                               "sahi found (COCO names)", "recall", "prec", "MAE", "false", "twice", "off"])
        var yolo11Table = TextTable(["group (COCO names)", "queries", "truth", "ours + yolo11n found", "recall", "prec", "MAE", "false", "twice", "off",
                                     "sahi + yolo11n found", "recall", "prec", "MAE", "false", "twice", "off"])
        for group in groups(rows) where !group.rows.isEmpty {
            let ours = AccuracyScore.Totals(tallies: group.rows.map(\.ours))
            let peerRows = group.rows.compactMap(\.peer)
            let peer = AccuracyScore.Totals(tallies: peerRows)
            table.add([group.name, "\(group.rows.count)", "\(ours.truth)", "\(ours.predicted)", format(ours.recall), format(ours.precision),
                       format(ours.meanAbsoluteCountError), String(format: "%.0f%%", ours.meanRelativeCountError * 100)] + falseMarkCells(ours)
                      + (peerRows.isEmpty ? ["—"] : ["\(peer.predicted)", format(peer.recall), format(peer.precision),
                                                       format(peer.meanAbsoluteCountError)] + falseMarkCells(peer)))
            let yolo11Rows = group.rows.compactMap(\.yolo11)
            // Only COCO names have YOLO11n figures, so "all" would repeat "COCO names".
            if !yolo11Rows.isEmpty && group.name != "all" {
                let (ours, peer) = (AccuracyScore.Totals(tallies: yolo11Rows.map(\.ours)), AccuracyScore.Totals(tallies: yolo11Rows.compactMap(\.peer)))
                yolo11Table.add([group.name, "\(yolo11Rows.count)", "\(ours.truth)", "\(ours.predicted)", format(ours.recall), format(ours.precision),
                                 format(ours.meanAbsoluteCountError)] + falseMarkCells(ours)
                                + ["\(peer.predicted)", format(peer.recall), format(peer.precision), format(peer.meanAbsoluteCountError)]
                                + falseMarkCells(peer))
            }
            record(group.name, ours, side: .ours, relative: group.rows.allSatisfy(\.query.isExemplar))
            if !peerRows.isEmpty {
                if peerRows.count < group.rows.count { continue }  // the peer skipped exemplar queries: not the same group
                record(group.name, peer, side: .peer, relative: false)
            }
        }
        table.print()
        print("false: marks that matched no object; of them, twice: inside an object another mark matched (counted twice); "
              + "off: within twice the radius of an object no mark matched (on a part of it away from its centre, or beside it)")
        printRadiusOnly(rows)
        print("\n# the COCO names with YOLO11n (--model yolo11n.onnx, 960 px input), against SAHI slicing the same YOLO11n on ONNX Runtime")
        yolo11Table.print()
        let oursMean = mean(oursMs), peerMean = mean(peerMs)
        print(String(format: "time per photo (mean, the whole count from the file): ours %.0f ms over %d photos (exemplar queries "
                     + "included), sahi %.0f ms over %d photos with COCO names; with YOLO11n: ours %.0f ms, sahi %.0f ms",
                     oursMean, oursMs.count, peerMean, peerMs.count, mean(yolo11Ms), mean(peer11Ms)))
        Recorder.recordScore("ours time per photo", value: oursMean, unit: "ms", side: .ours)
        Recorder.recordScore("sahi time per photo", value: peerMean, unit: "ms", side: .peer)
        print("photos: \(photos.count), objects: \(rows.map(\.query.objects.count).reduce(0, +)), held-out: "
              + photos.filter(\.heldout).map(\.file).joined(separator: ", "))
    }

    /// The totals' recall and precision by the radius alone, as scored before the truth recorded
    /// extents: what matching a mark inside an object's extent changes, ours and the peer's.
    static func printRadiusOnly(_ rows: [Row]) {
        print("\n# the same groups matched by the radius alone (a mark inside an object's recorded extent but outside its radius is false)")
        var table = TextTable(["group", "ours found", "recall", "prec", "false", "sahi found (COCO names)", "recall", "prec", "false"])
        for group in groups(rows) where !group.rows.isEmpty {
            let ours = AccuracyScore.Totals(tallies: group.rows.map(\.radiusOnly.ours))
            let peerRows = group.rows.compactMap(\.radiusOnly.peer)
            let peer = AccuracyScore.Totals(tallies: peerRows)
            table.add([group.name, "\(ours.predicted)", format(ours.recall), format(ours.precision), "\(ours.falseMarks)"]
                      + (peerRows.isEmpty ? ["—"] : ["\(peer.predicted)", format(peer.recall), format(peer.precision), "\(peer.falseMarks)"]))
        }
        table.print()
    }

    /// What finding the rest adds: the COCO names of each group with and without it, per model.
    static func printWithoutRest(_ rows: [Row], ms: (with: [Double], without: [Double])) {
        print("\n# finding the rest (on by default) against --no-find-the-rest, COCO names, same run")
        var table = TextTable(["group (COCO names)", "truth", "yolov4-tiny found", "recall", "prec", "false", "without: found", "recall", "prec", "false",
                               "yolo11n found", "recall", "prec", "false", "without: found", "recall", "prec", "false"])
        // Only COCO names were counted without it, so "all" would repeat "COCO names".
        for (name, group) in groups(rows) where name != "all" {
            let pairs = group.compactMap { row in row.withoutRest.map { (row, $0) } }
            guard !pairs.isEmpty else { continue }
            let cells = [AccuracyScore.Totals(tallies: pairs.map(\.0.ours)), AccuracyScore.Totals(tallies: pairs.map(\.1.tiny)),
                         AccuracyScore.Totals(tallies: pairs.compactMap(\.0.yolo11?.ours)), AccuracyScore.Totals(tallies: pairs.map(\.1.yolo11))]
                .flatMap { ["\($0.predicted)", format($0.recall), format($0.precision), "\($0.falseMarks)"] }
            table.add([name, "\(AccuracyScore.Totals(tallies: pairs.map(\.0.ours)).truth)"] + cells)
        }
        table.print()
        print(String(format: "time per photo (YOLOv4-tiny, COCO names only, the whole count from the file): %.0f ms, without finding the rest %.0f ms",
                     mean(ms.with), mean(ms.without)))
    }

    /// What one stage adds (`title`; `against` says what runs without it): the COCO names of each
    /// group with the row's `with` tally (by default, ours on the default models) and its
    /// `without` tally, on `model`.
    static func printWithout(_ title: String, against: String, model: String = "YOLOv4-tiny", stage: String, _ rows: [Row],
                             with: KeyPath<Row, AccuracyScore.Tally?> = \.byDefault, _ without: KeyPath<Row, AccuracyScore.Tally?>,
                             ms: (with: [Double], without: [Double])) {
        print("\n# \(title) against \(against), \(model), COCO names, same run")
        var table = TextTable(["group (COCO names)", "queries", "changed", "truth", "found", "recall", "prec", "MAE", "false",
                               "without: found", "recall", "prec", "MAE", "false"])
        // Only COCO names were counted without it, so "all" would repeat "COCO names".
        for (name, group) in groups(rows) where name != "all" {
            let pairs = group.compactMap { row in row[keyPath: with].flatMap { tally in row[keyPath: without].map { (tally, $0) } } }
            guard !pairs.isEmpty else { continue }
            let cells = [AccuracyScore.Totals(tallies: pairs.map(\.0)), AccuracyScore.Totals(tallies: pairs.map(\.1))]
                .flatMap { ["\($0.predicted)", format($0.recall), format($0.precision), format($0.meanAbsoluteCountError), "\($0.falseMarks)"] }
            table.add([name, "\(pairs.count)", "\(pairs.filter { $0.0 != $0.1 }.count)",
                       "\(AccuracyScore.Totals(tallies: pairs.map(\.0)).truth)"] + cells)
        }
        table.print()
        print(String(format: "time per photo (%@, COCO names only, the whole count from the file): %.0f ms, without %@ %.0f ms",
                     model as NSString, mean(ms.with), stage as NSString, mean(ms.without)))
    }

    /// The false marks of `totals`, then those counting an object twice and those beside a missed one.
    static func falseMarkCells(_ totals: AccuracyScore.Totals) -> [String] {
        ["\(totals.falseMarks)", "\(totals.twice)", "\(totals.offCentre)"]
    }

    static func record(_ group: String, _ totals: AccuracyScore.Totals, side: Figure.Side, relative: Bool) {
        let who = side == .ours ? "ours" : "sahi"
        Recorder.recordScore("\(who) \(group) marks counting an object twice", value: Double(totals.twice), unit: "marks", side: side)
        Recorder.recordScore("\(who) \(group) recall", value: totals.recall, unit: "recall", side: side)
        Recorder.recordScore("\(who) \(group) precision", value: totals.precision, unit: "precision", side: side)
        Recorder.recordScore("\(who) \(group) mean absolute count error", value: totals.meanAbsoluteCountError, unit: "count error", side: side)
        if relative {
            Recorder.recordScore("\(who) \(group) mean relative count error", value: totals.meanRelativeCountError,
                                 unit: "relative count error", side: side)
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
