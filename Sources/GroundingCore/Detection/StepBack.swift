/// A look at the whole photo from further back, for an object too large for the detector to
/// see: when the first pass finds nothing of a class asked for, the detector is shown the photo
/// at ``viewShare`` of its input's side, the rest mid-grey, and an object of that class it finds
/// there filling most of the photo is the answer.
///
/// A detector trained on scenes misses an object that fills the whole frame: neither YOLOv4-tiny
/// nor YOLO11n names the fruit of the hand-counted orange.jpg and apple.jpg (one fruit filling
/// the photo) even at a threshold of 0.03, nor YOLOv4-tiny the car of car-motion-blur.jpg, and
/// YOLOv4-tiny finds each of the three at 0.55–0.98 when the photo is shown at half size. The
/// same view, over the other photos of the repository's tests and benchmark, named things the
/// first pass did not on six photos (sheep for meerkats, a mouse on the astronaut, clocks among
/// coins), each spanning at most 0.51 of the photo one way or the other; the three true finds
/// span 0.81 or more both ways. So a find counts only when it spans ``smallestShare`` of the
/// photo's width and of its height: the objects the step back exists for.
///
/// Only the classes the first pass found nothing of are looked for, so a photo that answered
/// costs nothing more; one that did not costs one pass of the detector on one region. Of boxes
/// the view names as two classes (an orange also read as an apple), only the better-scoring
/// class is the object's. And since the view is taken exactly where the first look found
/// nothing, most often because nothing is there, a find must score ``scoreFactor`` times the
/// model's own threshold. Measured on crops of the hand-counted photos, each cut around one
/// confident find so that the object fills it: in 82 crops the count without the step back
/// missed the object 43 times, the view found 31 of them, and it named 11 other things, two
/// rightly (a cygnet taken for a person, a pickup taken for a car) and nine wrongly at
/// 0.28–0.83; four of the nine and none of the 31 scored under 0.5, YOLOv4-tiny's threshold
/// twice over. On 48 crops of the tests' photos, kept out of that choice, the view found 4 of
/// the 15 objects missed, and named a pickup a car.
///
/// ```swift
/// let missing = StepBack.missing(wanted: [false, true], found: firstPass)   // [1]: nothing found yet
/// let added = try StepBack.newObjects(view, missing: missing, width: 512, height: 512, iouThreshold: 0.45)
/// ```
public enum StepBack {
    /// The share of each side of the detector's input the photo fills in the view.
    public static let viewShare: Float = 0.5
    /// A find of the view counts when its box spans at least this share of the photo's width
    /// and of its height.
    public static let smallestShare: Float = 2.0 / 3.0
    /// A find of the view counts from this many times the model's own score threshold (or the
    /// one asked for, when higher) up.
    public static let scoreFactor: Float = 2

    /// The classes `wanted` (indexed by class) that none of `found` is of: the ones a step back looks for.
    public static func missing(wanted: [Bool], found: [Detection]) -> Set<Int> {
        var missing = Set(wanted.indices.filter { wanted[$0] })
        for detection in found { missing.remove(detection.classIndex) }
        return missing
    }

    /// The objects in `seen` (what the view found, of any class, in pixels of a `width × height`
    /// photo) that are answers: each box's best class (a box overlapping a better-scoring one of
    /// another class by more than `iouThreshold` is that one), of a `missing` class, and spanning
    /// ``smallestShare`` of the photo both ways.
    ///
    /// - Throws: the ``PostprocessError`` of a malformed detection (a NaN score).
    public static func newObjects(_ seen: [Detection], missing: Set<Int>, width: Float, height: Float,
                                  iouThreshold: Float) throws -> [Detection] {
        let best = try nonMaxSuppression(seen, options: SuppressionOptions(iouThreshold: iouThreshold, classAware: false))
            .map { seen[$0] }
        return best.filter { detection in
            missing.contains(detection.classIndex)
                && detection.box.width >= smallestShare * width && detection.box.height >= smallestShare * height
        }
    }
}
