/// Why an object name could not be turned into detector classes.
///
/// ```swift
/// do { _ = try resolver.resolve("pelicn") } catch { print(error) }  // ... did you mean: pelican → bird? ...
/// ```
public enum QueryError: Error, Hashable, CustomStringConvertible {
    /// No rule matched the name, or the name means something none of the classes is.
    case unknownName(UnknownName)
    /// The name is empty or only whitespace and punctuation.
    case emptyName
    /// The text names several objects (`"dogs and cats"`): ``QueryResolver/resolveNames(in:)``
    /// answers each.
    case severalNames([String])

    /// The report of an unknown name, when that is the error.
    public var unknownName: UnknownName? {
        if case .unknownName(let unknown) = self { return unknown }
        return nil
    }

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .unknownName(let unknown):
            return unknown.description
        case .emptyName:
            return "an object name is empty; give a name such as \"person\" or \"dog\"."
        case .severalNames(let names):
            return "\(names.map(quoted).joined(separator: " and ")) are \(names.count) names; resolve them one at a time."
        }
    }
}

/// A known name offered for an unknown one, with the classes it finds.
///
/// ```swift
/// NameSuggestion(name: "motorbike", classes: ["motorcycle"]).description   // "motorbike → motorcycle"
/// ```
public struct NameSuggestion: Sendable, Hashable, CustomStringConvertible {
    /// The name to ask for instead.
    public var name: String
    /// What it finds, by the classes' COCO names.
    public var classes: [String]

    /// Creates a suggestion.
    public init(name: String, classes: [String]) {
        self.name = name
        self.classes = classes
    }

    /// `"motorbike → motorcycle"`, or just `"horse"` for a class name.
    public var description: String {
        classes == [name] ? name : "\(name) → \(classes.joined(separator: ", "))"
    }
}

/// A name no detector class matches, with what the resolver knows that may help.
///
/// ```swift
/// let whale = UnknownName(name: "whale", meaning: "any of the larger cetacean mammals…", classCount: 80, isCOCO: true)
/// print(whale)   // no detector class matches "whale", read as "any of the larger cetacean mammals…". ...
/// ```
public struct UnknownName: Sendable, Hashable, CustomStringConvertible {
    /// The name as asked.
    public var name: String
    /// Known names that would resolve, closest first (at most ``QueryResolver/maximumSuggestions``);
    /// for a name read in a sense no class is (``meaning``), the classes of its other reading
    /// ("wheel": bicycle), if any.
    public var suggestions: [NameSuggestion]
    /// What WordNet says the name means when it knows it ("whale": the animal), else `nil`.
    public var meaning: String?
    /// The words ``meaning`` is of when only the end of the name was understood ("lion" in
    /// "circus lions", which WordNet knows only as lions), else `nil`: the meaning is not the whole
    /// name's.
    public var readAs: String?
    /// How many classes the detector knows.
    public var classCount: Int
    /// True when those classes are COCO's.
    public var isCOCO: Bool
    /// True when the name asks for likenesses of what the classes are ("toy cars", "stuffed
    /// animals"): the detector would count the real things too, so nothing is counted; the
    /// suggestion is the thing itself.
    public var isLikeness: Bool
    /// True when WordNet reads the name two ways and does not rank them ("calculators": an expert
    /// at calculation, or the machine): ``meaning`` gives both, the suggestions the classes of
    /// each, and nothing is counted.
    public var isAmbiguous: Bool
    /// True when the name is a word people rarely use ("caw", "puddles"): ``meaning`` is what it
    /// means, and the suggestions are names the detector knows spelled like it, in case it is a slip.
    public var isRareWord: Bool
    /// True when the name asks for groups whose members are what the detector finds ("teams",
    /// "flocks", "families"): it cannot tell where one group ends, so the groups are not counted;
    /// the suggestions are the members' classes, and a group asked for in the singular ("the
    /// flock") counts its members.
    public var isGroups: Bool
    /// True when the name means kinds of a general word the model has no class for, where the
    /// model knows one kind of that word: a thing's name before the word makes it another kind
    /// ("phone cases": its one kind of case is the suitcase), or the word alone hardly means that
    /// kind ("tubes": its one kind of tube is the fire hydrant). ``meaning`` says so, the
    /// suggestion is the kind the model has, and nothing is counted.
    public var isOtherKind: Bool
    /// The classes the name means that only a model not loaded finds ("faces": `face`, when the
    /// face model is not loaded), else empty: the name is known, and another model would answer it.
    public var classesNotLoaded: [String]
    /// True when what the name leaves out leaves nothing to count: it says only what not to count
    /// ("not cars"), leaves out every class it names ("dogs except dogs"), or leaves out part of a
    /// class that the model cannot count apart from the rest ("dogs except puppies"). ``meaning``
    /// says which.
    public var leavesNothing: Bool

