import Foundation
import GroundingCompute
import GroundingImageIO

/// What a box of an image looks like, as a fixed-length vector that a linear rule can weigh
/// (``LearnedLikeness``): the box resampled to ``side`` × ``side``, its gradient orientations
/// histogrammed in a 4 × 4 grid of cells (shape, which survives changes of light), and its mean
/// colour in each quarter less their common mean (colour and its layout, not brightness).
///
/// Boxes of any size and aspect give vectors of the same length: a large box is averaged down
/// (up to 4 × 4 samples per patch pixel), a small one interpolated up.
package enum PatchDescriptor {
    /// The side of the resampled patch, in samples.
    static let side = 24
    /// The side of one histogram cell, in samples: 4 cells a side.
    static let cell = 6
    /// Orientation bins over 0…180° (a dark-on-light edge and its light-on-dark twin alike).
    static let bins = 9
    /// The most samples averaged per patch pixel along each axis.
    static let maxSubsamples = 4
    /// Cells per side.
    static var cells: Int { side / cell }
    /// The descriptor's length: the histograms, then 3 colour channels in each of 4 quarters.
    package static var length: Int { cells * cells * bins + 12 }

    /// The descriptor of `box` (pixels of `image`), mirrored left to right when `mirrored`.
    package static func describe(_ box: BoundingBox, in image: RGBImage, mirrored: Bool = false) -> [Float] {
        let patch = resampled(box, from: image, mirrored: mirrored)
        var descriptor = [Float](repeating: 0, count: length)
        orientationHistograms(of: patch, into: &descriptor)
        colourLayout(of: patch, into: &descriptor)
        return descriptor
    }

    /// The descriptors of `boxes` (pixels of `image`), in their order, described on every
    /// processor the request may use at once: each is the one ``describe(_:in:mirrored:)`` gives,
    /// whatever the number of processors.
    package static func describe(_ boxes: [BoundingBox], in image: RGBImage) -> [[Float]] {
        var descriptors = [[Float]](repeating: [], count: boxes.count)
        descriptors.withUnsafeMutableBufferPointer { slots in
            // Each item writes only its own slot, so the workers do not race.
            nonisolated(unsafe) let slots = slots
            Parallel.forEach(boxes.count, width: Parallel.defaultWidth) { _, item in
                slots[item] = describe(boxes[item], in: image)
            }
        }
        return descriptors
    }

    /// The patch as `side × side` RGB triples in 0…1, row by row.
    ///
    /// Its own sampler, not the preprocessor's ``PlanarResizer``: an area resize reads every
    /// pixel of the box, and the likeness describes some 2000 boxes per class. With the resizer
    /// (area below half size, else bilinear) a 12 MP count took 1.9–2.1 s against 1.66 s, and
    /// on the tuning photos finding the rest added 4 sheep instead of 7.
    private static func resampled(_ box: BoundingBox, from image: RGBImage, mirrored: Bool) -> [Float] {
        let stepX = max(box.width, 1) / Float(side), stepY = max(box.height, 1) / Float(side)
        let subsX = min(maxSubsamples, max(1, Int(stepX.rounded(.up))))
        let subsY = min(maxSubsamples, max(1, Int(stepY.rounded(.up))))
        let weight = 1 / (255 * Float(subsX * subsY))
        // Where each patch column's and row's samples lie, found once per box rather than once
        // per sample (a 12 MP count describes some 1,100 boxes of up to 9,216 samples each).
        var columns = [Int](repeating: 0, count: side * subsX), rows = [Int](repeating: 0, count: side * subsY)
        for column in 0..<side {
            let sourceColumn = mirrored ? side - 1 - column : column
            for sx in 0..<subsX {
                let x = box.x1 + (Float(sourceColumn) + (Float(sx) + 0.5) / Float(subsX)) * stepX
                columns[column * subsX + sx] = min(image.width - 1, max(0, Int(x))) * 3
            }
        }
        for row in 0..<side {
            for sy in 0..<subsY {
                let y = box.y1 + (Float(row) + (Float(sy) + 0.5) / Float(subsY)) * stepY
                rows[row * subsY + sy] = min(image.height - 1, max(0, Int(y))) * image.rowStride
            }
        }
        var patch = [Float](repeating: 0, count: side * side * 3)
        image.pixels.withUnsafeBufferPointer { pixels in
            patch.withUnsafeMutableBufferPointer { patch in
                for row in 0..<side {
                    for column in 0..<side {
                        var red: Float = 0, green: Float = 0, blue: Float = 0
                        for sy in 0..<subsY {
                            let rowOffset = rows[row * subsY + sy]
                            for sx in 0..<subsX {
                                let offset = rowOffset + columns[column * subsX + sx]
                                red += Float(pixels[offset])
                                green += Float(pixels[offset + 1])
                                blue += Float(pixels[offset + 2])
                            }
                        }
                        let index = (row * side + column) * 3
                        patch[index] = red * weight
                        patch[index + 1] = green * weight
                        patch[index + 2] = blue * weight
                    }
                }
            }
        }
        return patch
    }

    /// The gradient-orientation histograms of the patch's grey, each gradient's magnitude split
    /// between its two nearest bins, the whole normalised to unit length.
    private static func orientationHistograms(of patch: [Float], into descriptor: inout [Float]) {
        // The grey patch, once: each sample is read by four gradients.
        var greys = [Float](repeating: 0, count: side * side)
        for index in greys.indices {
            greys[index] = (patch[3 * index] + patch[3 * index + 1] + patch[3 * index + 2]) / 3
        }
        func grey(_ x: Int, _ y: Int) -> Float {
            greys[min(side - 1, max(0, y)) * side + min(side - 1, max(0, x))]
        }
        let binWidth = Float.pi / Float(bins)
        descriptor.withUnsafeMutableBufferPointer { descriptor in
            for y in 0..<side {
                for x in 0..<side {
                    let dx = grey(x + 1, y) - grey(x - 1, y), dy = grey(x, y + 1) - grey(x, y - 1)
                    let magnitude = (dx * dx + dy * dy).squareRoot()
                    guard magnitude > 0 else { continue }
                    var angle = atan2f(dy, dx)
                    if angle < 0 { angle += .pi }
                    let position = min(Float(bins) - 1e-4, angle / binWidth)
                    let lower = Int(position), fraction = position - Float(lower)
                    let base = ((y / cell) * cells + x / cell) * bins
                    descriptor[base + lower] += magnitude * (1 - fraction)
                    descriptor[base + (lower + 1) % bins] += magnitude * fraction
                }
            }
        }
        let count = cells * cells * bins
        var norm: Float = 0
        for index in 0..<count { norm += descriptor[index] * descriptor[index] }
        let scale = 1 / (norm.squareRoot() + 1e-3)
        for index in 0..<count { descriptor[index] *= scale }
    }

    /// The mean colour of each quarter of the patch, less the mean of all twelve values.
    private static func colourLayout(of patch: [Float], into descriptor: inout [Float]) {
        let start = cells * cells * bins, half = side / 2
        var values = [Float](repeating: 0, count: 12)
        for y in 0..<side {
            for x in 0..<side {
                let quarter = (y / half) * 2 + x / half
                for channel in 0..<3 { values[quarter * 3 + channel] += patch[(y * side + x) * 3 + channel] }
            }
        }
        let perQuarter = Float(half * half)
        let mean = values.reduce(0, +) / (12 * perQuarter)
        for index in 0..<12 { descriptor[start + index] = values[index] / perQuarter - mean }
    }
}
