/// The buffers one forward pass of a network writes: layer outputs for `batch` images and the
/// im2col scratch, allocated once and reused by every pass of that batch size or smaller.
///
/// A layer's output lives only until its last reader has run, so layers whose lifetimes do not
/// overlap share one buffer (YOLOv4-tiny at 416², batch 1: 27 MB with the im2col scratch,
/// against 56 MB if every output were kept). Outputs the `[yolo]` layers decode live to the end.
///
/// `@unchecked Sendable`: a workspace is used by one call at a time; ``DarknetWorkspacePool``
/// hands it out and takes it back under a lock.
package final class DarknetWorkspace: @unchecked Sendable {
    /// The most images one pass may hold.
    package let batch: Int
    /// The number of workers a pass splits each layer between.
    package let threads: Int
    /// Per layer, where its output for `batch` images goes; a `[yolo]` layer's is its input's.
    package let outputs: [UnsafeMutablePointer<Float>]
    /// im2col scratch, large enough for the largest convolution.
    let scratch: UnsafeMutablePointer<Float>
    /// The buffers this workspace allocated (`scratch` last), freed with it.
    private let owned: [UnsafeMutablePointer<Float>]
    /// The floats allocated in all, scratch included.
    package let valueCount: Int

    /// Allocates the buffers of `network` for `batch` images run by `threads` workers.
    /// With `keepingEveryOutput`, no two layers share a buffer, so every layer's output can be
    /// read after a pass (for tests and debugging).
    package init(network: DarknetNetwork, batch: Int, threads: Int, keepingEveryOutput: Bool = false) {
        self.batch = batch
        self.threads = threads
        let layers = network.layers
        let lastReader = keepingEveryOutput ? [Int](repeating: .max, count: layers.count) : Self.lastReaders(of: layers)
        var outputs: [UnsafeMutablePointer<Float>] = []
        var owned: [UnsafeMutablePointer<Float>] = []
        var sizes: [Int] = []                       // per owned buffer, its capacity
        var free: [Int] = []                        // indices into `owned` no live output uses
        var bufferOfLayer: [Int] = []               // per layer, its index into `owned`
        var releasedAfter = [[Int]](repeating: [], count: layers.count)
        var scratchCount = 1
        for (index, layer) in layers.enumerated() {
            if case .convolution(let convolution) = layer {
                scratchCount = max(scratchCount, convolution.scratchCount(batch: batch, threads: threads))
            }
            if case .yolo = layer, index > 0 {
                bufferOfLayer.append(bufferOfLayer[index - 1])
                outputs.append(outputs[index - 1])
                continue
            }
            let count = batch * layer.output.count
            // The smallest free buffer that fits; the inputs of this layer are still held.
            let buffer: Int
            if let fit = free.filter({ sizes[$0] >= count }).min(by: { sizes[$0] < sizes[$1] }) {
                buffer = fit
                free.removeAll { $0 == fit }
            } else {
                let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
                pointer.initialize(repeating: 0, count: count)
                owned.append(pointer)
                sizes.append(count)
                buffer = owned.count - 1
            }
            bufferOfLayer.append(buffer)
            outputs.append(owned[buffer])
            if lastReader[index] < layers.count { releasedAfter[lastReader[index]].append(buffer) }
            // Outputs whose last reader is this layer are free for the layers after it.
            free += releasedAfter[index]
        }
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        self.scratch = scratch
        self.outputs = outputs
        self.owned = owned + [scratch]
        self.valueCount = sizes.reduce(scratchCount, +)
    }

    /// Per layer, the index of the last layer that reads its output (`Int.max`: kept to the end,
    /// because a `[yolo]` layer decodes it after the pass).
    static func lastReaders(of layers: [DarknetLayer]) -> [Int] {
        var last = Array(layers.indices)
        for (index, layer) in layers.enumerated() {
            if index > 0 { last[index - 1] = max(last[index - 1], index) }
            switch layer {
            case .route(let route): for source in route.sources { last[source] = max(last[source], index) }
            case .shortcut(let shortcut): last[shortcut.source] = max(last[shortcut.source], index)
            case .yolo: if index > 0 { last[index - 1] = .max }
            default: break
            }
        }
        return last
    }

    /// Layer `index`'s output for image `image` of the batch (valid after a pass only if no later
    /// layer reused its buffer: always for the inputs of `[yolo]` layers).
    package func output(of index: Int, image: Int, network: DarknetNetwork) -> UnsafePointer<Float> {
        UnsafePointer(outputs[index] + image * network.layers[index].output.count)
    }

    deinit {
        for buffer in owned { buffer.deallocate() }
    }
}
