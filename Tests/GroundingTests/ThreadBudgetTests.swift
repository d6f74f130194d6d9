import Foundation
import Testing
import Grounding
import GroundingCompute
import Synchronization

/// An engine built for fewer threads than the processors (`ground --threads 1`) keeps its own
/// work between model passes to them: preprocessing a batch, describing boxes for the likeness,
/// correlating examples (``GroundingEngine/threads``, `Parallel.budget`).
@Suite struct ThreadBudgetTests {
    @Test func aBudgetBoundsTheDefaultNumberOfWorkers() {
        #expect(Parallel.defaultWidth == Parallel.processorCount)
        Parallel.$budget.withValue(1) { #expect(Parallel.defaultWidth == 1) }
        Parallel.$budget.withValue(Parallel.processorCount + 7) { #expect(Parallel.defaultWidth == Parallel.processorCount) }
    }

    /// The default numbers of workers seen while a detector ran.
    final class Widths: Sendable {
        let seen = Mutex<Set<Int>>([])
    }

    /// Each answer of an engine of one thread runs within that budget, and an engine built
    /// without one leaves every processor to its work.
    @Test(arguments: [1, nil] as [Int?])
    func anEngineBindsItsBudgetAroundEachAnswer(threads: Int?) throws {
        // The width the engine's own parallel work (the batch's preprocessing just before) gets.
        let widths = Widths()
        let witness = MediaPipeTestSupport.FirstLookOnly(detector: try TestSupport.engine().detector) {
            widths.seen.withLock { _ = $0.insert(Parallel.defaultWidth) }
        }
        let engine = GroundingEngine(detectors: [witness], exemplarMatcher: TemplateMatcher(), threads: threads)
        _ = try engine.ground(contentsOf: TestSupport.testImage("kite.jpg"), objects: ["people"], mode: .count)
        #expect(widths.seen.withLock { $0 } == [threads ?? Parallel.processorCount])
        #expect(Parallel.defaultWidth == Parallel.processorCount)
    }

    /// The work an engine of one thread does on that thread is the same work: on the same models,
    /// its answers equal those of an engine of every processor. kite.jpg's people pass through
    /// the batch preprocessing, finding the rest's correlation and likeness; coins.png's coins
    /// through the exemplar matcher.
    @Test func oneThreadGivesTheAnswersOfEveryProcessor() throws {
        let every = try TestSupport.engine()
        let one = GroundingEngine(detectors: every.detectors, exemplarMatcher: TemplateMatcher(), threads: 1)
        #expect(one.threads == 1 && every.threads == 2)
        let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
        for (photo, query) in [("kite.jpg", ObjectQuery.name("people")), ("coins.png", .exemplar([coin]))] {
            let path = TestSupport.testImage(photo)
            let answers = try [one, every].map { try $0.ground(contentsOf: path, queries: [query], mode: .count).objects }
            #expect(answers[0] == answers[1], "\(photo)")
            #expect(answers[0][0].count > 0, "\(photo)")
        }
    }
}
