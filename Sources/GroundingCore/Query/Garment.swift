/// What a person wears, when a name asks for its colour: `"people in red"` (their clothes),
/// `"a man in a blue shirt"` (his top), `"women wearing black trousers"` (their bottoms).
///
/// A person's colour is read on the part of the box the garment covers (``region(of:foundBy:)``), since
/// a person's box holds head, clothes and background: a blue shirt over black trousers is a
/// person in a blue shirt, and in black trousers. Only garments that cover much of a person are
/// read; a hat, shoes or a bag are too small a part of the box to tell, and stay not understood.
///
/// ```swift
/// Garment(word: "jacket")                                   // .top
/// Garment.top.region(of: BoundingBox(x1: 0, y1: 0, x2: 100, y2: 300))
/// // BoundingBox(x1: 20, y1: 45, x2: 80, y2: 150)
/// ```
public enum Garment: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything the person wears (`"in red"`, `"in a red dress"`, `"red people"`): the whole
    /// box, or below the chin of a person only a face found.
    case clothes
    /// What covers the upper body: a shirt, a jacket, a coat, a jersey.
    case top
    /// What covers the legs: trousers, jeans, shorts, a skirt.
    case bottoms

    /// The garment a word names (singular or plural, any case), or nil for any other word.
    public init?(word: String) {
        let lower = word.lowercased()
        guard let garment = Self.words.first(where: { $0.value.contains(lower) })?.key else { return nil }
        self = garment
    }

    /// The part of a person's box (upright-image pixels) the garment covers, where its colour is
    /// read, or nil when the box does not show it.
    ///
    /// Always the middle three fifths of the box's width: the body, not the arms and the
    /// background beside them. Of a box the detector drew around a person (`foundBy`
    /// ``FoundBy/detector`` or ``FoundBy/exemplar``), the top runs from below the head (15% of
    /// its height) to above the hips (50%), the bottoms from below the hips (55%) to above the
    /// feet (95%): a kneeling or seated person's box is shorter and its upper band still holds
    /// the top, and with a standing person's hips lower the band stops short of them, so that a
    /// kneeling person's jeans are not their top. A person found by a face (``FoundBy/part``)
    /// is boxed as head and shoulders (``WholeMark/faceOfPerson``): the top, and all of their
    /// clothes the box shows, is what lies below the chin (55% down), and the bottoms are not in the box.
    public func region(of box: BoundingBox, foundBy: FoundBy = .detector) -> BoundingBox? {
        let rows: ClosedRange<Float>
        switch (self, foundBy) {
        case (.top, .part), (.clothes, .part): rows = 0.55...1
        case (.clothes, _): return box
        case (.bottoms, .part): return nil
        case (.top, _): rows = 0.15...0.5
        case (.bottoms, _): rows = 0.55...0.95
        }
        return BoundingBox(x1: box.x1 + 0.2 * box.width, y1: box.y1 + rows.lowerBound * box.height,
                           x2: box.x2 - 0.2 * box.width, y2: box.y1 + rows.upperBound * box.height)
    }

    /// The share of its region a colour needs besides being the dominant one: a garment is one
    /// colour, so "a blue shirt" is blue first ( ``ColourReading/matches(_:floor:)``), while a
    /// person's clothes may mix colours and "in red" takes the share any object's colour does.
    public var colourFloor: Float {
        self == .clothes ? ColourReading.defaultFloor : 0.5
    }

    /// The words for each garment, singular and plural.
    static let words: [Garment: Set<String>] = [
        .clothes: ["clothes", "clothing", "outfit", "outfits", "dress", "dresses", "suit", "suits", "uniform", "uniforms",
                   "costume", "costumes", "robe", "robes", "gown", "gowns", "overalls"],
        .top: ["shirt", "shirts", "t-shirt", "t-shirts", "tshirt", "tshirts", "tee", "tees", "top", "tops", "jacket",
               "jackets", "coat", "coats", "sweater", "sweaters", "jumper", "jumpers", "hoodie", "hoodies", "blouse",
               "blouses", "vest", "vests", "jersey", "jerseys", "cardigan", "cardigans", "pullover", "pullovers",
               "sweatshirt", "sweatshirts", "blazer", "blazers", "anorak", "anoraks", "parka", "parkas"],
        .bottoms: ["trousers", "pants", "jeans", "shorts", "skirt", "skirts", "leggings", "slacks"],
    ]
}
