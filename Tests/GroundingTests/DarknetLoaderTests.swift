import Foundation
import Testing
import Grounding

/// The cfg parser, the weights reader and every way a model can be refused.
@Suite struct DarknetLoaderTests {
    static let net = "[net]\nwidth=32\nheight=32\nchannels=3\n"
    static let head = "[convolutional]\nsize=1\nfilters=18\nactivation=linear\n[yolo]\nmask=0,1,2\nanchors=10,14,23,27,37,58\nclasses=1\nnum=3\n"

    func layers(_ text: String) throws(DarknetError) -> [DarknetLayer] {
        try DarknetNetwork.layers(of: DarknetConfig(text: text, file: "test.cfg")).layers
    }

    func error(_ text: String) -> DarknetError? {
        do { _ = try layers(text); return nil } catch { return error }
    }

    @Test func parsesCommentsWhitespaceAndRepeatedKeys() throws {
        let config = try DarknetConfig(text: "# header\n[net]\n  width = 416 \n;height=1\nheight=2 # trailing\n\theight=320\n\n[maxpool]\n", file: "a.cfg")
        #expect(config.sections.map(\.name) == ["net", "maxpool"])
        #expect(try config.sections[0].int("width") == 416)
        #expect(try config.sections[0].int("height") == 320)
        #expect(config.sections[0].line(of: "height") == 6)
        #expect(config.sections[1].line == 8)
    }

    @Test func malformedLinesAndUnknownSectionsNameTheLine() {
        #expect(error("[net]\nwidth\n") == .malformedLine(file: "test.cfg", line: 2, text: "width"))
        #expect(error("width=3\n[net]\n") == .malformedLine(file: "test.cfg", line: 1, text: "width=3"))
        #expect(error(Self.net + "[convolutional]\nfilters=8\n\n[reorg]\nstride=2\n") == .unknownSection(file: "test.cfg", line: 8, name: "reorg"))
        #expect(error("[convolutional]\n" + Self.head).map { if case .incompleteNetwork = $0 { true } else { false } } == true)
        #expect(error(Self.net + "[maxpool]\n").map { if case .incompleteNetwork = $0 { true } else { false } } == true)
    }

