#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How soft-NMS lowers the score of a box overlapping a selected one (Bodla et al., 2017).
///
/// ```swift
/// let rescored = try softNonMaxSuppression(detections, method: .gaussian(sigma: 0.5))
/// ```
public enum SoftNMSMethod: Sendable, Hashable {
    /// Multiply by `1 - IoU` when IoU exceeds the IoU threshold; leave the score alone otherwise.
    case linear
    /// Multiply by `exp(-IoU² / sigma)` whatever the overlap (the IoU threshold is not used).
    case gaussian(sigma: Float)

    /// The factor applied to a score for an overlap of `overlap` with the selected box.
    @inline(__always)
    func weight(overlap: Float, threshold: Float) -> Float {
        switch self {
        case .linear: return overlap > threshold ? 1 - overlap : 1
        case .gaussian(let sigma): return expf(-(overlap * overlap) / sigma)
        }
    }
}
