/// The buffers one forward pass of a network writes: every layer's output for `batch` images and
/// the im2col scratch, allocated once and reused by every pass of that batch size.
///
/// `@unchecked Sendable`: a workspace is used by one call at a time; ``DarknetWorkspacePool``
/// hands it out and takes it back under a lock.
package final class DarknetWorkspace: @unchecked Sendable {
    /// The most images one pass may hold.
    package let batch: Int
    /// Per layer, its output for `batch` images; a `[yolo]` layer shares its input's buffer.
    package let outputs: [UnsafeMutablePointer<Float>]
    /// im2col scratch, large enough for the largest convolution.
    let columns: UnsafeMutablePointer<Float>
    /// The buffers this workspace owns (`outputs` minus the shared ones, plus `columns`).
    private let owned: [UnsafeMutablePointer<Float>]

    /// Allocates the buffers of `network` for `batch` images.
    package init(network: DarknetNetwork, batch: Int) {
        self.batch = batch
        var outputs: [UnsafeMutablePointer<Float>] = []
        var owned: [UnsafeMutablePointer<Float>] = []
        var columnCount = 1
        for layer in network.layers {
            if case .yolo = layer, let input = outputs.last {
                outputs.append(input)
                continue
            }
            if case .convolution(let convolution) = layer { columnCount = max(columnCount, convolution.columnCount) }
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: batch * layer.output.count)
            buffer.initialize(repeating: 0, count: batch * layer.output.count)
            outputs.append(buffer)
            owned.append(buffer)
        }
        columns = .allocate(capacity: columnCount)
        columns.initialize(repeating: 0, count: columnCount)
        self.outputs = outputs
        self.owned = owned
    }

    /// Layer `index`'s output for image `image` of the batch.
    package func output(of index: Int, image: Int, network: DarknetNetwork) -> UnsafePointer<Float> {
        UnsafePointer(outputs[index] + image * network.layers[index].output.count)
    }

    deinit {
        for buffer in owned { buffer.deallocate() }
        columns.deallocate()
    }
}
