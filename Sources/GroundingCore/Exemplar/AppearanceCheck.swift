/// The second test an exemplar match passes when the engine has an ``AppearanceModel``: it must
/// look like one of the examples to that model's learned features. Pixel correlation finds what
/// has the example's light and shade; this keeps what is the same kind of thing.
///
/// A match passes when its descriptor (``AppearanceMap/descriptor(of:)``) has a cosine similarity
/// of at least ``threshold`` to one example's.
///
/// Measured on the hand-counted class-agnostic photos (`Benchmarks/Accuracy`, tuning set only),
/// with YOLOv4-tiny's features and the calibrated correlation threshold: raindrops 88 marks for
/// 30 drops (14 true) → 18 (14 true), bison 33 (11 true) → 28 (9 true), nuclei 49 (48 true)
/// unchanged; daisies are not checked (``minimumAgreement``).
struct AppearanceCheck: Sendable {
    /// The examples are looked at enlarged (or reduced) so that their smaller side is this many
    /// model pixels: 4 cells of an 8-pixel feature grid. At 24 and 48 pixels (a Python
    /// prototype on the same weights) 22 and 27 raindrop marks passed against 18 at 32, the
    /// nuclei and bison marks within two.
    static let exemplarSide: Float = 32
    /// The most the photo is enlarged for it: tiny examples on a large photo cost at most this.
    static let maxScale: Float = 4
    /// The most pixels the enlarged (or reduced) photo may have: bounds the cost on any photo.
    static let maxPixels: Float = 2_500_000
    /// The similarity a match needs to one of the examples. On the tuning photos 0.2 dropped 70
    /// of the 74 false raindrop marks and 3 of the 22 false bison marks, and 2 of the 73 true
    /// matches (both bison).
    static let threshold: Float = 0.2
    /// The fewest examples checked: one does not show how much its kind varies (on a 12 MP
    /// mosaic of `TestImages/coins.png`, checking against one coin at 0.1 dropped 10 of its 216
    /// coins and nothing else).
    static let minimumExamples = 2
    /// Several examples less alike than this to the model (daisies seen from above and from the
    /// side: 0.16) say its features cannot tell this kind of object apart: nothing is checked.
    static let minimumAgreement: Float = 0.3

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

    /// The check for `exemplars` (at least ``minimumExamples``, pixels of the map's image) on
    /// `map`; nil when they look too unlike each other for the model to judge (``minimumAgreement``).
    init?(exemplars: [BoundingBox], map: AppearanceMap) {
        precondition(exemplars.count >= Self.minimumExamples, "an appearance check needs \(Self.minimumExamples) examples")
        let descriptors = exemplars.map(map.descriptor(of:))
        for i in descriptors.indices {
            for j in descriptors.indices where j > i {
                if map.similarity(descriptors[i], descriptors[j]) < Self.minimumAgreement { return nil }
            }
        }
        self.descriptors = descriptors
        self.map = map
    }

    /// Whether a match at `box` (pixels of the map's image) looks enough like one of the examples.
    func passes(_ box: BoundingBox) -> Bool {
        let descriptor = map.descriptor(of: box)
        return descriptors.contains { map.similarity($0, descriptor) >= Self.threshold }
    }
}
