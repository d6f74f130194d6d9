import Foundation
import Grounding

/// COCO `image_id`s for the images of one run, unique per image.
///
/// When every answered file is named by a number and no number repeats
/// (`000000397133.jpg` → 397133), those numbers are the ids, as COCO's own files are named;
/// otherwise every image gets its position among the answered images, counting from 1. The rule
/// is all-or-nothing so that `2.jpg`, `a.jpg`, `b.jpg` never share an id.
struct CocoImageIDs {
    /// One id per answered image, in order.
    let ids: [Int]
    private let paths: [String?]

    init(paths: [String?]) {
        self.paths = paths
        let numbers = paths.map { path in
            path.flatMap { Int(((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension) }
        }
        let distinct = Set(numbers.compactMap { $0 })
        if numbers.allSatisfy({ $0 != nil }) && distinct.count == numbers.count {
            ids = numbers.map { $0! }
        } else {
            ids = paths.indices.map { $0 + 1 }
        }
    }

    /// Writes COCO's `images` array (`id`, `file_name`, `width`, `height`) for `results`, in the
    /// same order as the ids, so results can be matched to files. When it cannot be written (a
    /// full disk), the error says that it is this array that was not written, and why.
    func write(images results: [GroundingResult], to path: String) throws(UsageError) {
        let images: [JSONValue] = zip(ids, results).map { id, result in
            .object([("id", .int(id)), ("file_name", .string(result.path ?? "-")),
                     ("width", .int(result.imageWidth)), ("height", .int(result.imageHeight))])
        }
        do {
            try ImageFile.write(Array((JSONValue.array(images).serialized() + "\n").utf8), to: path)
        } catch {
            let why = if case .unwritable(_, let reason) = error { reason } else { "\(error)" }
            throw UsageError("--coco-images \(StandardStreams.named(path)): COCO's images array was not written (the results were printed): \(why)")
        }
    }
}
