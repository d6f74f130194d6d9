import GroundingImageIO

/// One object the detector boxed as two halves, or twice with one box inside the other or reaching
/// into it: the engine shows the detector the pair with room around it, and when it sees one object
/// there, the two boxes become that one.
///
/// A detector can see the top and the bottom of an object as two objects: on a photo of a wine
/// bottle on a table (`TestImages/wine.jpg`, 2560×3837) YOLOv4-tiny's whole-image pass boxes the
/// bottle's body at 0.99 and its neck and shoulders at 0.78. The boxes overlap too little for
/// suppression (intersection over union 0.29), so the answer counted two bottles. Shown the
/// pair's square, the detector boxes the whole bottle at 1.0.
///
/// Geometry only says where to look: two boxes of a class that overlap, lined up along one side
/// (one's extent across the other's), neither inside the other, and together longer than
/// either. Two people side by side are such a pair too, and the detector, shown them, sees two
/// people. So is a box lying inside another of its class (``areNested(_:_:)``): one object
/// boxed twice, once reaching past it (a car behind another, boxed with the front of the one
/// before it, `Benchmarks/Accuracy/photos/vintage-car.jpg`), or an object in front of or behind
/// another (a horse behind a horse on `TestImages/horses.jpg`), which must stay two even where
/// the look misses the one hidden: so only an outer box goes, when the look sees one object
/// over the inner box alone. Measured 2026-12-05 on 190 photos nobody tuned on (122 of
/// gcompris-qt-data's, 68 wallpapers, 26 COCO names each): the bottle was the one answer the
/// halves changed; on the hand-counted set (`Benchmarks/Accuracy`, whose answers hold such
/// pairs of people, horses, giraffes, boats and hens) none did. Nested boxes, measured on 580
/// photos (those, 331 of Debian's documentation, the hand-counted set and `TestImages`): the
/// car was the one answer that changed; the other nested pairs there (a duck and its body, a
/// man before a man, boats in rows, a lamp post before a walker) stay as they were.
///
/// A part can also be boxed as a second object reaching past the whole's box
/// (``areOverlapping(_:_:)``): an eagle's tail (`TestImages/eagle.jpg`), a dog's head seen in a
/// slice. Such a pair is joined when the look sees one box over both, at least as sure as the
/// part. A foal lying before its mother overlaps her box as much, and the look sees two horses
/// there. Measured 2026-12-07 on 271 photos nobody tuned on (gcompris-qt-data's animals and
/// monuments, Debian's wallpapers, `TestImages` and the hand-counted set; 26 COCO names, both COCO
/// models): six answers changed, each a double count put right (an eagle and its tail, a man boxed
/// head to hips and chest to feet, a kingfisher and its head, a dog and its head, a giraffe's head
/// and neck), or a dog's reading as a cow gone with the box it lost to.
///
/// A pair whose square, cut at the photo's borders, is about the whole photo or leaves the pair
/// little room is looked at from further back, the whole photo at ``StepBack/viewShare`` of the
/// input: the square would show the detector what its pass saw, the object as close, or the pair
/// cut at its edges. YOLO11n boxes the car filling car-motion-blur.jpg and the woman filling
/// `TestImages/grace_hopper.jpg` as two halves each, and from further back one whole (measured
/// 2026-12-06 on 342 photos, 26 COCO names, both COCO models: the only two answers that changed).
///
/// ```swift
/// let pairs = SplitFind.pairs(finds)   // where the detector should look again
/// ```
public enum SplitFind {
    /// Along the side the halves share, the overlap of their extents is at least this fraction
    /// of the longer one (the bottle's body and neck: 0.97 of its width).
    public static let alignment: Float = 0.8
    /// Together the halves are at least this many times as long as the longer of them, along the
    /// other side (the bottle: 1.43 times its body).
    public static let lengthening: Float = 1.2
    /// A box lying this far inside the other (intersection over the smaller) is not a half but
    /// nested in it (``areNested(_:_:)``).
    public static let nested: Float = 0.8
    /// A box sharing at least this much of itself with another (intersection over the smaller),
    /// short of lying inside it, may be a part of that object reaching past its box
    /// (``areOverlapping(_:_:)``): a dog's head boxed apart from its body, 0.24 of it inside.
    public static let partOverlap: Float = 0.2
    /// A pair's square is a closer look only when it shows the pair at least this many times as
    /// large as the whole photo does (``isCloserLook(_:at:in:drawnAt:)``); otherwise the pass saw
    /// it about as close. Judged by the longer sides, which set the scale of a letterboxed input:
    /// cut at the borders of `TestImages/eagle.jpg` (773×512), the square around the eagle and its
    /// tail, boxed apart, is 750×512, and the detector, shown it, boxed the two again.
    public static let closerZoom: Float = 1.25
    /// A pair's square is a closer look only when, cut at the photo's borders, it still gives the
    /// pair at least this share of the room it was drawn with, each way
    /// (``isCloserLook(_:at:in:drawnAt:)``). On `TestImages/basketball.png` (640×480) a man boxed
    /// twice, head to hips and chest to feet, fills 424 of his square's 480 rows, and the
    /// detector, shown it, boxed only his lower part.
    public static let roomShare: Float = 0.5
    /// The box the look finds must cover the pair's union (a nested pair: one of its boxes) at
    /// least this well (intersection over union).
    public static let wholeMatch: Float = 0.7

