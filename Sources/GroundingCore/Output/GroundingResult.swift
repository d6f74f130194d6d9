import GroundingImageIO

/// What the engine answers: one of three questions about the requested objects.
///
/// ```swift
/// let result = try engine.ground(contentsOf: "horses.jpg", objects: ["horse"], mode: .bbox)
/// ```
public enum GroundingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// A box `[x1, y1, x2, y2]` around every matching object.
    case bbox
    /// One point on every matching object.
    case point
    /// How many there are of each name, with a point for each.
    case count
}

/// One object found for a requested name, in upright-image pixels and in 0–1000 units.
///
/// ```swift
/// for found in result.objects[0].detections {
///     print(found.className, found.score, found.box, found.point)
/// }
/// ```
public struct GroundedDetection: Sendable, Hashable {
    /// The detector class it was detected as (e.g. `"horse"` for the name `"pony"`).
    public var className: String
    /// Index of that class in the detector's vocabulary.
    public var classIndex: Int
    /// The class's id in the dataset the answering model's vocabulary comes from (COCO's
    /// category id), or nil when it comes from none (faces, hands, exemplar matches).
    public var categoryID: Int?
    /// Confidence in 0...1.
    public var score: Float
    /// Box in upright-image pixels.
    public var box: BoundingBox
    /// The point for this object (the box centre for box-only backends).
    public var point: ImagePoint
    /// The box scaled to 0–1000 integers of the image size (`[x1, y1, x2, y2]`).
    public var box1000: [Int]
    /// The point scaled to 0–1000 integers of the image size (`[x, y]`).
    public var point1000: [Int]
    /// Landmarks the model gives with the box (a face's eyes, nose, mouth and ears), in pixels.
    public var keypoints: [ImagePoint]
    /// How it was found: by the model's pass, or by matching examples (``FoundBy``).
    public var foundBy: FoundBy
    /// Another class the model gave the same object about as surely or more (``Detection/alsoReadAs``),
    /// not one of the classes the name counts: a count of dogs that holds a cat says so, a count
    /// of animals does not. Nil when none.
    public var alsoReadAs: OtherClass?

    /// A class, by name, and the score the model gave it (made by the engine and by decoding).
    public struct OtherClass: Sendable, Hashable {
        /// The class, spelled as ``GroundedDetection/className`` is.
        public var className: String
        /// Its score, 0...1.
        public var score: Float
    }

    /// Creates a detection for an image of `imageWidth × imageHeight`, deriving the point and
    /// the 0–1000 values.
    public init(className: String, classIndex: Int, categoryID: Int? = nil, score: Float, box: BoundingBox,
                point: ImagePoint? = nil, keypoints: [ImagePoint] = [], foundBy: FoundBy = .detector,
                alsoReadAs: OtherClass? = nil, imageWidth: Int, imageHeight: Int) {
        let center = point ?? ImagePoint(x: box.center.x, y: box.center.y)
        self.className = className
        self.classIndex = classIndex
        self.categoryID = categoryID
        self.score = score
        self.box = box
        self.point = center
        self.keypoints = keypoints
        self.foundBy = foundBy
        self.alsoReadAs = alsoReadAs
        let w = Float(max(imageWidth, 1)), h = Float(max(imageHeight, 1))
        self.box1000 = [normalized1000(box.x1, w), normalized1000(box.y1, h),
                        normalized1000(box.x2, w), normalized1000(box.y2, h)]
        self.point1000 = [normalized1000(center.x, w), normalized1000(center.y, h)]
    }
}

/// Scales a pixel coordinate to an integer in 0...1000 of `extent`.
private func normalized1000(_ value: Float, _ extent: Float) -> Int {
    let scaled = (value / extent * 1000).rounded()
    return Int(min(max(scaled, 0), 1000))
}

