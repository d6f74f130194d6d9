import Foundation
import Grounding

/// The text a person reads for one image: per name its count (and how it was resolved, how many
/// were found by their likeness to the others or only by a part, how many look-alikes went
/// unconfirmed, how many exemplar matches lay on larger objects, and, for names that found
/// nothing, under which size that says nothing), the boxes or points in bbox and point modes,
/// then the time per stage.
struct HumanReport {
    let result: GroundingResult
    let drawnPath: String?

    var text: String {
        var lines = ["\(result.path.map(StandardStreams.named) ?? "image") (\(result.imageWidth)×\(result.imageHeight)\(tilingNote))"]
        let names = result.objects.map { NamePhrase.shown($0.name) }
        let nameWidth = max(8, names.map(\.count).max() ?? 0)
        // Names that found nothing, by the size under which their count of none says nothing:
        // said once for the names that share it, under the last of them.
        let countsOfNone = Dictionary(grouping: result.objects.indices.compactMap { index in
            result.objects[index].smallUnder.map { (side: $0, index: index) }
        }, by: \.side).mapValues { $0.map(\.index) }
        for (index, (object, name)) in zip(result.objects, names).enumerated() {
            let label = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            var line = "  \(label) \(String(object.count).leftPadded(to: 4))"
            if object.resolution == .exemplar {
                let boxes = object.exemplars.count == 1 ? "the example box" : "the \(object.exemplars.count) example boxes"
                line += "   (like \(boxes)"
                    + (object.sizes.map {
                        String(format: " at %g–%g× %@ size", Double($0.lowerBound), Double($0.upperBound),
                               object.exemplars.count == 1 ? "its" : "their")
                    } ?? "")
                    + (object.colours.map { ", " + $0.map(\.rawValue).joined(separator: " or ") } ?? "")
                    + (object.similarity.map { ", similarity ≥ \(String(format: "%.2f", $0))" } ?? "")
                    + (object.appearance.map { ", appearance ≥ \(String(format: "%.2f", $0))" } ?? "") + ")"
            } else if object.resolvedName?.isEveryClass == true {
                line += "   → every class (\(object.classes.count)) (\(object.resolution.rawValue))"
            } else if object.resolution != .exact || object.classes != [object.name] {
                line += "   → \(object.classes.joined(separator: ", ")) (\(object.resolution.rawValue))"
            }
            // Finding the rest: say how many of a name's count the detector's own pass did not find.
            let byLikeness = object.detections.filter(object.isAddedByLikeness).count
            if byLikeness > 0 {
                line += "   (\(byLikeness) of \(object.isTruncated ? "those listed" : "them") found by their likeness to the others)"
            }
            // Wholes by their parts: say how many only a part (a face) showed.
            let byPart = object.detections.filter { $0.foundBy == .part }.count
            if byPart > 0 {
                line += "   (\(byPart) of \(object.isTruncated ? "those listed" : "them") seen only by a part another model found, such as a face)"
            }
            if object.isTruncated {
                line += "   (\(object.detections.count) listed in JSON and drawings, the best scores)"
            }
            lines.append(line)
            // Exemplar matches left out as parts of larger objects: the user may want them back.
            if let larger = object.onLargerObjects, larger > 0 {
                lines.append("      \(larger) more matched but lie on a larger object of their colour, left out (--no-surroundings-check keeps them)")
            }
            // Places as alike as the finds that the detector did not confirm: a sign the count may
            // be short, not a number of objects (most such places hold none, README), which the
            // line must not read as.
            if let places = object.unconfirmedLookalikes, places > 0 {
                lines.append("      the count may be short: the model did not confirm \(places) \(places == 1 ? "place that looks" : "places that look") like them (not counted; most such places hold none)")
            }
            // Objects small for the model: more of their size may be missed, and some of these wrong.
            if let small = object.smallInView {
                let which = small == object.count ? (small == 1 ? "it is" : "all \(small) of them are")
                    : (small == 1 ? "1 of them is" : "\(small) of them are")
                lines.append("      \(which) small for the model (under \(Int(ZoomIn.smallSide)) px of its input), the size it finds worst: more that small may be missed, and \(small == 1 ? "it" : "some of these") may be wrong")
            }
            // Names that counted the same objects must not be added up: "4 men, 4 women" are 4 people.
            if let first = object.sameObjectsAs {
                let number = object.count == 1 ? "one" : "\(object.count)"
                lines.append("      the same \(number) as \"\(first)\", not \(number) more")
            }
            for (other, count) in object.countedUnderOtherNames.sorted(by: { $0.key < $1.key }) {
                lines.append("      \(count) more counted under \"\(other)\" instead (the model reads \(count == 1 ? "it" : "them") more surely as that)")
            }
            // Objects the model read surely as a class not asked for, and as this name's less
            // surely: not counted, and the count may be short by some of them.
            for (other, count) in object.readMoreSurelyAs.sorted(by: { $0.key < $1.key }) {
                let these = count == 1 ? "1 more object" : "\(count) more objects"
                lines.append("      not counted: \(these) the model reads as \(other), and as \(Self.either(object.classes)) only below the score threshold")
            }
            // Objects the model read about as surely as another class: the count may hold some.
            let doubtful = Dictionary(grouping: object.detections.compactMap(\.alsoReadAs), by: \.className)
            for (other, readings) in doubtful.sorted(by: { $0.key < $1.key }) {
                lines.append("      \(readings.count) of \(object.isTruncated ? "those listed" : "them") the model also reads as \(other), about as surely or more")
            }
            lines += understanding(of: object).map { "      " + $0 }
            if let side = object.smallUnder, let group = countsOfNone[side], group.last == index {
                let which = group.count == 1 ? "a count of none says"
                    : "counts of none (\(group.map { names[$0] }.joined(separator: ", "))) say"
                lines.append("      \(which) nothing of objects under \(side) × \(side) px here (\(Int(ZoomIn.smallSide)) px of the model's input), the size it finds worst")
            }
            if result.mode != .count {
                for d in object.detections {
                    let where_ = result.mode == .bbox
                        ? String(format: "box [%.0f, %.0f, %.0f, %.0f]", d.box.x1, d.box.y1, d.box.x2, d.box.y2)
                        : String(format: "point [%.0f, %.0f]", d.point.x, d.point.y)
                    lines.append(String(format: "      %@ %.2f  %@", d.className, d.score, where_))
                }
            }
        }
        let t = result.timings
        lines.append(String(format: "  decode %.1f ms · preprocess %.1f ms · detect %.1f ms · postprocess %.1f ms",
                            t.decode, t.preprocess, t.detect, t.postprocess)
                     + (t.draw.map { String(format: " · draw %.1f ms", $0) } ?? ""))
        if let drawnPath { lines.append("  drawn to \(StandardStreams.named(drawnPath))") }
        return lines.joined(separator: "\n")
    }

