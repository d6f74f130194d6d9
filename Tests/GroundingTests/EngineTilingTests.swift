import Foundation
import Testing
import Grounding

/// Tiling proven on a 4000×3000 mosaic of 16 real photos: one 416-pixel pass misses most of
/// what the detector finds in the photos one by one; slicing finds it, and counts nothing twice.
@Suite struct EngineTilingTests {
    static let cell = (width: 1000, height: 750)

    /// The mosaic, and each photo as placed in it (cropped to its cell) with its offset.
    static func mosaic() throws -> (image: RGBImage, photos: [(image: RGBImage, x: Int, y: Int)]) {
        let names = TestSupport.testImageNames
        var mosaic = RGBImage(width: cell.width * 4, height: cell.height * 4,
                              filledWith: RGBPixel(red: 128, green: 128, blue: 128))
        var photos: [(RGBImage, Int, Int)] = []
        for index in 0..<16 {
            let photo = try ImageDecoder.decode(contentsOf: TestSupport.testImage(names[index % names.count])).image
            let width = min(photo.width, cell.width), height = min(photo.height, cell.height)
            // Centred in its cell, so slice borders (every ~800 px) cut through many photos.
            let x = (index % 4) * cell.width + (cell.width - width) / 2
            let y = (index / 4) * cell.height + (cell.height - height) / 2
            var placed = RGBImage(width: width, height: height)
            for row in 0..<height {
                for column in 0..<width {
                    let pixel = photo[column, row]
                    placed[column, row] = pixel
                    mosaic[x + column, y + row] = pixel
                }
            }
            photos.append((placed, x, y))
        }
        return (mosaic, photos)
    }

    @Test func slicesFindWhatOnePassMissesAndCountNothingTwice() throws {
        let engine = try TestSupport.engine()
        let classes = engine.detector.classNames
        let (image, photos) = try Self.mosaic()

        var off = GroundingOptions()
        off.tiling = .off
        // What the detector finds in each photo alone, moved to mosaic coordinates.
        var truth: [(box: BoundingBox, classIndex: Int)] = []
        for photo in photos {
            let alone = try engine.ground(photo.image, objects: classes, mode: .bbox, options: off)
            for d in alone.objects.flatMap(\.detections) where d.score >= 0.4 {
                truth.append((BoundingBox(x1: d.box.x1 + Float(photo.x), y1: d.box.y1 + Float(photo.y),
                                          x2: d.box.x2 + Float(photo.x), y2: d.box.y2 + Float(photo.y)), d.classIndex))
            }
        }
        #expect(truth.count >= 25, "the photos hold enough confident objects to measure")

        func recall(_ found: [GroundedDetection]) -> Double {
            let matched = truth.filter { object in
                found.contains { $0.classIndex == object.classIndex && $0.box.intersectionOverUnion(with: object.box) >= 0.5 }
            }
            return Double(matched.count) / Double(truth.count)
        }

        let onePass = try engine.ground(image, objects: classes, mode: .bbox, options: off)
        let tiled = try engine.ground(image, objects: classes, mode: .bbox)   // tiling: .automatic
        let onePassRecall = recall(onePass.objects.flatMap(\.detections))
        let tiledRecall = recall(tiled.objects.flatMap(\.detections))
        print("mosaic: \(truth.count) objects in the photos alone; one pass finds \(Int(onePassRecall * 100))%, "
              + "\(tiled.regionCount) regions find \(Int(tiledRecall * 100))%")
        #expect(onePass.regionCount == 1 && tiled.regionCount > 1)
        #expect(onePassRecall < 0.5, "one 416-pixel pass over 4000×3000 should miss most objects")
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
