import Testing
@testable import grounding_bench

/// The accuracy stage's scoring: one-to-one pairing within each object's radius or inside its
/// extent, closest first, and predictions in ignored regions.
@Suite struct AccuracyScoreTests {
    let two = [AccuracyScore.TruthPoint(x: 10, y: 10, radius: 5), AccuracyScore.TruthPoint(x: 30, y: 10, radius: 5)]

    @Test func predictionsMatchWithinTheRadiusOneToOne() {
        // Two predictions on the first object: one matches, the other is a false mark (the object
        // counted twice); the third lies 6 from the second object, outside its radius.
        let tally = AccuracyScore.tally(predicted: [(x: 11, y: 10), (x: 12, y: 12), (x: 30, y: 16)], truth: two)
        #expect(tally == .init(truth: 2, predicted: 3, matched: 1, twice: 1, offCentre: 1))
        #expect(tally.recall == 0.5)
        #expect(tally.countError == 1)
    }

    @Test func theClosestPairIsTakenFirst() {
        // The prediction at 20 lies within both radii (8 and 12); the one at 13 only within the
        // first's. Closest first (distance over radius), both objects are matched.
        let truth = [AccuracyScore.TruthPoint(x: 10, y: 0, radius: 12), AccuracyScore.TruthPoint(x: 26, y: 0, radius: 8)]
        let tally = AccuracyScore.tally(predicted: [(x: 20, y: 0), (x: 13, y: 0)], truth: truth)
        #expect(tally.matched == 2)
    }

    @Test func falseMarksAreSortedByWhatTheyLieOn() {
        // (10, 10) matches the first object. (13, 10) lies inside it too: counted twice. (37, 10)
        // lies 7 from the missed second object (radius 5): off its centre. (60, 10) and (30, 21)
        // lie on nothing (21 is 11 away).
        let tally = AccuracyScore.tally(predicted: [(x: 10, y: 10), (x: 13, y: 10), (x: 37, y: 10), (x: 60, y: 10), (x: 30, y: 21)],
                                        truth: two)
        #expect(tally == .init(truth: 2, predicted: 5, matched: 1, twice: 1, offCentre: 1))
        // A mark inside a matched object counts it twice even where a missed object is as near.
        let touching = [AccuracyScore.TruthPoint(x: 10, y: 10, radius: 5), AccuracyScore.TruthPoint(x: 18, y: 10, radius: 5)]
        let between = AccuracyScore.tally(predicted: [(x: 9, y: 10), (x: 14, y: 10)], truth: touching)
        #expect(between.matched == 2 && between.twice == 0)
        let beside = AccuracyScore.tally(predicted: [(x: 9, y: 10), (x: 14, y: 10)], truth: [touching[0], .init(x: 28, y: 10, radius: 5)])
        #expect(beside == .init(truth: 2, predicted: 2, matched: 1, twice: 1, offCentre: 0))
        let totals = AccuracyScore.Totals(tallies: [tally, beside])
        #expect(totals.falseMarks == 5 && totals.twice == 2 && totals.offCentre == 1)
    }

    @Test func aPredictionInsideAnObjectsExtentMatchesIt() {
        // A standing person: centre (10, 50), radius 5, visible from y 10 to 90. A head box's
        // centre at (10, 20) lies 30 from the centre, inside the extent: it matches, as issue #14's
        // rule says ("inside that object, or within a stated radius"); by the radius alone it is
        // a false mark off a missed object's centre.
        let person = AccuracyScore.TruthPoint(x: 10, y: 50, radius: 5, extent: .init(x: 5, y: 10, width: 10, height: 80))
        #expect(AccuracyScore.tally(predicted: [(x: 10, y: 20)], truth: [person]) == .init(truth: 1, predicted: 1, matched: 1))
        #expect(AccuracyScore.tally(predicted: [(x: 10, y: 20)], truth: [person], extents: false)
                == .init(truth: 1, predicted: 1, matched: 0, offCentre: 0))
        // Still one to one, closest first: a second mark inside the extent is a false one, and a
        // mark within a neighbour's radius goes to the neighbour even inside this extent.
        let neighbour = AccuracyScore.TruthPoint(x: 14, y: 30, radius: 5)
        let tally = AccuracyScore.tally(predicted: [(x: 10, y: 52), (x: 10, y: 70), (x: 13, y: 31)], truth: [person, neighbour])
        #expect(tally.matched == 2 && tally.predicted == 3)
        // That second mark counts the person twice, by the same rule; by the radius alone it
        // lies on nothing (20 from the centre, four radii).
        #expect(tally.twice == 1)
        #expect(AccuracyScore.tally(predicted: [(x: 10, y: 52), (x: 10, y: 70), (x: 13, y: 31)], truth: [person, neighbour],
                                    extents: false) == .init(truth: 2, predicted: 3, matched: 2))
        // An object with no extent is matched by its radius alone.
        #expect(AccuracyScore.tally(predicted: [(x: 10, y: 20)], truth: [.init(x: 10, y: 50, radius: 5)]).matched == 0)
    }

    @Test func anUnmatchedPredictionInAnIgnoredRegionIsLeftOut() {
        let band = AccuracyScore.Region(x: 0, y: 0, width: 100, height: 5)
        let tally = AccuracyScore.tally(predicted: [(x: 10, y: 9), (x: 50, y: 2), (x: 70, y: 30)], truth: two, ignored: [band])
        // (10, 9) matches; (50, 2) is in the band: left out; (70, 30) is outside it: a false mark.
        #expect(tally == .init(truth: 2, predicted: 2, matched: 1, ignored: 1))
        #expect(tally.precision == 0.5)
    }

    @Test func aPredictionInAnIgnoredRegionStillMatchesAnObjectBesideIt() {
        // The object's centre lies just below the band; a prediction in the band within its radius matches it.
        let band = AccuracyScore.Region(x: 0, y: 0, width: 100, height: 8)
        let tally = AccuracyScore.tally(predicted: [(x: 10, y: 7)], truth: two, ignored: [band])
        #expect(tally == .init(truth: 2, predicted: 1, matched: 1, ignored: 0))
    }

    @Test func regionsIncludeTheirTopLeftEdgesOnly() {
        let region = AccuracyScore.Region(x: 10, y: 20, width: 5, height: 5)
        #expect(region.contains(x: 10, y: 20))
        #expect(!region.contains(x: 15, y: 22))
        #expect(!region.contains(x: 12, y: 25))
    }

    @Test func totalsAreMicroAveragedAndCountErrorsPerQuery() {
        let totals = AccuracyScore.Totals(tallies: [.init(truth: 10, predicted: 6, matched: 5), .init(truth: 2, predicted: 4, matched: 2)])
        #expect(totals.recall == 7.0 / 12)
        #expect(totals.precision == 0.7)
        #expect(totals.meanAbsoluteCountError == 3)
        #expect(totals.meanRelativeCountError == (0.4 + 1) / 2)
        #expect(totals.falseMarks == 3)
    }
}
