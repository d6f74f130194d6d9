/// A bounded walk over a PNG's chunks, and the filter that hands libpng only the chunks decoding
/// needs.
///
/// libpng's simplified API reads every chunk before the image data while it reads the header,
/// before it can be told to skip any: 2000 compressed text chunks cost 40 s of inflating. Text is
/// never used, so the decoder drops such chunks from the byte stream first. Whole chunks are
/// dropped, so the CRCs of those kept stay valid.
package enum PNGChunks {
    /// A chunk type as its four ASCII bytes, big-endian (`IDAT` is `0x4944_4154`).
    typealias ChunkType = UInt32

    static let imageData: ChunkType = 0x4944_4154     // IDAT
    static let imageEnd: ChunkType = 0x4945_4E44      // IEND
    static let transparency: ChunkType = 0x7452_4E53  // tRNS
    static let exif: ChunkType = 0x6558_4966          // eXIf

    /// The ancillary chunks libpng's simplified API uses to produce our 8-bit RGB(A): tRNS
    /// (transparency), gAMA and sRGB (the file's gamma, which it converts to sRGB), and sBIT (the
    /// significant bits, which size its gamma tables: with a gamma to convert, dropping sBIT
    /// changes pixels). It also reads cHRM, iCCP and bKGD, but for RGB output does not use them:
    /// cHRM only weights a colour-to-grey conversion, bKGD is replaced by our own background, and
    /// an iCCP profile only counts when it is one of the known sRGB profiles, which stands for the
    /// sRGB gamma assumed anyway (only a file whose gAMA contradicts such a profile now follows
    /// its gAMA, where libpng would have followed the profile).
    static let keptAncillary: Set<ChunkType> = [
        transparency, 0x6741_4D41 /* gAMA */, 0x7352_4742 /* sRGB */, 0x7342_4954, /* sBIT */
    ]

    /// How a walk ended.
    enum End: Equatable {
        /// `visit` asked to stop.
        case stopped
        /// Reached IEND; `after` is the offset just past it.
        case reachedEnd(after: Int)
        /// The bytes ran out inside a chunk, or before IEND.
        case ranOut(at: Int)
        /// A chunk length over 2³¹ − 1, which libpng refuses; it starts at `at`.
        case malformed(at: Int)
    }

    /// Calls `visit(type, chunk)` for each chunk after the signature, where `chunk` is the whole
    /// chunk (length, type, data and CRC), until `visit` returns false or the walk cannot go on.
    /// Linear in the number of chunks; `png` must start with the 8-byte signature.
    @discardableResult
    static func walk(_ png: UnsafeBufferPointer<UInt8>, _ visit: (ChunkType, Range<Int>) -> Bool) -> End {
        var position = 8
        while true {
            guard position + 8 <= png.count else { return .ranOut(at: position) }
            let length = be32(png, position)
            guard length <= 0x7FFF_FFFF else { return .malformed(at: position) }
            let chunkEnd = position + 12 + length
            guard chunkEnd <= png.count else { return .ranOut(at: position) }
            let type = ChunkType(be32(png, position + 4))
            if !visit(type, position..<chunkEnd) { return .stopped }
            if type == imageEnd { return .reachedEnd(after: chunkEnd) }
            position = chunkEnd
        }
    }

    /// `png` without the chunks decoding does not need: every ancillary chunk (first letter
    /// lower-case) except ``keptAncillary``, wherever it appears. Critical chunks, chunks with
    /// names that are not letters, and anything from a damaged or missing chunk on are kept as
    /// they are, so libpng still reports those problems. Returns `png` itself when nothing is
    /// dropped.
    package static func essentials(_ png: [UInt8]) -> [UInt8] {
        png.withUnsafeBufferPointer { buffer in
            var kept: [Range<Int>] = [0..<8]
            var dropped = false
            let end = walk(buffer) { type, chunk in
                if isDroppable(type) { dropped = true } else { kept.append(chunk) }
                return true
            }
            guard dropped else { return png }
            switch end {
            case .reachedEnd(let after), .ranOut(let after), .malformed(let after):
                kept.append(after..<buffer.count)
            case .stopped:
                break
            }
            var filtered: [UInt8] = []
            filtered.reserveCapacity(kept.reduce(0) { $0 + $1.count })
            for range in kept { filtered.append(contentsOf: buffer[range]) }
            return filtered
        }
    }

    /// Whether a tRNS chunk comes before the first IDAT, as libpng reads it; `nil` when the bytes
    /// end (or a chunk is damaged) before any IDAT.
    static func hasTransparencyBeforeData(_ png: UnsafeBufferPointer<UInt8>) -> Bool? {
        var found = false
        let end = walk(png) { type, _ in
            if type == transparency { found = true }
            return type != imageData
        }
        return end == .stopped ? found : nil
    }

    /// An ancillary chunk (lower-case first letter) with a well-formed name that decoding does not use.
    private static func isDroppable(_ type: ChunkType) -> Bool {
        // Bit 5 of the first letter is the ancillary bit (lower case).
        guard type & 0x2000_0000 != 0, !keptAncillary.contains(type) else { return false }
        return (0..<4).allSatisfy { (0x41...0x5A).contains(UInt8(truncatingIfNeeded: type >> (8 * $0)) & ~0x20) }
    }

    private static func be32(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}
