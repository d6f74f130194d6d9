#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Runs the workers of one layer on `width` threads at once.
package enum Parallel {
    /// Calls `body(t)` for every `t` in `0..<width`, concurrently, and returns when all are done:
    /// on the ``WorkerPool``, or through Dispatch when the pool is busy or too small.
    package static func run(width: Int, _ body: (Int) -> Void) {
        if width <= 1 {
            body(0)
        } else if !WorkerPool.shared.run(width: width, body) {
            // The workers share raw pointers, which are not Sendable; each worker writes only its
            // own share of the buffers, so the calls do not race.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: width) { body($0) }
        }
    }

    /// Calls `body(worker, item)` for every `item` in `0..<count` on `width` workers, each item
    /// once; `worker` is in `0..<width`, so a worker can own scratch slot `worker`.
    ///
    /// Workers take the next item as they finish one, so a worker that the OS pauses (the
    /// machine may be busy) does not hold up the others.
    package static func forEach(_ count: Int, width: Int, _ body: (_ worker: Int, _ item: Int) -> Void) {
        let next = Atomic<Int>(0)
        run(width: min(width, count)) { worker in
            while true {
                let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard item < count else { return }
                body(worker, item)
            }
        }
    }

    /// The number of processors online.
    package static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The most workers the work of the current request may use (nil: no bound). An engine built
    /// for fewer threads than the processors binds it around each answer, so that the work it does
    /// between model passes (preprocessing, describing, correlating) keeps to them too.
    @TaskLocal package static var budget: Int?

    /// The default number of workers: one per processor, or the request's ``budget`` when lower.
    package static var defaultWidth: Int {
        min(processorCount, max(1, budget ?? processorCount))
    }
}

extension Parallel {
    /// Calls `body` on consecutive chunks of `0..<count`, at least `minimum` long, on up to
    /// `width` workers: how elementwise kernels split their work (tiny tensors stay on one thread,
    /// where waking a second one would cost more than it saves).
    package static func forEachChunk(of count: Int, width: Int, minimum: Int = 16_384, _ body: (Range<Int>) -> Void) {
        let chunks = max(1, min(width, count / minimum))
        forEach(chunks, width: chunks) { _, chunk in
            body(chunk * count / chunks..<(chunk + 1) * count / chunks)
        }
    }
}
