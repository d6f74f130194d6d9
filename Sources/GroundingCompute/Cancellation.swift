import Synchronization

/// A request's "stop" flag, seen by the blocking work it runs: the engine checks it between
/// batches of tiles and the runtimes between network layers, so a cancelled request stops within
/// a layer's time instead of finishing its whole photo.
///
/// The flag is bound for the work's duration with ``bound(to:_:)`` (a task-local value, which
/// also works on the engine's own threads, outside any task); code that never binds one sees
/// ``isRequested`` false.
///
/// ```swift
/// let flag = Cancellation()
/// Cancellation.bound(to: flag) { runRequest() }   // runRequest checks Cancellation.isRequested
/// flag.cancel()                                    // from any thread
/// ```
public final class Cancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// A flag not yet raised.
    public init() {}

    /// Raises the flag.
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Whether the flag is raised.
    public var isCancelled: Bool {
        cancelled.load(ordering: .relaxed)
    }

    /// The flag of the work running on this thread or task, if any.
    @TaskLocal public static var current: Cancellation?

    /// Whether the work running here has been asked to stop.
    public static var isRequested: Bool {
        current?.isCancelled ?? false
    }

    /// Runs `work` with `flag` as ``current``.
    public static func bound<T, E: Error>(to flag: Cancellation, _ work: () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = $current.withValue(flag) { Result { () throws(E) in try work() } }
        return try result.get()
    }
}
