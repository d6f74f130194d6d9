/// The coding process a JPEG's first frame header declares (its SOF marker and sample precision),
/// as far as it decides whether Grounding reads the file.
///
/// libjpeg-turbo, as Grounding uses it, decodes 8-bit DCT JPEGs (baseline, extended and
/// progressive, Huffman or arithmetic coded) and stops at any other kind with an error that reads
/// like damage ("Unsupported JPEG data precision 12"); naming the kind tells the user the file is
/// sound and only needs converting.
enum JPEGProcess {
    /// What the file is when its frame header declares a process Grounding does not decode ("a
    /// 12-bit JPEG"); `nil` when it declares one it does, a precision no JPEG has, or when the
    /// header walk reaches no frame header.
    static func unsupportedKind(_ jpeg: UnsafeBufferPointer<UInt8>) -> String? {
        var kind: String?
        JPEGSegments.walk(jpeg) { marker, body in
            switch marker {
            case 0xC3, 0xCB: kind = "a lossless JPEG (SOF\(marker & 0x0F))"
            case 0xC5...0xC7, 0xCD...0xCF: kind = "a hierarchical JPEG (SOF\(marker & 0x0F))"
            case 0xF7: kind = "a JPEG-LS image (SOF55)"
            case _ where JPEGFrame.isFrameMarker(marker):
                if body.first == 12 { kind = "a 12-bit JPEG" }
            default:
                return true
            }
            return false  // the first frame header decides
        }
        return kind
    }
}
