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
        options.spellingNotes.forEach(StandardStreams.errorLine)
        let list = InputList.collect(options.inputs)
        let budget = MemoryBudget(options.maxMemory)
        let standardInput: StandardInput
        do throws(UsageError) {
            // An image on stdin is held whole: one larger than the memory budget could never be answered.
            standardInput = list.usesStandardInput
                ? try StandardInput.read(fileLimit: DecodeOptions().maxFileBytes, budget: budget, isNULSeparated: options.nullSeparated)
                : .unused
        } catch {
            StandardStreams.errorLine("error: \(error)")
            throw ExitCode(1)
        }
        let feed = InputFeed(list: list, standardInput: standardInput)
        let output = BatchOutput(mode: mode, format: options.outputFormat, total: feed.total, many: feed.isMany)
        for note in list.notes {
            output.reportNote(path: note.path, message: note.message)
        }
        for problem in list.problems {
            output.reportError(path: problem.path, message: problem.message, code: problem.code)
        }
        if feed.total == 0 {
            _ = try? output.finish()
            throw ExitCode(1)
        }

        // Every output path known now is checked before any work: nothing is written over an input.
        let guardian = OutputGuard(inputs: list.files, standardInput: list.usesStandardInput)
        var drawing: DrawTarget?
        do throws(UsageError) {
            if let path = options.draw {
                let target = try DrawTarget(path: path, many: feed.isMany)
                for (index, file) in list.files.enumerated() {
                    try guardian.check(target.outputPath(for: file, index: index), named: !target.isFolder)
                }
                // Also when the one input is on stdin (`ground count - --draw a.jpg < a.jpg`).
                if !target.isFolder { try guardian.check(target.path, named: true) }
                try target.prepare()
                drawing = target
            }
            if let cocoImages = options.cocoImages {
                try OutputFile.checkWritable(cocoImages, option: "--coco-images")
                try guardian.check(cocoImages, named: true)
                if let drawing, drawing.mayDraw(at: cocoImages) {
                    throw UsageError("--coco-images \(cocoImages) is where --draw \(drawing.path) may write a drawing; write the images array to another file")
                }
            }
        } catch {
            output.reportFatal(error.description)
            throw ExitCode(2)
        }

        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(threads, feed.total ?? threads))
        let engine: GroundingEngine
        do {
            // Workers split the cores: each image's forward pass runs on the cores left per worker.
            engine = try GroundingEngine(models: options.models, threads: max(1, threads / workers))
        } catch {
            output.reportFatal(ModelLoadFailure.message(for: error))
            throw ExitCode(1)
        }

        let resolutions = options.objects.flatMap { text in engine.resolveNames(in: text).map { (text, $0) } }
        let unresolved = resolutions.compactMap { text, result -> UnresolvedName? in
            guard case .failure(let error) = result else { return nil }
            return UnresolvedName(error: error, in: text)
        }
        for name in unresolved { output.reportFatal(name.description) }
        // With no name understood and no example box there is nothing to look for in any image.
        if unresolved.count == resolutions.count && options.exemplarArguments.isEmpty {
            output.reportFatal("nothing to count: no name was understood; no image was read")
            // JSON Lines still give every input its line, in its place, with the names' error:
            // a program reading stdout alone learns that no image was answered, and why.
            if options.outputFormat == .native || options.outputFormat == .muse, let first = unresolved.first {
                let reason = "not read: no name was understood (" + unresolved.map { "\"\($0.name)\"" }.joined(separator: ", ") + ")"
                while !output.isStopped, let (index, input) = feed.next(reportingTo: output) {
                    output.deliver(index, .failed(path: input.path, message: reason, code: GroundingErrorCode(of: first.error)))
                }
                _ = try? output.finish()
            }
            throw ExitCode(1)
        }

        var decoding = DecodeOptions()
        decoding.strict = options.strict
        let job = ImageJob(mode: mode, engine: engine, options: options.groundingOptions, queries: options.queries,
                           decoding: decoding, drawing: drawing, guardian: guardian,
                           budget: budget, tileWarning: TileCostWarning(output: output))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !output.isStopped, let (index, input) = feed.next(reportingTo: output) {
                output.deliver(index, job.answer(input, index: index))
            }
        }
        // Paths that came on stdin were not known when the run started: the answers are still
        // printed, but the images array is not written over one of them.
        var cocoImages = options.cocoImages
        var overInput: UsageError?
        if let path = cocoImages, !feed.streamedFiles.isEmpty {
            do throws(UsageError) { try OutputGuard(inputs: feed.streamedFiles).check(path, named: true) } catch {
                (overInput, cocoImages) = (error, nil)
            }
        }
        let failures: Int
        do throws(UsageError) {
            failures = try output.finish(cocoImages: cocoImages)
        } catch {
            output.reportFatal(error.description)
            throw ExitCode(1)
        }
        if let overInput {
            output.reportFatal(overInput.description)
            throw ExitCode(2)
        }
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
    /// Limits and strictness for every decode.
    let decoding: DecodeOptions
    let drawing: DrawTarget?
    let guardian: OutputGuard
    let budget: MemoryBudget
    /// Says, before the work, when `--tile` makes a plan far costlier than `--tile auto`.
    let tileWarning: TileCostWarning

    /// Memory an answer needs besides the decoded image: the batch of detector inputs, the
    /// network's workspace and exemplar blocks stay well under this.
    static let workingBytes = 96 << 20

    /// The answer (and drawing) for input `index`, or why there is none.
    func answer(_ input: ImageInput, index: Int) -> BatchOutput.Outcome {
        let path = input.path
        do {
            // The detector sees the same pixels whether or not the image is drawn: the decode
            // depends on the grounding options alone.
            let detectionDecode = engine.decodeOptions(for: options, base: decoding)
            // The decoder holds the whole file while it decodes, whether it came on stdin or from disk.
            let fileBytes = input.bytes?.count
                ?? ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            // A header past the first 64 KiB (a JPEG after large metadata) is read from the whole
            // file, so the header is read within the budget too; a file whose header is bad is
            // refused here, not read whole again by the decoder.
            let header = try input.bytes.map { bytes throws(ImageError) in try ImageDecoder.header(bytes, name: path, options: detectionDecode) }
                ?? budget.withReservation(fileBytes) { try ImageDecoder.header(contentsOf: path, options: detectionDecode) }
            // A JPEG's sides are limited: said before the work, not after it.
            if max(header.width, header.height) > ImageEncoder.maximumJPEGSide,
               let target = drawing?.outputPath(for: path, index: index), ImageEncoder.writesJPEG(to: target) {
                return .failed(path: path, message: "\(path): the image is \(header.width)×\(header.height), and a JPEG drawing (\(target)) holds at most \(ImageEncoder.maximumJPEGSide) pixels a side; draw to a .png",
                               code: .requestInvalid)
            }
            tileWarning.check(path: path, width: header.width, height: header.height, engine: engine, options: options)
            // An image over the pixel limit is refused by the decoder, saying so: nothing to reserve.
            let reserved = header.width * header.height > detectionDecode.maxPixels ? 0 : needs(header, fileBytes: fileBytes)
            return try budget.withReservation(reserved) {
                try groundAndDraw(input, index: index)
            }
        } catch {
            return .failed(path: path, message: "\(error)", code: GroundingErrorCode(of: error))
        }
    }

    /// Bytes to reserve for an image with this header: its decode, the file's bytes, what
    /// drawing adds, and ``workingBytes``.
    private func needs(_ header: ImageHeader, fileBytes: Int) -> Int {
        let fullPixels = header.width * header.height * 3
        // Drawing writes on a full-size copy of the decoded image; when detection decoded it
        // DCT-scaled, that copy is a second, full-size decode, whose own working memory (libjpeg's
        // coefficient buffer for a progressive file) is counted as about as much again.
        let drawn = drawing == nil ? 0 : fullPixels + (header.estimatedMemory < fullPixels ? fullPixels : 0)
        return header.estimatedMemory + fileBytes + drawn + Self.workingBytes
    }

    /// Grounds input `index` and writes its drawing, through the library's shared
    /// read-ground-draw path; the caller has reserved its memory. A drawing that may not or
    /// cannot be written (its path is an input, the disk is full) does not take the answer with
    /// it: the answer is delivered with the drawing's error beside it.
    private func groundAndDraw(_ input: ImageInput, index: Int) throws -> BatchOutput.Outcome {
        let path = input.path
        let target = drawing.map { $0.outputPath(for: path, index: index) }
        let (result, drawn) = try engine.ground(reading: { options throws(ImageError) in
            if let bytes = input.bytes { return try ImageDecoder.decode(bytes, name: path, options: options) }
            return try ImageDecoder.decode(contentsOf: path, options: options)
        }, path: path, queries: queries, mode: mode, options: options, base: decoding, drawsAnswer: target != nil)
        guard let drawing, let target, let drawn else { return .answered(result, drawnPath: nil) }
        var answered = result
        do {
            // Streamed inputs were not known when the run started: check again, against this one too.
            try OutputGuard(inputs: input.bytes == nil ? [path] : []).check(target, named: !drawing.isFolder)
            try guardian.check(target, named: !drawing.isFolder)
            let start = ContinuousClock.now
            try ImageEncoder.write(drawn, to: target)
            answered.timings.addDrawTime(since: start)
        } catch {
            let code = (error as? any GroundingCodedError)?.code ?? .outputUnwritable
            return .answered(answered, drawnPath: nil, drawingFailure: .init(message: "\(error)", code: code))
        }
        return .answered(answered, drawnPath: target)
    }
}
