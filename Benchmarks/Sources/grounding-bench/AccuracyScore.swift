import Foundation

/// The hand-counted truth of `Benchmarks/Accuracy/truth.json` (schema in that folder's README).
struct AccuracyTruth: Codable {
    /// One photo with its queries.
    struct Photo: Codable {
        var file: String
        var width: Int
        var height: Int
        /// Kept out of all tuning; reported separately.
        var heldout: Bool
        var queries: [Query]
        var notes: String
    }

    /// A COCO name (`object`) or a class-agnostic query (`label` + `exemplars`), with every object.
    struct Query: Codable {
        var object: String?
        var label: String?
        /// `[x, y, width, height]` boxes around typical instances, upright-photo pixels.
        var exemplars: [[Int]]?
        /// `[x, y, radius]`: each object's centre and its matching radius; or `[x, y, radius, ex,
        /// ey, ew, eh]`, with the object's extent, the box `[x, y, width, height]` of its visible
        /// part: a prediction inside it lies inside the object.
        var objects: [[Double]]
        /// `[x, y, width, height]` regions where no one can count the objects one by one (a band
        /// of specks at the horizon): none of their objects is in `objects`, and a prediction there
        /// that matches no object is left out of the score instead of counted as false.
        var ignore: [[Double]]?

        var name: String { object ?? label ?? "?" }
        var isExemplar: Bool { object == nil }
        var points: [AccuracyScore.TruthPoint] {
            objects.map { object in
                .init(x: object[0], y: object[1], radius: object[2],
                      extent: object.count == 7 ? .init(x: object[3], y: object[4], width: object[5], height: object[6]) : nil)
            }
        }
        var ignoredRegions: [AccuracyScore.Region] {
            (ignore ?? []).map { .init(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) }
        }
    }

    /// A photo and COCO names a person checked are not in it: every mark for them is false.
    struct AbsentNames: Codable {
        var file: String
        var width: Int
        var height: Int
        var names: [String]
        var notes: String
    }

    var version: Int
    var matching: String
    var photos: [Photo]
    /// Photos of things no COCO class names, asked for names that are not there (scored apart).
    var absent: [AbsentNames]

    /// The truth in `Benchmarks/Accuracy/truth.json`.
    static func load() throws -> AccuracyTruth {
        try JSONDecoder().decode(AccuracyTruth.self, from: Data(contentsOf: AccuracyBenchmark.folder.appendingPathComponent("truth.json")))
    }
}

/// Scoring of predicted points against hand-counted truth points: pure functions, no I/O.
enum AccuracyScore {
    struct TruthPoint: Equatable {
        var x: Double
        var y: Double
        var radius: Double
        /// The box of the object's visible part, where the truth records it (nil: the radius alone).
        var extent: Region? = nil

        /// Whether a prediction at `point` matches this object: within its radius, or inside its
        /// extent when `extents` says to use extents.
        func isMatched(by point: (x: Double, y: Double), extents: Bool) -> Bool {
            hypot(point.x - x, point.y - y) <= radius || extents && extent?.contains(x: point.x, y: point.y) == true
        }
    }

