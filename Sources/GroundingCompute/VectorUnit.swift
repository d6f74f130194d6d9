import CVectorKernels
#if canImport(Glibc)
import Glibc
#endif

/// The widest vector instructions this CPU runs that Grounding has kernels for, chosen once at
/// run time from ``CPUFeatures``.
///
/// Swift code is built for baseline x86-64 (SSE2, no fused multiply-add), so a hot loop that
/// wants AVX-512 or AVX2 is written in C (the `CVectorKernels` target), once per instruction
/// set, each function compiled with its own set enabled; this type calls the variant the CPU
/// has. A kernel with no variant for ``baseline`` keeps its portable Swift path there. A new
/// instruction set (AVX-512 BF16 or VNNI for reduced precision) is one more case here and one
/// more variant in C; the layers do not change.
///
/// ```swift
/// VectorUnit.current            // .avx512 on an AVX-512 Xeon or EPYC
/// ```
package enum VectorUnit: String, Sendable, CaseIterable {
    /// AVX-512 Foundation: 16 floats per instruction.
    case avx512
    /// AVX2 with fused multiply-add: 8 floats per instruction.
    case avx2
    /// No vector kernel: the portable Swift (and OpenBLAS) paths.
    case baseline

    /// The unit of this machine. `GROUNDING_VECTOR_UNIT=avx2` or `baseline` chooses a narrower
    /// one (to compare them, or to rule the C kernels out); a wider one than the CPU has, or
    /// another value, is ignored.
    package static let current: VectorUnit = {
        let detected = VectorUnit(features: .current)
        guard let name = getenv("GROUNDING_VECTOR_UNIT").map({ String(cString: $0) }),
              let asked = VectorUnit(rawValue: name.lowercased()) else { return detected }
        return detected.runs(asked) ? asked : detected
    }()

    /// The widest unit `features` supports.
    package init(features: CPUFeatures) {
        if features.flags.contains("avx512f") {
            self = .avx512
        } else if features.flags.isSuperset(of: ["avx2", "fma"]) {
            self = .avx2
        } else {
            self = .baseline
        }
    }

    /// Whether a CPU with this unit can run `other`'s kernels.
    package func runs(_ other: VectorUnit) -> Bool {
        switch (self, other) {
        case (.avx512, _), (.avx2, .avx2), (.avx2, .baseline), (.baseline, .baseline): true
        default: false
        }
    }

    /// The signature of ``depthwiseSums``' C kernels (see `vector_kernels.h`).
    package typealias DepthwiseSums = @convention(c) (
        UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Int, Int, Int32, UnsafePointer<Float>?, Float
    ) -> Void

    /// Sums of a depthwise convolution over a zero-padded plane, rows of the plane's width with
    /// every tap's product fused into a register (`grounding_depthwise_sums_*`); nil on
    /// ``baseline``.
    package var depthwiseSums: DepthwiseSums? {
        switch self {
        case .avx512: grounding_depthwise_sums_avx512
        case .avx2: grounding_depthwise_sums_avx2
        case .baseline: nil
        }
    }

    /// The signature of ``winograd2x2InputRow``'s C kernel (see `vector_kernels.h`).
    package typealias Winograd2x2InputRow = @convention(c) (
        UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?, Int,
        UnsafeMutablePointer<Float>?, Int, UnsafeMutablePointer<Float>?, Int, Int
    ) -> Void

    /// Winograd F(2×2, 3×3)'s input transform of one tile row, sixteen tiles at a time
    /// (`grounding_winograd2x2_input_row_avx512`); nil below ``avx512``, where the Swift path runs.
    package var winograd2x2InputRow: Winograd2x2InputRow? {
        self == .avx512 ? grounding_winograd2x2_input_row_avx512 : nil
    }

    /// Winograd F(2×2, 3×3)'s output transform of one tile row before the bias and activation,
    /// sixteen tiles at a time (`grounding_winograd2x2_output_row_avx512`); nil below ``avx512``.
    package var winograd2x2OutputRow: WinogradOutputRow? {
        self == .avx512 ? grounding_winograd2x2_output_row_avx512 : nil
    }

    /// The signature of ``winograd4x4InputRow``'s C kernel (see `vector_kernels.h`).
    package typealias Winograd4x4InputRow = @convention(c) (
        UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?,
        UnsafePointer<Float>?, Int, UnsafeMutablePointer<Float>?, Int, UnsafeMutablePointer<Float>?, Int, Int
    ) -> Void

    /// The signature of both tilings' output-row C kernels, ``winograd2x2OutputRow`` and
    /// ``winograd4x4OutputRow`` (see `vector_kernels.h`).
    package typealias WinogradOutputRow = @convention(c) (UnsafePointer<Float>?, Int, Int, UnsafeMutablePointer<Float>?) -> Void

    /// Winograd F(4×4, 3×3)'s input transform of one tile row, sixteen tiles at a time
    /// (`grounding_winograd4x4_input_row_avx512`); nil below ``avx512``, where the Swift path runs.
    package var winograd4x4InputRow: Winograd4x4InputRow? {
        self == .avx512 ? grounding_winograd4x4_input_row_avx512 : nil
    }

    /// Winograd F(4×4, 3×3)'s output transform of one tile row before the bias and activation,
    /// sixteen tiles at a time (`grounding_winograd4x4_output_row_avx512`); nil below ``avx512``.
    package var winograd4x4OutputRow: WinogradOutputRow? {
        self == .avx512 ? grounding_winograd4x4_output_row_avx512 : nil
    }

    /// The signature of ``piecewiseActivation``'s C kernel (see `vector_kernels.h`).
    package typealias PiecewiseActivation = @convention(c) (
        UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Float, grounding_piecewise, Float, Float
    ) -> Void

    /// The piecewise-linear activations after a bias, sixteen values at a time
    /// (`grounding_piecewise_activation_avx512`); nil below ``avx512``, where Swift's SIMD path runs.
    package var piecewiseActivation: PiecewiseActivation? {
        self == .avx512 ? grounding_piecewise_activation_avx512 : nil
    }

    /// The signature of ``silu``'s C kernel (see `vector_kernels.h`).
    package typealias SiLU = @convention(c) (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Float) -> Void

    /// SiLU (swish) after a bias, sixteen values at a time (`grounding_silu_avx512`), e^x as
    /// ``Activation/exponential(_:)`` computes it; nil below ``avx512``, where Swift's SIMD path runs.
    package var silu: SiLU? {
        self == .avx512 ? grounding_silu_avx512 : nil
    }
}
