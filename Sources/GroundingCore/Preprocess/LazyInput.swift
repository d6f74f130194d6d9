import GroundingImageIO

/// A region of an image as a detector's input, preprocessed only where it is read: a rectangle
/// of input pixels at a time, each value exactly what ``Preprocessor/fill(_:at:from:region:)``
/// puts there. A whole input is 12 bytes a pixel as Float32 RGB (1.2 GB at 100 MP); read in
/// pieces it costs only the pieces held at once.
///
/// ```swift
/// let input = preprocessor.lazyInput(from: image, region: PixelRect(width: image.width, height: image.height))
/// let band = input.tensor(rows: 64..<128, columns: 0..<input.width)   // 1 × 3 × 64 × width
/// ```
public struct LazyInput: Sendable {
    /// The image read from.
    public let image: RGBImage
    /// The region of ``image`` that is resized into the input.
    public let region: PixelRect
    /// Input width in pixels.
    public let width: Int
    /// Input height in pixels.
    public let height: Int
    /// Where ``region`` lands in the input (all of it unless letterboxed).
    let placed: PixelRect
    /// The resize from ``region`` to ``placed``, built once for every piece.
    let resizer: PlanarResizer
    /// How input pixels map back to ``image`` pixels.
    public let transform: InputTransform

    /// Input `rows` × `columns` as a one-image planar tensor of that size.
    ///
    /// - Precondition: `rows` and `columns` are non-empty ranges inside the input.
    public func tensor(rows: Range<Int>, columns: Range<Int>) -> PlanarTensor {
        precondition(!rows.isEmpty && !columns.isEmpty && rows.lowerBound >= 0 && rows.upperBound <= height
                     && columns.lowerBound >= 0 && columns.upperBound <= width,
                     "rows \(rows) × columns \(columns) are empty or outside the \(width)×\(height) input")
        var tensor = PlanarTensor(batch: 1, channels: 3, height: rows.count, width: columns.count)
        let insideRows = rows.clamped(to: placed.y..<placed.y + placed.height)
        let insideColumns = columns.clamped(to: placed.x..<placed.x + placed.width)
        let planeSize = rows.count * columns.count
        tensor.values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            if insideRows != rows || insideColumns != columns {
                base.update(repeating: Preprocessor.letterboxPadding, count: 3 * planeSize)
            }
            guard !insideRows.isEmpty, !insideColumns.isEmpty else { return }
            let origin = base + (insideRows.lowerBound - rows.lowerBound) * columns.count
                + insideColumns.lowerBound - columns.lowerBound
            resizer.resize(image, region: region,
                           rows: insideRows.lowerBound - placed.y..<insideRows.upperBound - placed.y,
                           columns: insideColumns.lowerBound - placed.x..<insideColumns.upperBound - placed.x,
                           into: origin, rowStride: columns.count, planeStride: planeSize)
        }
        return tensor
    }
}
