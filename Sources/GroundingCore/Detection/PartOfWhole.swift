/// A part (a face, a hand: ``Vocabulary/Entry/whole``) is counted only where a whole could hold
/// it: near one of the wholes another model finds, or large enough to fill a close-up alone.
///
/// MediaPipe's face and palm models, shown slices of a photo, find faces and hands on things
/// that are neither: a motorcycle's headlight, a dog's paw, a patch of floor, the water by a
/// swan. Each of those passes the models' own second looks (a hand's landmarks, 0.66 to 0.74
/// present), and none lies near a person. On the photos of `TestImages` and the hand-counted set,
/// every face and hand the count found that lay in no square of 1.6 times a person's longer side
/// around it (people found at half YOLOv4-tiny's threshold) was one of those four, and every
/// real one lay in such a square, in the crowds of `orchestra.png` and `solvay-1927.jpg` too.
///
/// A close-up (a hand holding a phone, a face filling the frame) may show no person a detector
/// can box, so a part whose longer side reaches ``standsAlone`` of the photo's shorter side needs
/// no whole; the four false parts measured 0.02 to 0.08.
///
/// ```swift
/// let kept = faces.filter { PartOfWhole.isHeld($0.box, by: people, scale: 1.6, width: 741, height: 500) }
/// ```
public enum PartOfWhole {
    /// The share of the photo's shorter side from which a part stands alone.
    public static let standsAlone: Float = 0.25

    /// Whether `part` has its centre in the square of `scale` times a whole's longer side centred
    /// on some box of `wholes`, or is large enough to stand alone in a `width × height` photo.
    public static func isHeld(_ part: BoundingBox, by wholes: [BoundingBox], scale: Float, width: Float, height: Float) -> Bool {
        if max(part.width, part.height) >= standsAlone * min(width, height) { return true }
        let (x, y) = part.center
        return wholes.contains { whole in
            let half = scale * max(whole.width, whole.height) / 2
            return abs(x - whole.center.x) <= half && abs(y - whole.center.y) <= half
        }
    }
}
