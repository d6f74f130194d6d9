import Foundation
import Testing
import Grounding

/// Stepping back: which classes are looked for, which finds of the view count, how the view is
/// laid out, and on real photos of one object filling the frame, that it finds the object, and
/// only where the first pass found nothing.
@Suite struct StepBackTests {
    static func photo(_ name: String) -> String {
        TestSupport.repositoryRoot.appendingPathComponent("Benchmarks/Accuracy/photos/\(name)").path
    }

    @Test func onlyClassesTheFirstPassFoundNothingOfAreLookedFor() {
        let dog = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10), classIndex: 1, score: 0.9)
        #expect(StepBack.missing(wanted: [true, true, false, true], found: [dog]) == [0, 3])
        #expect(StepBack.missing(wanted: [false, true], found: [dog]).isEmpty)
    }

    @Test func aFindCountsWhenItIsItsBoxsBestClassAndFillsMostOfThePhoto() throws {
        // A 600 × 400 photo; the view's finds in its pixels.
        let whole = BoundingBox(x1: 10, y1: 20, x2: 590, y2: 390)
        let orange = Detection(box: whole, classIndex: 49, score: 0.55)
        let apple = Detection(box: BoundingBox(x1: 12, y1: 18, x2: 588, y2: 392), classIndex: 47, score: 0.43)
        // Half the photo each way: the kind of thing the first pass sees for itself.
        let half = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 300, y2: 200), classIndex: 18, score: 0.65)
        // Wide but short: a band across the photo's top, not an object filling it.
        let band = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 600, y2: 120), classIndex: 2, score: 0.9)
        let seen = [apple, half, orange, band]
        let all: Set<Int> = [2, 18, 47, 49]
        #expect(try StepBack.newObjects(seen, missing: all, width: 600, height: 400, iouThreshold: 0.45) == [orange])
        // The apple lost to the orange on the same box, even when only apples are asked for.
        #expect(try StepBack.newObjects(seen, missing: [47], width: 600, height: 400, iouThreshold: 0.45).isEmpty)
        // Exactly two thirds each way counts.
        let twoThirds = Detection(box: BoundingBox(x1: 0, y1: 0, x2: StepBack.smallestShare * 600, y2: StepBack.smallestShare * 400),
                                  classIndex: 2, score: 0.9)
        #expect(try StepBack.newObjects([twoThirds], missing: [2], width: 600, height: 400, iouThreshold: 0.45) == [twoThirds])
    }

    @Test func theViewShowsTheRegionInTheMiddleOfTheInputAndMapsBack() {
        var image = RGBImage(width: 100, height: 50, filledWith: RGBPixel(red: 255, green: 0, blue: 0))
        image[99, 49] = RGBPixel(red: 0, green: 0, blue: 255)
        let preprocessor = Preprocessor(spec: InputSpec(width: 416, height: 416), share: StepBack.viewShare)
        let (tensor, transform) = preprocessor.tensor(from: image)
        // Stretched into the middle 208 × 208, mid-grey around it.
        #expect(transform.mapToSource(BoundingBox(x1: 104, y1: 104, x2: 312, y2: 312)) == BoundingBox(x1: 0, y1: 0, x2: 100, y2: 50))
        let plane = 416 * 416
        #expect(tensor.values[0] == Preprocessor.letterboxPadding)
        #expect(tensor.values[103 * 416 + 200] == Preprocessor.letterboxPadding)
        #expect(tensor.values[104 * 416 + 104] == 1)                   // red, top-left of the photo
        #expect(tensor.values[2 * plane + 311 * 416 + 311] > 0.5)      // blue, its bottom-right corner
        #expect(tensor.values[312 * 416 + 200] == Preprocessor.letterboxPadding)
        // Letterboxed, the region keeps its shape inside the middle share.
        let letterbox = Preprocessor(spec: InputSpec(width: 416, height: 416, resize: .letterbox), share: 0.5).transform(for: PixelRect(width: 100, height: 50))
        #expect(letterbox.scaleX == letterbox.scaleY && letterbox.scaleX == 2.08 && letterbox.padX == 104 && letterbox.padY == 156)
        // A share of 1 is every other pass: the whole input.
        #expect(Preprocessor(spec: InputSpec(width: 416, height: 416)).transform(for: PixelRect(width: 100, height: 50))
                == InputTransform(region: PixelRect(width: 100, height: 50), scaleX: 4.16, scaleY: 8.32))
    }

    @Test func anObjectFillingThePhotoIsFoundByStepping() throws {
        // orange.jpg and car-motion-blur.jpg (tuning photos of the accuracy set): one orange, one
        // car's rear, each filling the photo, which the first pass does not see at any score.
        let engine = try TestSupport.engine()
        var off = GroundingOptions()
        off.stepsBack = false
        for (file, name) in [("orange.jpg", "orange"), ("car-motion-blur.jpg", "car")] {
            let with = try engine.ground(contentsOf: Self.photo(file), objects: [name], mode: .count)
            let without = try engine.ground(contentsOf: Self.photo(file), objects: [name], mode: .count, options: off)
            #expect(with.objects[0].count == 1 && without.objects[0].count == 0, "\(file)")
            #expect(with.regionCount == without.regionCount + 1, "\(file): one region more")
            let box = try #require(with.objects[0].detections.first).box
            #expect(box.width >= StepBack.smallestShare * Float(with.imageWidth) && box.height >= StepBack.smallestShare * Float(with.imageHeight))
        }
        // No apple is counted on the orange: the view scores its box 0.55 as an orange and 0.43
        // as an apple (the best-class rule itself is tested above, without the score floor).
        let apples = try engine.ground(contentsOf: Self.photo("orange.jpg"), objects: ["apple"], mode: .count)
        #expect(apples.objects[0].count == 0)
    }

    @Test func aPhotoThatAnsweredCostsNothingMoreAndSmallThingsOfTheViewAreNotCounted() throws {
        let engine = try TestSupport.engine()
        var off = GroundingOptions()
        off.stepsBack = false
        // horses.jpg: horses found by the first pass, so no step back.
        let horses = TestSupport.testImage("horses.jpg")
        let with = try engine.ground(contentsOf: horses, objects: ["horse"], mode: .count)
        let without = try engine.ground(contentsOf: horses, objects: ["horse"], mode: .count, options: off)
        #expect(with.regionCount == without.regionCount)
        #expect(with.objects[0].detections.map(\.box) == without.objects[0].detections.map(\.box))
        // meerkats.png: the view names two meerkats sheep (0.65 and 0.54, half the photo wide at
        // most); the first pass names nothing, and nothing is counted.
        let meerkats = Self.photo("meerkats.png")
        let sheep = try engine.ground(contentsOf: meerkats, objects: ["sheep", "cow"], mode: .count)
        #expect(sheep.objects.allSatisfy { $0.count == 0 })
        let unlooked = try engine.ground(contentsOf: meerkats, objects: ["sheep", "cow"], mode: .count, options: off)
        #expect(sheep.regionCount == unlooked.regionCount + 1)
    }
}
