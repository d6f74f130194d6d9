@preconcurrency import Glibc
import Foundation

// grounding-bench [STAGE ...] [--json PATH] [--compare OLD.json] [--threshold 0.10]
//     Runs the stages (default: all), each in its own child process so that its peak memory is
//     its own; prints each stage's side-by-side tables as it goes, then the whole summary.
// grounding-bench compare OLD.json NEW.json [--threshold 0.10]
//     Flags every figure of NEW more than the threshold worse than in OLD; exit status 1 if any.
// grounding-bench table RESULTS.json       prints the summary table of a results file.
// grounding-bench --list                   lists the stages.
//
// Each stage measures our code and its peers in the same run. Adding a stage is one line here.
let stages: [(name: String, run: () throws -> Void)] = [
    ("render", renderBenchmark),
    ("preprocess", preprocessBenchmark),
    ("decode", decodeBenchmark),
    ("decode+preprocess", DecodePreprocessBenchmark.run),
    ("nms", NMSBenchmark.run),
    ("forward", ForwardBenchmark.run),
    ("tiled", TiledCountBenchmark.run),
    ("folder", FolderCountBenchmark.run),
    ("startup", StartupBenchmark.run),
    ("scaling", ScalingBenchmark.run),
    ("memory48", PeakMemoryBenchmark.run),
    ("exemplar", ExemplarBenchmark.run),
    ("tflite", TFLiteBenchmark.run),
    ("onnx", ONNXBenchmark.run),
    ("accuracy", AccuracyBenchmark.run),
]

// Line-buffered even into a pipe, so a stage's output and the driver's interleave in order.
setvbuf(stdout, nil, _IOLBF, 0)
exit(BenchCommand.main(Array(CommandLine.arguments.dropFirst()), stages: stages))
