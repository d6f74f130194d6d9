import Testing
import Grounding

/// A phrase and how it should come apart: (text, noun, colour, ignored) per name.
private typealias Parsed = (text: String, noun: String, colour: String?, ignored: String?)

@Suite struct NamePhraseTests {
    private func check(_ text: String, _ expected: [Parsed], sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = NamePhrase.parse(text)
        #expect(parsed.count == expected.count, "\(text): \(parsed)", sourceLocation: sourceLocation)
        for (got, want) in zip(parsed, expected) {
            #expect(got == NamePhrase(text: want.text, noun: want.noun, colour: want.colour, ignored: want.ignored),
                    "\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func articlesQuantifiersAndNumbersAreDropped() {
        check("dog", [("dog", "dog", nil, nil)])
        check("the dog", [("the dog", "dog", nil, nil)])
        check("a cup", [("a cup", "cup", nil, nil)])
        check("an apple", [("an apple", "apple", nil, nil)])
        check("all the cars", [("all the cars", "cars", nil, nil)])
        check("two dogs", [("two dogs", "dogs", nil, nil)])
        check("12 horses", [("12 horses", "horses", nil, nil)])
        check("some people", [("some people", "people", nil, nil)])
        check("a couple of mugs", [("a couple of mugs", "mugs", nil, nil)])
        check("how many birds", [("how many birds", "birds", nil, nil)])
        check("  The   Teddy  Bears ", [("The Teddy Bears", "Teddy Bears", nil, nil)])
        // A lone article stays the noun: nothing is silently emptied.
        check("the", [("the", "the", nil, nil)])
    }

    @Test func trailingPunctuationAndQuotesGo() {
        check("cars.", [("cars", "cars", nil, nil)])
        check("cars?!", [("cars", "cars", nil, nil)])
        check("\"cats\"", [("cats", "cats", nil, nil)])
        check("the dogs…", [("the dogs", "dogs", nil, nil)])
    }

    @Test func conjunctionsAndCommasSeparateNames() {
        check("dogs and cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("dogs, cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("dogs,cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("the dogs, the cats and a horse.", [("the dogs", "dogs", nil, nil), ("the cats", "cats", nil, nil),
                                                  ("a horse", "horse", nil, nil)])
        check("cups & bowls", [("cups", "cups", nil, nil), ("bowls", "bowls", nil, nil)])
        check("dogs or cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check(", ,", [])
        check("", [])
    }

    @Test func basicColoursBeforeTheNounAreKept() {
        check("red car", [("red car", "car", "red", nil)])
        check("white birds", [("white birds", "birds", "white", nil)])
        check("the gray cats", [("the gray cats", "cats", "grey", nil)])
        check("two Blue Buses", [("two Blue Buses", "Buses", "blue", nil)])
        for colour in NamePhrase.colourTerms {
            check("\(colour) cup", [("\(colour) cup", "cup", colour, nil)])
        }
        // A colour alone is the noun: "orange" is the fruit.
        check("orange", [("orange", "orange", nil, nil)])
        check("an orange", [("an orange", "orange", nil, nil)])
        // Several colours are not one basic colour: they are recorded, not guessed.
        check("black and white cats", [("black and white cats", "cats", nil, "black and white")])
    }

    @Test func relationsAreRecordedAsIgnored() {
        check("person on a bike", [("person on a bike", "person", nil, "on a bike")])
        check("the cup left of the laptop", [("the cup left of the laptop", "cup", nil, "left of the laptop")])
        check("a dog next to the sofa", [("a dog next to the sofa", "dog", nil, "next to the sofa")])
        check("cup of coffee", [("cup of coffee", "cup", nil, "of coffee")])
        check("red car behind the bus and a person holding an umbrella",
              [("red car behind the bus", "car", "red", "behind the bus"),
               ("a person holding an umbrella", "person", nil, "holding an umbrella")])
    }

    @Test func hugeTextIsParsedInOnePass() {
        let huge = String(repeating: "horse ", count: 50_000)
        let parsed = NamePhrase.parse(huge)
        #expect(parsed.count == 1 && parsed[0].noun.count == 50_000 * 6 - 1)
    }
}
