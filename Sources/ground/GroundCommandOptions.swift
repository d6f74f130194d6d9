import ArgumentParser
import Foundation
import Grounding

/// The inputs and options that `count`, `bbox` and `point` share.
struct GroundCommandOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Images or folders (searched recursively for JPEG and PNG files by content), or - to read an image, or paths one per line (each ended by a NUL byte with -0), from stdin.",
                                 valueName: "image-or-dir"))
    var inputs: [String]

    @Flag(name: [.customShort("0"), .customLong("null")],
          help: "The paths on stdin (-) each end with a NUL byte, as find -print0 writes them, and are taken exactly as they are: a name may hold a newline, or blanks at its ends.")
    var nullSeparated = false

    @Option(name: .customLong("object"), parsing: .singleValue,
            help: ArgumentHelp("An object name to look for (repeat it, or separate names with commas): person, pony, sedan, ...", valueName: "name"))
    var objectArguments: [String] = []

    @Option(name: .customLong("exemplar"), parsing: .singleValue,
            help: ArgumentHelp("An example box X1,Y1,X2,Y2 (pixels) around one object to count things like it (repeat for more examples of the same thing). Applies to every input image.",
                               valueName: "x1,y1,x2,y2"),
            transform: { try ExemplarArgument.parse($0) })
    var exemplarArguments: [ExemplarArgument] = []

    @Option(help: "Exemplar matches need at least this similarity (normalised cross-correlation, 0-1), also when finding the rest of a class. Default: 0.5 for one example; for several, 0.9 times how alike they are to one another (0.3-0.7).")
    var similarity: Float?

    @Flag(inversion: .prefixedNo,
          help: "Keep only exemplar matches that also look like the examples to the detector's learned features (drops their reflections, bark like fur).")
    var appearanceCheck = true

    @Flag(inversion: .prefixedNo,
          help: "Keep only exemplar matches that stand apart from their surroundings about as much as the examples do (drops matches on parts of larger objects, such as the edge of a big animal's back).")
    var surroundingsCheck = true

    @Flag(name: .customLong("exemplar-colour"),
          help: "Keep only exemplar matches of an example's colour (its dominant basic colour, as in --object 'red cup'): a red example then counts the red ones, not every colour.")
    var exemplarColour = false

    @Option(name: .customLong("exemplar-turns"),
            help: ArgumentHelp("Also match the example boxes turned: upright (as drawn), mirrored (as drawn and mirrored left to right) or all (every quarter turn, each also mirrored: for things seen from above, such as cells or coins; about eight times the work).",
                               valueName: "upright|mirrored|all"))
    var exemplarTurns: ExemplarOrientations = .upright

    @Option(name: .customLong("exemplar-sizes"),
            help: ArgumentHelp("Sizes matched, relative to the example boxes: MIN-MAX, e.g. 0.5-2 for objects from half to twice the example's size.",
                               valueName: "min-max"),
            transform: { try ExemplarSizesArgument.parse($0) })
    var exemplarSizes: ExemplarSizesArgument?

    @Flag(help: "Print one JSON object per image per line (JSON Lines) and nothing else on stdout.")
    var json = false

    @Option(help: ArgumentHelp("JSON shape: native, muse (0-1000 units) or coco (one results array for all images). Implies --json.",
                               valueName: "format"))
    var format: OutputFormat?

    @Option(help: ArgumentHelp("With --format coco, also write COCO's images array (id, file_name, width, height) to this file, so ids can be matched to files.",
                               valueName: "file"))
    var cocoImages: String?

    @Option(help: ArgumentHelp("Write the annotated image here: a .png or .jpg file for one input, a folder for several.",
                               valueName: "path"))
    var draw: String?

    @Option(help: ArgumentHelp("auto (slice large photos, at most 128 regions), off (one pass over the whole image), or a slice size in pixels (each slice is a pass of the detector: a plan of more regions than auto ever makes is warned of before the work).",
                               valueName: "auto|off|size"))
    var tile: TileArgument = .init(tiling: .automatic)

    @Option(help: "Overlap between neighbouring slices, as a fraction of the slice size.")
    var overlap: Float = 0.2

    @Option(help: "Keep detections scoring at least this (0-1). Default: each model's own (YOLO 0.25, faces and hands 0.5).")
    var threshold: Float?

    @Option(name: .customLong("conf"), help: .hidden)
    var ultralyticsConfidence: Float?

    @Option(name: .customLong("classes"), parsing: .singleValue, help: .hidden)
    var ultralyticsClasses: [String] = []

    @Option(help: "Boxes of one class overlapping more than this IoU are duplicates (0-1).")
    var iou: Float = 0.45

    @Flag(inversion: .prefixedNo,
          help: "Count an object once when it is seen as two classes: of one name (vehicle: truck and car on one pickup), or of one kind and two names asked (dogs, cats: it goes to the surer one).")
    var mergeClasses = true

    @Flag(inversion: .prefixedNo,
          help: "Also look for faces and hands inside each person found, closer up (small faces in a group photo), and count none that no person could have.")
    var lookInside = true

    @Flag(inversion: .prefixedNo,
          help: "Where faces were found near the smallest size the face model sees, look again over that part of the photo, enlarged, with MediaPipe's short-range face model.")
    var lookCloser = true

    @Flag(inversion: .prefixedNo,
          help: "Where the model finds ten or more of a class, also look around each of them that stands close to another (a square of four times its size, centred on it), and count what the model finds there that nothing found holds.")
    var lookAround = true

    @Flag(inversion: .prefixedNo,
          help: "Where a model that zooms in (YOLO11n) finds two or more of a class near the smallest size it sees, look again around them at twice the zoom, and count what it finds there of their size that nothing found holds.")
    var zoomIn = true

    @Flag(inversion: .prefixedNo,
          help: "Where the model finds three or more of a class, look for the rest by their appearance, and keep a match only when the model, shown it enlarged, sees the class there (marked \"found_by\": \"exemplar\").")
    var findTheRest = true

    @Flag(inversion: .prefixedNo,
          help: "When the model finds nothing of a name, look once more at the whole photo from further back (shown at half size), where an object filling the frame is seen whole; only a find spanning most of the photo counts.")
    var stepBack = true

    @Flag(inversion: .prefixedNo,
          help: "Drop what a slice alone finds when the whole photo, seen at once, would show it large enough for the model and shows nothing of its class: a part of something larger seen out of context (a duck's head taken for a person). Small finds, and more of a class the whole view found, are kept.")
    var contextCheck = true

    @Flag(inversion: .prefixedNo,
          help: "Show the model two boxes of a name that overlap as halves of one object would (a bottle's body and its neck) with room around them, and count them as one when it sees one object there, surer than of either half; likewise a part boxed as a second object reaching past the whole (an eagle's tail), counted once when the model sees one object over both, surer than of the part; and drop a box holding another of its name when the model, shown it again, sees only the inner one (a car boxed with the front of the one before it). Names found ten or more times get no look of their own: the looks around the crowd judge their pairs, at no cost.")
    var splitCheck = true

    @Flag(inversion: .prefixedNo,
          help: "Also count a person that only their face shows (in a crowd): the face model looks around each person found, and a face no person found holds is one more (marked \"found_by\": \"part\").")
    var findByParts = true

    @Option(name: .customLong("model"), parsing: .singleValue,
            help: ArgumentHelp("A model to load (repeat for several; each name goes to the model that knows it): a Darknet folder (cfg + weights + names), an Ultralytics YOLO .onnx export, or a MediaPipe face_detection_*/palm_detection_*.tflite file. Default: YOLOv4-tiny from $GROUNDING_MODEL_DIR or ~/.cache/grounding/models/yolov4-tiny, plus MediaPipe's face and palm models when fetched.",
                               valueName: "path"))
    var models: [String] = []

    @Option(help: ArgumentHelp("Memory that images being worked on may hold at once, e.g. 2G or 512M (M = MiB, G = GiB; default: a quarter of this machine's memory, at least 1G). Workers wait for room; an image that alone needs more is refused.",
                               valueName: "size"),
            transform: { try MemorySize.parse($0) })
    var maxMemory: MemorySize?

    @Flag(help: "Refuse images whose data is damaged (the decoder would recover and warn) instead of answering them.")
    var strict = false

    @Option(help: "Threads to use in all (default: every core).")
    var threads: Int?

    /// The requested names, each argument as typed, blank ones dropped. The engine reads a list in
    /// one (`person,kite`, `dogs and cats`), and a comma belongs to its grammar: "cats, no dogs"
    /// leaves the dogs out, which two names split here, "cats" and "no dogs", would not.
    var objects: [String] {
        (objectArguments + ultralyticsClasses).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// What to look for: the names, then (when any box was given) one exemplar query.
    var queries: [ObjectQuery] {
        objects.map(ObjectQuery.name) + (exemplarArguments.isEmpty ? [] : [.exemplar(exemplarArguments.map(\.rect))])
    }

    /// The engine options these flags describe.
    var groundingOptions: GroundingOptions {
        var options = GroundingOptions()
        options.tiling = tile.tiling
        options.overlap = overlap
        options.scoreThreshold = ultralyticsConfidence ?? threshold
        options.iouThreshold = iou
        options.exemplar.similarity = similarity
        options.exemplar.checksAppearance = appearanceCheck
        options.exemplar.checksSurroundings = surroundingsCheck
        options.exemplar.matchesColour = exemplarColour
        options.exemplar.orientations = exemplarTurns
        if let exemplarSizes {
            (options.exemplar.minimumScale, options.exemplar.maximumScale) = (exemplarSizes.minimum, exemplarSizes.maximum)
        }
        options.mergesClassesWithinName = mergeClasses
        options.looksInsideWholes = lookInside
        options.looksCloser = lookCloser
        options.looksAround = lookAround
        options.zoomsIn = zoomIn
        options.findsTheRest = findTheRest
        options.findsWholesByParts = findByParts
        options.stepsBack = stepBack
        options.checksContext = contextCheck
        options.checksSplits = splitCheck
        return options
    }

    /// The output shape, or nil for human-readable text.
    var outputFormat: OutputFormat? { format ?? (json ? .native : nil) }

    /// Notes for flags spelled the Ultralytics way, which are accepted and read as ours.
    var spellingNotes: [String] {
        (ultralyticsConfidence == nil ? [] : ["note: --conf is read as --threshold (ground's name for it)"])
            + (ultralyticsClasses.isEmpty ? [] : ["note: --classes is read as --object: give names, e.g. --object person,dog"])
    }

    /// The exemplar options given that change nothing without `--exemplar`: finding the rest of
    /// a class reads ``optionsFindingTheRestReads`` and sets the others itself, and without it
    /// nothing reads any.
    private var exemplarOptionsWithoutEffect: [String] {
        let rest: [(String, Bool)] = [("--similarity", similarity != nil), ("--exemplar-turns", exemplarTurns != .upright),
                                      ("--exemplar-colour", exemplarColour)]
        let own: [(String, Bool)] = [("--exemplar-sizes", exemplarSizes != nil), ("--no-appearance-check", !appearanceCheck),
                                     ("--no-surroundings-check", !surroundingsCheck)]
        return (findTheRest ? own : rest + own).filter(\.1).map(\.0)
    }

    /// The exemplar options that finding the rest of a class reads, as the messages name them.
    private static let optionsFindingTheRestReads = "--similarity, --exemplar-turns and --exemplar-colour"

    mutating func validate() throws {
        if objects.isEmpty && exemplarArguments.isEmpty {
            throw ValidationError("Name at least one object, e.g. --object person (repeat --object, or separate names with commas), or give an example box with --exemplar X1,Y1,X2,Y2.")
        }
        if let confidence = ultralyticsConfidence, let threshold, confidence != threshold {
            throw ValidationError("--conf and --threshold are one setting (--conf is Ultralytics' name for it), given \(confidence) and \(threshold); give one.")
        }
        if nullSeparated && !inputs.contains("-") {
            throw ValidationError("--null reads the list of paths on stdin; give - among the inputs, e.g. find photos -name '*.jpg' -print0 | ground count - -0 --object dog")
        }
        if cocoImages != nil && format != .coco {
            throw ValidationError("--coco-images writes COCO's images array, which only --format coco makes; add --format coco, or leave --coco-images out.")
        }
        if exemplarArguments.isEmpty, let unused = exemplarOptionsWithoutEffect.first {
            let why = findTheRest ? "finding the rest of a class reads only \(Self.optionsFindingTheRestReads), and sets its own sizes and checks"
                : "with --no-find-the-rest, no examples are matched"
            throw ValidationError("\(unused) changes nothing without --exemplar: \(why). Add --exemplar X1,Y1,X2,Y2, or leave \(unused) out.")
        }
        try InputList.checkOptionPaths([("--draw", draw), ("--coco-images", cocoImages)] + models.map { ("--model", $0) })
        if let threads, threads < 1 || threads > 256 {
            throw ValidationError("--threads must be between 1 and 256, not \(threads).")
        }
        do {
            try groundingOptions.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `--tile auto|off|SIZE`.
struct TileArgument: ExpressibleByArgument {
    var tiling: Tiling

    init(tiling: Tiling) {
        self.tiling = tiling
    }

    init?(argument: String) {
        switch argument.lowercased() {
        case "auto": tiling = .automatic
        case "off": tiling = .off
        default:
            guard let size = Int(argument) else { return nil }
            tiling = .size(size)
        }
    }

    var defaultValueDescription: String { "auto" }
}

/// `--exemplar X1,Y1,X2,Y2`: a box's corners in whole pixels.
struct ExemplarArgument {
    var rect: PixelRect

    /// The largest side a box may have: far beyond any image the decoder accepts, and small
    /// enough that no sum of coordinates can overflow.
    static let maximumSide = 1 << 20

    private init(rect: PixelRect) {
        self.rect = rect
    }

    /// Reads `X1,Y1,X2,Y2`, saying exactly what is wrong when it cannot.
    static func parse(_ argument: String) throws(UsageError) -> ExemplarArgument {
        let shown = String(argument.prefix(80))
        let fields = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 4 else {
            throw UsageError("'\(shown)' has \(fields.count) value\(fields.count == 1 ? "" : "s"); give four whole numbers X1,Y1,X2,Y2 (the box's corners in pixels), e.g. 193,29,239,75")
        }
        var values: [Int] = []
        for field in fields {
            guard let value = Int(field), (-maximumSide...maximumSide).contains(value) else {
                throw UsageError("'\(String(field.prefix(24)))' in '\(shown)' is not a whole number of pixels between -\(maximumSide) and \(maximumSide)")
            }
            values.append(value)
        }
        let (x1, y1, x2, y2) = (values[0], values[1], values[2], values[3])
        guard x2 > x1, y2 > y1 else {
            throw UsageError("'\(shown)': X2 must be greater than X1 and Y2 greater than Y1 (corners top-left then bottom-right)")
        }
        return ExemplarArgument(rect: PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1))
    }
}

/// `--exemplar-sizes MIN-MAX`: the range of sizes exemplar matching tries, relative to the examples.
struct ExemplarSizesArgument {
    var minimum: Float
    var maximum: Float

    /// Reads `MIN-MAX` (e.g. `0.5-2`), saying exactly what is wrong when it cannot; the range
    /// itself is checked with the other options (``ExemplarOptions/validate()``).
    static func parse(_ argument: String) throws(UsageError) -> ExemplarSizesArgument {
        let shown = String(argument.prefix(40))
        let fields = argument.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2, let minimum = Float(fields[0].trimmingCharacters(in: .whitespaces)),
              let maximum = Float(fields[1].trimmingCharacters(in: .whitespaces)), minimum.isFinite, maximum.isFinite else {
            throw UsageError("'\(shown)' is not a range MIN-MAX of sizes relative to the example, e.g. 0.5-2")
        }
        return ExemplarSizesArgument(minimum: minimum, maximum: maximum)
    }
}

extension ExemplarOrientations: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}

/// True when `path` names an existing directory.
func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
}
