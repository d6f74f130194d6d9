import GroundingImageIO

// Looking again, closer, where a class was found small (``ZoomIn``).
extension GroundingEngine {
    /// The objects of each `wanted` class that `detector` finds on squares at twice the zoom
    /// around its small finds (``ZoomIn``), of their size, that none of `found` (full-size pixels)
    /// holds, at the pass's own threshold; and the regions run
    /// (``classLooks(by:found:wanted:viewSide:on:options:timings:look:)``). `viewSide` is the
    /// side of the slices the finds were seen in (full-size pixels; nil: the whole photo). Only a
    /// detector that says so (``Detector/zoomsIn``) zooms in.
    func zoomedIn(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
                  options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.zoomsIn else { return ([], 0) }
        let (width, height) = (frame.image.width, frame.image.height)
        let inputSide = Float(max(detector.inputWidth, detector.inputHeight))
        let look = try classLooks(by: detector, found: found, wanted: wanted, viewSide: viewSide, on: frame, options: options,
                                  timings: &timings) { finds, side in
            let small = ZoomIn.small(finds, inputPerImagePixel: inputSide / side)
            let largest = small.map { $0.area.squareRoot() }.max() ?? 0
            return (ZoomIn.squares(around: small, viewSide: side, width: width, height: height),
                    { ZoomIn.keeps($0, largestSmallSide: largest) })
        }
        return (look.kept, look.regionCount)
    }
}