    /// The pairs of `finds` (indices, the better-scored first, best pairs first) that may be one
    /// object split in two or boxed twice, in classes found fewer than ``LookAround/minimumFinds`` times:
    /// in a crowd, boxes side by side are most likely two of it, and each look costs a pass.
    /// `amidCrowd`, the pairs of halves and of boxes reaching into each other in the classes found
    /// that often instead, which the looks around the crowd judge at no cost (``joined(_:pairs:looked:kinds:amidCrowd:)``),
    /// in classes found at most ``maxCrowdCompared`` times, the ``maxCrowdPairs`` best.
    public static func pairs(_ finds: [Detection], amidCrowd: Bool = false) -> [(Int, Int)] {
        var perClass: [Int: Int] = [:]
        for find in finds { perClass[find.classIndex, default: 0] += 1 }
        func judged(_ count: Int) -> Bool {
            amidCrowd ? LookAround.minimumFinds...maxCrowdCompared ~= count : count < LookAround.minimumFinds
        }
        var pairs: [(Int, Int)] = []
        for i in finds.indices where judged(perClass[finds[i].classIndex, default: 0]) {
            for j in finds.indices where j > i && finds[j].classIndex == finds[i].classIndex {
                let (a, b) = (finds[i].box, finds[j].box)
                if areHalves(a, b) || !amidCrowd && areNested(a, b) || areOverlapping(a, b) {
                    pairs.append(finds[i].score >= finds[j].score ? (i, j) : (j, i))
                }
            }
        }
        let best = pairs.sorted { finds[$0.0].score > finds[$1.0].score || (finds[$0.0].score == finds[$1.0].score && $0 < $1) }
        return amidCrowd ? Array(best.prefix(maxCrowdPairs)) : best
    }

    /// The most finds of a class whose pairs are judged amid a crowd: past it (thousands of boxes
    /// at a near-zero threshold) no quadratic pass is made, as ``GroundingEngine/maxSurvivorsCompared``
    /// bounds the search for objects beside larger ones.
    public static let maxCrowdCompared = 2000
    /// The most pairs judged amid a crowd, each against every box the looks saw.
    public static let maxCrowdPairs = 4096

    /// Whether `a` and `b` overlap as two halves of one object would: lined up along one side,
    /// neither inside the other, together longer along the other side than either.
    public static func areHalves(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        guard a.intersectionArea(with: b) > 0, a.intersectionOverSmaller(with: b) < nested else { return false }
        let union = a.union(b)
        let acrossX = min(a.x2, b.x2) - max(a.x1, b.x1), acrossY = min(a.y2, b.y2) - max(a.y1, b.y1)
        let stackedVertically = acrossX >= alignment * max(a.width, b.width) && union.height >= lengthening * max(a.height, b.height)
        let sideBySide = acrossY >= alignment * max(a.height, b.height) && union.width >= lengthening * max(a.width, b.width)
        return stackedVertically || sideBySide
    }

    /// Whether `square`, drawn `scale` times the longer side of `pair` around it and cut at the
    /// borders of `photo` (all in one image's pixels), is a closer look at the pair: it shows the
    /// pair at least ``closerZoom`` times as large as the photo does, and gives it at least
    /// ``roomShare`` of the room it was drawn with each way. Where it is not, the engine shows the
    /// pair from further back (``StepBack``), where the grey around the photo gives it room.
    public static func isCloserLook(_ square: PixelRect, at pair: BoundingBox, in photo: PixelRect, drawnAt scale: Float) -> Bool {
        let room = 1 + (scale - 1) * roomShare
        return Float(max(photo.width, photo.height)) >= closerZoom * Float(max(square.width, square.height))
            && Float(square.width) >= room * pair.width && Float(square.height) >= room * pair.height
    }

    /// Whether `a` and `b` share at least ``partOverlap`` of the smaller without one lying inside
    /// the other, as a box of an object and a box of a part of it reaching past it would: a head
    /// and beak above a bird's body, a tail behind it. So do two people, one before the other,
    /// and a foal lying before its mother: the look judges.
    public static func areOverlapping(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        let share = a.intersectionOverSmaller(with: b)
        return share >= partOverlap && share < nested
    }

