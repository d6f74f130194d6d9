/// What a JPEG's frame and first scan headers say about the cost of decoding it with libjpeg:
/// the components' sampling factors, whether libjpeg must buffer every DCT coefficient, and the
/// least compressed data a complete image of that size can have.
struct JPEGFrame: Equatable {
    /// One colour component's sampling factors (1...4 each way).
    struct Sampling: Equatable {
        var horizontal: Int
        var vertical: Int
    }

    /// Width and height declared by the frame header.
    var width: Int
    var height: Int
    /// Every component of the frame, in order.
    var components: [Sampling]
    /// True when libjpeg decodes through a whole-image coefficient buffer: for a progressive
    /// frame, or when the first scan leaves components out (a multi-scan sequential file), the
    /// test libjpeg itself makes (`has_multiple_scans` in jdinput.c).
    var buffersCoefficients: Bool
    /// The fewest bytes of entropy-coded data a complete image of this frame can have: one bit per
    /// 8×8 block of every component, because each block's DC coefficient is coded with a Huffman
    /// code at least one bit long. Zero when that bound does not hold (arithmetic coding can code
    /// a block in a fraction of a bit) or the frame could not be parsed.
    var minimumDataBytes: Int
    /// Where the first scan's entropy-coded data starts.
    var dataOffset: Int

    /// Reads the frame and first scan headers; `nil` when the header walk does not reach a scan
    /// after one frame header (libjpeg may still read such a file, skipping stray bytes).
    init?(_ jpeg: UnsafeBufferPointer<UInt8>) {
        var frame: (marker: UInt8, body: UnsafeBufferPointer<UInt8>)?
        var scanComponents = 0
        let end = JPEGSegments.walk(jpeg) { marker, body in
            switch marker {
            case _ where Self.isFrameMarker(marker):
                guard frame == nil else { return false }
                frame = (marker, body)
            case 0xDA:
                scanComponents = body.first.map(Int.init) ?? 0
            default: break
            }
            return true
        }
        guard case .reachedScan(let dataOffset) = end, let (marker, body) = frame, body.count >= 6 else { return nil }
        let count = Int(body[5])
        guard count > 0, body.count >= 6 + 3 * count else { return nil }
        let components = (0..<count).map { i in
            Sampling(horizontal: Int(body[7 + 3 * i] >> 4), vertical: Int(body[7 + 3 * i] & 0x0F))
        }
        guard components.allSatisfy({ (1...4).contains($0.horizontal) && (1...4).contains($0.vertical) }) else { return nil }
        let isProgressive = [0xC2, 0xC6, 0xCA, 0xCE].contains(marker)
        let isArithmetic = marker >= 0xC9
        self.width = Int(body[3]) << 8 | Int(body[4])
        self.height = Int(body[1]) << 8 | Int(body[2])
        self.components = components
        self.buffersCoefficients = isProgressive || scanComponents < count
        self.dataOffset = dataOffset
        self.minimumDataBytes = 0
        if !isArithmetic {
            let blocks = components.indices.reduce(0) { total, c in
                let (wide, high) = blockCount(c)
                return total + wide * high
            }
            minimumDataBytes = (blocks + 7) / 8
        }
    }

    /// Whether `marker` starts a frame header: SOF0...SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    static func isFrameMarker(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    /// The costliest frame a file with this size and component count can have (every component
    /// at full resolution, progressive), for files whose headers libjpeg reads but ``init(_:)``
    /// does not; it sets no data bound.
    init(conservativeWidth width: Int, height: Int, componentCount: Int) {
        self.width = width
        self.height = height
        self.components = Array(repeating: Sampling(horizontal: 1, vertical: 1), count: componentCount)
        self.buffersCoefficients = true
        self.minimumDataBytes = 0
        self.dataOffset = 0
    }

    /// The bytes of libjpeg's whole-image coefficient buffer (jdcoefct.c): for each component,
    /// its 8×8 blocks rounded up to whole sampling units, 64 coefficients of 2 bytes each.
    /// Counted whether or not the file needs the buffer (see ``buffersCoefficients``).
    var coefficientBytes: Int {
        components.indices.reduce(0) { total, c in
            let (wide, high) = blockCount(c)
            let sampling = components[c]
            let roundedWide = (wide + sampling.horizontal - 1) / sampling.horizontal * sampling.horizontal
            let roundedHigh = (high + sampling.vertical - 1) / sampling.vertical * sampling.vertical
            return total + roundedWide * roundedHigh * 64 * 2
        }
    }

    /// Component `c`'s size in 8×8 blocks (`width_in_blocks`, `height_in_blocks` in libjpeg).
    private func blockCount(_ c: Int) -> (wide: Int, high: Int) {
        let maxHorizontal = components.map(\.horizontal).max() ?? 1
        let maxVertical = components.map(\.vertical).max() ?? 1
        let sampling = components[c]
        return ((width * sampling.horizontal + maxHorizontal * 8 - 1) / (maxHorizontal * 8),
                (height * sampling.vertical + maxVertical * 8 - 1) / (maxVertical * 8))
    }
}
