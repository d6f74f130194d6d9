import Testing
import Grounding

/// Colour words as people type them, and what a reading matches.
@Suite struct ColourReadingTests {
    @Test func everyTermReadsAsItself() {
        for colour in BasicColour.allCases {
            #expect(BasicColour(word: colour.rawValue) == colour)
            #expect(BasicColour(word: " \(colour.rawValue.uppercased())\n") == colour)
        }
        #expect(BasicColour.allCases.count == 11)
    }

    @Test("words read as a basic term, and words that are not", arguments: [
        ("gray", BasicColour?.some(.grey)), ("Grey", .grey), ("silver", .grey), ("violet", .purple),
        ("navy", .blue), ("crimson", .red), ("scarlet", .red),
        ("golden", nil), ("gold", nil), ("tan", nil), ("beige", nil), ("car", nil), ("", nil), ("red car", nil),
    ])
    func readsWords(word: String, colour: BasicColour?) {
        #expect(BasicColour(word: word) == colour)
    }

    /// A red car whose tyres, windows and shadow are black on more pixels than its paint.
    @Test func aSecondColourAboveTheFloorMatches() {
        let car = ColourReading(shares: [.black: 0.45, .red: 0.4, .grey: 0.15])
        #expect(car.dominant == .black)
        #expect(car.share == 0.45)
        #expect(car.matches(.black))
        #expect(car.matches(.red))
        #expect(!car.matches(.grey))
        #expect(!car.matches(.red, floor: 0.5))
        #expect(ColourReading.defaultFloor == 0.3)
    }

    @Test func sharesAreNormalisedAndCoverEveryColour() {
        let reading = ColourReading(shares: [.blue: 3, .white: 1])
        #expect(reading.shares.count == 11)
        #expect(reading.shares[.blue] == 0.75 && reading.shares[.white] == 0.25 && reading.shares[.pink] == 0)
        #expect(reading.dominant == .blue && reading.share == 0.75)
        // On a tie the first colour of allCases wins, so the answer never depends on hashing.
        #expect(ColourReading(shares: [.grey: 1, .red: 1]).dominant == .red)
    }

    @Test func aClassifiedReadingsSharesAddUpToOne() throws {
        var image = RGBImage(width: 64, height: 64, filledWith: RGBPixel(red: 255, green: 255, blue: 255))
        for y in 16..<48 { for x in 16..<48 { image[x, y] = RGBPixel(red: UInt8(4 * x), green: 90, blue: UInt8(4 * y)) } }
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 10, y1: 10, x2: 54, y2: 54))
        let total = reading.shares.values.reduce(0, +)
        #expect(abs(total - 1) < 1e-5)
        #expect(reading.shares.values.allSatisfy { $0 >= 0 })
        #expect(reading.share == reading.shares.values.max())
    }
}
