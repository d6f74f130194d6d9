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
        check("which cars", [("which cars", "cars", nil, nil)])
        // A number compared goes with its comparison: how many are expected is not what to count.
        check("at least two dogs", [("at least two dogs", "dogs", nil, nil)])
        check("fewer than 3 people", [("fewer than 3 people", "people", nil, nil)])
        check("more than twenty cars", [("more than twenty cars", "cars", nil, nil)])
        check("about 20 sheep", [("about 20 sheep", "sheep", nil, nil)])
        check("up to 5 people", [("up to 5 people", "people", nil, nil)])
        check("over the bridge", [("over the bridge", "over the bridge", nil, nil)])
        // "only" says no more than the name.
        check("only dogs", [("only dogs", "dogs", nil, nil)])
        check("dogs only", [("dogs only", "dogs", nil, nil)])
        // A word for how many before "of", or a count after the name.
        check("the total number of cars", [("the total number of cars", "cars", nil, nil)])
        check("the count of people", [("the count of people", "people", nil, nil)])
        check("amount of people", [("amount of people", "people", nil, nil)])
        check("car count", [("car count", "car", nil, nil)])
        check("tons of birds", [("tons of birds", "birds", nil, nil)])
        check("a single cat", [("a single cat", "cat", nil, nil)])
        // A plural with an apostrophe, or one thing's, at the end is the thing.
        check("TV's", [("TV", "TV", nil, nil)])
        check("the cat’s", [("the cat", "cat", nil, nil)])
        check("the dog's toys", [("the dog's toys", "dog's toys", nil, nil)])
    }

    /// A request said as a command: the verb (and "me", "at", "for") goes before an article or a
    /// quantifier; without one the words are a name, or not understood, as they come. A question's
    /// opening goes too, and the verb after it with or without an article.
    @Test func aRequestVerbBeforeTheNameGoes() {
        check("count the birds", [("count the birds", "birds", nil, nil)])
        check("Find all dogs.", [("Find all dogs", "dogs", nil, nil)])
        check("show me the cats in the photo", [("show me the cats in the photo", "cats", nil, "in the photo")])
        check("look for the horses", [("look for the horses", "horses", nil, nil)])
        check("point at every person", [("point at every person", "person", nil, nil)])
        check("give me the number of cars", [("give me the number of cars", "cars", nil, nil)])
        check("count birds", [("count birds", "count birds", nil, nil)])
        check("box springs", [("box springs", "box springs", nil, nil)])
        check("box of chocolates", [("box of chocolates", "box", nil, "of chocolates")])
        check("point of sale", [("point of sale", "point", nil, "of sale")])
        check("count the", [("count the", "count the", nil, nil)])
        // A question's opening, with the verb after its subject, article or not.
        check("Is there a dog?", [("Is there a dog", "dog", nil, nil)])
        check("are there any cats in this photo", [("are there any cats in this photo", "cats", nil, "in this photo")])
        check("can you see the birds", [("can you see the birds", "birds", nil, nil)])
        check("do you see cats", [("do you see cats", "cats", nil, nil)])
        check("could you count sheep", [("could you count sheep", "sheep", nil, nil)])
        check("where is the remote", [("where is the remote", "remote", nil, nil)])
        check("where's the dog", [("where's the dog", "dog", nil, nil)])
        check("where are my keys", [("where are my keys", "keys", nil, nil)])
        check("are there", [("are there", "are", nil, "there")])
        check("the count", [("the count", "count", nil, nil)])
    }

    @Test func trailingPunctuationAndQuotesGo() {
        check("cars.", [("cars", "cars", nil, nil)])
        check("cars?!", [("cars", "cars", nil, nil)])
        // An initialism written with dots is the word without them; other dots stay.
        check("T.V.", [("TV", "TV", nil, nil)])
        check("the t.v.s", [("the tvs", "tvs", nil, nil)])
        check("st.bernards", [("st.bernards", "st.bernards", nil, nil)])
        check("\"cats\"", [("cats", "cats", nil, nil)])
        check("the dogs…", [("the dogs", "dogs", nil, nil)])
        // A plural marker in parentheses: the name is the word before it.
        check("person(s)", [("person", "person", nil, nil)])
        check("the box(es).", [("the box", "box", nil, nil)])
        check("(s)", [("s", "s", nil, nil)])
        // Words in parentheses are an aside about the name, not understood: nothing in it splits names.
        check("people (adults and children)", [("people adults and children", "people", nil, "adults and children")])
        check("dogs (not cats), horses", [("dogs not cats", "dogs", nil, "not cats"), ("horses", "horses", nil, nil)])
    }

    @Test func conjunctionsAndCommasSeparateNames() {
        check("dogs and cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("dogs, cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("dogs,cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("the dogs, the cats and a horse.", [("the dogs", "dogs", nil, nil), ("the cats", "cats", nil, nil),
                                                  ("a horse", "horse", nil, nil)])
        check("cups & bowls", [("cups", "cups", nil, nil), ("bowls", "bowls", nil, nil)])
        check("dogs or cats", [("dogs", "dogs", nil, nil), ("cats", "cats", nil, nil)])
        check("car/truck", [("car", "car", nil, nil), ("truck", "truck", nil, nil)])
        check("cars / trucks", [("cars", "cars", nil, nil), ("trucks", "trucks", nil, nil)])
        check("cars+trucks", [("cars", "cars", nil, nil), ("trucks", "trucks", nil, nil)])
        // Words that join two names as "and" does; "as well" alone or at an end joins nothing.
        check("cats as well as dogs", [("cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("cats vs dogs", [("cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("Cats versus dogs", [("Cats", "Cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("either cats or dogs", [("either cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("dogs as well", [("dogs as well", "dogs as well", nil, nil)])
        check("as well as dogs", [("as well as dogs", "as well as dogs", nil, nil)])
        // Words framing a request before it, and "please", say nothing of what to count.
        for (text, noun) in [("what's the number of dogs", "dogs"), ("I'd like to count the chairs", "chairs"),
                             ("get me a count of trucks", "trucks"), ("I want to know how many birds", "birds"),
                             ("count the horses please", "horses"), ("please count the chairs", "chairs")] {
            #expect(NamePhrase.parse(text).map(\.noun) == [noun], "\(text): \(NamePhrase.parse(text))")
        }
        // A comparison asks for both sides; a number after "than" says how many.
        check("are there more cats than dogs", [("are there more cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("fewer cars than bikes", [("fewer cars", "cars", nil, nil), ("bikes", "bikes", nil, nil)])
        check("twice as many cars as trucks", [("twice as many cars", "cars", nil, nil), ("trucks", "trucks", nil, nil)])
        check("cats compared to dogs", [("cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("cats > dogs", [("cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
        check("more than three dogs", [("more than three dogs", "dogs", nil, nil)])
        // A verb of having ends the name: the people are counted, not the umbrellas.
        check("how many people have umbrellas", [("how many people have umbrellas", "people", nil, "have umbrellas")])
        check("how many cats does she have", [("how many cats does she have", "cats", nil, "does she have")])
        check("which of these are vehicles", [("which of these are vehicles", "vehicles", nil, nil)])
        check("cats as well as, dogs", [("cats", "cats", nil, nil), ("dogs", "dogs", nil, nil)])
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
        // Where or how a name is seen, said after it.
        check("cars visible", [("cars visible", "cars", nil, "visible")])
        check("all persons pictured here", [("all persons pictured here", "persons", nil, "pictured here")])
        check("how many people are there", [("how many people are there", "people", nil, "are there")])
        // A question's verb before its subject; a noun that is also such a verb stays a noun.
        check("how many people can you see", [("how many people can you see", "people", nil, "can you see")])
        check("how many cars do you count?", [("how many cars do you count", "cars", nil, "do you count")])
        check("beer cans", [("beer cans", "beer cans", nil, nil)])
    }

    /// What follows "except", "but not", "other than" and the like is left out of the names
    /// before it, never a name of its own; "not" inside words not understood stays theirs.
    @Test func wordsThatLeaveOutAreAnExclusion() {
        func excluded(_ text: String, _ names: [String], _ marker: String, _ left: [String],
                      sourceLocation: SourceLocation = #_sourceLocation) {
            let parsed = NamePhrase.parse(text)
            #expect(parsed.map(\.noun) == names, "\(text): \(parsed)", sourceLocation: sourceLocation)
            for phrase in parsed {
                #expect(phrase.exclusion?.marker == marker && phrase.exclusion?.names.map(\.noun) == left
                        && phrase.ignored == nil, "\(text): \(phrase)", sourceLocation: sourceLocation)
            }
        }
        excluded("dogs but not cats", ["dogs"], "but not", ["cats"])
        excluded("animals except dogs and cats", ["animals"], "except", ["dogs", "cats"])
        excluded("animals, except for the dogs", ["animals"], "except for", ["dogs"])
        excluded("dogs and not cats", ["dogs"], "not", ["cats"])
        excluded("people, not children", ["people"], "not", ["children"])
        excluded("dogs but no cats", ["dogs"], "but no", ["cats"])
        excluded("animals other than birds", ["animals"], "other than", ["birds"])
        excluded("all vehicles apart from bicycles", ["vehicles"], "apart from", ["bicycles"])
        excluded("cups not including mugs", ["cups"], "not including", ["mugs"])
        excluded("dogs and cats excluding kittens", ["dogs", "cats"], "excluding", ["kittens"])
        #expect(NamePhrase.parse("dogs but not cats").map(\.text) == ["dogs but not cats"])
        #expect(NamePhrase.parse("dogs and cats except kittens").map(\.text) == ["dogs except kittens", "cats except kittens"])
        // Only what not to count: no name.
        excluded("not cars", [""], "not", ["cars"])
        excluded("except the dogs", [""], "except", ["dogs"])
        excluded("anything but cars", ["anything"], "but", ["cars"])
        excluded("neither cats nor dogs", [""], "neither", ["cats", "dogs"])
        // A relative clause that only denies leaves out; the resolver hands back what names no
        // class ("cars that are not red") as not understood.
        excluded("animals that are not dogs", ["animals"], "that are not", ["dogs"])
        excluded("anything that isn't a person", ["anything"], "that isn't", ["person"])
        excluded("vehicles which aren't cars", ["vehicles"], "which aren't", ["cars"])
        excluded("people who are not wearing hats", ["people"], "who are not", ["wearing hats"])
        excluded("people minus children", ["people"], "minus", ["children"])
        excluded("cows rather than horses", ["cows"], "rather than", ["horses"])
        excluded("trucks instead of cars", ["trucks"], "instead of", ["cars"])
        // "no" and "without" first say only what not to count; after a name, "without" says what
        // is worn or carried, not understood.
        excluded("no people", [""], "no", ["people"])
        excluded("without dogs", [""], "without", ["dogs"])
        // "there are no cats" and "none of the dogs" say what not to count.
        excluded("there are no cats", [""], "no", ["cats"])
        excluded("none of the dogs", [""], "none", ["dogs"])
        // A denial first, then what to count.
        excluded("not dogs but cats", ["cats"], "not", ["dogs"])
        excluded("no cats, only dogs", ["dogs"], "no", ["cats"])
        #expect(NamePhrase.parse("no cats, only dogs").map(\.text) == ["dogs no cats"])
        // A later name of a list may say what not to count: "cats, no dogs" counts no dogs.
        excluded("cats, no dogs", ["cats"], "no", ["dogs"])
        excluded("cats and no dogs", ["cats"], "no", ["dogs"])
        // A later item with an exclusion of its own is a name of its own, not more of the first's
        // exclusion; an item that only names stays with it.
        let two = NamePhrase.parse("vehicles but not cars, people except children")
        #expect(two.map(\.noun) == ["vehicles", "people"] && two.map(\.text) == ["vehicles but not cars", "people except children"],
                "\(two)")
        #expect(two.map { $0.exclusion?.names.map(\.noun) ?? [] } == [["cars"], ["children"]], "\(two)")
        excluded("animals except dogs, cats", ["animals"], "except", ["dogs", "cats"])
        check("people with no umbrellas", [("people with no umbrellas", "people", nil, "with no umbrellas")])
        // A denied word of its own, not a denied word before the name.
        excluded("non-dogs", [""], "non-", ["dogs"])
        check("non-human animals", [("non-human animals", "non-human animals", nil, nil)])
        // "nobody" is "no people", whatever WordNet's "a person of no influence" says.
        excluded("nobody", [""], "nobody", ["person"])
        excluded("no-one in hats", [""], "no-one", ["person"])
        check("people without helmets", [("people without helmets", "people", nil, "without helmets")])
        // Words not understood keep their "not"; a last "not" leaves nothing out; nor does an aside.
        check("cars or not", [("cars", "cars", nil, nil), ("not", "not", nil, nil)])
        check("people on bikes, not cars", [("people on bikes not cars", "people", nil, "on bikes not cars")])
        check("dogs and people on bikes except children",
              [("dogs", "dogs", nil, nil), ("people on bikes except children", "people", nil, "on bikes except children")])
        check("people (not children)", [("people not children", "people", nil, "not children")])
    }

    @Test func aColourSaidOfWhatIsWornIsKeptWithItsGarment() {
        func worn(_ text: String, _ noun: String, _ colour: String, _ garment: Garment, _ words: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
            let parsed = NamePhrase.parse(text)
            #expect(parsed == [NamePhrase(text: text, noun: noun, colour: colour, garment: garment, worn: words)],
                    "\(text): \(parsed)", sourceLocation: sourceLocation)
        }
        worn("people in red", "people", "red", .clothes, "in red")
        // Said as a predicate: what they wear, or a thing's own colour.
        worn("how many people are in red", "people", "red", .clothes, "are in red")
        #expect(NamePhrase.parse("how many cars are red") == [NamePhrase(text: "how many cars are red", noun: "cars", colour: "red")])
        check("how many cars are parked", [("how many cars are parked", "cars", nil, "are parked")])
        worn("a man wearing a blue shirt", "man", "blue", .top, "wearing a blue shirt")
        worn("women dressed in black trousers", "women", "black", .bottoms, "dressed in black trousers")
        worn("players with white jerseys", "players", "white", .top, "with white jerseys")
        worn("kids clad in all gray", "kids", "grey", .clothes, "clad in all gray")
        worn("the guards in red uniforms", "guards", "red", .clothes, "in red uniforms")
        // "with" says what is worn only before a garment; a small garment is not read; words
        // beyond the colour and one garment, or a colour before the noun, leave the relation as it was.
        check("people with red", [("people with red", "people", nil, "with red")])
        check("a man in a red hat", [("a man in a red hat", "man", nil, "in a red hat")])
        check("people in red shirts on bikes", [("people in red shirts on bikes", "people", nil, "in red shirts on bikes")])
        check("red cars in blue", [("red cars in blue", "cars", "red", "in blue")])
        check("people wearing hats", [("people wearing hats", "people", nil, "wearing hats")])
        // "dressed" and "clad" open what is worn only: elsewhere they stay with the name.
        check("well dressed men", [("well dressed men", "well dressed men", nil, nil)])
        // Colours joined to what is worn are more of it, not a name ("white" alone would be a
        // kind of person); several colours are not one colour, so they are not understood.
        check("people in black and white", [("people in black and white", "people", nil, "in black and white")])
        check("people in red and white shirts", [("people in red and white shirts", "people", nil, "in red and white shirts")])
        // It ends a name like any relation: each name keeps its own.
        let two = NamePhrase.parse("people in blue and dogs")
        #expect(two.map(\.noun) == ["people", "dogs"] && two.map(\.garment) == [.clothes, nil])
    }

    @Test func aGarmentIsReadOnThePartOfThePersonItCovers() {
        let person = BoundingBox(x1: 100, y1: 0, x2: 200, y2: 400)
        func near(_ a: BoundingBox?, _ b: BoundingBox) -> Bool {
            guard let a else { return false }
            return [a.x1 - b.x1, a.y1 - b.y1, a.x2 - b.x2, a.y2 - b.y2].allSatisfy { abs($0) < 0.001 }
        }
        #expect(Garment.clothes.region(of: person) == person)
        #expect(near(Garment.top.region(of: person), BoundingBox(x1: 120, y1: 60, x2: 180, y2: 200)))
        #expect(near(Garment.bottoms.region(of: person), BoundingBox(x1: 120, y1: 220, x2: 180, y2: 380)))
        // A person only a face found is boxed as head and shoulders: the top, and all the clothes
        // it shows, are below the chin, and the bottoms are not there.
        #expect(near(Garment.top.region(of: person, foundBy: .part), BoundingBox(x1: 120, y1: 220, x2: 180, y2: 400)))
        #expect(Garment.clothes.region(of: person, foundBy: .part) == Garment.top.region(of: person, foundBy: .part))
        #expect(Garment.bottoms.region(of: person, foundBy: .part) == nil)
        #expect(Garment(word: "T-Shirts") == .top && Garment(word: "jeans") == .bottoms && Garment(word: "dress") == .clothes)
        #expect(Garment(word: "hat") == nil)
    }

    @Test func hugeTextIsParsedInOnePass() {
        let huge = String(repeating: "horse ", count: 50_000)
        let parsed = NamePhrase.parse(huge)
        #expect(parsed.count == 1 && parsed[0].noun.count == 50_000 * 6 - 1)
        // Phrases that separate names, and words that leave out, are found in one pass too.
        #expect(NamePhrase.parse(String(repeating: "cats as well as ", count: 50_000) + "dogs").count == 50_001)
        let leaving = NamePhrase.parse("dogs " + String(repeating: "but not cats ", count: 50_000))
        #expect(leaving.count == 1 && leaving[0].exclusion?.names.count == 1)
        #expect(NamePhrase.parse("cars that are " + String(repeating: "not red ", count: 50_000)).count == 1)
    }
}
