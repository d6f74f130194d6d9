import Grounding
import Synchronization

/// Warns on stderr, before the work and once a run, when `--tile SIZE` cuts an image into more
/// regions than `--tile auto` plans for any image (``TilePlan/maximumAutomaticRegionCount``):
/// each region is a pass of the detector, so `--tile 32` on a 640×424 photo runs 443 passes
/// where `--tile auto` runs 1. The plan is still run, answering as asked; a plan over
/// ``TilePlan/maximumTileCount`` slices is refused by the engine.
final class TileCostWarning: Sendable {
    private let output: BatchOutput
    private let given = Atomic<Bool>(false)

    /// Warnings go to `output`'s stderr.
    init(output: BatchOutput) {
        self.output = output
    }

    /// Warns for the image at `path`, `width × height` pixels upright, when `options` plan it
    /// costlier than `--tile auto` ever does and no warning was given yet.
    func check(path: String, width: Int, height: Int, engine: GroundingEngine, options: GroundingOptions) {
        guard case .size(let size) = options.tiling, !given.load(ordering: .relaxed),
              let message = Self.message(size: size, width: width, height: height, engine: engine, options: options),
              !given.exchange(true, ordering: .relaxed) else { return }
        output.reportWarning(path: path, message: message)
    }

    /// The warning for slices of `size` on a `width × height` image, or nil when the plan has
    /// no more regions than `--tile auto` may make.
    static func message(size: Int, width: Int, height: Int, engine: GroundingEngine, options: GroundingOptions) -> String? {
        func regions(_ tiling: Tiling) -> Int? {
            var planned = options
            planned.tiling = tiling
            return try? engine.regions(imageWidth: width, imageHeight: height, options: planned).count
        }
        guard let count = regions(.size(size)), count > TilePlan.maximumAutomaticRegionCount,
              let automatic = regions(.automatic) else { return nil }
        var message = "--tile \(size) cuts this \(width)×\(height) image into \(count) regions, a detector pass each, where --tile auto makes \(automatic) (and at most \(TilePlan.maximumAutomaticRegionCount) on any image), so detection takes about \(count / max(1, automatic)) times as long"
        let input = max(engine.detector.inputWidth, engine.detector.inputHeight)
        if size < input, let sensible = regions(.size(input)) {
            message += "; slices smaller than the detector's input (\(input) pixels) are enlarged to it, and --tile \(input) makes \(sensible) region\(sensible == 1 ? "" : "s") here"
        }
        return message
    }
}
