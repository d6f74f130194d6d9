/// Why a tile plan could not be made.
///
/// ```swift
/// do { _ = try TilePlan(imageWidth: 100, imageHeight: 100, tileSize: 8, overlap: 0.2, includeFullImage: false) }
/// catch { print(error) }  // tile size out of range
/// ```
public enum TilingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The tile size is outside ``TilePlan/tileSizeRange``.
    case invalidTileSize(Int)
    /// The overlap is outside ``TilePlan/overlapRange``.
    case invalidOverlap(Float)
    /// The image has no pixels.
    case emptyImage(width: Int, height: Int)
    /// The plan would need more than ``TilePlan/maximumTileCount`` tiles, or an automatic plan
    /// more than ``TilePlan/maximumAutomaticRegionCount`` regions even with the largest slices.
    case tooManyTiles(Int)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .invalidTileSize(let size):
            return "tile size \(size) is outside \(TilePlan.tileSizeRange.lowerBound)–\(TilePlan.tileSizeRange.upperBound) pixels; "
                + "pick a size in that range (about the detector input, e.g. 416–1024)"
        case .invalidOverlap(let overlap):
            return "tile overlap \(overlap) is outside \(TilePlan.overlapRange.lowerBound)–\(TilePlan.overlapRange.upperBound); "
                + "use a fraction of the tile size such as 0.2"
        case .emptyImage(let width, let height):
            return "the image is \(width)×\(height) pixels and cannot be tiled; check that it decoded correctly"
        case .tooManyTiles(let count):
            return "the plan would need \(count) regions (at most \(TilePlan.maximumTileCount) tiles, or "
                + "\(TilePlan.maximumAutomaticRegionCount) regions when automatic); use a larger tile size, less overlap or no tiling"
        }
    }
}
