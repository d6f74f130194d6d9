import Grounding

/// Resolvers for the class lists names meet: COCO's 80, each MediaPipe model's one class, and a
/// user's own list with a class COCO lacks.
private let resolvers = [CocoClass.all.map(\.name), ["face"], ["hand"], ["person", "pelican", "traffic cone"]]
    .map { QueryResolver(classNames: $0) }

/// libFuzzer entry: the text of a request's object names, as an assistant or a shell may send
/// any text, through the name resolver and its explanation, for every class list above.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNames(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for resolver in resolvers {
        for result in resolver.resolveNames(in: text) {
            if case .failure(let error) = result { _ = error.description }
        }
        for explanation in resolver.explain(text) { _ = explanation.description }
    }
    return 0
}
