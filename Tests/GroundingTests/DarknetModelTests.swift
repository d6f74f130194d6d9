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

    /// A TestImages photo decoded and resized by the library's own decoder and preprocessor.
    static func planarTensor(photo: String, width: Int, height: Int) throws -> PlanarTensor {
        let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo)).image
        return Preprocessor(inputWidth: width, inputHeight: height).tensor(from: image).0
    }
}
