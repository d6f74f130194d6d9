/// What a word after an animal's name says of that animal: its young ("elephant calves"), its
/// females or males ("elephant cows", "moose bulls"), its parents ("elephant mothers"), or a
/// group of it ("a zebra herd").
///
/// Alone, each such word reads as one animal's or as people's: a calf and a cow are cattle, a
/// pup a dog, a kid, a baby or a mother a person, a herd sheep or cattle. After another
/// animal's name it is that animal's, so the name asks for that animal (``QueryResolver``
/// counts it, or says none is a class). A closed list: words that, after an animal, often
/// name something else are left out ("kit": a drum kit; "dam": a beaver dam; "school": a dog
/// school; "litter": cat litter; "mom", "dad": people who keep the animal, "dog moms").
///
/// ```swift
/// AnimalKin.named("cows")     // (.female, isPlural: true)
/// AnimalKin.female.of("elephant")   // "the females of elephant"
/// ```
enum AnimalKin: Sendable, Hashable {
    /// The young: "calves", "pups", "foals".
    case young
    /// The females: "cows", "hens", "mares".
    case female
    /// The males: "bulls", "stallions", "rams".
    case male
    /// The parents: "mothers", "fathers".
    case parent
    /// A group, whose members a singular asks for: "herd", "flock", "pod".
    case group

    /// The kin `word` (one word, singular or plural, any case) names and whether it is a plural,
    /// or nil for any other word.
    static func named(_ word: Substring) -> (kin: AnimalKin, isPlural: Bool)? {
        let lower = word.lowercased()
        if let kin = words[lower] { return (kin, false) }
        for singular in EnglishPlural.singulars(of: lower) {
            if let kin = words[singular] { return (kin, true) }
        }
        return nil
    }

    /// How an answer says what was asked for `animal` (its name): "the young of seal", "groups
    /// of whale".
    func of(_ animal: String) -> String {
        switch self {
        case .young: "the young of \(animal)"
        case .female: "the females of \(animal)"
        case .male: "the males of \(animal)"
        case .parent: "the parents of \(animal)"
        case .group: "groups of \(animal)"
        }
    }

    /// The words, singular.
    private static let words: [String: AnimalKin] = {
        let lists: [(AnimalKin, [String])] = [
            (.young, ["baby", "youngster", "juvenile", "infant", "offspring", "pup", "puppy", "cub", "calf", "kitten",
                      "foal", "colt", "filly", "lamb", "kid", "fawn", "chick", "hatchling", "nestling", "fledgling",
                      "duckling", "cygnet", "gosling", "eaglet", "owlet", "joey", "piglet", "whelp", "leveret", "cria",
                      "yearling"]),
            (.female, ["female", "cow", "hen", "mare", "ewe", "sow", "doe", "vixen"]),
            (.male, ["male", "bull", "stallion", "ram", "boar", "buck", "stag", "rooster", "cock", "drake", "gander"]),
            (.parent, ["mother", "father", "parent"]),
            (.group, ["herd", "flock", "pack", "pride", "pod", "swarm", "colony", "troop", "gaggle", "drove", "brood"]),
        ]
        return Dictionary(uniqueKeysWithValues: lists.flatMap { kin, words in words.map { ($0, kin) } })
    }()
}
