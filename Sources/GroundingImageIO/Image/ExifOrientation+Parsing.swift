extension ExifOrientation {
    /// The orientation recorded in a JPEG's APP1 Exif segment (IFD0 tag 0x0112), or ``up`` when
    /// there is none or it is malformed; ``parse(png:)`` reads a PNG's.
    ///
    /// Reads both TIFF byte orders (`II` and `MM`). Every offset is bounds-checked and every loop
    /// bounded, so hostile bytes can neither crash nor hang it.
    ///
    /// ```swift
    /// ExifOrientation.parse(jpeg: try Array(Data(contentsOf: url)))  // .right for a portrait phone photo
    /// ```
    public static func parse(jpeg bytes: [UInt8]) -> ExifOrientation {
        bytes.withUnsafeBufferPointer { parse(jpeg: $0) } ?? .up
    }

    private static func parse(jpeg: UnsafeBufferPointer<UInt8>) -> ExifOrientation? {
        var found: ExifOrientation?
        JPEGSegments.walk(jpeg) { marker, body in
            // APP1 starting "Exif\0\0"; other APP1 segments (XMP) are skipped.
            if marker == 0xE1, body.count >= 6, body.prefix(6).elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                found = tiffOrientation(UnsafeBufferPointer(rebasing: body[(body.startIndex + 6)...]))
            }
            return found == nil
        }
        return found
    }

    /// The orientation recorded in a PNG's eXIf chunk, which holds the same TIFF structure as a
    /// JPEG's Exif segment (without its "Exif\0\0" header), or ``up`` when there is none or it is
    /// malformed. Only a chunk before the image data (IDAT) counts, as the PNG specification
    /// says; the walk over the chunks is bounded as ``parse(jpeg:)``'s is.
    ///
    /// ```swift
    /// ExifOrientation.parse(png: try Array(Data(contentsOf: url)))  // .right for a portrait phone photo
    /// ```
    public static func parse(png bytes: [UInt8]) -> ExifOrientation {
        bytes.withUnsafeBufferPointer { png in
            var found: ExifOrientation?
            PNGChunks.walk(png) { type, chunk in
                // The chunk is its length and type (8 bytes), data, and CRC (4 bytes).
                if type == PNGChunks.exif {
                    found = tiffOrientation(UnsafeBufferPointer(rebasing: png[(chunk.lowerBound + 8)..<(chunk.upperBound - 4)]))
                }
                return type != PNGChunks.exif && type != PNGChunks.imageData
            }
            return found
        } ?? .up
    }

    /// The orientation tag of IFD0 in a TIFF structure (the Exif payload).
    private static func tiffOrientation(_ tiff: UnsafeBufferPointer<UInt8>) -> ExifOrientation? {
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): bigEndian = false  // "II", Intel
        case (0x4D, 0x4D): bigEndian = true   // "MM", Motorola
        default: return nil
        }
        func uint16(_ at: Int) -> Int {
            bigEndian ? Int(tiff[at]) << 8 | Int(tiff[at + 1]) : Int(tiff[at + 1]) << 8 | Int(tiff[at])
        }
        func uint32(_ at: Int) -> Int {
            bigEndian ? uint16(at) << 16 | uint16(at + 2) : uint16(at + 2) << 16 | uint16(at)
        }
        guard uint16(2) == 42 else { return nil }
        let directory = uint32(4)
        guard directory >= 8, directory <= tiff.count - 2 else { return nil }
        // The entry count comes from the file: clamp it to the entries that actually fit.
        let entries = min(uint16(directory), (tiff.count - directory - 2) / 12)
        for index in 0..<entries {
            let entry = directory + 2 + index * 12
            guard uint16(entry) == 0x0112 else { continue }
            // Type 3 is SHORT; one SHORT sits in the first two bytes of the value field.
            guard uint16(entry + 2) == 3, uint32(entry + 4) == 1 else { return nil }
            return ExifOrientation(rawValue: uint16(entry + 8))
        }
        return nil
    }
}
