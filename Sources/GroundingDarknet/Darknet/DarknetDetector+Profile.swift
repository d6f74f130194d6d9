#if canImport(Glibc)
import Glibc
#endif
import GroundingCore

/// The time one layer took in a profiled forward pass.
///
/// ```swift
/// for layer in detector.profile(batch: 1, iterations: 5) { print(layer) }
/// ```
public struct LayerProfile: Sendable {
    /// Position in the cfg (0 = first layer after `[net]`).
    public var index: Int
    /// What the layer is, e.g. `conv 3×3/1 64→64 leaky`.
    public var summary: String
    /// Its output shape for one image, `C×H×W`.
    public var output: String
    /// Floating-point operations for the whole batch (convolutions; a multiply-add counts two).
    public var flops: Int
    /// Median wall time over the profiled passes, in milliseconds.
    public var milliseconds: Double
}

extension DarknetDetector {
    /// Runs `iterations` forward passes of `batch` copies of `input` and returns every layer's
    /// median time: where a forward pass spends its time, for the benchmark harness.
    ///
    /// ```swift
    /// for layer in try detector.profile(batch: 1, iterations: 10) { print(layer.summary, layer.milliseconds) }
    /// ```
    public func profile(batch: Int, iterations: Int) -> [LayerProfile] {
        let shape = network.input
        let images = [Float](repeating: 0.5, count: batch * shape.count)
        var samples = [[Double]](repeating: [], count: network.layers.count)
        workspaces.withWorkspace(network: network, batch: batch, threads: threads) { workspace in
            images.withUnsafeBufferPointer { images in
                for _ in 0..<iterations {
                    var last = Self.now()
                    network.forward(images.baseAddress!, batch: batch, workspace: workspace) { index in
                        let time = Self.now()
                        samples[index].append(time - last)
                        last = time
                    }
                }
            }
        }
        return network.layers.enumerated().map { index, layer in
            let sorted = samples[index].sorted()
            return LayerProfile(index: index, summary: layer.summary, output: layer.output.description,
                                flops: batch * layer.flops, milliseconds: sorted.isEmpty ? 0 : sorted[sorted.count / 2])
        }
    }

    /// Monotonic time in milliseconds.
    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
}

extension DarknetDetector {
    /// Floating-point operations of one image's forward pass through all convolutions
    /// (a multiply-add counts two): the numerator of GFLOP/s figures.
    public var convolutionFlops: Int { network.convolutionFlops }
}
