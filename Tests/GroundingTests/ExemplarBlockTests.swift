import Foundation
import Testing
import Grounding

/// Exemplar matching in bounded memory: computed block by block it finds what one whole block
/// finds, and at 100 MP every block stays within its byte budget.
@Suite struct ExemplarBlockTests {
    /// coins.png tiled 2 × 2 (768×606, 96 coins): a real photo with matches everywhere.
    static func coinMosaic() throws -> RGBImage {
        let coins = try ImageDecoder.decode(contentsOf: TestSupport.testImage("coins.png")).image
        var mosaic = RGBImage(width: 2 * coins.width, height: 2 * coins.height)
        for y in 0..<mosaic.height {
            for x in 0..<mosaic.width { mosaic[x, y] = coins[x % coins.width, y % coins.height] }
        }
        return mosaic
    }

    /// Budgets of a quarter and a tenth of what the whole map needs, so the map is cut into
    /// blocks whose edges cross the coins; the coarse search (46 px coin) and the fine-only
    /// search (8 px box at full scale) both.
    @Test("matching block by block finds what one block finds, scores equal to float rounding",
          arguments: [(PixelRect(x: 193, y: 29, width: 46, height: 46), 4), (PixelRect(x: 193, y: 29, width: 46, height: 46), 10),
                      (PixelRect(x: 196, y: 48, width: 8, height: 8), 4)])
    func blocksFindWhatOneBlockFinds(box: PixelRect, share: Int) throws {
        let image = try Self.coinMosaic()
        let whole = try ExemplarDetector(image: image, exemplars: [box])
        let preprocessor = Preprocessor(inputWidth: whole.inputWidth, inputHeight: whole.inputHeight)
        let (tensor, _) = preprocessor.tensor(from: image)
        let input = preprocessor.lazyInput(from: image, region: PixelRect(width: image.width, height: image.height))
        let wholePlan = whole.blockPlans(inputWidth: whole.inputWidth, inputHeight: whole.inputHeight).fine
        #expect(wholePlan.blocks.count == 1, "a photo this size is one block by default")

        var blocked = whole
        let map = (width: wholePlan.footprint.mapWidth, height: wholePlan.footprint.mapHeight)
        blocked.workingBudget = wholePlan.footprint.bytes(width: map.width, height: map.height) / share
        let plan = blocked.blockPlans(inputWidth: whole.inputWidth, inputHeight: whole.inputHeight).fine
        let rows = Set(plan.blocks.map(\.y)).subtracting([0]), columns = Set(plan.blocks.map(\.x)).subtracting([0])
        #expect(plan.blocks.count >= share && !rows.isEmpty && !columns.isEmpty, "\(plan.blocks)")

        for exhaustive in [false, true] {
            let expected = try whole.detect(tensor, scoreThreshold: 0.5, exhaustive: exhaustive)[0]
            // Coarse to fine through the lazy input (as the engine runs it), exhaustive on the tensor.
            let found = exhaustive ? try blocked.detect(tensor, scoreThreshold: 0.5, exhaustive: true)[0]
                                   : try blocked.detect(input, scoreThreshold: 0.5)
            #expect(expected.count >= 40, "\(expected.count) matches")
            let scores = Dictionary(uniqueKeysWithValues: expected.map { ($0.box, $0.score) })
            #expect(Set(found.map(\.box)) == Set(scores.keys), "exhaustive \(exhaustive): \(found.count) vs \(expected.count)")
            for match in found {
                #expect(abs(match.score - (scores[match.box] ?? -1)) <= 1e-5, "\(match.box): \(match.score) vs \(scores[match.box] ?? -1)")
            }
            // Block edges (map positions are about input pixels) run through matched objects.
            let cut = expected.filter { match in
                rows.contains { Float($0) > match.box.y1 && Float($0) < match.box.y2 }
                    || columns.contains { Float($0) > match.box.x1 && Float($0) < match.box.x2 }
            }
            #expect(cut.count >= 5, "only \(cut.count) matches lie across block edges")
        }
    }

    /// The plans for 100 MP images of several shapes (10000×10000; JPEG's and libpng's longest
    /// sides) and boxes from 4×4 to a whole photo, including thin ones whose window is long:
    /// every block of both searches holds at most the budget, and the blocks cover the map once.
    @Test("at 100 MP every block holds at most the working budget",
          arguments: [PixelRect(x: 600, y: 100, width: 4, height: 4), PixelRect(x: 600, y: 100, width: 8, height: 8),
                      PixelRect(x: 600, y: 100, width: 46, height: 46), PixelRect(x: 600, y: 0, width: 4, height: 900),
                      PixelRect(x: 0, y: 450, width: 1352, height: 4), PixelRect(x: 0, y: 0, width: 1352, height: 900)])
    func blocksStayWithinTheBudgetAt100MP(box: PixelRect) throws {
        let photo = try ImageDecoder.decode(contentsOf: TestSupport.testImage("kite.jpg")).image
        let detector = try ExemplarDetector(image: photo, exemplars: [box])
        for (width, height) in [(10_000, 10_000), (65_535, 1_525), (1_000_000, 100), (100, 1_000_000)]
        where box.width <= width && box.height <= height {
            // The working scale depends on the box alone, so it is the photo's.
            let inputWidth = max(1, Int((Float(width) * detector.scale).rounded()))
            let inputHeight = max(1, Int((Float(height) * detector.scale).rounded()))
            let plans = detector.blockPlans(inputWidth: inputWidth, inputHeight: inputHeight)
            for plan in [plans.coarse, plans.fine].compactMap({ $0 }) {
                let map = PixelRect(width: plan.footprint.mapWidth, height: plan.footprint.mapHeight)
                #expect(plan.largestBlockBytes <= ExemplarDetector.defaultWorkingBudget,
                        "\(width)×\(height), box \(box): a block holds \(plan.largestBlockBytes >> 20) MB")
                #expect(plan.blocks.allSatisfy { $0.width > 0 && $0.height > 0 && map.contains($0) })
                #expect(plan.blocks.reduce(0) { $0 + $1.width * $1.height } == map.width * map.height)
                let overlapping = plan.blocks.indices.contains { i in
                    plan.blocks[(i + 1)...].contains { other in
                        let a = plan.blocks[i]
                        return a.x < other.x + other.width && other.x < a.x + a.width
                            && a.y < other.y + other.height && other.y < a.y + a.height
                    }
                }
                #expect(!overlapping, "\(width)×\(height), box \(box): blocks overlap")
            }
        }
    }
}