    /// Whether one of `a` and `b` lies inside the other (``nested``), as a box of an object and a
    /// box of one part of it would: suppression by intersection over union keeps both when the
    /// part is small enough (a car boxed whole at 0.63 and by its front at 0.56, IoU 0.43).
    public static func areNested(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.intersectionArea(with: b) > 0 && a.intersectionOverSmaller(with: b) >= nested
    }

    /// `finds` with each of `pairs` that the look saw as one object replaced by what it saw.
    /// `looked` is what the detector found on the pairs' squares (full-size pixels, any class).
    /// A pair of halves is one object when, of the pair's class, exactly one box of the look has
    /// its centre inside the pair's union, covers the union (``wholeMatch``) better than it covers
    /// either half, and scores at least as high as the better half. A pair of boxes reaching into
    /// each other (``areOverlapping(_:_:)``) is one object by the same rule, except that the box
    /// need only score as high as the weaker: seen from further back, `erase.rcc`'s kingfisher of
    /// gcompris-qt-data, boxed close up by its body (0.92) and by its head and beak (0.64), is one
    /// bird at 0.85. A nested pair is one object
    /// when exactly one such box covers the inner box (``wholeMatch``) better than the outer,
    /// and scores at least as high as the weaker: the inner stays as it was found, and the outer
    /// goes. A find already joined joins nothing else. A reading of another class of the same
    /// kind (`kinds[classIndex]`, as in ``BetterReading``) that a box gone this way outscored on
    /// the same object goes with it: it was that object too.
    /// `amidCrowd`, `looked` is what the looks around a crowd's finds saw (``LookAround``), which
    /// also box the neighbours whose centres fall in a pair's union: only boxes covering the union
    /// (``wholeMatch``) are the look's claims on the pair. On the 12 MP crowd of the cost goal (the
    /// hand-counted orchestra.png enlarged) the conductor, boxed head to thighs and waist to feet,
    /// is one man; measured 2026-12-07 on 271 photos (26 COCO names), the one other answer that
    /// changed was a double count put right (a woman and her face, `team-meeting.jpg`).
    public static func joined(_ finds: [Detection], pairs: [(Int, Int)], looked: [Detection], kinds: [String?] = [],
                              amidCrowd: Bool = false) -> [Detection] {
        var used = Set<Int>(), wholes: [Detection] = []
        for (better, other) in pairs where !used.contains(better) && !used.contains(other) {
            let a = finds[better], b = finds[other], union = a.box.union(b.box)
            let inside = looked.filter { $0.classIndex == a.classIndex && union.contains(x: $0.box.center.x, y: $0.box.center.y)
                && (!amidCrowd || $0.box.intersectionOverUnion(with: union) >= wholeMatch) }
            guard inside.count == 1, let whole = inside.first else { continue }
            if areNested(a.box, b.box) {
                // The look saw one object, over the inner box: the outer box held nothing more of
                // the class. Seen over the outer box, the inner one may be another object the
                // outer hides (a horse behind a horse, which the look missed): both stay.
                let (inner, outer) = a.box.area <= b.box.area ? (better, other) : (other, better)
                let cover = whole.box.intersectionOverUnion(with: finds[inner].box)
                guard cover >= wholeMatch, cover > whole.box.intersectionOverUnion(with: finds[outer].box),
                      whole.score >= b.score else { continue }
                used.insert(outer)
                continue
            }
            // Halves each claim the whole object: the look must be surer than both. A part reaching
            // past a whole claims less, and the look from further back shows the object smaller,
            // so less surely: surer than the part.
            let sureEnough = whole.score >= (areHalves(a.box, b.box) ? a.score : b.score)
            let cover = whole.box.intersectionOverUnion(with: union)
            guard cover >= wholeMatch, cover > whole.box.intersectionOverUnion(with: a.box),
                  cover > whole.box.intersectionOverUnion(with: b.box), sureEnough else { continue }
            used.formUnion([better, other])
            // The box is the detector's own, from its look: a pair that held a find made by a
            // face (amid a crowd) is now an object the detector saw.
            wholes.append(Detection(box: whole.box, classIndex: a.classIndex, score: whole.score, foundBy: .detector,
                                    alsoReadAs: whole.alsoReadAs))
        }
        let outscoredByGone = BetterReading.rivals(of: finds, among: used.sorted().map { finds[$0] }, kinds: kinds)
        return finds.indices.filter { !used.contains($0) && outscoredByGone[$0] == nil }.map { finds[$0] } + wholes
    }
}
