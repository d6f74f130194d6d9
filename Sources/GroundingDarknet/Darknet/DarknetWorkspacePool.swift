import Synchronization

/// Idle workspaces of one network, so that concurrent `detect` calls each get their own buffers
/// and steady-state calls allocate none.
package final class DarknetWorkspacePool: Sendable {
    /// Idle workspaces kept; more would only hold memory (each is tens of MB per image).
    static let maxIdle = 4
    private let idle = Mutex<[DarknetWorkspace]>([])

    /// Creates an empty pool.
    package init() {}

    /// Runs `body` with an idle workspace for exactly `batch` images and `threads` workers (allocated if there is
    /// none) and returns the workspace to the pool afterwards.
    package func withWorkspace<Result>(network: DarknetNetwork, batch: Int, threads: Int,
                                       _ body: (DarknetWorkspace) throws -> Result) rethrows -> Result {
        let reused = idle.withLock { list -> DarknetWorkspace? in
            guard let index = list.firstIndex(where: { $0.batch == batch && $0.threads == threads }) else { return nil }
            return list.remove(at: index)
        }
        let workspace = reused ?? DarknetWorkspace(network: network, batch: batch, threads: threads)
        defer {
            idle.withLock { list in
                list.append(workspace)
                if list.count > Self.maxIdle { list.removeFirst() }
            }
        }
        return try body(workspace)
    }
}
