#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Threads that stay awake between the operators of a forward pass.
///
/// A small network (MediaPipe's detectors: 90 to 160 operators, about 60 µs each on average)
/// hands work to a second thread once per operator. Through `DispatchQueue.concurrentPerform` each
/// hand-over woke a parked thread and let it park again, and on these machines that cost more
/// than the second thread saved: a face pass took 14.4 ms on two threads and 9.4 ms on one.
/// These workers instead wait for the next job by watching a counter for a short while
/// (``spinNanoseconds``) before they sleep, as OpenMP runtimes and XNNPACK's thread pool do, so
/// within a pass no hand-over sleeps or wakes a thread.
///
/// A job is `width` shares that whoever is there claims, one at a time: the caller as well as
/// the workers. A worker the system has not scheduled (the machine is busy) leaves its share to
/// the caller instead of holding it up; the caller waits only for shares a worker has begun.
///
/// One job runs at a time. A caller that finds the pool busy (another thread's job, or a job
/// started from inside a job), or that asks for more workers than it has, gets `false` and runs
/// its work some other way.
package final class WorkerPool: @unchecked Sendable {
    /// One worker per processor beyond the caller's.
    package static let shared = WorkerPool(workers: Parallel.processorCount - 1)

    /// How long a worker that has finished a job watches for the next one before it sleeps:
    /// longer than the gap between two operators of a pass, short enough that an idle engine
    /// gives its processors back at once.
    static let spinNanoseconds: UInt64 = 200_000

    /// How many threads it runs besides the caller (fewer than asked if the system refused some).
    package private(set) nonisolated(unsafe) var workers = 0
    /// Set while a job runs: a second caller does not wait for the first.
    private let busy = Atomic<Bool>(false)
    /// The current job's ``Claim``, packed: a share is claimed by moving it on by one, which
    /// fails if another took that share or a new job has begun.
    private let claim = Atomic<Int>(0)
    /// Shares of the current job finished.
    private let finished = Atomic<Int>(0)
    /// The current job, written before its ``claim`` is published (release) and read after a
    /// share of it is claimed (acquire); it stays until every share is finished.
    private nonisolated(unsafe) var job: ((Int) -> Void)?
    /// Where workers sleep: a mutex and condition on the heap, so that their addresses are stable.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// Workers asleep on ``condition`` (guarded by ``mutex``).
    private nonisolated(unsafe) var sleepers = 0

    /// A job's number (below 2³¹), its width and the next share to claim, in one word so that
    /// they change together.
    struct Claim {
        var generation: Int, width: Int, next: Int

        var packed: Int { generation << 32 | width << 16 | next }
    }

    /// A pool of `workers` threads (none when `workers` < 1), started at once and kept for the
    /// life of the process.
    package init(workers: Int) {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        // A thread the system refuses ends the pool there.
        while self.workers < min(workers, 0xFFFE), start() { self.workers += 1 }
    }

    /// Calls `body(t)` once for every `t` in `0..<width`, concurrently on the calling thread and
    /// the pool's workers, and returns `true` when all are done; returns `false` at once, without
    /// calling `body`, when the pool is busy or has fewer than `width − 1` workers.
    package func run(width: Int, _ body: (Int) -> Void) -> Bool {
        guard width - 1 <= workers, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        // The job does not outlive this call: it returns only after every share has finished.
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            let current = Claim(packed: claim.load(ordering: .relaxed))
            let generation = (current.generation + 1) & 0x7FFF_FFFF
            claim.store(Claim(generation: generation, width: width, next: 0).packed, ordering: .releasing)
            pthread_mutex_lock(mutex)
            if sleepers > 0 { pthread_cond_broadcast(condition) }
            pthread_mutex_unlock(mutex)
            runShares(of: generation)
            var spins = 0
            while finished.load(ordering: .acquiring) < width {
                // A worker holding a share may be waiting for this very processor.
                spins += 1
                if spins > 1024 { sched_yield() }
            }
            job = nil
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// Claims and runs shares of job `generation` until none is left (or another job has begun).
    private func runShares(of generation: Int) {
        var packed = claim.load(ordering: .acquiring)
        while true {
            let current = Claim(packed: packed)
            guard current.generation == generation, current.next < current.width else { return }
            var taken = current
            taken.next += 1
            let (exchanged, original) = claim.compareExchange(expected: packed, desired: taken.packed, ordering: .acquiringAndReleasing)
            if exchanged {
                job?(current.next)
                finished.wrappingAdd(1, ordering: .releasing)
                packed = claim.load(ordering: .acquiring)
            } else {
                packed = original
            }
        }
    }

    /// Starts a worker's thread; false if the system would not.
    private func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<WorkerPool>.fromOpaque(context!).takeRetainedValue().work()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<WorkerPool>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    /// A worker's loop: wait for a new job, take what shares of it are left, repeat.
    private func work() {
        // Not the job counter's value when the thread gets going: a job may have been posted before.
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            runShares(of: seen)
        }
    }

    /// Returns the number of the next job after `seen`: watched for ``spinNanoseconds``, then
    /// waited for asleep.
    private func waitForJob(after seen: Int) -> Int {
        let deadline = Self.now() + Self.spinNanoseconds
        var spins = 0
        while true {
            let current = Claim(packed: claim.load(ordering: .acquiring)).generation
            if current != seen { return current }
            spins += 1
            // The clock is read now and then (a load of the counter costs far less), and the
            // processor offered to any other thread that is ready to run.
            if spins & 255 == 0 {
                if Self.now() > deadline { break }
                sched_yield()
            }
        }
        pthread_mutex_lock(mutex)
        sleepers += 1
        var current = Claim(packed: claim.load(ordering: .acquiring)).generation
        while current == seen {
            pthread_cond_wait(condition, mutex)
            current = Claim(packed: claim.load(ordering: .acquiring)).generation
        }
        sleepers -= 1
        pthread_mutex_unlock(mutex)
        return current
    }

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

extension WorkerPool.Claim {
    init(packed: Int) {
        self.init(generation: packed >> 32, width: (packed >> 16) & 0xFFFF, next: packed & 0xFFFF)
    }
}
