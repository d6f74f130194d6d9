import Grounding

/// How `ground` words a model that could not be loaded: a `--model` path where nothing is
/// (`--model face`) is said to be so, with what `--model` takes; any other failure (a folder
/// without the model's files, which gets the command that fetches them) as the library words it.
enum ModelLoadFailure {
    /// What `--model` takes, as `--help` and the README say it.
    static let modelTakes = "--model takes the path of a Darknet model folder (cfg + weights + names), an Ultralytics YOLO .onnx file (e.g. yolo11n.onnx) or a MediaPipe face or palm .tflite file (e.g. face_detection_full_range_sparse.tflite)"

    /// The message for `error`, thrown while loading the models.
    static func message(for error: any Error) -> String {
        guard let missing = error as? ModelRegistry.MissingModel else { return "\(error)" }
        return "--model \(StandardStreams.named(missing.path)): no file or folder of that name; \(modelTakes); without --model, YOLOv4-tiny is loaded, with MediaPipe's face and palm models when they are fetched"
    }
}
