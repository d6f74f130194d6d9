import GroundingCore
import GroundingCompute

/// What MediaPipe's face and palm detectors share: an SSD model run by the ``TFLiteInterpreter``,
/// its anchors and decoding (``SSDDecoder``), and weighted suppression
/// (``weightedNonMaxSuppression(_:threshold:)``) with MediaPipe's threshold, IoU > 0.3.
///
/// A backend holds one and gets its ``Detector`` members from ``MediaPipeSSDDetector``.
public struct MediaPipeSSDModel: Sendable {
    /// `"mediapipe:"` and the file name without extension, e.g. `"mediapipe:palm_detection_full"`.
    let name: String
    /// The network.
    let interpreter: TFLiteInterpreter
    /// Anchors and regression units.
    let decoder: SSDDecoder
    /// How the engine prepares each region (letterboxed, as MediaPipe's `ImageToTensorCalculator` does).
    let inputSpec: InputSpec

    /// Overlapping detections above this IoU are averaged into one.
    static let suppressionThreshold: Float = 0.3

    /// Loads `file` from `directory` (default ``MediaPipeModelDirectory/default``) and checks
    /// that its input and outputs fit `anchors` with `keypointCount` keypoints; input values are
    /// `(byte / 255 − mean) / std`; `compute` runs its operators.
    init(file: String, directory: String?, anchors: SSDAnchorOptions, keypointCount: Int,
         mean: Float, std: Float, compute: ComputeBackend) throws {
        let (interpreter, path) = try MediaPipeModelDirectory.interpreter(for: file, in: directory, compute: compute)
        let decoder = SSDDecoder(anchors: anchors.anchors(), keypointCount: keypointCount, scale: Float(anchors.inputWidth))
        let count = decoder.anchors.count
        guard interpreter.inputShape == [1, anchors.inputHeight, anchors.inputWidth, 3],
              interpreter.outputShapes == [[1, count, decoder.rowLength], [1, count, 1]] else {
            throw TFLiteError.invalidGraph(path: path, detail: "input \(interpreter.inputShape) and outputs \(interpreter.outputShapes) are not those of the expected detector ([1, \(anchors.inputHeight), \(anchors.inputWidth), 3] in; [1, \(count), \(decoder.rowLength)] boxes and [1, \(count), 1] scores out); pass the file this detector is for")
        }
        self.name = "mediapipe:" + file.replacingOccurrences(of: ".tflite", with: "")
        self.interpreter = interpreter
        self.decoder = decoder
        self.inputSpec = InputSpec(width: anchors.inputWidth, height: anchors.inputHeight, resize: .letterbox,
                                   mean: SIMD3(repeating: mean), std: SIMD3(repeating: std), padding: 0)
    }

    /// Per image of `batch`: the decoded detections scoring at least `scoreThreshold`, after
    /// weighted suppression, in input pixels.
    func detect(_ batch: PlanarTensor, scoreThreshold: Float) throws -> [[Detection]] {
        guard batch.channels == 3, batch.height == inputSpec.height, batch.width == inputSpec.width else {
            throw TFLiteError.inputMismatch(detail: "got \(batch.channels)×\(batch.height)×\(batch.width), the model takes 3×\(inputSpec.height)×\(inputSpec.width)")
        }
        var results = [[Detection]](repeating: [], count: batch.batch)
        results.withUnsafeMutableBufferPointer { results in
            batch.values.withUnsafeBufferPointer { values in
                // Images may finish on several threads at once; each writes only its own slot.
                interpreter.forEachImage(values.baseAddress!, count: batch.batch) { image, outputs in
                    let decoded = decoder.decode(boxes: outputs[0], scores: outputs[1], threshold: scoreThreshold,
                                                 inputWidth: inputSpec.width, inputHeight: inputSpec.height)
                    results[image] = weightedNonMaxSuppression(decoded, threshold: Self.suppressionThreshold)
                }
            }
        }
        return results
    }
}
