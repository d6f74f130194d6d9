/// How a region is fitted into the detector input.
///
/// ```swift
/// let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox)
/// ```
public enum ResizeMode: Sendable, Hashable {
    /// Resize each axis independently to fill the whole input (Darknet's default); the aspect
    /// ratio changes.
    case stretch
    /// Resize by one uniform scale so the region fits, centre it, and fill the borders with 0.5
    /// (mid-grey, Darknet's `letterbox_image` value).
    case letterbox
}
