import ArgumentParser
import Foundation
import Grounding
import Synchronization

/// Answers one mode for every input: images are processed by concurrent workers (one decodes
/// while another detects), answers are printed in input order, and one bad file is reported
/// without stopping the rest.
struct BatchRun {
    let mode: GroundingMode
    let options: GroundCommandOptions

    func execute() throws {
        let inputs = InputList.collect(options.inputs)
        let output = BatchOutput(mode: mode, format: options.outputFormat, total: inputs.files.count)
        for problem in inputs.problems {
            output.reportError(path: problem.path, message: problem.message)
        }
        guard !inputs.files.isEmpty else {
            if inputs.problems.isEmpty { output.reportError(path: "-", message: "no image paths were given on stdin") }
            throw ExitCode(1)
        }

        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(threads, inputs.files.count))
        let engine: GroundingEngine
        do {
            // Workers split the cores: each image's forward pass runs on the cores left per worker.
            engine = try GroundingEngine(modelDirectory: options.model, threads: max(1, threads / workers))
        } catch {
            output.reportFatal("\(error)")
            throw ExitCode(1)
        }

        let unresolved = options.objects.flatMap { text in
            engine.resolver.resolveNames(in: text).compactMap { result -> UnresolvedName? in
                guard case .failure(let error) = result else { return nil }
                return UnresolvedName(error: error, in: text)
            }
        }
        for name in unresolved { output.reportFatal(name.description) }

        let drawing = try options.draw.map { try DrawTarget(path: $0, many: inputs.namesMany || inputs.files.count > 1) }
        let next = Mutex(0)
        let files = inputs.files
        let groundingOptions = options.groundingOptions
        let queries = options.queries
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < files.count else { return }
                output.deliver(index, answer(files[index], index: index, engine: engine, options: groundingOptions,
                                             queries: queries, drawing: drawing))
            }
        }
        let failures = output.finish()
        // Input problems were counted as failures when they were reported.
        if failures > 0 || !unresolved.isEmpty {
            throw ExitCode(1)
        }
    }

    private func answer(_ path: String, index: Int, engine: GroundingEngine, options: GroundingOptions,
                        queries: [ObjectQuery], drawing: DrawTarget?) -> BatchOutput.Outcome {
        do {
            let start = ContinuousClock.now
            // Drawing needs full-size pixels; otherwise let the engine pick a cheaper decode.
            let decodeOptions = drawing == nil ? engine.decodeOptions(for: options) : DecodeOptions()
            let decoded = try ImageDecoder.decode(contentsOf: path, options: decodeOptions)
            let decodeTime = milliseconds(since: start)
            var result = try engine.ground(decoded, path: path, queries: queries, mode: mode, options: options)
            result.timings.decode = decodeTime
            var drawnPath: String?
            if let drawing {
                let target = drawing.outputPath(for: path, index: index)
                var annotated = decoded.image
                drawAnnotations(result.annotationLayers(), on: &annotated)
                try ImageEncoder.write(annotated, to: target)
                drawnPath = target
            }
            return .answered(result, drawnPath: drawnPath)
        } catch {
            return .failed(path: path, message: "\(error)")
        }
    }
}

/// Where `--draw` puts annotated images: one file, or one file per input in a folder.
struct DrawTarget: Sendable {
    let path: String
    let isFolder: Bool

    init(path: String, many: Bool) throws {
        self.path = path
        self.isFolder = many || isDirectory(path)
        if isFolder {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--draw \(path): cannot create this folder (\(error.localizedDescription)).")
            }
        }
    }

    /// The annotated image's path for input number `index`.
    func outputPath(for input: String, index: Int) -> String {
        guard isFolder else { return path }
        let stem = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        // The index keeps names unique when two folders hold files of the same name.
        return (path as NSString).appendingPathComponent(String(format: "%04d-%@.png", index + 1, stem))
    }
}
