import ArgumentParser
import Foundation
import Grounding

/// `ground info`: what this build runs on, for bug reports and for checking the fast BLAS kernel.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the version, the models and their vocabularies, the BLAS kernel and the SIMD level, or how a name resolves.",
        discussion: """
        Examples:
          ground info
          ground info --classes
          ground info --explain whale --explain "two red cars on the road"
          OPENBLAS_CORETYPE=Haswell ground info
        """
    )

    @Option(name: .customLong("model"), parsing: .singleValue,
            help: ArgumentHelp("A model to load (repeatable), as for count/bbox/point. Default: YOLOv4-tiny plus MediaPipe's face and palm models when fetched.",
                               valueName: "path"))
    var models: [String] = []

    @Flag(help: "Also list each model's classes, one per line.")
    var classes = false

    @Option(help: ArgumentHelp("Instead, show how this object name resolves: the rule, the classes, the WordNet sense and the senses set aside (repeatable).",
                               valueName: "name"))
    var explain: [String] = []

    func validate() throws {
        try InputList.checkOptionPaths(models.map { ("--model", $0) })
    }

    func run() throws {
        let engine: GroundingEngine
        do {
            engine = try GroundingEngine(models: models)
        } catch {
            StandardStreams.errorLine("error: \(ModelLoadFailure.message(for: error))")
            throw ExitCode(1)
        }
        var lines: [String] = []
        if !explain.isEmpty {
            for text in explain {
                // Each name is explained in the vocabulary of the model that answers it (the first
                // model's when none does): "hands and faces" are two models' names.
                let models = engine.resolveNames(in: text).map { (try? $0.get().model) ?? 0 }
                var explanations: [Int: [NameExplanation]] = [:]
                var shown: Int?
                for (part, model) in models.enumerated() {
                    let explained = explanations[model] ?? engine.resolvers[model].explain(text)
                    explanations[model] = explained
                    if model != shown { lines.append("model:  \(engine.detectors[model].name)") }
                    shown = model
                    if part < explained.count { lines.append(explained[part].description) }
                }
                lines.append("")
            }
        } else {
            lines.append("ground \(Ground.version)")
            let features = CPUFeatures.current
            let simd = ["avx512f", "avx2", "sse4_2", "sse2"].first { features.flags.contains($0) } ?? "unknown"
            let detected = VectorUnit(features: features)
            lines.append("SIMD:   binary built for baseline x86-64 (SSE2); this CPU's widest: \(simd); vector kernels: \(VectorUnit.current.rawValue)"
                         + (VectorUnit.current != detected ? " (narrowed from \(detected.rawValue) by GROUNDING_VECTOR_UNIT)" : ""))
            lines.append("BLAS:   OpenBLAS core \(BLAS.coreName)" + (BLAS.coreSelection.map { " (\($0))" } ?? ""))
            lines.append("        \(BLAS.config)")
            for (index, (detector, resolver)) in zip(engine.detectors, engine.resolvers).enumerated() {
                // As answers spell the classes (COCO's "motorcycle", not Darknet's "motorbike"),
                // like the engine's models JSON, Python's Engine.models and C's grounding_engine_models.
                let names = resolver.canonicalNames
                let vocabulary = names.count <= 3 ? ": " + names.joined(separator: ", ") : ""
                lines.append("model \(index + 1): \(detector.name), input \(detector.inputWidth)×\(detector.inputHeight), \(detector.classNames.count) class\(detector.classNames.count == 1 ? "" : "es")\(vocabulary), batches of up to \(detector.maxBatchSize)")
                if classes { lines += names.map { "        \($0)" } }
            }
            lines.append("cores:  \(ProcessInfo.processInfo.activeProcessorCount)")
        }
        guard StandardStreams.printLine(lines.joined(separator: "\n")) else {
            StandardStreams.errorLine("error: cannot write to standard output (\(StandardStreams.outputFailureReason ?? "unknown"))")
            throw ExitCode(1)
        }
    }
}
