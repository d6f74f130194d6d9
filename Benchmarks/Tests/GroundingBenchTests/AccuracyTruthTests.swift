import Foundation
import Grounding
import Testing
@testable import grounding_bench

/// `Benchmarks/Accuracy/truth.json` holds together: every photo is there at the size the truth
/// says, every object, extent and exemplar lies in it, no object lies in an ignored region, and the
/// groups the issue asks for are there.
@Suite struct AccuracyTruthTests {
    let truth: AccuracyTruth

    init() throws {
        truth = try AccuracyTruth.load()
    }

    @Test func everyPhotoHasTheSizeTheTruthSays() throws {
        for photo in truth.photos {
            let header = try ImageDecoder.header(contentsOf: AccuracyBenchmark.folder.appendingPathComponent("photos/\(photo.file)").path)
            #expect(header.width == photo.width && header.height == photo.height, "\(photo.file)")
        }
    }

    @Test func everyPhotoOfAbsentNamesIsThereAndAsksForCOCONames() throws {
        #expect(truth.absent.count >= 5)
        for photo in truth.absent {
            let header = try ImageDecoder.header(contentsOf: AccuracyBenchmark.folder.appendingPathComponent("photos/\(photo.file)").path)
            #expect(header.width == photo.width && header.height == photo.height, "\(photo.file)")
            #expect(!photo.names.isEmpty && photo.names.allSatisfy { CocoClass.named($0) != nil }, "\(photo.file): \(photo.names)")
            #expect(!truth.photos.contains { $0.file == photo.file }, "\(photo.file) is not also hand-counted")
        }
    }

    @Test func everyObjectLiesInItsPhotoAndOutsideTheIgnoredRegions() {
        for photo in truth.photos {
            let frame = AccuracyScore.Region(x: 0, y: 0, width: Double(photo.width), height: Double(photo.height))
            for query in photo.queries {
                #expect(query.objects.allSatisfy { ($0.count == 3 || $0.count == 7) && $0[2] > 0 }, "\(photo.file) \(query.name)")
                for point in query.points {
                    #expect(frame.contains(x: point.x, y: point.y), "\(photo.file) \(query.name) \(point)")
                    // An extent is the box of the object's visible part: in the photo, around the
                    // object's centre, and no narrower than its radius says the object is.
                    if let extent = point.extent {
                        #expect(extent.x >= 0 && extent.y >= 0 && extent.x + extent.width <= Double(photo.width)
                                && extent.y + extent.height <= Double(photo.height), "\(photo.file) \(query.name) \(point)")
                        #expect(extent.contains(x: point.x, y: point.y) && min(extent.width, extent.height) >= point.radius,
                                "\(photo.file) \(query.name) \(point)")
                    }
                    #expect(!query.ignoredRegions.contains { $0.contains(x: point.x, y: point.y) }, "\(photo.file) \(query.name) \(point)")
                }
                for box in query.exemplars ?? [] {
                    #expect(box.count == 4 && box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= photo.width && box[1] + box[3] <= photo.height,
                            "\(photo.file) exemplar \(box)")
                }
                #expect((query.ignore ?? []).allSatisfy { $0.count == 4 && $0[2] > 0 && $0[3] > 0 }, "\(photo.file) \(query.name)")
                #expect((query.object == nil) == (query.exemplars != nil), "\(photo.file): a query is a name or has exemplars")
            }
        }
    }

    @Test func theSetHasTheGroupsIssue14AsksFor() {
        let objects = truth.photos.flatMap(\.queries).map(\.objects.count).reduce(0, +)
        #expect(truth.photos.count >= 20 && objects >= 400)
        #expect(truth.photos.filter(AccuracyScore.isDense).count >= 4)
        #expect(truth.photos.filter { $0.queries.contains(where: \.isExemplar) }.count >= 6)
        let heldOut = truth.photos.filter(\.heldout)
        #expect(heldOut.count * 4 >= truth.photos.count && heldOut.contains(where: AccuracyScore.isDense))
    }
}
