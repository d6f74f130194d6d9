import Foundation
import Testing
import Grounding

/// Every layer of a tiny model with seeded random weights against the naive reference pass.
@Suite struct DarknetLayerTests {
    @Test(arguments: [1, 2, 3])
    func everyLayerMatchesTheReference(threads: Int) throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        try model.compareLayers(images: [model.randomImage(seed: 1)], threads: threads)
    }

    @Test func aBatchOfThreeMatchesTheReferenceImageByImage() throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        try model.compareLayers(images: (1...3).map { model.randomImage(seed: $0) }, threads: 2)
    }

    @Test func weightsWithAnInt32SeenCountLoadTheSame() throws {
        let old = try ReferenceModel.standard(major: 0, minor: 1)
        defer { old.remove() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: old.weightsPath)).count
                == DarknetWeightsReader.headerSize(major: 0, minor: 1) + 4 * (try DarknetNetwork.layers(of: DarknetConfig(text: String(contentsOfFile: old.cfgPath, encoding: .utf8), file: "tiny.cfg")).parameterCount))
        try old.compareLayers(images: [old.randomImage(seed: 4)], threads: 1)
    }

    @Test func detectorDecodesTheYOLOLayerLikeDarknet() throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        let detector = try DarknetDetector(cfg: model.cfgPath, weights: model.weightsPath, names: model.namesPath, threads: 2)
        #expect(detector.name == "darknet:tiny")
        #expect(detector.classNames == ["cat", "traffic light"])
        #expect(detector.inputWidth == 48 && detector.inputHeight == 40)
        let image = model.randomImage(seed: 9)
        let threshold: Float = 0.3
        let found = try detector.detect(PlanarTensor(batch: 1, channels: 3, height: 40, width: 48, values: image.values), scoreThreshold: threshold)
        let outputs = model.forward(image)
        let expected = model.decode(outputs[11], mask: [1, 2], anchors: [6, 8, 12, 10, 20, 30], classes: 2, scaleXY: 1.1, threshold: threshold)
        #expect(found.count == 1)
        #expect(!expected.isEmpty, "the test model should produce some detections at this threshold")
        #expect(found[0].count == expected.count)
        for detection in expected {
            let match = found[0].first {
                $0.classIndex == detection.classIndex && abs($0.score - detection.score) < 1e-4
                    && abs($0.box.x1 - detection.box.x1) < 1e-3 && abs($0.box.y2 - detection.box.y2) < 1e-3
            }
            #expect(match != nil, "missing \(detection)")
        }
    }

    @Test func aBatchOfThreeDetectsWhatThreeSinglesDo() throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        let detector = try DarknetDetector(cfg: model.cfgPath, weights: model.weightsPath, names: model.namesPath, threads: 2)
        let images = (1...3).map { model.randomImage(seed: 20 + UInt64($0)) }
        let batch = try detector.detect(PlanarTensor(batch: 3, channels: 3, height: 40, width: 48, values: images.flatMap(\.values)), scoreThreshold: 0.2)
        #expect(batch.count == 3)
        for (n, image) in images.enumerated() {
            let single = try detector.detect(PlanarTensor(batch: 1, channels: 3, height: 40, width: 48, values: image.values), scoreThreshold: 0.2)
            #expect(single[0].count == batch[n].count)
            for (a, b) in zip(single[0], batch[n]) {
                #expect(a.classIndex == b.classIndex && abs(a.score - b.score) < 1e-5 && a.box.intersectionOverUnion(with: b.box) > 0.9999)
            }
        }
    }

    @Test func concurrentCallsAgreeWithSequentialOnes() async throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        let detector = try DarknetDetector(cfg: model.cfgPath, weights: model.weightsPath, names: model.namesPath, threads: 2)
        let tensors = (0..<8).map { n in
            PlanarTensor(batch: 1 + n % 2, channels: 3, height: 40, width: 48,
                         values: (0...n % 2).flatMap { model.randomImage(seed: 40 + UInt64(n) + UInt64($0)).values })
        }
        let sequential = try tensors.map { try detector.detect($0, scoreThreshold: 0.2) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [[Detection]]).self) { group in
            for (n, tensor) in tensors.enumerated() {
                group.addTask { (n, try detector.detect(tensor, scoreThreshold: 0.2)) }
            }
            var results = [[[Detection]]](repeating: [], count: tensors.count)
            for try await (n, detections) in group { results[n] = detections }
            return results
        }
        #expect(concurrent == sequential)
        #expect(sequential.contains { !$0[0].isEmpty })
    }

    @Test func detectRefusesATensorOfTheWrongSize() throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        let detector = try DarknetDetector(cfg: model.cfgPath, weights: model.weightsPath, names: model.namesPath)
        #expect(throws: DarknetError.self) {
            try detector.detect(PlanarTensor(batch: 1, channels: 3, height: 48, width: 40), scoreThreshold: 0.5)
        }
    }
}
