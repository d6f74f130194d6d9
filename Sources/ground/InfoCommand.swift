import ArgumentParser
import Foundation
import Grounding

/// `ground info`: what this build runs on, for bug reports and for checking the fast BLAS kernel.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the version, the model, the BLAS kernel and the SIMD level.",
        discussion: """
        Examples:
          ground info
          ground info --classes
          OPENBLAS_CORETYPE=Haswell ground info
        """
    )

    @Option(help: ArgumentHelp("A Darknet model folder. Default: $GROUNDING_MODEL_DIR or ~/.cache/grounding/models/yolov4-tiny.",
                               valueName: "dir"))
    var model: String?

    @Flag(help: "Also list the detector's classes, one per line.")
    var classes = false

    func run() throws {
        let directory = model ?? GroundingEngine.defaultModelDirectory
        print("ground \(Ground.version)")
        let features = CPUFeatures.current
        let simd = ["avx512f", "avx2", "sse4_2", "sse2"].first { features.flags.contains($0) } ?? "unknown"
        print("SIMD:   binary built for baseline x86-64 (SSE2); this CPU's widest: \(simd)")
        print("BLAS:   OpenBLAS core \(BLAS.coreName)"
              + (BLAS.coreSelection.map { " (\($0))" } ?? ""))
        print("        \(BLAS.config)")
        let engine: GroundingEngine
        do {
            engine = try GroundingEngine(modelDirectory: directory)
        } catch {
            print("model:  not loaded from \(directory)")
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let detector = engine.detector
        print("model:  \(detector.name) from \(directory)")
        print("        input \(detector.inputWidth)×\(detector.inputHeight), \(detector.classNames.count) classes, batches of up to \(detector.maxBatchSize)")
        print("cores:  \(ProcessInfo.processInfo.activeProcessorCount)")
        if classes {
            for name in detector.classNames { print(name) }
        }
    }
}
