import Foundation
import Grounding

/// What the TFLite and MediaPipe tests share: MediaPipe's models (fetched by `make model`), each
/// loaded once for the whole suite.
enum MediaPipeTestSupport {
    /// `$GROUNDING_MEDIAPIPE_DIR`, else the default cache.
    static let modelDirectory = MediaPipeModelDirectory.default

    /// The path of one of the four model files.
    static func modelPath(_ file: String) -> String { modelDirectory + "/" + file }

    static let shortRange = Result { try MediaPipeFaceDetector(model: .shortRange, threads: 2) }
    static let fullRange = Result { try MediaPipeFaceDetector(model: .fullRange, threads: 2) }
    static let palmFull = Result { try MediaPipePalmDetector(model: .full, threads: 2) }
    static let palmLite = Result { try MediaPipePalmDetector(model: .lite, threads: 2) }

    /// The loaded detector for a model file name.
    static func detector(for file: String) throws -> any Detector {
        switch file {
        case MediaPipeFaceDetector.Model.shortRange.fileName: return try shortRange.get()
        case MediaPipeFaceDetector.Model.fullRange.fileName: return try fullRange.get()
        case MediaPipePalmDetector.Model.full.fileName: return try palmFull.get()
        case MediaPipePalmDetector.Model.lite.fileName: return try palmLite.get()
        default: throw CocoaError(.fileNoSuchFile)
        }
    }

    /// A detector without its second look (``VerifyingDetector``): what the model alone finds.
    /// `beforeDetect` runs before each batch (a test can watch what the engine's request holds then).
    struct FirstLookOnly: Detector {
        let detector: any Detector
        var beforeDetect: @Sendable () -> Void = {}
        var name: String { detector.name }
        var vocabulary: Vocabulary { detector.vocabulary }
        var inputWidth: Int { detector.inputWidth }
        var inputHeight: Int { detector.inputHeight }
        var inputSpec: InputSpec { detector.inputSpec }
        var defaultScoreThreshold: Float { detector.defaultScoreThreshold }
        var maxBatchSize: Int { detector.maxBatchSize }
        func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
            beforeDetect()
            return try detector.detect(batch, scoreThreshold: scoreThreshold)
        }
    }

    /// How a model's input is prepared: the detectors' own specs; the landmark models take a
    /// square of RGB in 0...1 (for parity the whole photo is letterboxed into it).
    static func inputSpec(for file: String) throws -> InputSpec {
        for kind in [MediaPipeLandmarks.Kind.hand, .face] where kind.fileName == file {
            return InputSpec(width: kind.inputSide, height: kind.inputSide, resize: .letterbox, padding: 0)
        }
        return try detector(for: file).inputSpec
    }

    /// The bytes of a model file.
    static func modelBytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: modelPath(file))))
    }
}
