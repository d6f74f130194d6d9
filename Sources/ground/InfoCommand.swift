import ArgumentParser
import Foundation
import Grounding

/// `ground info`: what this build runs on, for bug reports and for checking the fast BLAS kernel.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the version, the model, the BLAS kernel and the SIMD level, or how a name resolves.",
        discussion: """
        Examples:
          ground info
          ground info --classes
          ground info --explain whale --explain "two red cars on the road"
          OPENBLAS_CORETYPE=Haswell ground info
        """
    )

    @Option(help: ArgumentHelp("A Darknet model folder. Default: $GROUNDING_MODEL_DIR or ~/.cache/grounding/models/yolov4-tiny.",
                               valueName: "dir"))
    var model: String?

    @Flag(help: "Also list the detector's classes, one per line.")
    var classes = false

    @Option(help: ArgumentHelp("Instead, show how this object name resolves: the rule, the classes, the WordNet sense and the senses set aside (repeatable).",
                               valueName: "name"))
    var explain: [String] = []

    func run() throws {
        let directory = model ?? GroundingEngine.defaultModelDirectory
        if !explain.isEmpty {
            let resolver = try loadEngine(directory).resolver
            print(explain.flatMap(resolver.explain).map(\.description).joined(separator: "\n\n"))
            return
        }
        print("ground \(Ground.version)")
        let features = CPUFeatures.current
        let simd = ["avx512f", "avx2", "sse4_2", "sse2"].first { features.flags.contains($0) } ?? "unknown"
        print("SIMD:   binary built for baseline x86-64 (SSE2); this CPU's widest: \(simd)")
        print("BLAS:   OpenBLAS core \(BLAS.coreName)"
              + (BLAS.coreSelection.map { " (\($0))" } ?? ""))
        print("        \(BLAS.config)")
        let engine: GroundingEngine
        do {
            engine = try loadEngine(directory)
        } catch {
            print("model:  not loaded from \(directory)")
            throw error
        }
        let detector = engine.detector
        print("model:  \(detector.name) from \(directory)")
        print("        input \(detector.inputWidth)×\(detector.inputHeight), \(detector.classNames.count) classes, batches of up to \(detector.maxBatchSize)")
        print("cores:  \(ProcessInfo.processInfo.activeProcessorCount)")
        if classes {
            for name in detector.classNames { print(name) }
        }
    }

    /// The engine on `directory`; a model that cannot be loaded is reported and ends the command.
    private func loadEngine(_ directory: String) throws -> GroundingEngine {
        do {
            return try GroundingEngine(modelDirectory: directory)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
