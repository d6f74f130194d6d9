import CPNG

/// The only file that talks to libpng, through its simplified `png_image_*` API (the classic API
/// reports errors with `longjmp`, which Swift cannot survive).
enum LibPNG {
    /// The background transparent pixels are composited over: white.
    static let background: UInt8 = 255

    /// What a PNG says before its image data.
    struct Header {
        /// Width and height as stored (before EXIF orientation).
        var width: Int
        var height: Int
        /// Whether any pixel can be transparent (an alpha channel, or a tRNS chunk).
        var hasAlpha: Bool
        /// The orientation in its eXIf chunk (``ExifOrientation/up`` without one).
        var orientation: ExifOrientation
    }

    /// Reads the IHDR chunk ourselves, before libpng allocates anything (8-byte signature, then
    /// length, type, width, height, 5 more bytes, CRC), and looks for transparency and an eXIf
    /// chunk up to the first IDAT chunk.
    static func header(_ bytes: [UInt8], name: String) throws(ImageError) -> Header {
        guard bytes.count >= 33 else { throw .truncated(file: name) }
        guard bytes[12..<16].elementsEqual("IHDR".utf8) else {
            throw .corrupt(file: name, detail: "the first chunk is not IHDR")
        }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard width > 0, height > 0 else { throw .zeroSize(file: name) }
        let colorTypeHasAlpha = bytes[25] & 4 != 0
        // Chunks before the pixel data that run past the end: the file is cut short.
        guard let transparency = bytes.withUnsafeBufferPointer(PNGChunks.hasTransparencyBeforeData) else {
            throw .truncated(file: name)
        }
        return Header(width: width, height: height, hasAlpha: colorTypeHasAlpha || transparency,
                      orientation: ExifOrientation.parse(png: bytes))
    }

    /// Decodes any PNG (1–16 bits, grey, grey+alpha, palette with or without tRNS, RGB, RGBA)
    /// to 8-bit RGB as stored (not oriented), compositing alpha over white; `header` must come
    /// from ``header(_:name:)`` on the same bytes, and the limits must have been checked. libpng
    /// sees only the chunks decoding needs (``PNGChunks/essentials(_:)``; eXIf is read before).
    ///
    /// 16-bit samples become `(v * 255 + 32767) / 65535` (32767 → 127): libpng is told that
    /// untagged 16-bit files are sRGB-encoded (`PNG_IMAGE_FLAG_16BIT_sRGB`), so it only narrows
    /// them (as OpenCV does). Without that flag it would assume them linear and gamma-encode 32767
    /// to 186. Files that do declare a gamma (gAMA/sRGB chunk) are converted to sRGB by libpng.
    /// Damage libpng recovers from (its "benign errors") comes back as a warning, or with
    /// ``DecodeOptions/strict`` as ``ImageError/corrupt(file:detail:)``.
    static func decode(
        _ bytes: [UInt8], header: Header, name: String, options: DecodeOptions
    ) throws(ImageError) -> (image: RGBImage, warnings: [DecodeWarning]) {
        let width = header.width, height = header.height
        let (pixelCount, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else {
            throw .tooLarge(file: name, width: width, height: height, limit: options.maxPixels)
        }
        let essentials = PNGChunks.essentials(bytes)
        var image = png_image()
        image.version = grounding_png_image_version
        let result = essentials.withUnsafeBufferPointer { png -> Result<(RGBImage, [DecodeWarning]), ImageError> in
            guard png_image_begin_read_from_memory(&image, png.baseAddress, png.count) != 0 else {
                return .failure(failure(&image, name: name))
            }
            // The buffer below is sized from our own IHDR reading; libpng must agree.
            guard Int(image.width) == width, Int(image.height) == height else {
                return .failure(.corrupt(file: name, detail: "libpng read a different size from the IHDR chunk"))
            }
            let hasAlpha = image.format & grounding_png_format_flag_alpha != 0
            image.format = hasAlpha ? grounding_png_format_rgba : grounding_png_format_rgb
            image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
            let channels = hasAlpha ? 4 : 3
            var ok = false
            var pixels = [UInt8](unsafeUninitializedCapacity: pixelCount * channels) { buffer, count in
                ok = png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil) != 0
                count = buffer.count
            }
            guard ok else { return .failure(failure(&image, name: name)) }
            var warnings: [DecodeWarning] = []
            if image.warning_or_error & UInt32(PNG_IMAGE_WARNING) != 0 {
                let detail = message(&image)
                if options.strict { return .failure(.corrupt(file: name, detail: detail)) }
                warnings.append(DecodeWarning(file: name, detail: detail))
            }
            if hasAlpha { compositeOverBackground(&pixels, pixelCount: pixelCount) }
            return .success((RGBImage(width: width, height: height, pixels: pixels), warnings))
        }
        png_image_free(&image)  // a no-op after finish_read; frees libpng's state if we stopped before it
        return try result.get()
    }

    /// Turns RGBA into RGB in place: `c * a + background * (255 - a)`, rounded, per channel.
    private static func compositeOverBackground(_ pixels: inout [UInt8], pixelCount: Int) {
        let background = UInt32(Self.background)
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Writing at 3i never overtakes reading at 4i, so the compaction is safe in place.
            for i in 0..<pixelCount {
                let source = base + 4 &* i, target = base + 3 &* i
                let alpha = UInt32(source[3]), rest = background &* (255 &- alpha)
                for c in 0..<3 {
                    target[c] = UInt8(truncatingIfNeeded: (UInt32(source[c]) &* alpha &+ rest &+ 127) / 255)
                }
            }
        }
        pixels.removeLast(pixelCount)
    }

    /// Maps libpng's message (in `image.message`) to an ``ImageError``.
    private static func failure(_ image: inout png_image, name: String) -> ImageError {
        let message = message(&image)
        // The simplified API has no error codes; these texts come from pngread.c / pngrutil.c.
        if message.contains("read beyond end of data") {
            return .truncated(file: name)
        }
        return .corrupt(file: name, detail: message)
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
