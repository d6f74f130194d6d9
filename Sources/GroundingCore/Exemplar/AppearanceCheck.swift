/// The second test an exemplar match passes when the engine has an ``AppearanceModel``: it must
/// look like one of the examples to that model's learned features. Pixel correlation finds what
/// has the example's light and shade; this keeps what is the same kind of thing.
///
/// A match passes when its descriptor (``AppearanceMap/descriptor(of:)``) has a cosine similarity
/// of at least ``threshold`` to one example's.
///
/// Measured on the hand-counted class-agnostic photos (`Benchmarks/Accuracy`, tuning set only),
/// with YOLOv4-tiny's features and the calibrated correlation threshold: raindrops 88 marks for
/// 30 drops (14 true) → 18 (14 true), bison 33 → 29, nuclei 49 → 48, the others unchanged or
/// within a mark.
struct AppearanceCheck: Sendable {
    /// The examples are looked at enlarged (or reduced) so that their smaller side is this many
    /// model pixels: 4 cells of an 8-pixel feature grid. 24 and 48 gave the same marks within
    /// two on the tuning photos; 64 kept more false raindrops.
    static let exemplarSide: Float = 32
    /// The most the photo is enlarged for it: tiny examples on a large photo cost at most this.
    static let maxScale: Float = 4
    /// The most pixels the enlarged (or reduced) photo may have: bounds the cost on any photo.
    static let maxPixels: Float = 2_500_000
    /// The similarity a match needs to one of the examples. On the tuning photos true matches
    /// scored 0.25 and more (most above 0.5), and 0.2 kept all but one of them while dropping 70
    /// false raindrops.
    static let threshold: Float = 0.2
    /// Several examples less alike than this to the model (daisies seen from above and from the
    /// side: 0.16) say its features cannot tell this kind of object apart: nothing is checked.
    static let minimumAgreement: Float = 0.3

    /// The examples (pixels of the image the map describes).
    let exemplars: [BoundingBox]
    /// The examples' descriptors.
    private let descriptors: [[Float]]
    /// The map they were read from.
    private let map: AppearanceMap

    /// The scale at which `exemplars` (pixels of a `width × height` image) are seen at about
    /// ``exemplarSide``, within ``maxScale`` and ``maxPixels``.
    static func scale(for exemplars: [BoundingBox], width: Int, height: Int) -> Float {
        let side = exemplars.map { min($0.width, $0.height) }.reduce(0, +) / Float(max(1, exemplars.count))
        let wanted = min(maxScale, exemplarSide / max(1, side))
        let limit = (maxPixels / Float(max(1, width * height))).squareRoot()
        return min(wanted, limit)
    }

    /// The check for `exemplars` on `map`; nil for a single example (it does not show how much
    /// its kind varies: on a 12 MP mosaic of `TestImages/coins.png`, checking against one coin
    /// dropped 10 of its 216 coins and nothing else) and when the examples look too unlike each
    /// other for the model to judge (``minimumAgreement``).
    init?(exemplars: [BoundingBox], map: AppearanceMap) {
        guard exemplars.count > 1 else { return nil }
        let descriptors = exemplars.map(map.descriptor(of:))
        for i in descriptors.indices {
            for j in descriptors.indices where j > i {
                if map.similarity(descriptors[i], descriptors[j]) < Self.minimumAgreement { return nil }
            }
        }
        self.exemplars = exemplars
        self.descriptors = descriptors
        self.map = map
    }

    /// Whether a match at `box` (pixels of the map's image) looks enough like one of the examples.
    func passes(_ box: BoundingBox) -> Bool {
        let descriptor = map.descriptor(of: box)
        return descriptors.contains { map.similarity($0, descriptor) >= Self.threshold }
    }
}