/// Everything found for one requested name.
///
/// ```swift
/// for object in result.objects { print(object.name, object.classes, object.count) }
/// ```
public struct GroundedObject: Sendable, Hashable {
    /// The name as the caller asked for it.
    public var name: String
    /// The detector classes it resolved to.
    public var classes: [String]
    /// How the name was resolved to those classes.
    public var resolution: Resolution
    /// The objects found, highest score first; at most ``GroundingOptions/maxDetections`` of
    /// them (``isTruncated`` says when more were found).
    public var detections: [GroundedDetection]
    /// For an exemplar query, the example boxes it was asked with (upright-image pixels); empty
    /// for a name.
    public var exemplars: [BoundingBox]
    /// How many objects were found: the answer in count mode. Never capped: when the list of
    /// ``detections`` is cut for size, this is still the full number.
    public var count: Int
    /// How the name was understood: ``ResolvedName/gloss``, ``ResolvedName/otherReading``,
    /// ``ResolvedName/colour``, ``ResolvedName/garment``, ``ResolvedName/ignored``, ``ResolvedName/isEveryClass``,
    /// ``ResolvedName/countsMembers``, ``ResolvedName/isKindOfClass``, ``ResolvedName/onlyKindsOf``;
    /// `nil` for an exemplar query.
    public var resolvedName: ResolvedName?
    /// The model that answered (its ``Detector/name``, e.g. `"mediapipe:face_detection_short_range"`).
    public var model: String?
    /// For an exemplar query, the similarity a match needed: as the options set it, or as
    /// calibrated from the examples (``ExemplarOptions/calibratedSimilarity(mutual:)``); nil for a name.
    public var similarity: Float?
    /// For an exemplar query, the sizes tried, relative to the example boxes
    /// (``ExemplarOptions/minimumScale`` to ``ExemplarOptions/maximumScale``; a size larger than
    /// the photo is left out); nil for a name. An object of its kind much smaller or larger than
    /// the examples is not counted.
    public var sizes: ClosedRange<Float>?
    /// For an exemplar query matched by colour too (``ExemplarOptions/matchesColour``): the basic
    /// colours of the examples, one of which each match has; nil when colour was not matched.
    public var colours: [BasicColour]?
    /// For an exemplar query, the appearance similarity a match needed to the model's features
    /// ; nil when none was checked (a name, no ``AppearanceModel``, or
    /// ``ExemplarOptions/checksAppearance`` off).
    public var appearance: Float?
    /// For an exemplar query checked against its surroundings (``SurroundingsCheck``): how many
    /// matches were left out as lying on a larger object of the examples' colour (the edge of a
    /// big animal's back). Not counted; a figure to weigh when the count seems short. Nil when
    /// nothing was checked (a name, ``ExemplarOptions/checksSurroundings`` off, or examples the
    /// colour of their surroundings).
    public var onLargerObjects: Int?
    /// For a name whose finds led to finding the rest (``FindingTheRest``): how many places
    /// matching their appearance looked as alike as the finds are to one another but were not
    /// confirmed by the detector, shown them enlarged (or were past the number it is shown). A
    /// sign that ``count`` may fall short, not a number of objects missed: on the hand-counted
    /// tuning photos 4 of 45 such places lie on an object the count missed, and on a beach with
    /// seven kites, one missed, 64 places on trees, waves and legs look like the six found. Nil
    /// where nothing was learned (fewer than three usable finds, a photo too small to learn a
    /// likeness on, an exemplar query) or where the name asks for a colour, which the look-alikes
    /// were not judged by. A name of several classes (`vehicle`) sums its classes' look-alikes.
    public var unconfirmedLookalikes: Int?
    /// For a name, the objects its classes saw that another name of the request reads more
    /// surely (``BetterReading``: a cat also boxed as a dog, asked for dogs and cats), by that
    /// name: counted there, not here. Empty when there were none, and for an exemplar query.
    public var countedUnderOtherNames: [String: Int]
    /// For a name, the first name of the request before it that counted the very same objects
    /// (``SameObjects``): `men`, `women` and `children` all count every
    /// person, and `vehicles` the cars when cars are all it found. Its count is that name's
    /// objects again, not more of them. Nil otherwise, and for a name that found nothing.
    public var sameObjectsAs: String?
    /// For a name, the objects no box of the request holds that the detector reads surely only as
    /// another class of the same kind that no name asked for, and as one of this name's classes
    /// too, under the score threshold (down to ``BetterReading/weakShare`` of it), by that class: asked for
    /// cars, a roadster read as a truck (0.80) and a car (0.19) is `["truck": 1]`. A sign the
    /// count may be short by some of them, or that they are what the model says; read on the
    /// views of the whole photo only. Empty when there were none, and for an exemplar query.
    public var readMoreSurelyAs: [String: Int]
    /// For a name, how many of the objects counted are small for the model: under 32 × 32
    /// pixels of its input (COCO's small objects, which detectors find worst) at the scale its
    /// pass saw the photo in. A sign the count may be short (more objects that small, or smaller,
    /// may be missed: a flock in a field of which 16 sheep of 158 were found, 10 of them small)
    /// and that some of these may be wrong (windows read as cups). Nil when none is, for the face
    /// and palm models, and for an exemplar query.
    public var smallInView: Int?
    /// For a name of which nothing was found, the side (full-size pixels, the square root of an
    /// object's area) under which an object is small for the model at the scale its pass saw the
    /// photo in: under 32 × 32 pixels of its input, the size it finds worst. A count of none says
    /// nothing of smaller objects: on a 512 × 384 photo of 16 birds of 8–15 px in the sky, the
    /// default model sees none (`small_under` 39), and in views enlarged up to four times, 3.
    /// Nil when something was found (``smallInView`` speaks for those), for the face and palm
    /// models, and for an exemplar query.
    public var smallUnder: Int?

