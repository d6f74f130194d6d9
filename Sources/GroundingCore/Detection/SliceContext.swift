/// The whole photo as the context of what its slices find: a slice shows the detector a part of
/// the photo enlarged and without its surroundings, so it finds small objects the whole view
/// cannot, and it also names parts of a large thing as objects of their own (a cheetah's spotted
/// coat as giraffes, a moose's neck as a bird, a duck's head as a person).
///
/// The two are told apart by size. A slice's find whose longer side, at the scale of the
/// whole-image view (a ``TilePlan/overviews`` region), would span at least ``visibleSide`` of the
/// detector's input pixels is an object that view shows at a size the detector sees well. When
/// that view named nothing of its class anywhere in the photo, the slice saw it out of context,
/// and it is dropped. A small find (what slices are for) and a find of a class the whole view also
/// saw (one more player in an orchestra) are kept.
///
/// Measured with YOLOv4-tiny on 2026-12-05. The hand-counted photos' answers are as they were
/// (the 13 objects only slices find there are of classes the whole view also found). Over 122
/// photos of gcompris-qt-data (close-ups of animals, monuments, musicians), asked for 16 classes
/// each, it removed 72 boxes, each looked at: 70 named something that is not there (birds, bears
/// and dogs on animals of no COCO class, statues taken for people, a car on a drum), 2 were
/// objects (a person cut by the photo's border, a flying heron boxed by its body). Two boxes came
/// back under a name a false find had counted them away from (a swan a bird again, a bison a cow).
/// Where the whole view found something of the class, nothing of it is dropped: on a crab whose
/// legs the slices take for five people the whole view took one for a person too, and all five stay.
///
/// ```swift
/// // Finds of one pass over the slices and the whole image; sides in the whole view's input pixels:
/// let dropped = SliceContext.outOfContext([
///     .init(classIndex: 0, seenWhole: true, sideInWholeView: 80),    // a person the whole view found
///     .init(classIndex: 0, seenWhole: false, sideInWholeView: 60),   // one more person: kept
///     .init(classIndex: 14, seenWhole: false, sideInWholeView: 90),  // a large bird only a slice saw
/// ])
/// // dropped == [2]
/// ```
public enum SliceContext {
    /// A slice's find at least this long (longer side, input pixels of the whole-image view) is one
    /// that view shows at a size the detector sees well.
    public static let visibleSide: Float = 48

    /// One find of a pass over slices and the whole-image view, as the check sees it.
    public struct Find: Sendable, Hashable {
        /// The detector's class.
        public var classIndex: Int
        /// Whether the whole-image view (an overview) found it, rather than a slice.
        public var seenWhole: Bool
        /// Its longer side at the whole-image view's scale, in the detector's input pixels.
        public var sideInWholeView: Float

        /// A find of class `classIndex`, made by the whole view or a slice, `sideInWholeView` long there.
        public init(classIndex: Int, seenWhole: Bool, sideInWholeView: Float) {
            self.classIndex = classIndex
            self.seenWhole = seenWhole
            self.sideInWholeView = sideInWholeView
        }
    }

    /// The indices of the finds seen out of context: made by a slice, of a class no find of the
    /// whole view has, and at least ``visibleSide`` long at the whole view's scale.
    public static func outOfContext(_ finds: [Find]) -> Set<Int> {
        let classesSeenWhole = Set(finds.filter(\.seenWhole).map(\.classIndex))
        return Set(finds.indices.filter { index in
            let find = finds[index]
            return !find.seenWhole && !classesSeenWhole.contains(find.classIndex) && find.sideInWholeView >= visibleSide
        })
    }
}
