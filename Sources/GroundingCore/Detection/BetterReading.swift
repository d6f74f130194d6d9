/// One object seen as two classes of one kind: a cat the detector also boxes as a dog at a lower
/// score, a pickup as a truck and a car, a grey horse as a cow. Asked for dogs and cats, a count
/// that gives the cat to both names counts one animal twice; it belongs to the name whose class
/// the detector reads more surely.
///
/// Across names, two detections are of one object when their classes are of one kind
/// (``Vocabulary/Entry/kind``, COCO's supercategory) and their boxes overlap by at least
/// ``overlap`` (IoU). Classes of different kinds are not compared there: a person on a chair, a
/// cup in front of a laptop, a rider on a horse are two objects however their boxes overlap. Nor
/// are classes without a kind. Within one name (``oneEach(_:kinds:iou:limit:)``) and for the
/// readings an answer tells (``alternatives(to:among:kinds:limit:)``), boxes of two kinds are
/// one object only when nearly the same (``otherKindOverlap``).
///
/// ```swift
/// let rivals = BetterReading.rivals(of: dogs, among: cats, kinds: vocabulary.kinds)
/// // rivals[i]: the index in `cats` of a better reading of dogs[i], or nil
/// ```
public enum BetterReading {
    /// The overlap (IoU) from which two detections of one kind are one object. On the photos of
    /// `TestImages` and the hand-counted set (YOLOv4-tiny), one animal boxed as a cat and as a
    /// dog overlapped by 0.73–0.80 (and by 0.59 on `dog-chicky.png`, a pair this leaves apart), a
    /// pickup as a truck and a car by 0.89–1, cups as bowls by 0.85–1; a seated player and the
    /// chair under him by 0.53–0.90, but those are not of one kind.
    public static let overlap: Float = 0.7
    /// A reading of another class is close when it scores at least this share of the object's own.
    public static let closeScore: Float = 0.9
    /// The overlap (IoU) from which two boxes of classes of different kinds (or without kinds)
    /// are one object. Stricter than ``overlap``: a seated player and the chair under him
    /// overlapped by up to 0.90 on `orchestra.png`; a cygnet on `swans.png`, boxed as a bird in
    /// one slice and as a person in another, by 0.91.
    public static let otherKindOverlap: Float = 0.9

    /// For each of `detections`, the index in `others` of the best-scoring detection of another
    /// class of the same kind (`kinds[classIndex]`, nil: none) that overlaps it by at least
    /// ``overlap`` and scores higher, or nil where there is none.
    public static func rivals(of detections: [Detection], among others: [Detection], kinds: [String?]) -> [Int?] {
        best(for: detections, among: others, kinds: kinds) { detection, other, sameKind, overlap in
            sameKind && other.score > detection.score && overlap >= Self.overlap
        }
    }

    /// For each of `detections` (one view's, of the classes asked), the best reading among `all`
    /// (every class the detector gave in that view) of another class on the same object, when
    /// it scores at least ``closeScore`` of the detection's own: the same object by ``overlap``
    /// when both classes are of one kind, by ``otherKindOverlap`` otherwise. Past `limit` boxes
    /// in `all` none is compared, so a near-zero threshold costs no pass over thousands of boxes;
    /// nor is any for a detector of one class.
    public static func alternatives(to detections: [Detection], among all: [Detection], kinds: [String?],
                                    limit: Int = 4000) -> [Detection.OtherClass?] {
        guard kinds.count > 1, all.count <= limit else { return detections.map { _ in nil } }
        let best = best(for: detections, among: all, kinds: kinds) { detection, other, sameKind, overlap in
            other.score >= closeScore * detection.score && overlap >= (sameKind ? Self.overlap : otherKindOverlap)
        }
        return best.map { $0.map { Detection.OtherClass(classIndex: all[$0].classIndex, score: all[$0].score) } }
    }

