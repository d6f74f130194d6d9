import GroundingImageIO

extension GroundingEngine {
    /// Reads an image, grounds `queries` in it, and draws the answer when asked: the one path
    /// that the request API (``answer(_:)``) and the `ground` CLI share.
    ///
    /// `read` decodes the image with the options it is given: first with the size the grounding
    /// options need (``decodeOptions(for:base:)`` over `base`; a DCT-scaled decode when the whole
    /// image is not needed), then, only for a drawing of a DCT-scaled decode, again at full size
    /// with `base`. The detector sees the same pixels whether or not the answer is drawn. The
    /// result's decode time is the first read's; its draw time, the second read's and the
    /// drawing's (a caller that encodes or writes the drawing adds that time to it).
    ///
    /// ```swift
    /// let (result, drawing) = try engine.ground(reading: { try ImageDecoder.decode(contentsOf: "big.jpg", options: $0) },
    ///                                           path: "big.jpg", queries: [.name("person")], mode: .count,
    ///                                           drawsAnswer: true)
    /// ```
    public func ground(reading read: (DecodeOptions) throws(ImageError) -> DecodedImage, path: String?,
                       queries: [ObjectQuery], mode: GroundingMode, options: GroundingOptions = GroundingOptions(),
                       base: DecodeOptions = DecodeOptions(),
                       drawsAnswer: Bool) throws(GroundingError) -> (result: GroundingResult, drawing: RGBImage?) {
        let start = ContinuousClock.now
        let decoded: DecodedImage
        do { decoded = try read(decodeOptions(for: options, base: base)) } catch { throw .image(error) }
        let decodeTime = milliseconds(since: start)
        var result = try ground(decoded, path: path, queries: queries, mode: mode, options: options)
        result.timings.decode = decodeTime
        guard drawsAnswer else { return (result, nil) }
        // The answer is drawn on the full-size image: decoded again when detection used a DCT-scaled one.
        let drawStart = ContinuousClock.now
        let fullSize = decoded.image.width == decoded.fullWidth && decoded.image.height == decoded.fullHeight
        var canvas: RGBImage
        do { canvas = fullSize ? decoded.image : try read(base).image } catch { throw .image(error) }
        drawAnnotations(result.annotationLayers(), on: &canvas)
        result.timings.draw = milliseconds(since: drawStart)
        return (result, canvas)
    }
}
