import Foundation
import Testing
import Grounding

/// Tiling proven on a 4000×4000 mosaic of 16 real photos: one 416-pixel pass misses most of
/// what the detector finds in the photos one by one; slicing finds it, and counts nothing twice.
@Suite struct EngineTilingTests {
    static let cellSize = 1000
    static let grey = RGBPixel(red: 128, green: 128, blue: 128)
    /// The mosaic's photos, named so that a photo added to `TestImages/` does not change it.
    static let photos = ["astronaut.png", "basketball.png", "bus.jpg", "chelsea.png", "coffee.png", "coins.png", "dog.jpg",
                         "eagle.jpg", "giraffe.jpg", "grace_hopper.jpg", "horses.jpg", "kite.jpg", "motorcycle_left.png",
                         "person.jpg", "portrait.jpg", "rocket.jpg"]

    /// Photo `index` centred on a grey 1000×1000 cell (cropped if larger): the detector sees a
    /// cell alone at the same scale as a ~1000-pixel slice of the mosaic.
    static func cell(_ index: Int) throws -> RGBImage {
        let photo = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photos[index % photos.count])).image
        var cell = RGBImage(width: cellSize, height: cellSize, filledWith: grey)
        let width = min(photo.width, cellSize), height = min(photo.height, cellSize)
        let x = (cellSize - width) / 2, y = (cellSize - height) / 2
        for row in 0..<height {
            for column in 0..<width { cell[x + column, y + row] = photo[column, row] }
        }
        return cell
    }

    /// The rule that makes two boxes one object, as the engine applies it across slices.
    static func distinct(_ found: [GroundedDetection]) throws -> [GroundedDetection] {
        var rule = SuppressionOptions()
        rule.metric = .intersectionOverSmaller
        rule.iouThreshold = GroundingOptions().tileMatchThreshold
        let detections = found.map { Detection(box: $0.box, classIndex: $0.classIndex, score: $0.score) }
        return try nonMaxSuppression(detections, options: rule).map { found[$0] }
    }

    @Test func slicesFindWhatOnePassMissesAndCountNothingTwice() throws {
        let engine = try TestSupport.engine()
        let classes = engine.detector.classNames
        var mosaic = RGBImage(width: Self.cellSize * 4, height: Self.cellSize * 4, filledWith: Self.grey)
        var off = GroundingOptions()
        off.tiling = .off
        off.findsTheRest = false  // one pass, and nothing but the pass
        off.stepsBack = false
        off.checksSplits = false
        // What the detector finds in each photo alone, moved to mosaic coordinates. Only
        // confident detections: near the threshold a detection comes and goes with any context.
        var truth: [(box: BoundingBox, classIndex: Int)] = []
        for index in 0..<16 {
            let cell = try Self.cell(index)
            let (x, y) = ((index % 4) * Self.cellSize, (index / 4) * Self.cellSize)
            for row in 0..<Self.cellSize {
                for column in 0..<Self.cellSize { mosaic[x + column, y + row] = cell[column, row] }
            }
            let alone = try engine.ground(cell, objects: classes, mode: .bbox, options: off)
            for d in try Self.distinct(alone.objects.flatMap(\.detections)) where d.score >= 0.4 {
                truth.append((BoundingBox(x1: d.box.x1 + Float(x), y1: d.box.y1 + Float(y),
                                          x2: d.box.x2 + Float(x), y2: d.box.y2 + Float(y)), d.classIndex))
            }
        }
        #expect(truth.count >= 20, "the photos hold enough confident objects to measure")

        func recall(_ found: [GroundedDetection]) -> Double {
            let matched = truth.filter { object in
                found.contains { $0.classIndex == object.classIndex && $0.box.intersectionOverUnion(with: object.box) >= 0.5 }
            }
            return Double(matched.count) / Double(truth.count)
        }

        let onePass = try engine.ground(mosaic, objects: classes, mode: .bbox, options: off)
        let tiled = try engine.ground(mosaic, objects: classes, mode: .bbox)   // tiling: .automatic
        let onePassRecall = recall(onePass.objects.flatMap(\.detections))
        let tiledRecall = recall(tiled.objects.flatMap(\.detections))
        print("mosaic: \(truth.count) objects in the photos alone; one pass finds \(Int(onePassRecall * 100))%, "
              + "\(tiled.regionCount) regions find \(Int(tiledRecall * 100))%")
        #expect(onePass.regionCount == 1 && tiled.regionCount > 16)
        #expect(onePassRecall < 0.5, "one 416-pixel pass over 4000×4000 should miss most objects")
        #expect(tiledRecall >= 0.9)

        // Nothing counted twice: no two kept boxes of one class overlap by more than half of
        // the smaller one.
        for object in tiled.objects {
            let boxes = object.detections.map(\.box)
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    #expect(boxes[i].intersectionOverSmaller(with: boxes[j]) <= 0.5,
                            "\(object.name): \(boxes[i]) and \(boxes[j]) look like one object")
                }
            }
        }
    }
}

