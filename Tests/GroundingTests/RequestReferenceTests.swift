import Foundation
import Testing
import Grounding

/// `docs/REQUEST.md` lists every key a request can hold: each key of requests encoded with every
/// image source, both kinds of query and every option set is named there, in backticks.
@Suite struct RequestReferenceTests {
    /// Every object key anywhere in `json`.
    func keys(of json: Any) -> Set<String> {
        if let object = json as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys(of: $1.value)) }
        }
        if let array = json as? [Any] {
            return array.reduce(into: Set<String>()) { $0.formUnion(keys(of: $1)) }
        }
        return []
    }

    @Test func everyKeyOfTheRequestIsDocumented() throws {
        let reference = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/REQUEST.md"), encoding: .utf8)
        var options = GroundingOptions()
        options.scoreThreshold = 0.3       // encoded only when set
        options.exemplar.similarity = 0.6  // likewise
        let sources: [ImageSource] = [.path("TestImages/dog.jpg"), .encoded([1, 2, 3]), .pixels(RGBImage(width: 1, height: 1))]
        var found = Set<String>()
        for source in sources {
            let request = GroundingRequest(image: source, queries: [.name("dog"), .exemplar([PixelRect(x: 1, y: 2, width: 3, height: 4)])],
                                           mode: .count, options: options, strict: true, drawing: .png)
            found.formUnion(keys(of: try JSONSerialization.jsonObject(with: try JSONEncoder().encode(request))))
        }
        #expect(found.count > 30, "\(found.sorted())")
        for key in found.sorted() {
            #expect(reference.contains("`\(key)`"), "docs/REQUEST.md does not list the request key \(key)")
        }
    }
}
