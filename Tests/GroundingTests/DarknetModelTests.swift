import Foundation
import Testing
import Grounding

/// The real YOLOv4-tiny (`make test` fetches it; without it these tests fail, saying so).
@Suite struct DarknetModelTests {
    @Test func yoloV4TinyHasItsShapesAndFindsTheDogAndTheBicycle() throws {
        let detector = try DarknetDetector(modelDirectory: TestSupport.modelDirectory, threads: 2)
        #expect(detector.name == "darknet:yolov4-tiny")
        #expect(detector.classNames.count == 80 && detector.classNames[16] == "dog" && detector.classNames[1] == "bicycle")
        #expect(detector.inputWidth == 416 && detector.inputHeight == 416)
        #expect(detector.network.layers.count == 38)
        #expect(detector.network.yoloLayers.map(\.layer.input.description) == ["255×13×13", "255×26×26"])
        // Layers whose outputs are no longer needed share buffers: far less than keeping all.
        let shared = DarknetWorkspace(network: detector.network, batch: 1, threads: 2).valueCount
        let kept = DarknetWorkspace(network: detector.network, batch: 1, threads: 2, keepingEveryOutput: true).valueCount
        #expect(kept > 11_000_000 && shared < kept / 2)

        let tensor = try Self.planarTensor(photo: "dog.jpg", width: 416, height: 416)
        let detections = try detector.detect(tensor, scoreThreshold: 0.5)[0]
        func best(_ name: String) -> Detection? {
            detections.filter { detector.classNames[$0.classIndex] == name }.max { $0.score < $1.score }
        }
        let dog = try #require(best("dog"))
        let bicycle = try #require(best("bicycle"))
        // Where they are in dog.jpg (768×576), scaled to the 416×416 input: the dog sits lower
        // left, the bicycle spans the middle.
        #expect(dog.box.center.x < 208 && dog.box.center.y > 208)
        #expect(bicycle.box.width > 150 && bicycle.box.intersectionOverUnion(with: dog.box) < 0.5)
        #expect(best("giraffe") == nil)
    }

    @Test func aPassOnPartOfALargerWorkspaceFindsWhatItsOwnWorkspaceFinds() throws {
        // Slicing runs full batches, then a remainder: the remainder borrows an idle larger workspace.
        let pool = DarknetWorkspacePool()
        let detector = try DarknetDetector(modelDirectory: TestSupport.modelDirectory, threads: 2)
        let four = pool.withWorkspace(network: detector.network, batch: 4, threads: 2) { ObjectIdentifier($0) }
        let one = pool.withWorkspace(network: detector.network, batch: 1, threads: 2) { ObjectIdentifier($0) }
        let otherThreads = pool.withWorkspace(network: detector.network, batch: 1, threads: 1) { ObjectIdentifier($0) }
        #expect(one == four && otherThreads != four)

        // The same photo alone, after a batch of four has left its workspace idle, and on a fresh detector.
        let photos = try ["dog.jpg", "kite.jpg", "horses.jpg", "bus.jpg"].map { try Self.planarTensor(photo: $0, width: 416, height: 416) }
        let batch = PlanarTensor(batch: 4, channels: 3, height: 416, width: 416, values: photos.flatMap(\.values))
        let inBatch = try detector.detect(batch, scoreThreshold: 0.25)
        let alone = try detector.detect(photos[0], scoreThreshold: 0.25)[0]
        let fresh = try DarknetDetector(modelDirectory: TestSupport.modelDirectory, threads: 2).detect(photos[0], scoreThreshold: 0.25)[0]
        #expect(!alone.isEmpty && alone == fresh && alone == inBatch[0])
    }

    /// A TestImages photo decoded and resized by the library's own decoder and preprocessor.
    static func planarTensor(photo: String, width: Int, height: Int) throws -> PlanarTensor {
        let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo)).image
        return Preprocessor(inputWidth: width, inputHeight: height).tensor(from: image).0
    }
}
