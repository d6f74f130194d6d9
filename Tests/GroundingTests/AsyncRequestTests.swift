import Foundation
import Testing
import Grounding

/// The asynchronous forms run on the engine's own threads: the caller's other tasks keep their
/// pace, cancellation stops a request early, and the answers are the synchronous ones. Bounds are
/// loose for a shared 2-core machine. Each test has its own engine (its own request threads), and
/// the suite runs its tests one at a time, so one test's requests never queue behind another's.
/// `make test` runs this suite on its own, after the others: their synchronous tests block the
/// cooperative pool the heartbeat needs, which says nothing about the engine.
@Suite(.serialized) struct AsyncRequestTests {
    /// An engine of its own on the shared model.
    static func engine(maxConcurrentRequests: Int? = nil) throws -> GroundingEngine {
        GroundingEngine(detectors: [try TestSupport.engine().detector], exemplarMatcher: nil, maxConcurrentRequests: maxConcurrentRequests)
    }

    /// kite.jpg stretched (nearest neighbour) to 4032×3024: 12 MP, tiled into 21 regions.
    static let twelveMegapixels: RGBImage = {
        let photo = try! ImageDecoder.decode(contentsOf: TestSupport.testImage("kite.jpg")).image
        let (width, height) = (4032, 3024)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let sy = y * photo.height / height
            for x in 0..<width {
                let source = sy * photo.rowStride + (x * photo.width / width) * 3
                for c in 0..<3 { pixels[(y * width + x) * 3 + c] = photo.pixels[source + c] }
            }
        }
        return RGBImage(width: width, height: height, rowStride: width * 3, pixels: pixels)
    }()

    @Test func aHeartbeatKeepsItsPaceWhileEightRequestsRunAndTheAnswersAreTheSyncOnes() async throws {
        let engine = try Self.engine()
        let path = TestSupport.testImage("kite.jpg")
        // The synchronous form (in an async context `try await` picks the asynchronous one).
        let expected = try { () throws -> GroundingResult in try engine.ground(contentsOf: path, objects: ["person", "kite"], mode: .count) }()
        let heartbeat = Task { () -> Duration in
            var worst = Duration.zero
            var last = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(5))
                let now = ContinuousClock.now
                worst = max(worst, now - last - .milliseconds(5))
                last = now
            }
            return worst
        }
        let results = try await withThrowingTaskGroup(of: GroundingResult.self) { group in
            for _ in 0..<8 {
                group.addTask { try await engine.ground(contentsOf: path, objects: ["person", "kite"], mode: .count) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        heartbeat.cancel()
        let worst = await heartbeat.value
        print("heartbeat: at worst \(worst) late while 8 requests ran")
        #expect(worst <= .milliseconds(250), "the heartbeat waited \(worst) at worst")
        #expect(results.count == 8)
        for result in results {
            #expect(result.objects.map(\.count) == expected.objects.map(\.count))
            #expect(result.objects.map { $0.detections.map(\.box) } == expected.objects.map { $0.detections.map(\.box) })
        }
    }

    @Test func aCancelledRequestStopsEarlyWithCancellationError() async throws {
        let engine = try Self.engine()
        let image = Self.twelveMegapixels
        let start = ContinuousClock.now
        let full = try await engine.ground(image, objects: ["person"], mode: .count)
        let uncancelled = ContinuousClock.now - start
        #expect(full.regionCount > 10)

        let cancelledStart = ContinuousClock.now
        let task = Task { try await engine.ground(image, objects: ["person"], mode: .count) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let outcome = await task.result
        let cancelled = ContinuousClock.now - cancelledStart
        guard case .failure(let error) = outcome else {
            Issue.record("the cancelled request answered")
            return
        }
        print("cancellation: a 12 MP request cancelled after 50 ms ended after \(cancelled); uncancelled it took \(uncancelled)")
        #expect(error is CancellationError, "\(error)")
        #expect(cancelled * 3 < uncancelled, "cancelled after \(cancelled), a whole request takes \(uncancelled)")
    }

    @Test func aTaskCancelledBeforeItsTurnNeverRuns() async throws {
        let engine = try Self.engine(maxConcurrentRequests: 1)
        #expect(engine.maxConcurrentRequests == 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await engine.ground(contentsOf: TestSupport.testImage("dog.jpg"), objects: ["dog"], mode: .count)
        }
        let outcome = await task.result
        guard case .failure(let error) = outcome else {
            Issue.record("a cancelled task answered")
            return
        }
        #expect(error is CancellationError)
    }
}
