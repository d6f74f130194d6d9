import CTurboJPEG
import Foundation
import Testing
import Grounding

/// The real YOLOv4-tiny, when it has been fetched (`make test` fetches it).
@Suite struct DarknetModelTests {
    static let modelDirectory: String? = {
        let directory = ProcessInfo.processInfo.environment["GROUNDING_MODEL_DIR"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/grounding/models/yolov4-tiny").path
        return FileManager.default.fileExists(atPath: directory + "/yolov4-tiny.weights") ? directory : nil
    }()

    @Test(.enabled(if: modelDirectory != nil, "YOLOv4-tiny not fetched; run scripts/fetch-model.sh"))
    func yoloV4TinyHasItsShapesAndFindsTheDogAndTheBicycle() throws {
        let detector = try DarknetDetector(modelDirectory: try #require(Self.modelDirectory), threads: 2)
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

    /// Test utility only (the library's own decoder and resizer live elsewhere): decodes a
    /// TestImages JPEG with TurboJPEG and resizes it bilinearly (pixel centres aligned) into a
    /// planar RGB tensor in 0...1.
    static func planarTensor(photo: String, width: Int, height: Int) throws -> PlanarTensor {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("TestImages/\(photo)")
        let jpeg = [UInt8](try Data(contentsOf: url))
        let handle = try #require(tjInitDecompress())
        defer { tjDestroy(handle) }
        var (sourceWidth, sourceHeight, subsampling, colorspace): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        #expect(tjDecompressHeader3(handle, jpeg, UInt(jpeg.count), &sourceWidth, &sourceHeight, &subsampling, &colorspace) == 0)
        let (w, h) = (Int(sourceWidth), Int(sourceHeight))
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        #expect(tjDecompress2(handle, jpeg, UInt(jpeg.count), &rgb, sourceWidth, 0, sourceHeight, Int32(TJPF_RGB.rawValue), 0) == 0)
        var tensor = PlanarTensor(batch: 1, channels: 3, height: height, width: width)
        for y in 0..<height {
            let sy = min(max((Float(y) + 0.5) * Float(h) / Float(height) - 0.5, 0), Float(h - 1))
            let (y0, fy) = (Int(sy), sy - Float(Int(sy)))
            let y1 = min(y0 + 1, h - 1)
            for x in 0..<width {
                let sx = min(max((Float(x) + 0.5) * Float(w) / Float(width) - 0.5, 0), Float(w - 1))
                let (x0, fx) = (Int(sx), sx - Float(Int(sx)))
                let x1 = min(x0 + 1, w - 1)
                for c in 0..<3 {
                    func at(_ yy: Int, _ xx: Int) -> Float { Float(rgb[(yy * w + xx) * 3 + c]) }
                    let top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx
                    let bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx
                    tensor.values[(c * height + y) * width + x] = (top * (1 - fy) + bottom * fy) / 255
                }
            }
        }
        return tensor
    }
}
