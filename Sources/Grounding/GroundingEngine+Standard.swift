import Foundation

extension GroundingEngine {
    /// Creates an engine around any detector, answering exemplar queries with ``TemplateMatcher``.
    public convenience init(detector: any Detector) {
        self.init(detectors: [detector])
    }

    /// Creates an engine that holds several models, the first with the highest priority, and
    /// answers exemplar queries with ``TemplateMatcher``.
    ///
    /// ```swift
    /// let engine = GroundingEngine(detectors: [try DarknetDetector(modelDirectory: dir),
    ///                                          try MediaPipeFaceDetector(), try MediaPipePalmDetector()])
    /// ```
    public convenience init(detectors: [any Detector]) {
        self.init(detectors: detectors, exemplarMatcher: TemplateMatcher())
    }

    /// Creates an engine on a Darknet model folder (cfg + weights + names); `nil` means
    /// ``defaultModelDirectory``. `threads` bounds the threads of one forward pass and of each
    /// answer's own work (nil: all cores).
    public convenience init(modelDirectory: String? = nil, threads: Int? = nil) throws {
        self.init(detectors: [try DarknetDetector(modelDirectory: modelDirectory ?? GroundingEngine.defaultModelDirectory,
                                                  threads: threads)],
                  exemplarMatcher: TemplateMatcher(), threads: threads)
    }

    /// Creates an engine on models given by path (any model ``ModelRegistry/standard`` loads,
    /// first = highest priority), or on ``ModelRegistry/defaultModels(threads:)`` when `models` is empty;
    /// `threads` bounds each model's passes and each answer's own work (nil: all cores).
    public convenience init(models: [String], threads: Int? = nil) throws {
        self.init(detectors: models.isEmpty ? try ModelRegistry.defaultModels(threads: threads)
                                            : try ModelRegistry.load(models, threads: threads),
                  exemplarMatcher: TemplateMatcher(), threads: threads)
    }

    /// `$GROUNDING_MODEL_DIR` when set, else `~/.cache/grounding/models/yolov4-tiny`, where
    /// `scripts/fetch-model.sh` puts the default model.
    public static var defaultModelDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let dir = environment["GROUNDING_MODEL_DIR"], !dir.isEmpty { return dir }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/grounding/models/yolov4-tiny"
    }
}
