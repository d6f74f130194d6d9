import Foundation
import Grounding

/// Shared helpers for the image tests: test photos, temporary files, hand-built PNGs, EXIF splicing.
enum ImageTestSupport {
    /// `TestImages/` at the repository root.
    static let testImages = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestImages")

    static func path(_ name: String) -> String { testImages.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { try Array(Data(contentsOf: testImages.appendingPathComponent(name))) }

    /// A fresh temporary directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grounding-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory.path)
    }

    /// The suite-wide seeded generator.
    typealias Random = SeededGenerator

    static func randomImage(width: Int, height: Int, rowStride: Int? = nil, seed: UInt64) -> RGBImage {
        var random = Random(state: seed)
        let stride = rowStride ?? width * 3
        return RGBImage(width: width, height: height, rowStride: stride, pixels: random.bytes(stride * height))
    }

    /// Mean and maximum absolute difference over the visible pixels of two same-size images.
    static func difference(_ a: RGBImage, _ b: RGBImage) -> (mean: Double, max: Int) {
        precondition(a.width == b.width && a.height == b.height)
        var total = 0, largest = 0
        for y in 0..<a.height {
            for i in 0..<a.width * 3 {
                let d = abs(Int(a.pixels[y * a.rowStride + i]) - Int(b.pixels[y * b.rowStride + i]))
                total += d
                largest = max(largest, d)
            }
        }
        return (Double(total) / Double(max(1, a.width * a.height * 3)), largest)
    }

    /// Area-average (box filter with fractional coverage) downscale to `width × height`.
    static func areaDownscale(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let sx = Double(image.width) / Double(width), sy = Double(image.height) / Double(height)
        // Coverage of source index i by destination cell [d*s, (d+1)*s).
        func weights(_ d: Int, _ s: Double, _ limit: Int) -> [(Int, Double)] {
            let start = Double(d) * s, end = start + s
            return (Int(start)..<min(limit, Int(end.rounded(.up)))).map { i in
                (i, min(end, Double(i + 1)) - max(start, Double(i)))
            }.filter { $0.1 > 0 }
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let wy = weights(y, sy, image.height)
            for x in 0..<width {
                let wx = weights(x, sx, image.width)
                for c in 0..<3 {
                    var sum = 0.0
                    for (iy, fy) in wy { for (ix, fx) in wx { sum += fy * fx * Double(image.pixels[iy * image.rowStride + ix * 3 + c]) } }
                    pixels[(y * width + x) * 3 + c] = UInt8((sum / (sx * sy)).rounded())
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// `jpeg` with an APP1 Exif segment holding `orientation` inserted right after SOI,
    /// in big-endian (`MM`) or little-endian (`II`) TIFF byte order.
    static func withExif(_ jpeg: [UInt8], orientation: Int, bigEndian: Bool) -> [UInt8] {
        let body: [UInt8] = Array("Exif".utf8) + [0, 0] + exifTIFF(orientation: orientation, bigEndian: bigEndian)
        let length = body.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body + jpeg[2...]
    }

    /// `png` with an eXIf chunk holding `orientation` inserted right after IHDR (or, with
    /// `afterData`, after the image data, where it does not count).
    static func withEXIf(_ png: [UInt8], orientation: Int, bigEndian: Bool, afterData: Bool = false) -> [UInt8] {
        let chunk = (type: "eXIf", data: exifTIFF(orientation: orientation, bigEndian: bigEndian))
        guard afterData else { return PNGWriter.inserting([chunk], into: png) }
        let chunks = PNGWriter.chunks(of: png)
        return PNGWriter.assemble(Array(chunks.dropLast()) + [chunk] + chunks.suffix(1))
    }

    /// The TIFF structure of an Exif block whose IFD0 holds `orientation`, in big-endian (`MM`)
    /// or little-endian (`II`) byte order.
    static func exifTIFF(orientation: Int, bigEndian: Bool) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        // IFD0 with two entries (an unrelated tag first, so the parser has to walk) and no next IFD.
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8) + u16(2)
        tiff += u16(0x010F) + u16(2) + u32(4) + [0x41, 0x42, 0x43, 0]  // Make = "ABC"
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
        return tiff + u32(0)
    }

    /// The offset of the first `0xFF marker` in `jpeg`.
    static func markerOffset(_ marker: UInt8, in jpeg: [UInt8]) -> Int? {
        (2..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == marker }
    }

    /// `jpeg` with its frame header (baseline SOF0 or progressive SOF2) claiming `width × height`.
    static func withJPEGSize(_ jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
        guard let sof = markerOffset(0xC0, in: jpeg) ?? markerOffset(0xC2, in: jpeg) else { return jpeg }
        var patched = jpeg
        patched[sof + 5] = UInt8(height >> 8); patched[sof + 6] = UInt8(height & 0xFF)
        patched[sof + 7] = UInt8(width >> 8); patched[sof + 8] = UInt8(width & 0xFF)
        return patched
    }

    /// `jpeg` with comment (COM) segments holding `count` bytes in all inserted before its
    /// end-of-image marker: padding that libjpeg skips between scans.
    static func withComments(_ jpeg: [UInt8], count: Int) -> [UInt8] {
        var padding: [UInt8] = []
        var left = count
        while left > 0 {
            let n = min(left, 65_533)
            padding += [0xFF, 0xFE, UInt8((n + 2) >> 8), UInt8((n + 2) & 0xFF)] + [UInt8](repeating: 0x20, count: n)
            left -= n
        }
        return Array(jpeg.dropLast(2)) + padding + [0xFF, 0xD9]
    }

    /// The current process's umask, read from /proc (calling `umask` to read it would change it
    /// for a moment under tests running in parallel).
    static func umask() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") } ?? "Umask: 0022"
        return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0o022
    }
}

/// Builds PNG files chunk by chunk (zlib "stored" blocks, CRC-32, Adler-32), so tests can make
/// every colour type and bit depth with exactly known samples.
enum PNGWriter {
    enum ColorType: UInt8 { case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
        var channels: Int { switch self { case .gray, .palette: 1; case .grayAlpha: 2; case .rgb: 3; case .rgba: 4 } }
    }

