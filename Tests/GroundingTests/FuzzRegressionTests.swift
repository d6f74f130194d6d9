import Foundation
import Testing
import Grounding

/// Replays the committed seed corpora (Tests/GroundingTests/Fuzz/Seeds, see FUZZING.md) through
/// the entry points the fuzz targets call: they are valid files and must keep loading, or the
/// fuzzers would start from inputs that stop at the first check. An input that crashes a target
/// goes to Fuzz/Crashes/TARGET/ with a test here that it is now refused cleanly.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The files of `Seeds/target`, sorted.
    static func seeds(_ target: String) -> [URL] {
        let folder = root.appendingPathComponent("Seeds").appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static let model = root.appendingPathComponent("Model")

    /// What the weights target does: load the fixed model with these weights and run it once.
    private static func loadAndRun(weights path: String) throws -> [[Detection]] {
        let detector = try DarknetDetector(cfg: model.appendingPathComponent("fuzz.cfg").path, weights: path,
                                           names: model.appendingPathComponent("fuzz.names").path, threads: 1)
        var input = PlanarTensor(batch: 1, channels: 3, height: detector.inputHeight, width: detector.inputWidth)
        for i in input.values.indices { input.values[i] = Float(i % 7) / 7 }
        return try detector.detect(input, scoreThreshold: 0.001)
    }

    @Test func imageSeedsDecode() throws {
        let seeds = Self.seeds("jpeg") + Self.seeds("png")
        #expect(seeds.count >= 10)
        for seed in seeds {
            let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: seed)), name: seed.lastPathComponent)
            #expect(decoded.image.width >= 1 && decoded.image.height >= 1)
            #expect(decoded.warnings.isEmpty, "\(seed.lastPathComponent): \(decoded.warnings)")
        }
    }

    @Test func exifSeedsGiveTheirOrientation() throws {
        let seeds = Self.seeds("exif")
        #expect(seeds.count == 8)
        for seed in seeds {
            // orientation-N.jpg: a JPEG head (cut short) carrying Orientation = N.
            let expected = Int(seed.deletingPathExtension().lastPathComponent.split(separator: "-").last ?? "")
            #expect(ExifOrientation.parse(jpeg: Array(try Data(contentsOf: seed))).rawValue == expected, "\(seed.lastPathComponent)")
        }
    }

    @Test func cfgSeedsBuildNetworks() throws {
        let seeds = Self.seeds("cfg")
        #expect(!seeds.isEmpty)
        for seed in seeds {
            let config = try DarknetConfig(text: try String(contentsOf: seed, encoding: .utf8), file: seed.lastPathComponent)
            #expect(try !DarknetNetwork.layers(of: config).layers.isEmpty)
        }
    }

    @Test func weightsSeedsLoadAndRun() throws {
        let seeds = Self.seeds("weights")
        #expect(seeds.count == 3)
        for seed in seeds {
            #expect(try Self.loadAndRun(weights: seed.path).count == 1)
        }
    }
}
