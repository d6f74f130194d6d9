// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Grounding",
    products: [
        .library(name: "Grounding", targets: ["Grounding"]),
        .executable(name: "ground", targets: ["ground"]),
        // libgrounding.so: the C ABI (Sources/GroundingC/include/grounding.h), which the Python
        // package loads too.
        .library(name: "grounding", type: .dynamic, targets: ["GroundingC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng16",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CTurboJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]
        ),
        // No pkgConfig here on purpose: pkg-config's `-lopenblas` would link OpenBLAS at build
        // time, and a linked OpenBLAS picks its kernel before our code can set
        // OPENBLAS_CORETYPE. Grounding opens it with dlopen instead (see BLAS/OpenBLAS.swift);
        // cblas.h is found on Debian's multiarch include path.
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // The targets enforce the direction of the data flow (docs/ARCHITECTURE.md): kernels and
        // image I/O at the bottom, the core (detection types, preprocessing, tiling, merging,
        // names, output, the engine) on them, one target per model runtime on the core, and the
        // umbrella `Grounding` that re-exports them all and knows which backends exist.
        // Hot loops for the CPU's vector unit, one C function per instruction set, each compiled
        // with its set enabled: the package builds for baseline x86-64 and GroundingCompute's
        // VectorUnit picks the variant the CPU runs. The kernels, one file per kernel, are
        // compiled as one translation unit (vector_kernels.c includes them): clang writes DWARF 5,
        // and Debian's valgrind 3.19 gives up on a library holding more than one such unit, which
        // would leave our users unable to check their own programs for leaks.
        .target(
            name: "CVectorKernels",
            exclude: [
                "depthwise_sums.c", "piecewise_activation.c", "silu_activation.c", "winograd2x2_transforms.c",
                "winograd4x4_transforms.c",
            ]
        ),
        .target(
            name: "GroundingCompute",
            dependencies: ["COpenBLAS", "CVectorKernels"]
        ),
        .target(
            name: "GroundingImageIO",
            dependencies: ["CPNG", "CTurboJPEG"]
        ),
        .target(
            name: "GroundingCore",
            dependencies: ["GroundingImageIO", "GroundingCompute"]
        ),
        .target(
            name: "GroundingDarknet",
            dependencies: ["GroundingCore", "GroundingCompute"]
        ),
        .target(
            name: "GroundingTFLite",
            dependencies: ["GroundingCore", "GroundingCompute"]
        ),
        .target(
            name: "GroundingONNX",
            dependencies: ["GroundingCore", "GroundingCompute"]
        ),
        .target(
            name: "GroundingExemplar",
            dependencies: ["GroundingCore", "GroundingCompute"]
        ),
        .target(
            name: "Grounding",
            dependencies: ["GroundingCore", "GroundingImageIO", "GroundingCompute",
                           "GroundingDarknet", "GroundingTFLite", "GroundingONNX", "GroundingExemplar"]
        ),
        // The C ABI: @_cdecl functions over the umbrella. Its header is hand-written and sits
        // beside them; SwiftPM builds no C from it, so it is excluded from the target's sources.
        .target(
            name: "GroundingC",
            dependencies: ["Grounding"],
            exclude: ["include"]
        ),
        .executableTarget(
            name: "ground",
            dependencies: [
                "Grounding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GroundingTests",
            // `ground` is listed so that it is built for the end-to-end tests, which run it.
            dependencies: ["Grounding", "GroundingCore", "GroundingImageIO", "GroundingCompute",
                           "GroundingDarknet", "GroundingTFLite", "GroundingONNX", "GroundingExemplar", "ground"],
            // Fuzz inputs (FUZZING.md), read from the source tree by FuzzRegressionTests.
            exclude: ["Fuzz"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