    /// A PNG of `width × height` pixels whose samples (row-major, `channels` per pixel) are
    /// `samples`, at any PNG bit depth (1, 2, 4, 8, 16).
    static func make(width: Int, height: Int, colorType: ColorType, bitDepth: Int, samples: [Int],
                     palette: [UInt8]? = nil, transparency: [UInt8]? = nil) -> [UInt8] {
        precondition(samples.count == width * height * colorType.channels)
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter type None
            let row = samples[(y * width * colorType.channels)..<((y + 1) * width * colorType.channels)]
            if bitDepth < 8 {
                // Samples packed most significant bits first; the last byte is padded with zeros.
                var byte = 0, used = 0
                for s in row {
                    byte = byte << bitDepth | s
                    used += bitDepth
                    if used == 8 { raw.append(UInt8(byte)); byte = 0; used = 0 }
                }
                if used > 0 { raw.append(UInt8(byte << (8 - used))) }
            } else {
                for s in row {
                    if bitDepth == 16 { raw += [UInt8(s >> 8), UInt8(s & 0xFF)] } else { raw.append(UInt8(s)) }
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(width) + be32(height) + [UInt8(bitDepth), colorType.rawValue, 0, 0, 0])
        if let palette { png += chunk("PLTE", palette) }
        if let transparency { png += chunk("tRNS", transparency) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(data.count) + typed + be32(Int(crc32(typed)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// The chunks of a PNG in order, as (type, data); CRCs are not checked.
    static func chunks(of png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var found: [(String, [UInt8])] = []
        var position = 8
        while position + 12 <= png.count {
            let length = png[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            guard position + 12 + length <= png.count else { break }
            found.append((String(decoding: png[position + 4..<position + 8], as: UTF8.self),
                          Array(png[position + 8..<position + 8 + length])))
            position += 12 + length
        }
        return found
    }

    /// A PNG made of `chunks`, with fresh CRCs.
    static func assemble(_ chunks: [(type: String, data: [UInt8])]) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunks.flatMap { chunk($0.type, $0.data) }
    }

    /// `png` with `extra` chunks inserted right after IHDR.
    static func inserting(_ extra: [(type: String, data: [UInt8])], into png: [UInt8]) -> [UInt8] {
        let all = chunks(of: png)
        return assemble(Array(all.prefix(1)) + extra + Array(all.dropFirst()))
    }

    /// A zlib stream that inflates to `count` zero bytes (rounded up to 1 + a multiple of 258):
    /// one fixed-Huffman deflate block of a literal zero and then copies of 258 bytes from
    /// distance 1, 13 bits each, so about 1/160 of its inflated size. A decompression bomb.
    static func zlibZeros(count: Int) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var bits = 0, used = 0
        // Deflate packs bits from the least significant end; Huffman codes go most significant bit first.
        func put(_ value: Int, _ length: Int) {
            bits |= value << used
            used += length
            while used >= 8 { out.append(UInt8(bits & 0xFF)); bits >>= 8; used -= 8 }
        }
        func code(_ value: Int, _ length: Int) {
            for i in (0..<length).reversed() { put(value >> i & 1, 1) }
        }
        put(1, 1); put(1, 2)                 // final block, fixed Huffman codes
        code(0x30, 8)                        // literal 0
        let copies = max(0, (count - 1 + 257) / 258)
        for _ in 0..<copies {
            code(0xC5, 8)                    // length 258 (symbol 285)
            code(0, 5)                       // distance 1
        }
        code(0, 7)                           // end of block
        if used > 0 { out.append(UInt8(bits & 0xFF)) }
        let total = 1 + 258 * copies
        return out + be32((total % 65_521) << 16 | 1)  // Adler-32 of zeros: a = 1, b = count
    }

    /// A zlib stream of uncompressed ("stored") deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8 & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + be32(Int(b << 16 | a))
    }
}
