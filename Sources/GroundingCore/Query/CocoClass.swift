/// One of the 80 classes of the COCO detection benchmark: its category id, its name as COCO 2017
/// and Ultralytics spell it (the name every output uses), and Darknet's spelling where it differs
/// (still accepted as input).
///
/// ```swift
/// let tv = CocoClass.named("tvmonitor")   // CocoClass(id: 72, name: "tv", darknetName: "tvmonitor")
/// CocoClass.all[16].id                     // 18, COCO's id for "dog"
/// ```
public struct CocoClass: Sendable, Hashable {
    /// COCO's category id (1...90, with gaps).
    public let id: Int
    /// The COCO / Ultralytics name: `"motorcycle"`, `"tv"`, `"dining table"`.
    public let name: String
    /// Darknet's `coco.names` spelling when it differs (`"motorbike"`, `"tvmonitor"`), else `nil`.
    public let darknetName: String?

    /// COCO's supercategory of the class (`"animal"` for dog and cat, `"vehicle"` for car and
    /// truck), as the dataset's annotations define it: categories are numbered by supercategory,
    /// so each is a run of ids.
    public var kind: String {
        Self.kinds.last { $0.firstID <= id }!.kind
    }

    private static let kinds: [(firstID: Int, kind: String)] = [
        (1, "person"), (2, "vehicle"), (10, "outdoor"), (16, "animal"), (27, "accessory"), (34, "sports"),
        (44, "kitchen"), (52, "food"), (62, "furniture"), (72, "electronic"), (78, "appliance"), (84, "indoor"),
    ]

    /// All 80 classes in the index order of COCO-trained detectors (Darknet's `coco.names`,
    /// Ultralytics' `names`).
    public static let all: [CocoClass] = table.split(separator: "\n").map { line in
        let fields = line.split(separator: "\t").map(String.init)
        return CocoClass(id: Int(fields[0])!, name: fields[1], darknetName: fields.count > 2 ? fields[2] : nil)
    }

    /// The class with this name in either spelling, compared by ``NameKey/key(_:)``
    /// (`"Dining-Table"`, `"diningtable"`), or `nil`.
    public static func named(_ name: String) -> CocoClass? {
        byKey[NameKey.key(name)]
    }

    private static let byKey: [String: CocoClass] = Dictionary(
        all.flatMap { coco in ([coco.name] + (coco.darknetName.map { [$0] } ?? [])).map { (NameKey.key($0), coco) } },
        uniquingKeysWith: { first, _ in first })

    // `id<TAB>name[<TAB>darknet name]`, one class per line in index order. Kept as text (like the
    // WordNet table) so scripts/generate_wordnet_table.py reads the same list.
    private static let table = """
        1\tperson
        2\tbicycle
        3\tcar
        4\tmotorcycle\tmotorbike
        5\tairplane\taeroplane
        6\tbus
        7\ttrain
        8\ttruck
        9\tboat
        10\ttraffic light
        11\tfire hydrant
        13\tstop sign
        14\tparking meter
        15\tbench
        16\tbird
        17\tcat
        18\tdog
        19\thorse
        20\tsheep
        21\tcow
        22\telephant
        23\tbear
        24\tzebra
        25\tgiraffe
        27\tbackpack
        28\tumbrella
        31\thandbag
        32\ttie
        33\tsuitcase
        34\tfrisbee
        35\tskis
        36\tsnowboard
        37\tsports ball
        38\tkite
        39\tbaseball bat
        40\tbaseball glove
        41\tskateboard
        42\tsurfboard
        43\ttennis racket
        44\tbottle
        46\twine glass
        47\tcup
        48\tfork
        49\tknife
        50\tspoon
        51\tbowl
        52\tbanana
        53\tapple
        54\tsandwich
        55\torange
        56\tbroccoli
        57\tcarrot
        58\thot dog
        59\tpizza
        60\tdonut
        61\tcake
        62\tchair
        63\tcouch\tsofa
        64\tpotted plant\tpottedplant
        65\tbed
        67\tdining table\tdiningtable
        70\ttoilet
        72\ttv\ttvmonitor
        73\tlaptop
        74\tmouse
        75\tremote
        76\tkeyboard
        77\tcell phone
        78\tmicrowave
        79\toven
        80\ttoaster
        81\tsink
        82\trefrigerator
        84\tbook
        85\tclock
        86\tvase
        87\tscissors
        88\tteddy bear
        89\thair drier
        90\ttoothbrush
        """
}
