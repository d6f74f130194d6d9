/// A fixed-width bitmap font embedded in the library, so drawing text needs no font file and no
/// system library at run time.
///
/// Glyphs are 8 × 13 pixels (public-domain X11 "fixed", see `scripts/generate_bitmap_font.py`) and
/// are drawn at an integer scale. The font covers ASCII 32–126 and "→"; every other character is
/// drawn as the replacement glyph "◆".
///
/// ```swift
/// let font = BitmapFont.standard
/// font.textWidth("horse 0.93", scale: 2)   // 160
/// ```
package struct BitmapFont: Sendable {
    /// Advance width of every glyph, in unscaled pixels.
    package let glyphWidth: Int
    /// Height of every glyph cell, in unscaled pixels.
    package let glyphHeight: Int
    /// `glyphHeight` bytes per glyph, one per row; the most significant bit is the leftmost pixel.
    private let rows: [UInt8]

    /// The font the Render stage draws with.
    package static let standard = BitmapFont(source: fixed8x13Source, glyphWidth: 8, glyphHeight: 13)

    /// Index of "→" (U+2192) in the glyph table, right after ASCII 126.
    private static let arrowGlyph = 95
    /// Index of the replacement glyph drawn for characters the font does not have.
    private static let fallbackGlyph = 96

    /// Parses the generated source: per line, `glyphHeight` hex bytes, then a comment.
    private init(source: String, glyphWidth: Int, glyphHeight: Int) {
        var rows: [UInt8] = []
        rows.reserveCapacity((Self.fallbackGlyph + 1) * glyphHeight)
        for line in source.split(separator: "\n") {
            let hex = Array(line.utf8.drop { $0 == UInt8(ascii: " ") }.prefix(2 * glyphHeight))
            for i in stride(from: 0, to: hex.count, by: 2) {
                rows.append(Self.nibble(hex[i]) << 4 | Self.nibble(hex[i + 1]))
            }
        }
        precondition(rows.count == (Self.fallbackGlyph + 1) * glyphHeight, "embedded font data is malformed")
        self.glyphWidth = glyphWidth
        self.glyphHeight = glyphHeight
        self.rows = rows
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        c <= UInt8(ascii: "9") ? c &- UInt8(ascii: "0") : c &- UInt8(ascii: "A") &+ 10
    }

    /// The glyph drawn for `scalar`: its own for ASCII 32–126 and "→", the replacement glyph otherwise.
    package func glyphIndex(for scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 32...126: Int(scalar.value) - 32
        case 0x2192: Self.arrowGlyph
        default: Self.fallbackGlyph
        }
    }

    /// Row `row` (0 = top) of glyph `glyph` as 8 pixel bits, leftmost pixel in the top bit.
    package func rowBits(glyph: Int, row: Int) -> UInt8 {
        rows[glyph * glyphHeight + row]
    }

    /// Width in pixels of `text` drawn at `scale`: one advance per Unicode scalar.
    package func textWidth(_ text: String, scale: Int) -> Int {
        text.unicodeScalars.count * glyphWidth * scale
    }
}