/// Long images cut like photos of their height: 8 copies of kite.jpg side by side (10816×900,
/// about 12:1) and 8 copies of its left 900×900 square stacked (900×7200, 1:8) must find about
/// what the copies find one by one, each object once. Slicing by the long side alone cut them
/// 6× too coarsely and found 13 people and 8 kites in the panorama.
@Suite struct LongImageTilingTests {
    static let objects = ["person", "kite"]

    /// `piece` repeated `across` times side by side and `down` times top to bottom.
    static func repeated(_ piece: RGBImage, across: Int, down: Int) -> RGBImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(piece.width * across * piece.height * down * 3)
        for _ in 0..<down {
            for y in 0..<piece.height {
                let row = piece.pixels[(y * piece.rowStride)..<(y * piece.rowStride + piece.width * 3)]
                for _ in 0..<across { pixels.append(contentsOf: row) }
            }
        }
        return RGBImage(width: piece.width * across, height: piece.height * down, pixels: pixels)
    }

    /// The left `width` columns of `image`.
    static func left(_ width: Int, of image: RGBImage) -> RGBImage {
        let rows = (0..<image.height).flatMap { y in image.pixels[(y * image.rowStride)..<(y * image.rowStride + width * 3)] }
        return RGBImage(width: width, height: image.height, pixels: rows)
    }

    @Test(arguments: [(across: 8, down: 1, square: false), (across: 1, down: 8, square: true)])
    func longImageFindsWhatItsCopiesFindOnce(across: Int, down: Int, square: Bool) throws {
        let engine = try TestSupport.engine()
        let kite = try ImageDecoder.decode(contentsOf: TestSupport.testImage("kite.jpg")).image
        let piece = square ? Self.left(kite.height, of: kite) : kite
        let long = Self.repeated(piece, across: across, down: down)
        // Slicing alone: what finding the rest and looking around a crowd add depends on how many
        // matches and looks they may take (each bounded on its own).
        var options = GroundingOptions()
        options.findsTheRest = false
        options.looksAround = false
        let one = try engine.ground(piece, objects: Self.objects, mode: .bbox, options: options)
        let all = try engine.ground(long, objects: Self.objects, mode: .bbox, options: options)
        print("\(long.width)×\(long.height): \(all.regionCount) regions find "
              + all.objects.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
              + "; one \(piece.width)×\(piece.height) copy (\(one.regionCount) regions) finds "
              + one.objects.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        #expect(all.regionCount <= TilePlan.maximumAutomaticRegionCount)
        for (copy, object) in zip(one.objects, all.objects) {
            #expect(copy.count >= 4, "one copy holds enough \(copy.name)s to measure")
            #expect(Double(object.count) >= 0.85 * Double(8 * copy.count),
                    "\(object.name): \(object.count) of 8 × \(copy.count)")
            let boxes = object.detections.map(\.box)
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    #expect(boxes[i].intersectionOverSmaller(with: boxes[j]) <= 0.5,
                            "\(object.name): \(boxes[i]) and \(boxes[j]) look like one object")
                }
            }
        }
    }
}
