import GroundingCore
import GroundingImageIO

/// The image at the working scale that ``ExemplarDetector`` matches in, handed out as grey
/// blocks: from a whole tensor already in memory, or from a ``LazyInput`` preprocessed only where
/// a block needs it. Both give the same values.
struct WorkingImage: Sendable {
    /// Where the pixels come from.
    enum Source: Sendable {
        /// Image `index` of a whole batch tensor.
        case tensor(PlanarTensor, index: Int)
        /// A lazily preprocessed input.
        case lazy(LazyInput)
    }

    let source: Source
    /// Width in working pixels.
    let width: Int
    /// Height in working pixels.
    let height: Int

    /// Rows read from a lazy input at once, as a transient RGB tensor (12 bytes a pixel).
    static let stripRows = 32

    /// Image `index` of `tensor`.
    init(_ tensor: PlanarTensor, index: Int) {
        source = .tensor(tensor, index: index)
        width = tensor.width
        height = tensor.height
    }

    /// A lazily preprocessed input.
    init(_ input: LazyInput) {
        source = .lazy(input)
        width = input.width
        height = input.height
    }

    /// The grey values of `rect` of the plane at full working scale or, when `halved`, of the
    /// plane halved (``GreyPlane/halved()``, `width / 2 × height / 2`); `rect` may reach outside
    /// the plane, which reads as zero there (the padding of a correlation).
    func plane(_ rect: PixelRect, halved: Bool) -> GreyPlane {
        var plane = GreyPlane(width: rect.width, height: rect.height)
        let factor = halved ? 2 : 1
        let x1 = max(rect.x, 0), x2 = min(rect.x + rect.width, width / factor)
        let y1 = max(rect.y, 0), y2 = min(rect.y + rect.height, height / factor)
        guard x1 < x2, y1 < y2 else { return plane }
        let columns = x1 * factor..<x2 * factor
        // A strip at a time, so that only a strip is ever held as RGB; a halved strip starts on
        // an even row, so its 2×2 blocks are those of the whole halved plane.
        let step = Self.stripRows / factor
        for y in stride(from: y1, to: y2, by: step) {
            let rows = y * factor..<min(y + step, y2) * factor
            let grey = self.grey(rows: rows, columns: columns)
            plane.place(halved ? grey.halved() : grey, x: x1 - rect.x, y: y - rect.y)
        }
        return plane
    }

    /// The grey values of working-scale `rows` × `columns`, inside the image.
    private func grey(rows: Range<Int>, columns: Range<Int>) -> GreyPlane {
        switch source {
        case .tensor(let tensor, let index):
            return GreyPlane(luma: tensor, index: index, rows: rows, columns: columns)
        case .lazy(let input):
            return GreyPlane(luma: input.tensor(rows: rows, columns: columns), index: 0)
        }
    }
}
