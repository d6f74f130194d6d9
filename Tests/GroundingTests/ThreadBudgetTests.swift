import Foundation
import Testing
import Grounding
import GroundingCompute

/// An engine built for fewer threads than the processors (`ground --threads 1`) keeps its own
/// work between model passes to them: preprocessing a batch, describing boxes for the likeness,
/// correlating examples (``GroundingEngine/threads``, `Parallel.budget`).
@Suite struct ThreadBudgetTests {
    @Test func aBudgetBoundsTheDefaultNumberOfWorkers() {
        #expect(Parallel.defaultWidth == Parallel.processorCount)
        Parallel.$budget.withValue(1) { #expect(Parallel.defaultWidth == 1) }
        Parallel.$budget.withValue(Parallel.processorCount + 7) { #expect(Parallel.defaultWidth == Parallel.processorCount) }
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
