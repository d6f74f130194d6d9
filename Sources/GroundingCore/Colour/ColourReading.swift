/// What colour an object is: the share of its pixels each basic colour has, and the largest.
///
/// ```swift
/// let reading = try BasicColour.classify(in: image, box: car.box)
/// reading.dominant          // .red, say with share 0.52
/// reading.shares[.black]    // and 0.31 for the tyres and windows
/// reading.matches(.red)     // true: dominant
/// reading.matches(.black)   // true: 31% is above the 30% floor
/// ```
public struct ColourReading: Sendable, Hashable {
    /// The colour with the largest share (the first of ``BasicColour/allCases`` on a tie).
    public let dominant: BasicColour
    /// The dominant colour's share, 0...1.
    public let share: Float
    /// Every basic colour's share of the object's pixels; all 11 are present and they add up to 1.
    public let shares: [BasicColour: Float]

    /// The share a colour needs to match without being dominant, unless a caller asks for
    /// another: a red car with black tyres and windows is still a red car, and on the real-photo
    /// fixture 30% kept most second colours a person would also name (a blue jacket over black
    /// trousers) while rejecting most that a person would not.
    public static let defaultFloor: Float = 0.3

    /// Creates a reading from shares (normalised here so that they add up to 1; colours
    /// missing from `shares` get 0).
    ///
    /// - Precondition: the shares are finite, not negative, and at least one is positive.
    public init(shares: [BasicColour: Float]) {
        let total = BasicColour.allCases.reduce(Float(0)) { $0 + (shares[$1] ?? 0) }
        precondition(total > 0 && total.isFinite && shares.values.allSatisfy { $0 >= 0 },
                     "colour shares must be finite, not negative, and not all zero")
        var normalised: [BasicColour: Float] = [:]
        var dominant = BasicColour.black
        for colour in BasicColour.allCases {
            normalised[colour] = (shares[colour] ?? 0) / total
            if normalised[colour]! > normalised[dominant]! { dominant = colour }
        }
        self.dominant = dominant
        self.share = normalised[dominant]!
        self.shares = normalised
    }

    /// True when `colour` is the dominant colour or has at least `floor` of the object's pixels.
    ///
    /// ```swift
    /// reading.matches(.red)                // dominant, or ≥ 30%
    /// reading.matches(.red, floor: 0.5)    // dominant, or ≥ 50%
    /// ```
    public func matches(_ colour: BasicColour, floor: Float = ColourReading.defaultFloor) -> Bool {
        colour == dominant || (shares[colour] ?? 0) >= floor
    }
}
