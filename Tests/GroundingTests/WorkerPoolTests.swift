import Foundation
import Synchronization
import Testing
import Grounding

/// The worker pool that keeps a forward pass's threads awake between operators: every share of
/// every job runs exactly once, whether the workers are spinning or asleep, and a caller that
/// cannot have the pool (busy, from inside a job, too wide) is told so and loses nothing.
@Suite struct WorkerPoolTests {
    /// `width` counters, one per share of a job. Atomics, not a `Mutex`: ThreadSanitizer does not
    /// see `Mutex`'s locking (`scripts/tsan-suppressions.txt`), and `make sanitize` runs this suite.
    final class Tally: Sendable {
        final class Counter: Sendable { let value = Atomic<Int>(0) }
        let counters: [Counter]
        init(width: Int) { counters = (0..<width).map { _ in Counter() } }
        func add(_ share: Int) { counters[share].value.wrappingAdd(1, ordering: .relaxed) }
        var values: [Int] { counters.map { $0.value.load(ordering: .relaxed) } }
    }

    @Test func everyShareOfManyJobsRunsOnceWhileTheWorkersSpin() {
        let pool = WorkerPool(workers: 3)
        #expect(pool.workers == 3)
        for width in [2, 3, 4] {
            let tally = Tally(width: width)
            for _ in 0..<2_000 {
                #expect(pool.run(width: width) { tally.add($0) })
            }
            #expect(tally.values == Array(repeating: 2_000, count: width), "width \(width)")
        }
    }

    /// A worker asleep takes a share of the next job. The caller holds its own share until the
    /// other is done (for at most a second), so the other can only have been run by a worker
    /// that woke; a worker that never woke would leave it to the caller after the second.
    @Test func workersAsleepWakeForTheNextJob() {
        let pool = WorkerPool(workers: 1)
        let caller = pthread_self()
        let byWorker = Tally(width: 1)
        for _ in 0..<5 {
            // Longer than the workers watch for a job: each job finds them asleep.
            Thread.sleep(forTimeInterval: 0.005)
            let job = Tally(width: 2)
            #expect(pool.run(width: 2) { share in
                job.add(share)
                guard pthread_equal(pthread_self(), caller) != 0 else { return byWorker.add(0) }
                let deadline = ContinuousClock.now + .seconds(1)
                while job.values.reduce(0, +) < 2, ContinuousClock.now < deadline { sched_yield() }
            })
            #expect(job.values == [1, 1])
        }
        // Five at least: a worker awake early enough may take both shares of a job.
        #expect(byWorker.values[0] >= 5)
    }

    /// A machine busier than its processors: four pools of three workers each run jobs at once,
    /// so workers are often not scheduled when their job begins. Shares are claimed by whoever
    /// is there, so every share still runs once and every job ends.
    @Test func everyShareRunsOnceWhenWorkersOutnumberTheProcessors() {
        let pools = (0..<4).map { _ in WorkerPool(workers: 3) }
        let tallies = pools.map { _ in Tally(width: 4) }
        DispatchQueue.concurrentPerform(iterations: pools.count) { index in
            for _ in 0..<500 {
                #expect(pools[index].run(width: 4) { tallies[index].add($0) })
            }
        }
        for tally in tallies { #expect(tally.values == [500, 500, 500, 500]) }
    }

    @Test func aCallerThatCannotHaveThePoolIsToldSoAndNothingRuns() {
        let pool = WorkerPool(workers: 1)
        let tally = Tally(width: 3)
        // Wider than the pool.
        #expect(!pool.run(width: 3) { tally.add($0) })
        // From inside a job: the pool is busy.
        let nestedRan = Tally(width: 1)
        #expect(pool.run(width: 2) { share in
            if share == 0, pool.run(width: 2, { tally.add($0) }) { nestedRan.add(0) }
        })
        #expect(nestedRan.values == [0])
        #expect(tally.values == [0, 0, 0])
        // A pool without workers takes nothing wider than the caller.
        #expect(!WorkerPool(workers: 0).run(width: 2) { tally.add($0) })
    }

    /// Several threads at once through ``Parallel``: one has the pool, the others run through
    /// Dispatch, and every item of every call is done once.
    @Test func concurrentCallersAllFinishTheirWork() {
        let callers = 4, items = 64, rounds = 200
        let done = (0..<callers).map { _ in Tally(width: items) }
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for _ in 0..<rounds {
                Parallel.forEach(items, width: 2) { _, item in done[caller].add(item) }
            }
        }
        for tally in done { #expect(tally.values == Array(repeating: rounds, count: items)) }
    }
}
