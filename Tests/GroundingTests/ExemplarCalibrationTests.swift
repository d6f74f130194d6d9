import Foundation
import Testing
import Grounding

/// With several examples and no similarity set, a match must be about as alike to them as they
/// are to each other (`ExemplarOptions.calibratedSimilarity(mutual:)`).
@Suite struct ExemplarCalibrationTests {
    /// The example boxes of a hand-counted photo of `Benchmarks/Accuracy`, as pixel rects, and its
    /// hand-counted objects (`[x, y, radius]`).
    static func exemplars(of file: String) throws -> (path: String, boxes: [PixelRect], objects: [[Float]]) {
        struct Truth: Decodable {
            struct Photo: Decodable {
                struct Query: Decodable { var exemplars: [[Int]]?; var objects: [[Float]] }
                var file: String
                var queries: [Query]
            }
            var photos: [Photo]
        }
        let accuracy = TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy")
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: accuracy.appendingPathComponent("truth.json")))
        let photo = try #require(truth.photos.first { $0.file == file })
        let query = try #require(photo.queries.first { $0.exemplars != nil })
        return (accuracy.appendingPathComponent("photos/\(file)").path,
                (query.exemplars ?? []).map { PixelRect(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) }, query.objects)
    }

    /// The exemplar count of `file` at `similarity`; the appearance and surroundings checks off
    /// unless asked for, so that the calibration is measured alone.
    static func count(_ file: String, similarity: Float?, checkingAppearance: Bool = false,
                      checkingSurroundings: Bool = false) throws
        -> (count: Int, regions: Int, used: Float?, result: GroundingResult) {
        let (path, boxes, _) = try exemplars(of: file)
        var options = GroundingOptions()
        options.exemplar.similarity = similarity
        options.exemplar.checksAppearance = checkingAppearance
        options.exemplar.checksSurroundings = checkingSurroundings
        let result = try TestSupport.engine().ground(contentsOf: path, queries: [.exemplar(boxes)], mode: .count, options: options)
        return (result.objects[0].count, result.regionCount, result.objects[0].similarity, result)
    }

    @Test func theThresholdFollowsHowAlikeTheExamplesAre() {
        #expect(ExemplarOptions.calibratedSimilarity(mutual: 0.5) == 0.45)
        #expect(ExemplarOptions.calibratedSimilarity(mutual: 0.1) == 0.3)
        #expect(ExemplarOptions.calibratedSimilarity(mutual: 0.95) == 0.7)
    }

    @Test func alikeExamplesMarkFewerLookAlikesAndUnlikeOnesFindMore() throws {
        // Raindrops: two drops alike (about 0.7), and water glints that match a drop at 0.5.
        let drops = try Self.count("raindrops.jpg", similarity: nil)
        let dropsAtHalf = try Self.count("raindrops.jpg", similarity: 0.5)
        // Measured: 89 marks calibrated, 168 at 0.5 (30 drops).
        #expect(drops.count < dropsAtHalf.count * 2 / 3, "\(drops.count) calibrated, \(dropsAtHalf.count) at 0.5")
        // Daisies: two heads unlike each other (about 0.4), so 0.5 finds almost none of the 60.
        let daisies = try Self.count("daisies.jpg", similarity: nil)
        let daisiesAtHalf = try Self.count("daisies.jpg", similarity: 0.5)
        // Measured: 22 calibrated, 7 at 0.5.
        #expect(daisies.count >= daisiesAtHalf.count * 2, "\(daisies.count) calibrated, \(daisiesAtHalf.count) at 0.5")
        // The calibration's own passes (each example alone) count as regions run.
        #expect(daisies.regions > daisiesAtHalf.regions)
        // The answer says which similarity it used: as set, or calibrated (lower for the
        // unlike daisies than for the alike drops).
        #expect(daisiesAtHalf.used == 0.5 && dropsAtHalf.used == 0.5)
        let (daisyUsed, dropUsed) = (try #require(daisies.used), try #require(drops.used))
        #expect((0.3...0.7).contains(daisyUsed) && (0.3...0.7).contains(dropUsed) && daisyUsed < 0.5 && dropUsed > 0.5,
                "daisies \(daisyUsed), drops \(dropUsed)")
    }
}
