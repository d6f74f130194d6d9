/// The buffers one forward pass of a network writes: every layer's output for `batch` images and
/// the im2col scratch, allocated once and reused by every pass of that batch size.
///
/// `@unchecked Sendable`: a workspace is used by one call at a time; ``DarknetWorkspacePool``
/// hands it out and takes it back under a lock.
package final class DarknetWorkspace: @unchecked Sendable {
    /// The most images one pass may hold.
    package let batch: Int
    /// The number of workers a pass splits each layer between.
    package let threads: Int
    /// Per layer, its output for `batch` images; a `[yolo]` layer shares its input's buffer.
    package let outputs: [UnsafeMutablePointer<Float>]
    /// im2col scratch, large enough for the largest convolution.
    let scratch: UnsafeMutablePointer<Float>
    /// The buffers this workspace owns (`outputs` minus the shared ones; `scratch` too).
    private let owned: [UnsafeMutablePointer<Float>]

    /// Allocates the buffers of `network` for `batch` images run by `threads` workers.
    package init(network: DarknetNetwork, batch: Int, threads: Int) {
        self.batch = batch
        self.threads = threads
        var outputs: [UnsafeMutablePointer<Float>] = []
        var owned: [UnsafeMutablePointer<Float>] = []
        var scratchCount = 1
        for layer in network.layers {
            if case .yolo = layer, let input = outputs.last {
                outputs.append(input)
                continue
            }
            if case .convolution(let convolution) = layer {
                scratchCount = max(scratchCount, convolution.scratchCount(batch: batch, threads: threads))
            }
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: batch * layer.output.count)
            buffer.initialize(repeating: 0, count: batch * layer.output.count)
            outputs.append(buffer)
            owned.append(buffer)
        }
        scratch = .allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        self.outputs = outputs
        self.owned = owned
    }

    /// Layer `index`'s output for image `image` of the batch.
    package func output(of index: Int, image: Int, network: DarknetNetwork) -> UnsafePointer<Float> {
        UnsafePointer(outputs[index] + image * network.layers[index].output.count)
    }

    deinit {
        for buffer in owned { buffer.deallocate() }
        scratch.deallocate()
    }
}