    /// The `detections` of one name's classes with each object once, best first: by decreasing
    /// score (ties in input order), a detection goes when a kept one of another class is the same
    /// object: of one kind, when they overlap by `iou` (IoU) or more, the detector's own rule for
    /// two boxes of one object (a dog boxed as a dog and as a cat, 0.59); of two kinds, only by
    /// ``otherKindOverlap`` (a cygnet boxed as a bird and as a person). How much of one box lies
    /// inside the other says nothing here: people stand in front of a bus, a zebra in front of a
    /// giraffe, a car behind a roadster. Boxes of one class are not compared: the model's pass
    /// already told its objects apart (a foal lying in front of its mother). Past `limit`
    /// detections none is compared.
    public static func oneEach(_ detections: [Detection], kinds: [String?], iou: Float, limit: Int = 4000) -> [Detection] {
        guard detections.count > 1, detections.count <= limit else { return detections }
        let order = detections.indices.sorted { (detections[$0].score, $1) > (detections[$1].score, $0) }
        var kept: [Detection] = []
        for detection in order.map({ detections[$0] }) {
            let sameObject = kept.contains { other in
                guard other.classIndex != detection.classIndex else { return false }
                let sameKind = areOfOneKind(detection.classIndex, other.classIndex, kinds: kinds)
                return other.box.intersectionOverUnion(with: detection.box) >= (sameKind ? iou : otherKindOverlap)
            }
            if !sameObject { kept.append(detection) }
        }
        return kept
    }

    /// A reading under the score threshold still casts doubt when it scores at least this share
    /// of the threshold. A roadster on `vintage-car.jpg` is a truck at 0.80 and a car at 0.19;
    /// two spoons on `spoons.png` are forks at 0.26 and 0.34 and spoons at 0.16 and 0.13.
    public static let weakShare: Float = 0.4

    /// For each of `detections`, the index in `weaker` (readings scoring less) of the best-scoring
    /// reading of another class of the same kind that overlaps it by at least ``overlap``, or nil:
    /// what else, less surely, the detector took the object for. Past `limit` boxes on either
    /// side none is compared.
    public static func weakerReadings(of detections: [Detection], among weaker: [Detection], kinds: [String?],
                                      limit: Int = 4000) -> [Int?] {
        guard kinds.count > 1, detections.count <= limit, weaker.count <= limit else { return detections.map { _ in nil } }
        return best(for: detections, among: weaker, kinds: kinds) { detection, other, sameKind, overlap in
            sameKind && other.score < detection.score && overlap >= Self.overlap
        }
    }

    /// For each of `detections`, the index in `others` of the best-scoring detection of another
    /// class that `accepts` (the detection, the other, whether their classes are of one kind,
    /// their IoU), or nil. Only boxes that can overlap by ``overlap`` are compared: sorted by
    /// left edge, two such boxes have left edges within (1 − overlap) / overlap of the first
    /// box's width of each other (each covers at least `overlap` of the other's width).
    private static func best(for detections: [Detection], among others: [Detection], kinds: [String?],
                             accepts: (Detection, Detection, Bool, Float) -> Bool) -> [Int?] {
        guard !detections.isEmpty, !others.isEmpty else { return detections.map { _ in nil } }
        let order = others.indices.sorted { others[$0].box.x1 < others[$1].box.x1 }
        let lefts = order.map { others[$0].box.x1 }
        let reach = (1 - overlap) / overlap
        return detections.map { detection in
            let box = detection.box, slack = reach * box.width
            var best: Int?
            var position = lowerBound(lefts, box.x1 - slack)
            while position < lefts.count, lefts[position] <= box.x1 + slack {
                let index = order[position], other = others[index]
                position += 1
                guard other.classIndex != detection.classIndex else { continue }
                let sameKind = areOfOneKind(detection.classIndex, other.classIndex, kinds: kinds)
                guard accepts(detection, other, sameKind, other.box.intersectionOverUnion(with: box)) else { continue }
                if best.map({ others[$0].score < other.score }) ?? true { best = index }
            }
            return best
        }
    }

    /// Whether two classes have one kind (`kinds[classIndex]`; a class without one has none).
    private static func areOfOneKind(_ first: Int, _ second: Int, kinds: [String?]) -> Bool {
        func kind(_ index: Int) -> String? { kinds.indices.contains(index) ? kinds[index] : nil }
        return kind(first).map { $0 == kind(second) } ?? false
    }

    /// The first position in ascending `values` whose value is not below `value`.
    private static func lowerBound(_ values: [Float], _ value: Float) -> Int {
        var (low, high) = (0, values.count)
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