    @Test func optionsThatChangeTheMathsAreRefused() {
        #expect(error(Self.net + "[convolutional]\nfilters=8\nsize=3\ndilation=2\n" + Self.head)
                == .unsupportedOption(file: "test.cfg", line: 8, key: "dilation", value: "2"))
        #expect(error(Self.net + "[convolutional]\nfilters=8\nxnor=1\n" + Self.head)
                == .unsupportedOption(file: "test.cfg", line: 7, key: "xnor", value: "1"))
        #expect(error(Self.net + "[convolutional]\nfilters=8\nactivation=elu\n" + Self.head)
                == .unsupportedOption(file: "test.cfg", line: 7, key: "activation", value: "elu"))
        #expect(error(Self.net + Self.head.replacingOccurrences(of: "num=3", with: "num=3\nnew_coords=1"))
                == .unsupportedOption(file: "test.cfg", line: 14, key: "new_coords", value: "1"))
        #expect(error(Self.net + "[convolutional]\nfilters=eight\n" + Self.head)
                == .invalidOption(file: "test.cfg", line: 6, key: "filters", value: "eight", reason: "not an integer"))
    }

    @Test func layerReferencesOutOfRangeAreRefused() {
        #expect(error(Self.net + "[convolutional]\nfilters=8\n[route]\nlayers=-5\n" + Self.head)
                == .badLayerReference(file: "test.cfg", line: 8, reference: -5, layerCount: 1))
        #expect(error(Self.net + "[convolutional]\nfilters=8\n[route]\nlayers=1\n" + Self.head)
                == .badLayerReference(file: "test.cfg", line: 8, reference: 1, layerCount: 1))
        #expect(error(Self.net + "[convolutional]\nfilters=8\n[shortcut]\nfrom=-9\n" + Self.head)
                == .badLayerReference(file: "test.cfg", line: 8, reference: -9, layerCount: 1))
        // A [yolo] layer's output is never materialised, so nothing may read it.
        #expect(error(Self.net + Self.head + "[route]\nlayers=-1\n")
                == .badLayerReference(file: "test.cfg", line: 15, reference: -1, layerCount: 2))
        #expect(error(Self.net + "[convolutional]\nfilters=8\n[maxpool]\nsize=2\nstride=2\n[route]\nlayers=-1,-2\n" + Self.head)
                .map { if case .shapeMismatch = $0 { true } else { false } } == true)
    }

    @Test func absurdSizesAreRefusedBeforeAnythingIsAllocated() {
        #expect(error(Self.net + "[convolutional]\nfilters=100000000\n" + Self.head).map { if case .invalidOption = $0 { true } else { false } } == true)
        #expect(error("[net]\nwidth=100000\nheight=32\nchannels=3\n" + Self.head).map { if case .invalidOption = $0 { true } else { false } } == true)
        #expect(error("[net]\nwidth=8192\nheight=8192\nchannels=3\n[convolutional]\nfilters=4096\n" + Self.head)
                == .sizeLimitExceeded(file: "test.cfg", line: 5, detail: "an output of 4096×8192×8192 values"))
        #expect(error(Self.net + "[convolutional]\nfilters=8\n[route]\nlayers=" + Array(repeating: "-1", count: 100).joined(separator: ",") + "\n" + Self.head)
                .map { if case .sizeLimitExceeded = $0 { true } else { false } } == true)
        let manyLayers = Self.net + String(repeating: "[maxpool]\nsize=1\n", count: 5000)
        #expect(error(manyLayers).map { if case .sizeLimitExceeded = $0 { true } else { false } } == true)
    }

    /// The constructs of the YOLOv3, YOLOv3-tiny and YOLOv4 cfgs, with the shapes Darknet gives them.
    @Test func yoloV3AndV4ConstructsGetDarknetsShapes() throws {
        let text = """
            [net]
            width=64
            height=64
            channels=3
            [convolutional]
            batch_normalize=1
            filters=16
            size=3
            stride=2
            pad=1
            activation=mish
            [convolutional]
            filters=16
            size=1
            stride=1
            pad=1
            activation=leaky
            [convolutional]
            filters=16
            size=3
            stride=1
            pad=1
            activation=leaky
            [shortcut]
            from=-3
            activation=linear
            [maxpool]
            stride=1
            size=5
            [route]
            layers=-2
            [maxpool]
            stride=1
            size=9
            [route]
            layers=-4
            [maxpool]
            stride=1
            size=13
            [route]
            layers=-1,-3,-5,-6
            [maxpool]
            size=2
            stride=1
            [maxpool]
            size=2
            stride=2
            [upsample]
            stride=2
            [convolutional]
            size=1
            filters=255
            activation=linear
            [yolo]
            mask = 6,7,8
            anchors = 10,13,  16,30,  33,23,  30,61,  62,45,  59,119,  116,90,  156,198,  373,326
            classes=80
            num=9
            jitter=.3
            ignore_thresh = .7
            truth_thresh = 1
            random=1
            """
        let parsed = try layers(text)
        #expect(parsed.map(\.output.description) == [
            "16×32×32", "16×32×32", "16×32×32", "16×32×32",   // conv stride 2, 1×1 with pad=1 (→ 0), 3×3, shortcut
            "16×32×32", "16×32×32", "16×32×32", "16×32×32",   // SPP: maxpool 5, route, maxpool 9, route
            "16×32×32", "64×32×32",                           // maxpool 13, route of four
            "64×32×32", "64×16×16", "64×32×32",               // yolov3-tiny's 2/1 maxpool keeps the size; 2/2 halves it; upsample
            "255×32×32", "255×32×32",
        ])
        guard case .yolo(let yolo) = parsed.last, case .convolution(let pointwise) = parsed[1] else {
            Issue.record("expected a [yolo] last and a 1×1 convolution second")
            return
        }
        #expect(yolo.scaleXY == 1)
        #expect(yolo.anchors.map(\.width) == [116, 156, 373])
        #expect(pointwise.shape.isPointwise)
    }

    @Test func weightsOfTheWrongLengthAreRefusedBothWays() throws {
        for extra in [-4, 4, 1] {
            let model = try ReferenceModel(width: 16, height: 16, layers: [
                .convolution(filters: 14, size: 1, stride: 1, groups: 1, batchNormalize: true, activation: "linear"),
                .yolo(mask: [0, 1], anchors: [4, 4, 8, 8], classes: 2, scaleXY: 1),
            ], classNames: ["a", "b"], extraWeightBytes: max(0, extra))
            defer { model.remove() }
            let expected = 20 + 4 * (14 * 4 + 14 * 3)
            if extra < 0 {
                let data = try Data(contentsOf: URL(fileURLWithPath: model.weightsPath))
                try data.dropLast(-extra).write(to: URL(fileURLWithPath: model.weightsPath))
            }
            #expect(throws: DarknetError.weightsSizeMismatch(file: model.weightsPath, expectedBytes: expected, actualBytes: expected + extra)) {
                try DarknetNetwork(cfgPath: model.cfgPath, weightsPath: model.weightsPath)
            }
        }
    }

    @Test func aForeignWeightsHeaderIsRefused() throws {
        let model = try ReferenceModel(width: 16, height: 16, layers: [
            .convolution(filters: 14, size: 1, stride: 1, groups: 1, batchNormalize: false, activation: "linear"),
            .yolo(mask: [0, 1], anchors: [4, 4, 8, 8], classes: 2, scaleXY: 1),
        ], classNames: ["a", "b"], major: 5000, minor: 0)
        defer { model.remove() }
        #expect(throws: DarknetError.badWeightsHeader(file: model.weightsPath, detail: "version 5000.0")) {
            try DarknetNetwork(cfgPath: model.cfgPath, weightsPath: model.weightsPath)
        }
    }

    @Test func missingFilesSayHowToFetchTheModel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("darknet-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try DarknetDetector(modelDirectory: directory)
            Issue.record("an empty folder loaded")
        } catch let error as DarknetError {
            #expect(error == .missingModelFile(path: directory + "/yolov4-tiny.cfg", fetchCommand: "scripts/fetch-model.sh \(directory)"))
            #expect(error.description.contains("`scripts/fetch-model.sh \(directory)`"))
        }
    }

    @Test func aFolderWithTwoCfgsIsAmbiguous() throws {
        let model = try ReferenceModel(width: 16, height: 16, layers: [
            .convolution(filters: 14, size: 1, stride: 1, groups: 1, batchNormalize: false, activation: "linear"),
            .yolo(mask: [0, 1], anchors: [4, 4, 8, 8], classes: 2, scaleXY: 1),
        ], classNames: ["a", "b"])
        defer { model.remove() }
        #expect(try DarknetDetector(modelDirectory: model.directory.path).name == "darknet:tiny")
        try FileManager.default.copyItem(atPath: model.cfgPath, toPath: model.directory.appendingPathComponent("other.cfg").path)
        #expect(throws: DarknetError.ambiguousModelFiles(directory: model.directory.path, kind: ".cfg", candidates: ["other.cfg", "tiny.cfg"])) {
            try DarknetDetector(modelDirectory: model.directory.path)
        }
    }

    @Test func namesMustMatchTheClassCount() throws {
        let model = try ReferenceModel(width: 16, height: 16, layers: [
            .convolution(filters: 14, size: 1, stride: 1, groups: 1, batchNormalize: false, activation: "linear"),
            .yolo(mask: [0, 1], anchors: [4, 4, 8, 8], classes: 2, scaleXY: 1),
        ], classNames: ["only one"])
        defer { model.remove() }
        #expect(throws: DarknetError.classCountMismatch(file: model.namesPath, names: 1, classes: 2)) {
            try DarknetDetector(modelDirectory: model.directory.path)
        }
    }
}
