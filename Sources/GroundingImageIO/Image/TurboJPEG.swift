import CTurboJPEG

/// The only file that talks to TurboJPEG (2.x `tj*` API): JPEG header reading, DCT-scaled
/// decoding, encoding, and lossless transforms for test fixtures.
///
/// A `tjhandle` is not thread-safe, so every call creates and destroys its own; that costs
/// microseconds next to a decode and makes every function here safe to call from many threads.
package enum TurboJPEG {
    /// A DCT-domain scaling factor, `numerator / denominator`.
    package struct ScalingFactor: Sendable, Hashable {
        /// The numerator.
        package var numerator: Int
        /// The denominator.
        package var denominator: Int

        /// The scaled size of a `dimension`-pixel side, rounded up as TurboJPEG does.
        package func scaled(_ dimension: Int) -> Int {
            Int(grounding_tj_scaled(Int32(dimension), tjscalingfactor(num: Int32(numerator), denom: Int32(denominator))))
        }
    }

    /// The downscaling factors (at most 1) TurboJPEG supports, smallest first: 1/8, 1/4, 3/8, … 1/1.
    package static let downscalingFactors: [ScalingFactor] = {
        var count: Int32 = 0
        guard let list = tjGetScalingFactors(&count) else { return [ScalingFactor(numerator: 1, denominator: 1)] }
        let factors = UnsafeBufferPointer(start: list, count: Int(count))
            .map { ScalingFactor(numerator: Int($0.num), denominator: Int($0.denom)) }
            .filter { $0.numerator <= $0.denominator }
        return factors.sorted { $0.numerator * $1.denominator < $1.numerator * $0.denominator }
    }()

    /// The smallest factor whose scaled long side is still at least `minimumLongSide` (1/1 when
    /// none is, or when no minimum is asked for).
    package static func downscalingFactor(longSide: Int, minimumLongSide: Int?) -> ScalingFactor {
        guard let minimum = minimumLongSide else { return ScalingFactor(numerator: 1, denominator: 1) }
        return downscalingFactors.first { $0.scaled(longSide) >= minimum } ?? ScalingFactor(numerator: 1, denominator: 1)
    }

    /// The most scans a JPEG may have; more are refused before decoding (see ``checkData(_:header:name:)``).
    package static let maxScans = 64

    /// What TurboJPEG and the frame header say about a JPEG before any pixel is decoded.
    struct Header {
        /// Width and height as stored (before EXIF orientation).
        var width: Int
        var height: Int
        /// The frame that sizes the decode.
        var frame: JPEGFrame
        /// libjpeg's words for damage in the header it read past (an unknown JFIF revision, stray
        /// bytes before a marker); the decode meets it again, first, and reports it.
        var warning: String?
    }

    /// Reads the header: the size, refusing CMYK and YCCK files and kinds of JPEG libjpeg-turbo
    /// does not decode (``ImageError/unsupportedJPEG(file:kind:)``), and telling a header cut
    /// short (``ImageError/truncated(file:)``) from a damaged one. Damage libjpeg recovers from is left
    /// to ``decode(_:header:name:options:)`` to report.
    static func header(_ bytes: [UInt8], name: String) throws(ImageError) -> Header {
        guard let handle = tjInitDecompress() else {
            throw .corrupt(file: name, detail: "TurboJPEG could not start: out of memory")
        }
        defer { tjDestroy(handle) }
        return try bytes.withUnsafeBufferPointer { jpeg -> Result<Header, ImageError> in
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorSpace: Int32 = 0
            let status = tjDecompressHeader3(handle, jpeg.baseAddress, UInt(jpeg.count), &width, &height,
                                             &subsampling, &colorSpace)
            // TurboJPEG returns -1 for warnings too, and keeps saying "warning" when an error
            // follows one; after an error the outputs are unset (0) or, for its own checks, -1.
            let warned = status != 0 && tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue)
                && subsampling >= 0 && colorSpace >= 0
            if (status != 0 && !warned) || width <= 0 || height <= 0 {
                // A header cut short fails with whatever libjpeg tripped over next (or yields a
                // tables-only 0×0 header), so look at the segment structure to tell truncation
                // from damage. A sound file of a kind libjpeg cannot decode is named as such first.
                if let kind = JPEGProcess.unsupportedKind(jpeg) { return .failure(.unsupportedJPEG(file: name, kind: kind)) }
                if JPEGSegments.walk(jpeg, { _, _ in true }) == .ranOut { return .failure(.truncated(file: name)) }
                return .failure(status != 0 ? failure(handle, name: name) : .zeroSize(file: name))
            }
            if colorSpace == Int32(TJCS_CMYK.rawValue) || colorSpace == Int32(TJCS_YCCK.rawValue) {
                return .failure(.unsupportedColorSpace(file: name, colorSpace: colorSpace == Int32(TJCS_CMYK.rawValue) ? "CMYK" : "YCCK (Adobe CMYK)"))
            }
            let fullWidth = Int(width), fullHeight = Int(height)
            // libjpeg reads past stray bytes that our walk stops at; assume the costliest frame then.
            let parsed = JPEGFrame(jpeg).flatMap { $0.width == fullWidth && $0.height == fullHeight ? $0 : nil }
            let frame = parsed ?? JPEGFrame(conservativeWidth: fullWidth, height: fullHeight,
                                            componentCount: colorSpace == Int32(TJCS_GRAY.rawValue) ? 1 : 3)
            return .success(Header(width: fullWidth, height: fullHeight, frame: frame, warning: warned ? message(handle) : nil))
        }.get()
    }

    /// Refuses, before anything is allocated, a JPEG whose data cannot be what its header says:
    /// more scans than ``maxScans``, or less compressed data than any complete image of its size
    /// has (``JPEGFrame/minimumDataBytes``).
    static func checkData(_ bytes: [UInt8], header: Header, name: String) throws(ImageError) {
        // Every progressive scan is a pass over all of the image's coefficients, so a few bytes
        // per repeated scan can make a small file decode for minutes. Encoders write about 10.
        let scans = bytes.withUnsafeBufferPointer { JPEGSegments.scanCount($0, limit: maxScans) }
        guard scans <= maxScans else {
            throw .corrupt(file: name, detail: "more than \(maxScans) scans; no encoder writes that many")
        }
        let data = bytes.count - header.frame.dataOffset
        guard data >= header.frame.minimumDataBytes else {
            // Without its end marker the file was cut short; with it, the header lies.
            guard bytes.suffix(2).elementsEqual([0xFF, 0xD9]) else { throw .truncated(file: name) }
            throw .corrupt(file: name, detail: "its header declares \(header.width)×\(header.height) pixels, whose compressed data takes at least \(header.frame.minimumDataBytes) bytes, but \(data) follow the header")
        }
    }

    /// Decodes a JPEG to RGB as stored (not oriented), DCT-downscaled per
    /// ``DecodeOptions/minimumLongSide``; `header` must come from ``header(_:name:)`` on the same
    /// bytes, and the limits must have been checked.
    ///
    /// Default flags (accurate integer DCT, fancy upsampling) match OpenCV's `imread`. Damage
    /// libjpeg recovers from comes back as a warning, or with ``DecodeOptions/strict`` as
    /// ``ImageError/corrupt(file:detail:)``; so does a missing end-of-image marker when the image
    /// data before it is complete. Data that ends early is always ``ImageError/truncated(file:)``.
    static func decode(
        _ bytes: [UInt8], header: Header, name: String, options: DecodeOptions
    ) throws(ImageError) -> (image: RGBImage, warnings: [DecodeWarning]) {
        let factor = downscalingFactor(longSide: max(header.width, header.height), minimumLongSide: options.minimumLongSide)
        let width = factor.scaled(header.width), height = factor.scaled(header.height)
        var (pixels, warning) = try decompress(bytes, width: width, height: height, header: header, name: name, options: options)
        if warning == .truncated(file: name) {
            // libjpeg runs out of bytes alike whether the data was cut short or only the marker
            // after it is missing (OpenCV and browsers show such a file whole). Given the marker,
            // only the latter decodes without a warning; only files that ran out pay for this.
            pixels = []
            let ended = try decompress(bytes + [0xFF, 0xD9], width: width, height: height, header: header, name: name, options: options)
            guard ended.warning == nil else { throw .truncated(file: name) }
            pixels = ended.pixels
            warning = .corrupt(file: name, detail: "Premature end of JPEG file: only its end-of-image marker is missing")
        }
        // libjpeg keeps the first warning's words, so after one in the header, data that ran out
        // says nothing of its own: when the walk of its segments finds no end-of-image marker, it was
        // cut short (or lacks only its marker, which cannot then be told apart; refused alike).
        if let headerWarning = header.warning, warning == .corrupt(file: name, detail: headerWarning),
           !bytes.withUnsafeBufferPointer(JPEGSegments.reachesEnd) {
            throw .truncated(file: name)
        }
        let image = RGBImage(width: width, height: height, pixels: pixels)
        guard let warning else { return (image, []) }
        guard !options.strict, case .corrupt(_, let detail) = warning else { throw warning }
        return (image, [DecodeWarning(file: name, detail: detail)])
    }

    /// One TurboJPEG decode of `jpeg` to `width × height` RGB: the pixels, and the first damage
    /// libjpeg read past, as the error it stands for: ``ImageError/truncated(file:)`` when the
    /// bytes ran out (the missing rows are grey), else ``ImageError/corrupt(file:detail:)``. With
    /// ``DecodeOptions/strict`` libjpeg stops at that damage, leaving the pixels unfinished.
    private static func decompress(
        _ jpeg: [UInt8], width: Int, height: Int, header: Header, name: String, options: DecodeOptions
    ) throws(ImageError) -> (pixels: [UInt8], warning: ImageError?) {
        guard let handle = tjInitDecompress() else {
            throw .corrupt(file: name, detail: "TurboJPEG could not start: out of memory")
        }
        defer { tjDestroy(handle) }
        // TJFLAG_LIMITSCANS is libjpeg-turbo's own 500-scan limit, a second guard behind checkData.
        let flags = TJFLAG_LIMITSCANS | (options.strict ? TJFLAG_STOPONWARNING : 0)
        var status: Int32 = 0
        let pixels = jpeg.withUnsafeBufferPointer { jpeg in
            [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, count in
                status = tjDecompress2(handle, jpeg.baseAddress, UInt(jpeg.count), buffer.baseAddress,
                                       Int32(width), Int32(width * 3), Int32(height),
                                       Int32(TJPF_RGB.rawValue), flags)
                count = buffer.count  // TurboJPEG writes every pixel, even of a damaged image
            }
        }
        guard status != 0 else { return (pixels, nil) }
        // TurboJPEG returns -1 for warnings too. libjpeg keeps the first warning's words, so after
        // one in the header any other words are an error's that followed it (which TurboJPEG
        // still calls a warning).
        let error = failure(handle, name: name)
        guard tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue),
              header.warning.map({ error == .corrupt(file: name, detail: $0) }) ?? true else {
            throw error
        }
        return (pixels, error)
    }

    /// TurboJPEG's last error or warning on `handle`, in libjpeg's words.
    private static func message(_ handle: tjhandle) -> String {
        String(cString: tjGetErrorStr2(handle))
    }

    /// Maps TurboJPEG's last error on `handle` to an ``ImageError``.
    private static func failure(_ handle: tjhandle, name: String) -> ImageError {
        let message = message(handle)
        // libjpeg has no error codes in the TurboJPEG API; its messages are stable text. Only
        // running out of bytes counts ("Corrupt JPEG data: premature end of data segment" is damage).
        if message.contains("Premature end of JPEG file") {
            return .truncated(file: name)
        }
        if message.contains("Empty JPEG image") { return .zeroSize(file: name) }
        return .corrupt(file: name, detail: message)
    }

    /// Encodes an RGB image as a baseline JPEG with 4:2:0 chroma subsampling (the usual photo
    /// setting: chroma at half resolution both ways).
    static func encode(_ image: RGBImage, quality: Int, name: String) throws(ImageError) -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw .encodingFailed(file: name, detail: "the image is empty (\(image.width)×\(image.height))") }
        guard (1...100).contains(quality) else { throw .encodingFailed(file: name, detail: "JPEG quality \(quality) is outside 1...100") }
        return try compress(image.pixels, width: image.width, pitch: image.rowStride, height: image.height,
                            pixelFormat: Int32(TJPF_RGB.rawValue), subsampling: Int32(TJSAMP_420.rawValue),
                            quality: quality, name: name)
    }

    /// A CMYK (stored as YCCK) JPEG of one flat colour, for tests of colour-space refusal.
    package static func cmykFixture(width: Int, height: Int) throws(ImageError) -> [UInt8] {
        let pixels = [UInt8](repeating: 100, count: width * height * 4)
        return try compress(pixels, width: width, pitch: width * 4, height: height,
                            pixelFormat: Int32(TJPF_CMYK.rawValue), subsampling: Int32(TJSAMP_444.rawValue),
                            quality: 90, name: "CMYK fixture")
    }

    /// A progressive JPEG with full-resolution colour (4:4:4), the kind libjpeg needs the most
    /// memory for, for tests of the memory estimate.
    package static func progressive444Fixture(_ image: RGBImage) throws(ImageError) -> [UInt8] {
        try compress(image.pixels, width: image.width, pitch: image.rowStride, height: image.height,
                     pixelFormat: Int32(TJPF_RGB.rawValue), subsampling: Int32(TJSAMP_444.rawValue),
                     quality: 90, flags: TJFLAG_PROGRESSIVE, name: "progressive fixture")
    }

    private static func compress(
        _ pixels: [UInt8], width: Int, pitch: Int, height: Int, pixelFormat: Int32, subsampling: Int32,
        quality: Int, flags: Int32 = 0, name: String
    ) throws(ImageError) -> [UInt8] {
        guard width <= 65_535, height <= 65_535 else {
            throw .encodingFailed(file: name, detail: "JPEG sides are at most 65535 pixels, this image is \(width)×\(height)")
        }
        guard let handle = tjInitCompress() else { throw .encodingFailed(file: name, detail: "TurboJPEG could not start: out of memory") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        defer { tjFree(output) }
        let status = pixels.withUnsafeBufferPointer {
            tjCompress2(handle, $0.baseAddress, Int32(width), Int32(pitch), Int32(height), pixelFormat,
                        &output, &size, subsampling, Int32(quality), flags)
        }
        guard status == 0, let output else {
            throw .encodingFailed(file: name, detail: String(cString: tjGetErrorStr2(handle)))
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// A lossless DCT-domain transform (the `jpegtran` operations).
    package enum LosslessTransform: Sendable, CaseIterable {
        case none, horizontalFlip, verticalFlip, transpose, transverse, rotate90, rotate180, rotate270

        fileprivate var turboJPEG: Int32 {
            let op = switch self {
            case .none: TJXOP_NONE
            case .horizontalFlip: TJXOP_HFLIP
            case .verticalFlip: TJXOP_VFLIP
            case .transpose: TJXOP_TRANSPOSE
            case .transverse: TJXOP_TRANSVERSE
            case .rotate90: TJXOP_ROT90
            case .rotate180: TJXOP_ROT180
            case .rotate270: TJXOP_ROT270
            }
            return Int32(op.rawValue)
        }
    }

    /// Applies `operation` to a JPEG without decoding it, optionally cropping first to `crop`
    /// (which must be aligned to whole MCUs); fails unless the transform is perfect.
    package static func transform(_ jpeg: [UInt8], _ operation: LosslessTransform, crop: PixelRect? = nil) throws(ImageError) -> [UInt8] {
        guard let handle = tjInitTransform() else { throw .encodingFailed(file: "transform", detail: "TurboJPEG could not start") }
        defer { tjDestroy(handle) }
        var transform = tjtransform()
        transform.op = operation.turboJPEG
        transform.options = TJXOPT_PERFECT
        if let crop {
            transform.options |= TJXOPT_CROP
            transform.r = tjregion(x: Int32(crop.x), y: Int32(crop.y), w: Int32(crop.width), h: Int32(crop.height))
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        defer { tjFree(output) }
        let status = jpeg.withUnsafeBufferPointer {
            tjTransform(handle, $0.baseAddress, UInt($0.count), 1, &output, &size, &transform, 0)
        }
        guard status == 0, let output else {
            throw .encodingFailed(file: "transform", detail: String(cString: tjGetErrorStr2(handle)))
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
