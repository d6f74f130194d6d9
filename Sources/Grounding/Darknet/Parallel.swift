#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Runs the workers of one layer on `width` threads at once.
///
/// Layers split their work statically (worker `t` takes items `t`, `t + width`, ...), so that
/// each worker can own scratch slot `t` without locking.
package enum Parallel {
    /// Calls `body(t)` for every `t` in `0..<width`, concurrently, and returns when all are done.
    package static func run(width: Int, _ body: (Int) -> Void) {
        if width <= 1 {
            body(0)
        } else {
            // The workers share raw pointers, which are not Sendable; each worker writes only its
            // own share of the buffers, so the calls do not race.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: width) { body($0) }
        }
    }

    /// The number of processors online: the default number of workers.
    package static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
