#if canImport(Glibc)
import Glibc
#endif
import GroundingImageIO

extension ModelRegistry {
    /// Nothing is at a model path that no loader recognises by its name: no file or folder of
    /// that name (a typo, or a word such as `face` given where a path goes). Its message says
    /// what a model path names; a folder that exists without a model's files, or a known model
    /// file's name where nothing is (`yolo11n.onnx`), is the loader's to report, with the
    /// command that fetches it.
    public struct MissingModel: Error, Sendable, CustomStringConvertible {
        /// The path given.
        public let path: String
        /// What a model path may name: the ``ModelLoader/kind`` of each loader, in order.
        public let kinds: [String]

        /// The error for `path`, where a registry of loaders of `kinds` found nothing.
        public init(path: String, kinds: [String]) {
            self.path = path
            self.kinds = kinds
        }

        /// What is wrong and what a model path names.
        public var description: String {
            "\(path): no file or folder of that name; a model is given by its path: \(kinds.joined(separator: "; or "))"
        }
    }

    /// Throws ``MissingModel`` when nothing is at `path`, and ``ModelFileError`` when what is
    /// there cannot be looked at (a loop of symbolic links, a folder without permission), with
    /// advice for that reason.
    func checkSomethingIsThere(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) != 0 else { return }
        let code = errno
        if code == ENOENT || code == ENOTDIR { throw MissingModel(path: path, kinds: loaders.map(\.kind)) }
        throw ModelFileError(path: path, reason: "\(String(cString: strerror(code))); \(FileAccessAdvice.reading(code, file: "model"))")
    }
}
