import Synchronization

/// The buffers one forward pass of a planned graph writes: every activation (placed by an ``ActivationPlan``) and
/// the convolutions' scratch, allocated once and reused by every pass.
///
/// `@unchecked Sendable`: a workspace is used by one pass at a time; ``ActivationWorkspacePool``
/// hands it out and takes it back under a lock.
package final class ActivationWorkspace: @unchecked Sendable {
    /// The number of workers the pass splits each operator between.
    package let threads: Int
    /// Scratch for im2col, large enough for every kernel at ``threads``.
    package let scratch: UnsafeMutablePointer<Float>
    /// Per tensor index, where its values are (a 1-float dummy for tensors that are not activations).
    private let pointers: [UnsafeMutablePointer<Float>]
    /// Every buffer this workspace allocated, freed with it.
    private let owned: [UnsafeMutablePointer<Float>]

    /// Allocates the buffers of `plan` and `scratchCount` floats of scratch.
    package init(plan: ActivationPlan, scratchCount: Int, threads: Int) {
        self.threads = threads
        let buffers = (plan.bufferSizes + [1, max(1, scratchCount)]).map { count in
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            return pointer
        }
        let dummy = buffers[buffers.count - 2]
        self.pointers = plan.bufferOfTensor.map { $0 >= 0 ? buffers[$0] : dummy }
        self.scratch = buffers[buffers.count - 1]
        self.owned = buffers
    }

    /// Where tensor `index`'s values are.
    package subscript(index: Int) -> UnsafeMutablePointer<Float> { pointers[index] }

    deinit {
        for buffer in owned { buffer.deallocate() }
    }
}

/// Idle workspaces of one interpreter, so that concurrent passes each get their own buffers and
/// steady-state passes allocate nothing.
package final class ActivationWorkspacePool: Sendable {
    /// Idle workspaces kept (each holds a few MB).
    static let maxIdle = 8
    private let idle = Mutex<[ActivationWorkspace]>([])

    /// An empty pool.
    package init() {}

    /// Runs `body` with an idle workspace for `threads` workers (made by `make` if there is
    /// none), then returns the workspace to the pool.
    package func withWorkspace<Result>(threads: Int, make: () -> ActivationWorkspace, _ body: (ActivationWorkspace) throws -> Result) rethrows -> Result {
        let reused = idle.withLock { list -> ActivationWorkspace? in
            guard let index = list.firstIndex(where: { $0.threads == threads }) else { return nil }
            return list.remove(at: index)
        }
        let workspace = reused ?? make()
        defer {
            idle.withLock { list in
                list.append(workspace)
                if list.count > Self.maxIdle { list.removeFirst() }
            }
        }
        return try body(workspace)
    }
}