    /// What a person should know about how a name was read: the WordNet sense, another reading,
    /// the classes its words left out, the colour the objects were filtered by, and words that
    /// were not understood.
    private func understanding(of object: GroundedObject) -> [String] {
        guard let name = object.resolvedName else { return [] }
        var notes: [String] = []
        // The sense is news where WordNet chose it, or where another reading is offered beside it.
        if name.resolution == .wordnet || name.otherReading != nil, let gloss = name.gloss {
            notes.append("sense: \(gloss)" + (name.countsMembers ? " (its members are counted, one by one)" : ""))
        }
        if let kind = name.kindNote { notes.append("counted: \(kind)") }
        if !name.excluded.isEmpty { notes.append("left out: \(name.excluded.joined(separator: ", "))") }
        if let other = name.otherReading { notes.append("other reading: \(other)") }
        if let colour = name.colour {
            notes.append(name.garment.map { "colour \(colour), of what they wear: only people \(Self.wearing($0)) \(colour) are counted" }
                ?? "colour \(colour): only objects whose own pixels are \(colour) are counted")
        }
        // Said plainly: a count of "people wearing hats" is of every person, not of those in hats.
        if let ignored = name.ignored {
            let every = name.classNames.count == 1 ? "every \(name.classNames[0])" : "everything of its \(name.classNames.count) classes"
            notes.append("ignored: \(NamePhrase.shown(ignored)) (not understood: the count is of \(every) found)")
        }
        return notes
    }

    /// `classes` as a reader says either of them: "car", "car or truck", "fork, knife or spoon".
    private static func either(_ classes: [String]) -> String {
        classes.count < 2 ? classes.joined() : classes.dropLast().joined(separator: ", ") + " or " + classes[classes.count - 1]
    }

    /// Who a colour of `garment` keeps, as the notes say it.
    private static func wearing(_ garment: Garment) -> String {
        switch garment {
        case .clothes: "dressed in"
        case .top: "whose top is"
        case .bottoms: "whose trousers or skirt are"
        }
    }

    private var tilingNote: String {
        guard result.regionCount > 1 else { return "" }
        return ", \(result.regionCount) regions" + (result.tileSize.map { ", slices of \($0) px" } ?? "")
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