    /// True when more objects were found than ``detections`` lists.
    public var isTruncated: Bool { count > detections.count }

    /// Whether `detection`, one of ``detections``, was added by finding the rest
    /// (``FindingTheRest``): found by its likeness to a name's other finds. An exemplar query's
    /// matches are all ``FoundBy/exemplar`` and none was added.
    public func isAddedByLikeness(_ detection: GroundedDetection) -> Bool {
        resolution != .exemplar && detection.foundBy == .exemplar
    }

    /// Creates a grounded object; `count` defaults to the number of `detections`.
    public init(name: String, classes: [String], resolution: Resolution, detections: [GroundedDetection],
                exemplars: [BoundingBox] = [], count: Int? = nil, resolvedName: ResolvedName? = nil,
                model: String? = nil, similarity: Float? = nil, sizes: ClosedRange<Float>? = nil,
                colours: [BasicColour]? = nil, appearance: Float? = nil, onLargerObjects: Int? = nil,
                unconfirmedLookalikes: Int? = nil, countedUnderOtherNames: [String: Int] = [:], sameObjectsAs: String? = nil,
                readMoreSurelyAs: [String: Int] = [:], smallInView: Int? = nil, smallUnder: Int? = nil) {
        self.name = name
        self.classes = classes
        self.resolution = resolution
        self.detections = detections
        self.exemplars = exemplars
        self.count = max(count ?? detections.count, detections.count)
        self.resolvedName = resolvedName
        self.model = model
        self.similarity = similarity
        self.sizes = sizes
        self.colours = colours
        self.appearance = appearance
        self.onLargerObjects = onLargerObjects
        self.unconfirmedLookalikes = unconfirmedLookalikes
        self.countedUnderOtherNames = countedUnderOtherNames
        self.sameObjectsAs = sameObjectsAs
        self.readMoreSurelyAs = readMoreSurelyAs
        self.smallInView = smallInView
        self.smallUnder = smallUnder
    }
}

/// A requested name that matched no detector class, and why.
///
/// ```swift
/// for name in result.unresolved { print(name.name, name.suggestions) }
/// ```
public struct UnresolvedName: Sendable, Hashable, CustomStringConvertible {
    /// The name as the caller asked for it.
    public var name: String
    /// What the resolver said.
    public var error: QueryError

    /// Creates an unresolved name.
    public init(name: String, error: QueryError) {
        self.name = name
        self.error = error
    }

    /// The part of `text` that `error` is about: the unknown name it reports (`"pelicn"` in
    /// `"dogs and pelicn"`), else the whole text.
    ///
    /// ```swift
    /// let failures = resolver.resolveNames(in: text).compactMap { result in
    ///     if case .failure(let error) = result { UnresolvedName(error: error, in: text) } else { nil }
    /// }
    /// ```
    public init(error: QueryError, in text: String) {
        self.init(name: error.unknownName?.name ?? text, error: error)
    }

    /// The closest names the detector knows, best first.
    public var suggestions: [String] {
        error.unknownName?.suggestions.map(\.name) ?? []
    }

    /// The resolver's message: the word, the nearest known names, what to try.
    public var description: String { error.description }
}

