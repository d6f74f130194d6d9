#if canImport(Glibc)
import Glibc
#endif
import GroundingCompute
import GroundingCore

/// Where MediaPipe's face and palm models are looked for: `$GROUNDING_MEDIAPIPE_DIR` when set,
/// else `~/.cache/grounding/models/mediapipe`, where `scripts/fetch-mediapipe-models.sh` (run by
/// `make model`) puts them.
///
/// ```swift
/// print(MediaPipeModelDirectory.default)   // /root/.cache/grounding/models/mediapipe
/// ```
public enum MediaPipeModelDirectory {
    /// The folder models are loaded from when no folder is given.
    public static var `default`: String {
        if let value = getenv("GROUNDING_MEDIAPIPE_DIR"), value.pointee != 0 { return String(cString: value) }
        return (getenv("HOME").map { String(cString: $0) } ?? "") + "/.cache/grounding/models/mediapipe"
    }

    /// The command that fetches the models into `directory`.
    static func fetchCommand(for directory: String) -> String {
        "scripts/fetch-mediapipe-models.sh \(directory)"
    }

    /// The interpreter for `file` in `directory` (default ``default``), or an error naming the
    /// command that fetches it when it is missing.
    static func interpreter(for file: String, in directory: String?, compute: ComputeBackend) throws -> (interpreter: TFLiteInterpreter, path: String) {
        let directory = directory ?? Self.default
        let path = directory + "/" + file
        guard ModelFile.exists(path) else {
            throw TFLiteError.missingModelFile(path: path, fetchCommand: fetchCommand(for: directory))
        }
        return (try TFLiteInterpreter(contentsOf: path, compute: compute), path)
    }
}
