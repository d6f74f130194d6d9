/// A bounded walk over the marker segments of a JPEG header (SOI up to the first SOS).
///
/// Used to find the Exif segment and the frame and scan headers, and to tell a file cut off inside
/// its header from a damaged one. Every offset is bounds-checked; every step advances, and the
/// step count is capped as well.
enum JPEGSegments {
    /// How the walk ended.
    enum End: Equatable {
        /// `visit` asked to stop.
        case stopped
        /// Reached the start-of-scan segment, whose header is complete; the entropy-coded data
        /// starts at `dataOffset`.
        case reachedScan(dataOffset: Int)
        /// The bytes ran out inside the header segments: the file is truncated.
        case ranOut
        /// Something that is not a marker segment, or end-of-image before any scan.
        case malformed
    }

    /// Calls `visit(marker, body)` for each segment up to and including the first start-of-scan
    /// header, with the segment's payload (after its two length bytes), until `visit` returns false.
    @discardableResult
    static func walk(_ jpeg: UnsafeBufferPointer<UInt8>, _ visit: (UInt8, UnsafeBufferPointer<UInt8>) -> Bool) -> End {
        guard jpeg.count >= 2, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else { return .malformed }
        var position = 2
        for _ in 0..<65_536 {
            guard position + 2 <= jpeg.count else { return .ranOut }
            guard jpeg[position] == 0xFF else { return .malformed }
            let marker = jpeg[position + 1]
            if marker == 0xFF { position += 1; continue }  // fill byte before a marker
            if marker == 0xD9 { return .malformed }         // end of image before any scan
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { position += 2; continue }  // no length
            guard position + 4 <= jpeg.count else { return .ranOut }
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            guard length >= 2 else { return .malformed }
            guard position + 2 + length <= jpeg.count else { return .ranOut }
            let body = UnsafeBufferPointer(rebasing: jpeg[(position + 4)..<(position + 2 + length)])
            let goOn = visit(marker, body)
            if marker == 0xDA { return .reachedScan(dataOffset: position + 2 + length) }
            if !goOn { return .stopped }
            position += 2 + length
        }
        return .malformed
    }

    /// The number of scans (SOS segments) from SOI to EOI, counted the way libjpeg reads them:
    /// marker segments by their lengths, entropy-coded data and stray bytes up to the next marker.
    /// Stops at `limit + 1`. Linear in the file size.
    static func scanCount(_ jpeg: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        scans(jpeg, limit: limit).count
    }

    /// Whether the walk of ``scanCount(_:limit:)`` reaches an end-of-image marker: a file cut
    /// short does not (an EOI inside a segment, such as an Exif thumbnail's, is skipped by its
    /// segment's length).
    static func reachesEnd(_ jpeg: UnsafeBufferPointer<UInt8>) -> Bool {
        scans(jpeg, limit: .max).reachedEnd
    }

    /// The scans counted up to EOI (at most `limit + 1`), and whether EOI was reached.
    private static func scans(_ jpeg: UnsafeBufferPointer<UInt8>, limit: Int) -> (count: Int, reachedEnd: Bool) {
        var scans = 0
        var position = 2
        while scans <= limit, position < jpeg.count, let next = jpeg[position...].firstIndex(of: 0xFF), next + 1 < jpeg.count {
            let marker = jpeg[next + 1]
            switch marker {
            case 0xFF: position = next + 1                                      // fill byte
            case 0x00, 0x01, 0xD0...0xD8: position = next + 2                   // stuffed zero, TEM, RSTn, SOI
            case 0xD9: return (scans, true)                                     // end of image
            default:
                if marker == 0xDA { scans += 1 }
                guard next + 4 <= jpeg.count else { return (scans, false) }
                position = next + 2 + max(2, Int(jpeg[next + 2]) << 8 | Int(jpeg[next + 3]))
            }
        }
        return (scans, false)
    }
}
