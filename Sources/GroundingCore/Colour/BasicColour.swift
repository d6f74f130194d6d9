import Foundation

/// One of the 11 basic colour terms of English (Berlin & Kay, *Basic Color Terms*, 1969): the
/// colour names every speaker uses and agrees on, which a query such as `red car` or
/// `white birds` asks for.
///
/// ```swift
/// BasicColour(word: "Gray")                                   // .grey
/// let reading = try BasicColour.classify(in: image, box: box) // what colour the object is
/// reading.matches(.red)
/// ```
public enum BasicColour: String, CaseIterable, Sendable, Codable {
    /// Black: very dark, whatever the hue.
    case black
    /// White: light and without hue.
    case white
    /// Red: the hue of blood and ripe tomatoes; dark reds stay red.
    case red
    /// Green: the hue of leaves and grass, from yellowish to bluish green.
    case green
    /// Yellow: the hue of lemons and egg yolk, light.
    case yellow
    /// Blue: the hue of a clear sky, from light blue to navy.
    case blue
    /// Brown: dark or dull orange and yellow (wood, soil, most horses).
    case brown
    /// Orange: the hue between red and yellow, bright and strong.
    case orange
    /// Pink: light red and light purplish red.
    case pink
    /// Purple: the hue between blue and red, violet included.
    case purple
    /// Grey: without hue, between black and white (`gray` in American spelling).
    case grey

    /// The colour a word names, or nil when the word is not one of the 11 terms or a word
    /// read as one of them. Case and surrounding spaces do not matter.
    ///
    /// Besides the 11 terms it reads `gray` (grey), `violet` (purple), `navy` (blue), `scarlet`
    /// and `crimson` (red), and `silver` (grey: a silver car's paint is light grey in a photo).
    /// It does not read `gold` or `golden`: a gold object's pixels span yellow, orange and
    /// brown, and `golden` is mostly part of a name (golden retriever, golden eagle) that should
    /// stay with the noun. Nor `tan`, `beige` or `cream`: they lie between brown, yellow and
    /// white, and one basic term would reject objects a person calls by them.
    ///
    /// ```swift
    /// BasicColour(word: "gray")    // .grey
    /// BasicColour(word: "golden")  // nil
    /// ```
    public init?(word: String) {
        let key = word.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let colour = BasicColour(rawValue: key) {
            self = colour
        } else if let colour = Self.readAs[key] {
            self = colour
        } else {
            return nil
        }
    }

    /// The position in ``allCases``.
    var index: Int {
        switch self {
        case .black: 0
        case .white: 1
        case .red: 2
        case .green: 3
        case .yellow: 4
        case .blue: 5
        case .brown: 6
        case .orange: 7
        case .pink: 8
        case .purple: 9
        case .grey: 10
        }
    }

    /// Words that are not basic terms but that people type for one.
    private static let readAs: [String: BasicColour] = [
        "gray": .grey, "silver": .grey,
        "violet": .purple,
        "navy": .blue,
        "scarlet": .red, "crimson": .red,
    ]
}
