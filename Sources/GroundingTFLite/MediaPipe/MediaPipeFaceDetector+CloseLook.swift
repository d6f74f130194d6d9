import GroundingCompute
import GroundingCore

extension MediaPipeFaceDetector {
    /// The close look the full-range model takes at faces it found under
    /// ``smallestJudgedFace`` (too small for the landmark model): the short-range model on
    /// regions 5 times their median side, so a 14 px face fills a fifth of its 128 px input,
    /// keeping faces of 0.6 to 1.6 times that side scoring at least 0.65.
    ///
    /// Measured on the hand-counted faces (`Fixtures/faces-and-hands.json`). With MediaPipe's own
    /// Python solution first: over orchestra.png (33 faces of 9 to 21 px; 12 missed by the first
    /// pass and the look inside people) the short-range model on 80 px regions found 29 of 33 at
    /// 0.5 with many false faces, the full-range model 10. Then through the engine, with the
    /// appearance rule (``AppearanceGroup``): regions 4, 5 and 6 times the side add 5, 6 and 5
    /// faces there and nothing false, and nothing on guards.jpg, solvay-1927.jpg or
    /// team-meeting.jpg, whose faces are 20 to 45 px. The score threshold was chosen before the
    /// appearance rule took its lower quartile as the bar: with the least similarity as the bar,
    /// 0.6 let 3 false faces through on orchestra.png and 0.5 let 8. These numbers were chosen
    /// on orchestra.png only.
    static func closeLook(compute: ComputeBackend, modelDirectory: String?) throws -> CloseLook {
        CloseLook(detector: try ShortRangeFaces(modelDirectory: modelDirectory, compute: compute),
                  smallestSide: smallestJudgedFace, regionScale: 5, scoreThreshold: 0.65, sizeRange: 0.6...1.6)
    }
}

/// MediaPipe's short-range face model alone, as the full-range detector's ``CloseLook``: what
/// it finds is too small for the landmark model, so it has no second look.
struct ShortRangeFaces: MediaPipeSSDDetector {
    /// The full-range detector's vocabulary: its faces are the same class.
    let vocabulary = MediaPipeFaceDetector.vocabulary
    let network: MediaPipeSSDModel

    init(modelDirectory: String?, compute: ComputeBackend) throws {
        let model = MediaPipeFaceDetector.Model.shortRange
        network = try MediaPipeSSDModel(file: model.fileName, directory: modelDirectory, anchors: model.anchors,
                                        keypointCount: MediaPipeFaceDetector.keypointCount, mean: 0.5, std: 0.5, compute: compute)
    }
}
