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
        for note in inputs.notes {
            output.reportNote(path: note.path, message: note.message)
        }
        for problem in inputs.problems {
            output.reportError(path: problem.path, message: problem.message)
        }
        guard !inputs.files.isEmpty else {
            if inputs.problems.isEmpty { output.reportError(path: "-", message: "no image paths were given on stdin") }
            _ = output.finish()
            throw ExitCode(1)
        }

        // Every output path is checked before any work: nothing is written over an input.
        let files = inputs.files
        var targetDrawing: DrawTarget?
        do throws(UsageError) {
            if let path = options.draw {
                let drawing = try DrawTarget(path: path, many: inputs.namesMany || files.count > 1)
                let guardian = OutputGuard(inputs: files)
                for index in files.indices {
                    try guardian.check(drawing.outputPath(for: files[index], index: index), named: !drawing.isFolder)
                }
                try drawing.prepare()
                targetDrawing = drawing
            }
        } catch {
            output.reportFatal(error.description)
            throw ExitCode(2)
        }

        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(threads, files.count))
        let engine: GroundingEngine
        do {
            // Workers split the cores: each image's forward pass runs on the cores left per worker.
            engine = try GroundingEngine(modelDirectory: options.model, threads: max(1, threads / workers))
        } catch {
            output.reportFatal("\(error)")
            throw ExitCode(1)
        }

        let unresolved = options.objects.compactMap { name -> UnresolvedName? in
            do throws(QueryError) {
                _ = try engine.resolver.resolve(name)
                return nil
            } catch {
                return UnresolvedName(name: name, error: error)
            }
        }
        for name in unresolved { output.reportFatal(name.description) }

        let next = Mutex(0)
        let job = ImageJob(mode: mode, engine: engine, options: options.groundingOptions, queries: options.queries,
                           drawing: targetDrawing, guardian: OutputGuard(inputs: files))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !output.isStopped {
                let index = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < files.count else { return }
                output.deliver(index, job.answer(files[index], index: index))
            }
        }
        let failures = output.finish()
        // Input problems were counted as failures when they were reported.
        if failures > 0 || !unresolved.isEmpty || output.isStopped {
            throw ExitCode(1)
        }
    }
}

/// What one worker does for one input: decode, ground, draw.
struct ImageJob: Sendable {
    let mode: GroundingMode
    let engine: GroundingEngine
    let options: GroundingOptions
    let queries: [ObjectQuery]
    let drawing: DrawTarget?
    let guardian: OutputGuard

    /// The answer (and drawing) for input `index`, or why there is none.
    func answer(_ path: String, index: Int) -> BatchOutput.Outcome {
        do {
            let start = ContinuousClock.now
            // The detector sees the same pixels whether or not the image is drawn: the decode
            // depends on the grounding options alone.
            let decoded = try ImageDecoder.decode(contentsOf: path, options: engine.decodeOptions(for: options))
            let decodeTime = milliseconds(since: start)
            var result = try engine.ground(decoded, path: path, queries: queries, mode: mode, options: options)
            result.timings.decode = decodeTime
            var drawnPath: String?
            if let drawing {
                let target = drawing.outputPath(for: path, index: index)
                try guardian.check(target, named: !drawing.isFolder)
                let fullSize = decoded.image.width == decoded.fullWidth && decoded.image.height == decoded.fullHeight
                var annotated = fullSize ? decoded.image : try ImageDecoder.decode(contentsOf: path).image
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
