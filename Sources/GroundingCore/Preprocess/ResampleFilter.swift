/// How source pixels are combined into each resized pixel.
///
/// Both filters reproduce OpenCV's `cv2.resize` on a float image (`INTER_LINEAR`, `INTER_AREA`)
/// to float rounding; `PreprocessTests` checks this against a committed OpenCV reference.
///
/// ```swift
/// let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416, filter: .area)
/// ```
public enum ResampleFilter: Sendable, Hashable {
    /// ``area`` when the region shrinks by 2× or more on both axes, else ``bilinear``.
    case automatic
    /// Two-tap linear interpolation at pixel centres, `sx = (dx + 0.5) · src/dst − 0.5`, with the
    /// border pixels replicated (OpenCV `INTER_LINEAR`). Cheap, but aliases on strong downscales.
    case bilinear
    /// The coverage-weighted mean of the source pixels under each output pixel's footprint
    /// `[dx · s, (dx + 1) · s)` (OpenCV `INTER_AREA`); every source pixel is read about once.
    /// Meant for downscales: when upscaling, the same coverage rule is applied (close to
    /// nearest-neighbour), not OpenCV's upscaling variant of `INTER_AREA`.
    case area
}
