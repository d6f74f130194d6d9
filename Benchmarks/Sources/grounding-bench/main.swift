import Foundation

// Usage: grounding-bench [STAGE ...]   (no stage: all of them)
// Each stage measures our code and its peers in the same run and prints a side-by-side table.
let stages: [(name: String, run: () throws -> Void)] = [
    ("render", renderBenchmark),
    ("preprocess", preprocessBenchmark),
    ("decode", decodeBenchmark),
    ("nms", NMSBenchmark.run),
    ("forward", ForwardBenchmark.run),
    ("exemplar", ExemplarBenchmark.run),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for stage in stages where wanted.isEmpty || wanted.contains(stage.name) {
    do {
        try stage.run()
    } catch {
        print("stage \(stage.name) failed: \(error)")
    }
}