    /// A rectangle of the upright photo, in pixels.
    struct Region: Equatable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        func contains(x px: Double, y py: Double) -> Bool {
            px >= x && px < x + width && py >= y && py < y + height
        }
    }

    /// One photo-and-query: how many objects there are, were predicted, and were matched.
    struct Tally: Equatable {
        var truth = 0
        /// Predictions scored: those in an ignored region that match nothing are not among them.
        var predicted = 0
        var matched = 0
        /// Predictions left out of the score: unmatched, in an ignored region.
        var ignored = 0
        /// False marks on an object another prediction matched (within its radius, or inside its
        /// extent where the matching uses extents): that object counted twice.
        var twice = 0
        /// False marks off the centre of an object no prediction matched (within twice its radius,
        /// not inside a matched one): on a part of it away from its centre, or beside it.
        var offCentre = 0

        var countError: Int { predicted - truth }
        /// Matched / truth (1 when there is nothing to find).
        var recall: Double { truth == 0 ? 1 : Double(matched) / Double(truth) }
        /// Matched / predicted (1 when nothing was predicted).
        var precision: Double { predicted == 0 ? 1 : Double(matched) / Double(predicted) }
    }

    /// Pairs predictions with truth points one to one, as issue #14 states the rule: a prediction
    /// can match a truth point when it lies within its radius or, with `extents` (the default),
    /// inside the object's extent; the closest pairs (distance over radius) are taken first. Then a
    /// prediction that matched nothing and lies in one of the `ignored` regions is left out, and
    /// each other one is sorted by the same rule: on a matched object (``Tally/twice``), near a
    /// missed one (``Tally/offCentre``), or on nothing. `extents: false` is the radius alone, the
    /// rule before extents were recorded.
    static func tally(predicted: [(x: Double, y: Double)], truth: [TruthPoint], ignored: [Region] = [], extents: Bool = true) -> Tally {
        var pairs: [(distance: Double, prediction: Int, truth: Int)] = []
        for (p, point) in predicted.enumerated() {
            for (t, object) in truth.enumerated() where object.isMatched(by: point, extents: extents) {
                pairs.append((hypot(point.x - object.x, point.y - object.y) / object.radius, p, t))
            }
        }
        pairs.sort { ($0.distance, $0.prediction, $0.truth) < ($1.distance, $1.prediction, $1.truth) }
        var usedPredictions = Set<Int>(), usedTruth = Set<Int>()
        for pair in pairs where !usedPredictions.contains(pair.prediction) && !usedTruth.contains(pair.truth) {
            usedPredictions.insert(pair.prediction)
            usedTruth.insert(pair.truth)
        }
        var left = 0, twice = 0, offCentre = 0
        for (p, point) in predicted.enumerated() where !usedPredictions.contains(p) {
            if ignored.contains(where: { $0.contains(x: point.x, y: point.y) }) {
                left += 1
            } else if usedTruth.contains(where: { truth[$0].isMatched(by: point, extents: extents) }) {
                twice += 1
            } else if truth.indices.contains(where: { !usedTruth.contains($0)
                                                      && hypot(point.x - truth[$0].x, point.y - truth[$0].y) <= 2 * truth[$0].radius }) {
                offCentre += 1
            }
        }
        return Tally(truth: truth.count, predicted: predicted.count - left, matched: usedTruth.count, ignored: left,
                     twice: twice, offCentre: offCentre)
    }

    /// The figures of a group of photo-and-query tallies.
    struct Totals: Equatable {
        var tallies: [Tally] = []

        var truth: Int { tallies.map(\.truth).reduce(0, +) }
        var predicted: Int { tallies.map(\.predicted).reduce(0, +) }
        var matched: Int { tallies.map(\.matched).reduce(0, +) }
        /// Over all objects of the group (micro-average).
        var recall: Double { truth == 0 ? 1 : Double(matched) / Double(truth) }
        var precision: Double { predicted == 0 ? 1 : Double(matched) / Double(predicted) }
        /// Mean of |predicted − truth| per photo-and-query.
        var meanAbsoluteCountError: Double {
            tallies.isEmpty ? 0 : Double(tallies.map { abs($0.countError) }.reduce(0, +)) / Double(tallies.count)
        }
        /// Mean of |predicted − truth| / truth per photo-and-query (queries with objects only).
        var meanRelativeCountError: Double {
            let counted = tallies.filter { $0.truth > 0 }
            return counted.isEmpty ? 0 : counted.map { Double(abs($0.countError)) / Double($0.truth) }.reduce(0, +) / Double(counted.count)
        }
        /// Predictions that matched nothing.
        var falseMarks: Int { predicted - matched }
        /// False marks inside an object already matched (``Tally/twice``).
        var twice: Int { tallies.map(\.twice).reduce(0, +) }
        /// False marks beside a missed object (``Tally/offCentre``).
        var offCentre: Int { tallies.map(\.offCentre).reduce(0, +) }
    }

    /// The groups a photo belongs to, from its truth: `dense` (30 or more objects over its COCO
    /// queries), `sparse` (fewer than 10 objects in all), `agnostic` (per query: exemplar queries),
    /// `heldout`.
    static func isDense(_ photo: AccuracyTruth.Photo) -> Bool {
        photo.queries.filter { !$0.isExemplar }.map(\.objects.count).reduce(0, +) >= 30
    }

    static func isSparse(_ photo: AccuracyTruth.Photo) -> Bool {
        photo.queries.map(\.objects.count).reduce(0, +) < 10
    }
}
