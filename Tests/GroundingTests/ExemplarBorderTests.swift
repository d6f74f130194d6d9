import Foundation
import Testing
import Grounding

/// Objects cut by the photo's edge are matched on their visible part when at least half of the
/// example's size shows (``CorrelationMap``), boxed where they show; a match nested in a larger
/// one is a part of it.
@Suite struct ExemplarBorderTests {
    /// Seeded grey noise with a 16×16 pattern stamped at `places` (top-left corners; parts
    /// outside the image are cut off).
    func image(stamps places: [(x: Int, y: Int)], width: Int = 200, height: Int = 140) -> RGBImage {
        var generator = SeededGenerator(state: 5)
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let v = UInt8(truncatingIfNeeded: 70 + Int(generator.next() % 50))
                image[x, y] = RGBPixel(red: v, green: v, blue: v)
            }
        }
        for (px, py) in places {
            for y in 0..<16 {
                for x in 0..<16 where (0..<width).contains(px + x) && (0..<height).contains(py + y) {
                    // A ring with a bar through its left half: no symmetry that lets a shifted
                    // copy match its own cut-off half.
                    let (dx, dy) = (x - 8, y - 8)
                    let ring = (20...56).contains(dx * dx + dy * dy)
                    let bar = (7...8).contains(y) && x < 8
                    let v: UInt8 = ring || bar ? 235 : 20
                    image[px + x, py + y] = RGBPixel(red: v, green: v, blue: v)
                }
            }
        }
        return image
    }

    @Test func aStampCutByEachEdgeIsFoundOnceAndBoxedWhereItShows() throws {
        // Inside (the example), then cut by the left, right, top and bottom edges with 10 of
        // 16 columns or rows showing, and one with only 4 showing (a quarter: not matched).
        let places = [(x: 90, y: 60), (x: -6, y: 30), (x: 190, y: 90), (x: 40, y: -6), (x: 140, y: 130), (x: -12, y: 100)]
        let example = PixelRect(x: 90, y: 60, width: 16, height: 16)
        var options = GroundingOptions()
        options.exemplar.similarity = 0.7
        let result = try TestSupport.engine().ground(image(stamps: places), queries: [.exemplar([example])], mode: .bbox,
                                                     options: options)
        let found = try #require(result.objects.first).detections
        for place in places.prefix(5) {
            // The centre of the part that shows.
            let x1 = Float(max(0, place.x)), x2 = Float(min(200, place.x + 16))
            let y1 = Float(max(0, place.y)), y2 = Float(min(140, place.y + 16))
            let near = found.filter { abs($0.point.x - (x1 + x2) / 2) <= 1.5 && abs($0.point.y - (y1 + y2) / 2) <= 1.5 }
            #expect(near.count == 1, "stamp at \(place) found \(near.count) times: \(found.map(\.box))")
            #expect(near.allSatisfy { $0.box.x1 >= 0 && $0.box.y1 >= 0 && $0.box.x2 <= 200 && $0.box.y2 <= 140 })
        }
        #expect(found.count == 5, "\(found.map(\.box))")
    }
}
