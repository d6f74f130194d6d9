import Dispatch
import Foundation
import Synchronization

/// The engine's own threads for its asynchronous requests: blocking work (decoding, forward
/// passes) runs here, never on Swift's cooperative pool, so the caller's other tasks keep
/// running while requests are answered. At most `width` requests run at once; the rest wait in
/// a first-in, first-out queue.
///
/// The threads start with the first request and stop when the executor is released.
///
/// ```swift
/// let executor = RequestExecutor(width: 2)
/// executor.submit { answerOneRequest() }
/// ```
package final class RequestExecutor: Sendable {
    /// Requests that may run at once (one thread each).
    package let width: Int
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var started = false
    }
    /// What the threads share: the queue and the count of jobs (or stop signals) waiting.
    private final class Queue: Sendable {
        let state = Mutex(State())
        let available = DispatchSemaphore(value: 0)
    }
    private let queue = Queue()

    /// An executor of `width` threads (at least 1).
    package init(width: Int) {
        self.width = max(1, width)
    }

    deinit {
        // Each thread takes one signal with no job and stops.
        if queue.state.withLock({ $0.started }) { for _ in 0..<width { queue.available.signal() } }
    }

    /// Queues `job`; it runs on one of the executor's threads as soon as one is free.
    package func submit(_ job: @escaping @Sendable () -> Void) {
        let start = queue.state.withLock { state -> Bool in
            state.jobs.append(job)
            defer { state.started = true }
            return !state.started
        }
        if start {
            for index in 0..<width {
                // The threads hold the queue, not the executor, so releasing the executor (its
                // deinit) is what tells them to stop.
                let thread = Thread { [queue = self.queue] in Self.work(queue) }
                thread.name = "grounding-request-\(index)"
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
        queue.available.signal()
    }

    /// A thread's loop: take the next job, run it; stop when the executor is released.
    private static func work(_ queue: Queue) {
        while true {
            queue.available.wait()
            let job = queue.state.withLock { state -> (@Sendable () -> Void)? in
                guard state.head < state.jobs.count else { return nil }
                let job = state.jobs[state.head]
                state.head += 1
                if state.head > 64 && state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            guard let job else { return }  // signalled with no job: the executor is stopping
            job()
        }
    }
}