    /// Creates an unknown-name report.
    public init(name: String, suggestions: [NameSuggestion] = [], meaning: String? = nil, readAs: String? = nil,
                classCount: Int, isCOCO: Bool, isLikeness: Bool = false, isAmbiguous: Bool = false,
                isRareWord: Bool = false, isGroups: Bool = false, isOtherKind: Bool = false,
                classesNotLoaded: [String] = [], leavesNothing: Bool = false) {
        self.name = name
        self.suggestions = suggestions
        self.meaning = meaning
        self.readAs = readAs
        self.classCount = classCount
        self.isCOCO = isCOCO
        self.isLikeness = isLikeness
        self.isAmbiguous = isAmbiguous
        self.isRareWord = isRareWord
        self.isGroups = isGroups
        self.isOtherKind = isOtherKind
        self.classesNotLoaded = classesNotLoaded
        self.leavesNothing = leavesNothing
    }

    /// The name, the meaning (and the class its other reading would find) or the nearest names,
    /// what the detector knows, and what to do.
    public var description: String {
        var text = "no detector class matches \(quoted(name))"
        let names = suggestions.map(\.description).joined(separator: ", ")
        if isLikeness {
            return text + ", read as \"\(meaning ?? name)\": the detector sees a likeness as the thing itself and cannot"
                + " count one apart from the other. Ask for \(names) to count both, or give an example box of one"
                + " (\(exemplarBox))."
        }
        if leavesNothing {
            return text + ": \(meaning ?? "it leaves out all it names")."
        }
        if isGroups {
            return text + ", read as groups (\"\(meaning ?? name)\"): the detector finds their members, not where one"
                + " group ends, so the groups are not counted. Ask for \(names) to count the members."
        }
        if isOtherKind {
            return text + ", read as \(meaning ?? "a kind the model has no class for"), so nothing is counted. Ask for"
                + " \(names) to count those, or give an example box of one (\(exemplarBox))."
        }
        if isAmbiguous {
            let readings = suggestions.map(\.description).joined(separator: " or ")
            let ask = readings.isEmpty ? "Add" : "Ask for \(readings) to count one reading, or add"
            return text + ": it reads as \(meaning ?? name), and WordNet does not say which is meant more often,"
                + " so nothing is counted. \(ask) a word that says which (\"fishing trawlers\" are boats)."
        }
        if !classesNotLoaded.isEmpty {
            text += meaning.map { ", read as \"\($0)\"" } ?? ""
            text += ": that is \(classesNotLoaded.joined(separator: ", ")), which a model that is not loaded finds"
            if !suggestions.isEmpty { text += " (for its other reading, ask for \(names))" }
            return text + ". Load that model (`ground count --model PATH`, the engine's \"models\"; by default YOLOv4-tiny and,"
                + " when fetched, MediaPipe's face and palm models are loaded); \(modelList) lists the models loaded and their classes."
        }
        if let meaning {
            text += ", read " + (readAs.map { "by \(quoted($0)) alone " } ?? "") + "as \"\(meaning)\""
            if suggestions.isEmpty {
                text += "."
            } else if isRareWord {
                text += ", a rare word; if it is a slip, did you mean: \(names)?"
            } else {
                text += "; if you mean its other reading, ask for \(names)."
            }
        } else {
            text += suggestions.isEmpty ? "." : "; did you mean: \(names)?"
        }
        let vocabulary = isCOCO ? "the \(classCount) COCO classes" : "\(classCount) classes"
        return text + " The detector knows \(vocabulary) (\(modelList) lists them) and common words"
            + " for them (\"motorbike\", \"puppy\"); for anything else, give an example box (\(exemplarBox))."
    }
}

/// How a caller gives an example box, in each of the ways Grounding is called.
private let exemplarBox = #"--exemplar X1,Y1,X2,Y2; in a request, {"exemplar": [[x1, y1, x2, y2]]}"#

/// How a caller lists the models and their classes, in each of the ways Grounding is called.
private let modelList = "`ground info --classes`, grounding_engine_models or Python's Engine.models"

/// `name` in quotes, as ``NamePhrase/shown(_:)`` cuts it.
private func quoted(_ name: String) -> String {
    "\"\(NamePhrase.shown(name))\""
}
