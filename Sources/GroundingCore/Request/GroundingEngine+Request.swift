import GroundingImageIO

extension GroundingEngine {
    /// Answers a whole request: reads or decodes the image (at the size the options need), grounds
    /// its queries, and draws the answer when asked. Names that match nothing are listed in
    /// ``GroundingResult/unresolved`` while the others are answered; a request none of whose
    /// queries can be answered fails with ``GroundingError/query(_:unresolved:)``.
    ///
    /// ```swift
    /// let request = try GroundingRequest(json: Array(#"{"image": {"path": "TestImages/horses.jpg"}, "queries": ["pony"], "mode": "count"}"#.utf8))
    /// let response = try engine.answer(request)
    /// print(response.result.objects[0].count)   // 4
    /// ```
    ///
    /// - Throws: ``GroundingError``, whose ``GroundingError/code`` is stable.
    public func answer(_ request: GroundingRequest) throws(GroundingError) -> GroundingResponse {
        guard !request.queries.isEmpty else {
            throw .invalidRequest("no queries: name at least one object, e.g. [\"person\"]")
        }
        try request.options.validate()
        try checkAnswerable(request.queries)

        var decoding = DecodeOptions()
        decoding.strict = request.strict
        let read: (DecodeOptions) throws(ImageError) -> DecodedImage
        switch request.image {
        case .pixels(let image):
            var result = try ground(image, queries: request.queries, mode: request.mode, options: request.options)
            var drawn: RGBImage?
            if request.drawing != nil {
                let start = ContinuousClock.now
                drawn = image
                drawAnnotations(result.annotationLayers(), on: &drawn!)
                result.timings.draw = milliseconds(since: start)
            }
            do { return try respond(result, drawing: request.drawing, drawn: drawn) } catch { throw .image(error) }
        case .path(let path):
            read = { options throws(ImageError) in try ImageDecoder.decode(contentsOf: path, options: options) }
        case .encoded(let bytes):
            read = { options throws(ImageError) in try ImageDecoder.decode(bytes, name: "the request's image", options: options) }
        }

        let (result, drawing) = try ground(reading: read, path: request.image.path, queries: request.queries, mode: request.mode,
                                           options: request.options, base: decoding, drawsAnswer: request.drawing != nil)
        do { return try respond(result, drawing: request.drawing, drawn: drawing) } catch { throw .image(error) }
    }

    /// The response for `result`, with `drawn` (the answer drawn on the full-size image) encoded
    /// when a drawing is asked for; the encoding's time is part of the draw time.
    private func respond(_ result: GroundingResult, drawing format: DrawingFormat?, drawn: RGBImage?) throws(ImageError) -> GroundingResponse {
        guard let format, let canvas = drawn else { return GroundingResponse(result: result) }
        let start = ContinuousClock.now
        let bytes = switch format {
        case .png: try ImageEncoder.png(canvas)
        case .jpeg: try ImageEncoder.jpeg(canvas)
        }
        var timed = result
        timed.timings.addDrawTime(since: start)
        return GroundingResponse(result: timed, drawing: .init(format: format, bytes: bytes))
    }

    /// Throws the first name's error, with every name not understood, when the queries are all
    /// names and none of them resolves: then there is nothing to answer, and the image need not
    /// be read.
    private func checkAnswerable(_ queries: [ObjectQuery]) throws(GroundingError) {
        var unresolved: [UnresolvedName] = []
        for query in queries {
            guard case .name(let text) = query else { return }
            for resolution in resolveNames(in: text) {
                switch resolution {
                case .success: return
                case .failure(let error): unresolved.append(UnresolvedName(error: error, in: text))
                }
            }
        }
        throw .query(unresolved.first?.error ?? .emptyName, unresolved: unresolved)
    }
}