/// Wall-clock time spent in each stage, in milliseconds.
///
/// ```swift
/// print(result.timings.detect, "ms in the detector")
/// ```
public struct StageTimings: Sendable, Hashable {
    /// Reading and decoding the file (zero when the caller passed pixels).
    public var decode: Double = 0
    /// Tiling, resizing and normalising into the detector's input.
    public var preprocess: Double = 0
    /// Running the detector.
    public var detect: Double = 0
    /// Mapping boxes back, merging tiles and suppressing duplicates.
    public var postprocess: Double = 0
    /// Drawing the answer, when it was drawn: reading the image again at full size where detection
    /// read it smaller, drawing, and encoding (and writing, for `ground --draw`); else `nil`.
    public var draw: Double?

    /// Adds the time since `start` to ``draw``: encoding or writing a drawing the engine drew.
    public mutating func addDrawTime(since start: ContinuousClock.Instant) {
        draw = (draw ?? 0) + milliseconds(since: start)
    }

    /// Creates timings.
    public init(decode: Double = 0, preprocess: Double = 0, detect: Double = 0, postprocess: Double = 0, draw: Double? = nil) {
        self.decode = decode
        self.preprocess = preprocess
        self.detect = detect
        self.postprocess = postprocess
        self.draw = draw
    }
}

/// The answer for one image: per requested name, what was found.
///
/// It is `Codable` with the native JSON (``nativeJSON()``) as its encoding, so it can sit in a
/// service's own `Codable` reply, and a `ground --json` line decodes into it. Decoding gives the
/// result as the JSON states it, and a decoded result encodes to the same JSON again. What the
/// native JSON does not carry does not survive the trip, because only the engine knows it or the
/// JSON rounds it for people to read:
///
/// - numbers are as rounded: scores to 4 decimals, pixels (boxes, points, keypoints, exemplars)
///   to 1, timings to 2 (the 0–1000 values are exact);
/// - ``GroundedDetection/classIndex`` indexes the answering model's vocabulary, which the JSON
///   names only by `model`: decoded, it is the class's position in the object's `classes`, and
///   ``ResolvedName/classIndices`` are those positions; ``GroundedDetection/categoryID`` is nil;
/// - in point mode the JSON has no boxes: each box is the point itself (zero size);
/// - an unresolved name keeps its name, suggested names and the meaning the word was read in;
///   the rest of the resolver's report (what each suggestion finds, the model's class count) is
///   not written, so ``UnresolvedName/error`` is an ``UnknownName`` with those and no more.
///
/// ```swift
/// let result = try engine.ground(contentsOf: "horses.jpg", objects: ["pony"], mode: .count)
/// print(result.objects[0].count)   // e.g. 5
/// let json = try JSONEncoder().encode(result)   // the native JSON
/// let again = try JSONDecoder().decode(GroundingResult.self, from: json)   // as the JSON states it
/// ```
public struct GroundingResult: Sendable, Hashable, Encodable {
    /// The image's path, when it came from a file.
    public var path: String?
    /// Upright image width in pixels (after EXIF orientation, at full resolution).
    public var imageWidth: Int
    /// Upright image height in pixels.
    public var imageHeight: Int
    /// The EXIF orientation the file stored (1 when none).
    public var orientation: Int
    /// The question that was answered.
    public var mode: GroundingMode
    /// One entry per resolved name or exemplar query, in the order asked.
    public var objects: [GroundedObject]
    /// The names that matched nothing, in the order asked.
    public var unresolved: [UnresolvedName]
    /// The regions the detector ran on (one for an untiled image).
    public var regionCount: Int
    /// The side of the slices in upright-image pixels, when the image was sliced (nil when each
    /// detector pass saw the whole image).
    public var tileSize: Int?
    /// Damage the decoder recovered from: the answer stands, but parts of the image may be wrong.
    public var warnings: [DecodeWarning] = []
    /// Time per stage.
    public var timings: StageTimings

    /// Creates a result.
    public init(path: String?, imageWidth: Int, imageHeight: Int, orientation: Int, mode: GroundingMode,
                objects: [GroundedObject], unresolved: [UnresolvedName], regionCount: Int, tileSize: Int? = nil,
                timings: StageTimings) {
        self.path = path
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.orientation = orientation
        self.mode = mode
        self.objects = objects
        self.unresolved = unresolved
        self.regionCount = regionCount
        self.tileSize = tileSize
        self.timings = timings
    }
}

extension GroundingResult {
    /// Encodes the native JSON, ``nativeJSON()``.
    public func encode(to encoder: any Encoder) throws {
        try nativeJSON().encode(to: encoder)
    }
}
