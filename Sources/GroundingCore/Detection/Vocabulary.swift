/// The names a model can find, in the order of its class indices: each with a stable id (its
/// index), other words people use for it, and, where the classes come from a dataset, that
/// dataset's id (COCO's 1...90 with gaps), which COCO-format output needs.
///
/// ```swift
/// let coco = Vocabulary(names: cocoNamesFileLines)   // recognised: dataset "coco", dog → 18
/// coco.entries[16].datasetID                         // 18
/// let faces = Vocabulary([.init(id: 0, name: "face", aliases: ["human face"])])
/// ```
public struct Vocabulary: Sendable, Hashable {
    /// One class of a vocabulary.
    public struct Entry: Sendable, Hashable {
        /// Its class index in the model's output: stable for a given model.
        public let id: Int
        /// Its name, as the model's class list spells it.
        public let name: String
        /// Other words for it that the name router treats as synonyms (`"palm"` for `"hand"`).
        public let aliases: [String]
        /// Its id in ``Vocabulary/dataset``, when the vocabulary is a dataset's.
        public let datasetID: Int?
        /// The kind of thing it is, grouping the classes a detector may mistake for one another
        /// (COCO's supercategory: dog and cat are both `"animal"`), or nil. One object seen as two
        /// classes of one kind is counted once, as the better-scoring one (``BetterReading``).
        public let kind: String?
        /// The name of the object this one is a part of (`"person"` for a face or a hand), when it
        /// is one: the engine then also looks closer inside each such whole another model finds
        /// (``GroundingOptions/looksInsideWholes``), where small parts show at a size its model knows.
        public let whole: String?
        /// How it stands for its ``whole`` when each whole has exactly one of it (a face; not a
        /// hand): the engine then also counts a whole that only this part shows
        /// (``GroundingOptions/findsWholesByParts``).
        public let marks: WholeMark?

        /// An entry.
        public init(id: Int, name: String, aliases: [String] = [], datasetID: Int? = nil, kind: String? = nil,
                    whole: String? = nil, marks: WholeMark? = nil) {
            self.id = id
            self.name = name
            self.aliases = aliases
            self.datasetID = datasetID
            self.kind = kind
            self.whole = whole
            self.marks = marks
        }
    }

    /// The dataset whose categories these are (`"coco"`), or nil.
    public let dataset: String?
    /// The classes, in index order (``Entry/id`` equals the position).
    public let entries: [Entry]

    /// A vocabulary of `entries` (their ids must be their positions) from `dataset`.
    ///
    /// - Precondition: every entry's id is its index.
    public init(_ entries: [Entry], dataset: String? = nil) {
        precondition(entries.enumerated().allSatisfy { $0.offset == $0.element.id }, "vocabulary ids must be class indices")
        self.entries = entries
        self.dataset = dataset
    }

    /// A vocabulary of plain class names; COCO's 80 classes in their index order (either
    /// spelling, as Darknet's `coco.names` or Ultralytics' names) are recognised and get COCO's
    /// category ids and supercategories (``Entry/kind``).
    public init(names: [String]) {
        let coco = names.map { CocoClass.named($0) }
        let isCOCO = names.count == CocoClass.all.count && zip(coco, CocoClass.all).allSatisfy { $0 == $1 }
        self.init(names.enumerated().map { index, name in
            Entry(id: index, name: name, datasetID: isCOCO ? coco[index]?.id : nil, kind: isCOCO ? coco[index]?.kind : nil)
        }, dataset: isCOCO ? "coco" : nil)
    }

    /// The class names in index order.
    public var names: [String] { entries.map(\.name) }
    /// The kind of each class (``Entry/kind``), in class order: what ``BetterReading`` and
    /// ``SplitFind`` take to tell readings of one object apart.
    public var kinds: [String?] { entries.map(\.kind) }
}
