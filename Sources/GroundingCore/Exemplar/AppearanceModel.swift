import GroundingImageIO

/// A model whose learned features say whether two regions of a photo show the same kind of
/// thing. Exemplar matches are checked with it: pixel correlation alone also matches what merely
/// has the example's light and shade (a drop's reflection, a patch of bark).
///
/// The engine uses the first of its detectors that is one (``DarknetDetector`` is), so a model
/// that can describe appearance plugs in by conforming, without a change to the engine.
///
/// ```swift
/// let map = try yolo.appearance(of: image, scale: 0.5)!
/// let alike = map.similarity(map.descriptor(of: first), map.descriptor(of: second))
/// ```
public protocol AppearanceModel: Sendable {
    /// What `image` looks like to the model when enlarged by `scale` (an object of `n` pixels is
    /// seen at `n × scale`): a grid of feature vectors over the whole image; nil when this model
    /// has no features to offer (then nothing is checked).
    func appearance(of image: RGBImage, scale: Float) throws -> AppearanceMap?
}
