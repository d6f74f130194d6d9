import Foundation
import Testing
import Grounding

/// The colour classifier on drawn scenes whose answer is known by construction: colour chips,
/// objects on strong backgrounds, greys, black, white in shade; plus its errors.
@Suite struct ColourSyntheticTests {
    static func pixel(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> RGBPixel {
        RGBPixel(red: red, green: green, blue: blue)
    }

    /// Paints the pixels of `image` inside `rect` for which `inside(u, v)` holds, with u and v
    /// the place in `rect` (0...1).
    static func paint(_ image: inout RGBImage, _ rect: PixelRect, _ colour: RGBPixel,
                      where inside: (Float, Float) -> Bool = { _, _ in true }) {
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) {
                let u = (Float(x - rect.x) + 0.5) / Float(rect.width), v = (Float(y - rect.y) + 0.5) / Float(rect.height)
                if inside(u, v) { image[x, y] = colour }
            }
        }
    }

    /// A colour chip on white paper, the way colour names are collected; the box has a margin
    /// of paper round the chip.
    @Test("a chip of a CSS named colour on white is named by its basic term", arguments: [
        (pixel(255, 0, 0), BasicColour.red), (pixel(128, 0, 0), .red), (pixel(220, 20, 60), .red),
        (pixel(0, 128, 0), .green), (pixel(0, 255, 0), .green), (pixel(0, 100, 0), .green),
        (pixel(0, 0, 255), .blue), (pixel(0, 0, 128), .blue), (pixel(135, 206, 235), .blue),
        (pixel(255, 255, 0), .yellow), (pixel(255, 215, 0), .yellow),
        (pixel(255, 165, 0), .orange), (pixel(255, 140, 0), .orange),
        (pixel(139, 69, 19), .brown), (pixel(160, 82, 45), .brown), (pixel(101, 67, 33), .brown),
        (pixel(255, 192, 203), .pink), (pixel(255, 105, 180), .pink),
        (pixel(128, 0, 128), .purple), (pixel(75, 0, 130), .purple), (pixel(238, 130, 238), .purple),
        (pixel(128, 128, 128), .grey), (pixel(0, 0, 0), .black), (pixel(250, 250, 250), .white),
    ])
    func namesAChip(chip: RGBPixel, colour: BasicColour) throws {
        var image = RGBImage(width: 160, height: 120, filledWith: Self.pixel(255, 255, 255))
        Self.paint(&image, PixelRect(x: 50, y: 30, width: 60, height: 60), chip)
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 40, y1: 20, x2: 120, y2: 100))
        #expect(reading.dominant == colour, "\(chip) read as \(reading.shares)")
        #expect(reading.share >= 0.8)
    }

    @Test func aRedSquareOnGreenIsRed() throws {
        var image = RGBImage(width: 200, height: 200, filledWith: Self.pixel(40, 150, 50))
        Self.paint(&image, PixelRect(x: 60, y: 60, width: 80, height: 80), Self.pixel(200, 30, 35))
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 40, y1: 40, x2: 160, y2: 160))
        #expect(reading.dominant == .red)
        #expect(reading.share >= 0.8, "\(reading.shares)")
        #expect(!reading.matches(.green))
    }

    /// A plus sign touches all four sides of its tight box but covers only 39% of it; the rest
    /// of the box is the strongly coloured background, which must not win.
    @Test("an object on 39% of its box beats a strong background", arguments: [
        (pixel(30, 60, 220), BasicColour.blue, pixel(250, 130, 0), BasicColour.orange),
        (pixel(210, 25, 30), .red, pixel(30, 160, 40), .green),
        (pixel(245, 245, 245), .white, pixel(240, 210, 0), .yellow),
        (pixel(20, 20, 20), .black, pixel(230, 100, 180), .pink),
    ])
    func backgroundInsideTheBoxDoesNotWin(object: RGBPixel, colour: BasicColour, background: RGBPixel, backgroundColour: BasicColour) throws {
        var image = RGBImage(width: 240, height: 200, filledWith: background)
        let box = PixelRect(x: 70, y: 50, width: 100, height: 100)
        Self.paint(&image, box, object) { u, v in abs(u - 0.5) < 0.11 || abs(v - 0.5) < 0.11 }
        let reading = try BasicColour.classify(in: image, box: box.box)
        #expect(reading.dominant == colour, "\(reading.shares)")
        #expect(!reading.matches(backgroundColour), "\(reading.shares)")
    }

    @Test("a grey gradient is grey, framed in white or filling the image", arguments: [true, false])
    func aGreyGradientIsGrey(framed: Bool) throws {
        var image = RGBImage(width: 240, height: 120, filledWith: Self.pixel(255, 255, 255))
        let rect = framed ? PixelRect(x: 40, y: 20, width: 160, height: 80) : PixelRect(width: 240, height: 120)
        for x in rect.x..<(rect.x + rect.width) {
            let level = UInt8(80 + 90 * (x - rect.x) / rect.width)
            Self.paint(&image, PixelRect(x: x, y: rect.y, width: 1, height: rect.height), Self.pixel(level, level, level))
        }
        let reading = try BasicColour.classify(in: image, box: rect.box)
        #expect(reading.dominant == .grey, "\(reading.shares)")
        #expect(reading.share >= 0.8, "\(reading.shares)")
    }

    @Test func aDarkPatchIsBlack() throws {
        var image = RGBImage(width: 160, height: 160, filledWith: Self.pixel(170, 170, 165))
        Self.paint(&image, PixelRect(x: 50, y: 40, width: 60, height: 80), Self.pixel(28, 22, 30))
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 45, y1: 35, x2: 115, y2: 125))
        #expect(reading.dominant == .black)
        #expect(reading.share >= 0.8, "\(reading.shares)")
    }

    /// A white box on grass, lit from above: its top is white, its bottom half in its own shadow
    /// is a bluish mid grey in the file. It is a white object.
    @Test func aWhiteObjectWithAShadedSideIsWhite() throws {
        var image = RGBImage(width: 200, height: 160, filledWith: Self.pixel(70, 120, 40))
        Self.paint(&image, PixelRect(x: 50, y: 30, width: 100, height: 50), Self.pixel(245, 245, 240))
        Self.paint(&image, PixelRect(x: 50, y: 80, width: 100, height: 50), Self.pixel(120, 128, 150))
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 50, y1: 30, x2: 150, y2: 130))
        #expect(reading.dominant == .white, "\(reading.shares)")
        #expect(!reading.matches(.grey), "\(reading.shares)")
    }

    /// A thin white stripe does not make a grey object white: too little of it is white to
    /// anchor white.
    @Test func aGreyObjectWithAWhiteStripeStaysGrey() throws {
        var image = RGBImage(width: 200, height: 160, filledWith: Self.pixel(70, 120, 40))
        Self.paint(&image, PixelRect(x: 50, y: 30, width: 100, height: 100), Self.pixel(120, 120, 120))
        Self.paint(&image, PixelRect(x: 50, y: 75, width: 100, height: 10), Self.pixel(250, 250, 250))
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 50, y1: 30, x2: 150, y2: 130))
        #expect(reading.dominant == .grey, "\(reading.shares)")
    }

    /// A sunny scene, half of it in the shade of a wall: a white bird in the shade is a light
    /// bluish grey in the file (darker than the sunlit ground), but it is the lightest thing in
    /// its shade. A grey bird in the same shade stays grey.
    @Test("a bird in the shade of a sunny scene", arguments: [(pixel(150, 155, 175), BasicColour.white), (pixel(95, 95, 100), .grey)])
    func aBirdInShade(bird: RGBPixel, colour: BasicColour) throws {
        var image = RGBImage(width: 400, height: 200, filledWith: Self.pixel(205, 195, 175))
        Self.paint(&image, PixelRect(x: 0, y: 0, width: 220, height: 200), Self.pixel(70, 72, 88))
        let body = PixelRect(x: 80, y: 70, width: 60, height: 40)
        Self.paint(&image, body, bird) { u, v in (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) < 0.25 }
        let reading = try BasicColour.classify(in: image, box: body.box)
        #expect(reading.dominant == colour, "\(reading.shares)")
    }

    /// The same boxes scaled to a DCT-downscaled decode give the same answers as at full size.
    @Test func aDownscaledDecodeWithTheBoxScaledGivesTheSameColour() throws {
        let objects = ColourPhotoTests.objects.filter { $0.part == "tune" && $0.photo.hasSuffix(".jpg") }
        var options = DecodeOptions()
        options.minimumLongSide = 200
        var same = 0
        for photo in Set(objects.map(\.photo)) {
            let full = ColourClassifier(image: try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo)).image)
            let small = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo), options: options).image
            #expect(small.width <= full.image.width / 2)
            let scale = Float(small.width) / Float(full.image.width)
            let reduced = ColourClassifier(image: small)
            for object in objects where object.photo == photo {
                let box = object.boundingBox
                let scaled = BoundingBox(x1: box.x1 * scale, y1: box.y1 * scale, x2: box.x2 * scale, y2: box.y2 * scale)
                if try full.reading(for: box).dominant == reduced.reading(for: scaled).dominant { same += 1 }
            }
        }
        #expect(same * 10 >= objects.count * 8, "\(same) of \(objects.count) the same")
    }

    @Test func aBoxSmallerThanAPixelIsMeasuredOnThePixelUnderIt() throws {
        var image = RGBImage(width: 8, height: 8, filledWith: Self.pixel(255, 255, 255))
        image[3, 4] = Self.pixel(20, 40, 200)
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 3.2, y1: 4.1, x2: 3.6, y2: 4.5))
        #expect(reading.dominant == .blue)
    }

    @Test func aBoxPartlyOutsideTheImageIsMeasuredOnItsInsidePart() throws {
        var image = RGBImage(width: 100, height: 100, filledWith: Self.pixel(255, 255, 255))
        Self.paint(&image, PixelRect(x: 70, y: 0, width: 30, height: 40), Self.pixel(230, 200, 0))
        let reading = try BasicColour.classify(in: image, box: BoundingBox(x1: 70, y1: -30, x2: 140, y2: 40))
        #expect(reading.dominant == .yellow, "\(reading.shares)")
    }

    @Test("a box with no area or off the image is a specific error", arguments: [
        (BoundingBox(x1: 10, y1: 10, x2: 10, y2: 30), "has no area"),
        (BoundingBox(x1: 30, y1: 10, x2: 20, y2: 30), "has no area"),
        (BoundingBox(x1: .nan, y1: 10, x2: 20, y2: 30), "has no area"),
        (BoundingBox(x1: 0, y1: 0, x2: .infinity, y2: 30), "has no area"),
        (BoundingBox(x1: 120, y1: 10, x2: 150, y2: 30), "outside the 100×80 image"),
        (BoundingBox(x1: -50, y1: -40, x2: 0, y2: 0), "outside the 100×80 image"),
    ])
    func badBoxesAreRejected(box: BoundingBox, message: String) {
        let image = RGBImage(width: 100, height: 80, filledWith: Self.pixel(200, 0, 0))
        #expect {
            _ = try BasicColour.classify(in: image, box: box)
        } throws: { error in
            guard let error = error as? ColourError else { return false }
            return error.description.contains(message)
        }
    }

    @Test func anEmptyImageHasNoBoxInside() {
        #expect(throws: ColourError.outsideImage(BoundingBox(x1: 0, y1: 0, x2: 1, y2: 1), width: 0, height: 0)) {
            _ = try BasicColour.classify(in: RGBImage(width: 0, height: 0), box: BoundingBox(x1: 0, y1: 0, x2: 1, y2: 1))
        }
    }
}
