extension GroundingEngine {
    /// The models loaded, in priority order, each with the classes it finds as answers spell them:
    /// `{"models": [{"name": "darknet:yolov4-tiny", "classes": ["person", "bicycle", …]}, …]}`.
    /// What `ground info --classes` prints, for programs (`grounding_engine_models` in C).
    public var modelsJSON: JSONValue {
        .object([("models", .array(zip(detectors, resolvers).map { detector, resolver in
            .object([("name", .string(detector.name)), ("classes", .array(resolver.canonicalNames.map { .string($0) }))])
        }))])
    }
}
