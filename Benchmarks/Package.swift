// swift-tools-version: 6.1
// The benchmark harness lives in its own package so that `swift test` at the top never builds it.
import PackageDescription

let package = Package(
    name: "GroundingBenchmarks",
    dependencies: [
        .package(name: "Grounding", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "grounding-bench",
            dependencies: [.product(name: "Grounding", package: "Grounding")]
        ),
        // The harness's own logic (the accuracy scoring, the truth file), tested by `make test-full`.
        .testTarget(
            name: "GroundingBenchTests",
            dependencies: ["grounding-bench"]
        ),
    ]
)
