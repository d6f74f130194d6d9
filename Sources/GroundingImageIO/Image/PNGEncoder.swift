import CPNG

/// Writes 8-bit RGB PNGs: every row Paeth-filtered, then deflated by zlib matching runs only.
///
/// Not libpng's writer: its simplified API (the only one usable without `setjmp`) offers either
/// trial filtering with deflate level 6, or no filtering at all, which doubles the file. A
/// photo's rows predicted by their Paeth neighbour leave residues near zero, which run-length
/// matching packs almost as well as level 6's search, in a sixth of the time: on
/// `TestImages/wine.jpg` (2560×3837), zlib alone took 0.24 s for 5.57 MB against 1.44 s for 5.67 MB
/// at level 6 (from Python, 2026-12-06); libpng's writer made 5.49 MB, and its drawings took 1.8 s
/// where these take 0.37 s. Any decoder reads the file; the pixels are exact. Each file says what
/// wrote it (``PNGSoftwareMark``).
enum PNGEncoder {
    /// The largest IDAT chunk written: big enough to cost nothing, far below PNG's 2³¹ − 1.
    private static let chunkLimit = 1 << 20

    /// Rows filtered and handed to zlib at a time, so the filtered copy stays small.
    private static let bandBytes = 1 << 18

    /// The PNG file of `image`; `name` is the file the errors name.
    static func encode(_ image: RGBImage, name: String) throws(ImageError) -> [UInt8] {
        guard image.width > 0, image.height > 0 else {
            throw .encodingFailed(file: name, detail: "the image is empty (\(image.width)×\(image.height))")
        }
        guard image.width < 1 << 31, image.height < 1 << 31 else {
            throw .encodingFailed(file: name, detail: "the image is too large for PNG")
        }
        var file: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        var header = bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height))
        header += [8, 2, 0, 0, 0]  // 8 bits per sample, RGB, deflate, adaptive filters, not interlaced
        appendChunk("IHDR", header, to: &file)
        appendChunk("tEXt", PNGSoftwareMark.text, to: &file)
        let stream = try deflated(image, name: name)
        // The chunks' lengths, types and CRCs (12 bytes each) and the signature, IHDR and IEND.
        file.reserveCapacity(stream.count + (stream.count / chunkLimit + 1) * 12 + 64)
        var start = 0
        repeat {
            let end = min(start + chunkLimit, stream.count)
            appendChunk("IDAT", stream[start..<end], to: &file)
            start = end
        } while start < stream.count
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// The zlib stream of `image`'s filtered rows.
    private static func deflated(_ image: RGBImage, name: String) throws(ImageError) -> [UInt8] {
        let rowBytes = image.width * 3
        let filteredRow = rowBytes + 1
        var zlib = z_stream()
        guard grounding_deflate_init(&zlib, Z_DEFAULT_COMPRESSION, Z_RLE) == Z_OK else {
            throw .encodingFailed(file: name, detail: "no memory for the PNG compressor")
        }
        defer { deflateEnd(&zlib) }
        let total = filteredRow * image.height
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&zlib, UInt(total))))
        let rowsPerBand = max(1, bandBytes / filteredRow)
        var band = [UInt8](repeating: 0, count: rowsPerBand * filteredRow)
        var status = Z_OK
        image.pixels.withUnsafeBufferPointer { pixels in
            band.withUnsafeMutableBufferPointer { band in
                output.withUnsafeMutableBufferPointer { output in
                    zlib.next_out = output.baseAddress
                    zlib.avail_out = UInt32(clamping: output.count)
                    var y = 0
                    while y < image.height, status == Z_OK {
                        let rows = min(rowsPerBand, image.height - y)
                        for row in 0..<rows {
                            let line = pixels.baseAddress! + (y + row) * image.rowStride
                            let above = y + row == 0 ? nil : line - image.rowStride
                            paethFilter(line, above: above, count: rowBytes, into: band.baseAddress! + row * filteredRow)
                        }
                        zlib.next_in = band.baseAddress
                        zlib.avail_in = UInt32(rows * filteredRow)
                        y += rows
                        status = deflate(&zlib, y == image.height ? Z_FINISH : Z_NO_FLUSH)
                        if status == Z_OK, zlib.avail_in != 0 { status = Z_BUF_ERROR }
                    }
                }
            }
        }
        // deflateBound is an upper bound for the whole input, so Z_FINISH ends the stream.
        guard status == Z_STREAM_END else {
            throw .encodingFailed(file: name, detail: "the PNG compressor failed (zlib status \(status))")
        }
        output.removeSubrange(Int(zlib.total_out)...)
        return output
    }

    /// Writes filter type 4 (Paeth) and the row's residues: each byte less the one of its left,
    /// upper and upper-left neighbours (3 bytes back: one RGB pixel) nearest to left + upper −
    /// upper-left. Outside the image a neighbour is 0.
    private static func paethFilter(_ row: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>?, count: Int,
                                    into out: UnsafeMutablePointer<UInt8>) {
        out[0] = 4
        guard let above else {
            // The first row: no upper neighbours, so the left one is nearest.
            for x in 0..<count { out[x + 1] = row[x] &- (x >= 3 ? row[x - 3] : 0) }
            return
        }
        // The first pixel has no left neighbours: the upper one is nearest.
        for x in 0..<min(3, count) { out[x + 1] = row[x] &- above[x] }
        for x in min(3, count)..<count {
            let a = Int(row[x - 3]), b = Int(above[x]), c = Int(above[x - 3])
            let pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c)
            let predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
            out[x + 1] = row[x] &- UInt8(truncatingIfNeeded: predicted)
        }
    }

    /// Appends a chunk: its length, type, data and the CRC-32 of type and data.
    private static func appendChunk(_ type: StaticString, _ data: some Collection<UInt8>, to file: inout [UInt8]) {
        let typeBytes = Array(UnsafeBufferPointer(start: type.utf8Start, count: 4))
        file += bigEndian(UInt32(data.count))
        let start = file.count
        file += typeBytes
        file += data
        let crc = file[start...].withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        file += bigEndian(crc)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
