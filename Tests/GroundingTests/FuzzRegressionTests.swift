import Foundation
import Testing
import Grounding

/// Replays the committed fuzz inputs (Tests/GroundingTests/Fuzz/, see FUZZING.md) through the
/// entry points the fuzz targets call: the seed corpora, which are valid files and must load, and
/// every input a fuzzer once crashed on, which must now be refused cleanly.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The files of `Seeds/target` or `Crashes/target`, sorted (none when the folder is absent).
    static func inputs(_ kind: String, _ target: String) -> [URL] {
        let folder = root.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static let model = root.appendingPathComponent("Model")

    /// What the weights target does: load the fixed model with these weights and run it once.
    static func loadAndRun(weights path: String) throws -> [[Detection]] {
        let detector = try DarknetDetector(cfg: model.appendingPathComponent("fuzz.cfg").path, weights: path,
                                           names: model.appendingPathComponent("fuzz.names").path, threads: 1)
        var input = PlanarTensor(batch: 1, channels: 3, height: detector.inputHeight, width: detector.inputWidth)
        for i in input.values.indices { input.values[i] = Float(i % 7) / 7 }
        return try detector.detect(input, scoreThreshold: 0.001)
    }

    @Test func imageSeedsDecode() throws {
        let seeds = Self.inputs("Seeds", "jpeg") + Self.inputs("Seeds", "png")
        #expect(seeds.count >= 10)
        for seed in seeds {
            let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: seed)), name: seed.lastPathComponent)
            #expect(decoded.image.width >= 1 && decoded.image.height >= 1)
        }
    }

    @Test func exifSeedsGiveTheirOrientation() throws {
        let seeds = Self.inputs("Seeds", "exif")
        #expect(seeds.count == 8)
        for seed in seeds {
            // orientation-N.jpg: a JPEG head (cut short) carrying Orientation = N.
            let expected = Int(seed.deletingPathExtension().lastPathComponent.split(separator: "-").last ?? "")
            #expect(ExifOrientation.parse(jpeg: Array(try Data(contentsOf: seed))).rawValue == expected, "\(seed.lastPathComponent)")
        }
    }

    @Test func cfgSeedsBuildNetworks() throws {
        let seeds = Self.inputs("Seeds", "cfg")
        #expect(!seeds.isEmpty)
        for seed in seeds {
            let config = try DarknetConfig(text: try String(contentsOf: seed, encoding: .utf8), file: seed.lastPathComponent)
            #expect(try !DarknetNetwork.layers(of: config).layers.isEmpty)
        }
    }

    @Test func weightsSeedsLoadAndRun() throws {
        let seeds = Self.inputs("Seeds", "weights")
        #expect(seeds.count == 3)
        for seed in seeds {
            #expect(try Self.loadAndRun(weights: seed.path).count == 1)
        }
    }

    /// Inputs that once crashed a target: each must now give an error or a result, not a crash.
    @Test func crashInputsAreHandled() throws {
        for input in Self.inputs("Crashes", "jpeg") + Self.inputs("Crashes", "png") {
            _ = try? ImageDecoder.decode(Array(try Data(contentsOf: input)), name: input.lastPathComponent)
        }
        for input in Self.inputs("Crashes", "exif") {
            _ = ExifOrientation.parse(jpeg: Array(try Data(contentsOf: input)))
        }
        for input in Self.inputs("Crashes", "cfg") {
            let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
            if let config = try? DarknetConfig(text: text, file: input.lastPathComponent) { _ = try? DarknetNetwork.layers(of: config) }
        }
        for input in Self.inputs("Crashes", "weights") {
            _ = try? Self.loadAndRun(weights: input.path)
        }
    }
}
