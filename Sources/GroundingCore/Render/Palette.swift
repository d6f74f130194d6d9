import GroundingImageIO

/// The colours layers are drawn in: distinct for readers with colour-vision deficiency and
/// legible on photographs.
///
/// Seven are the Okabe–Ito colours (all but black), two (pear, purple) come from Paul Tol's
/// schemes; neighbours in the list differ in hue and lightness so the first few layers are the
/// easiest to tell apart. Layers past the end cycle back to the start.
///
/// ```swift
/// Palette.color(forLayer: 0)   // orange (230, 159, 0)
/// ```
public enum Palette {
    /// The colours in the order layers take them.
    public static let colors: [RGBPixel] = [
        RGBPixel(red: 230, green: 159, blue: 0),    // orange
        RGBPixel(red: 86, green: 180, blue: 233),   // sky blue
        RGBPixel(red: 0, green: 158, blue: 115),    // bluish green
        RGBPixel(red: 204, green: 121, blue: 167),  // reddish purple
        RGBPixel(red: 240, green: 228, blue: 66),   // yellow
        RGBPixel(red: 0, green: 114, blue: 178),    // blue
        RGBPixel(red: 213, green: 94, blue: 0),     // vermillion
        RGBPixel(red: 187, green: 204, blue: 51),   // pear
        RGBPixel(red: 170, green: 51, blue: 119),   // purple
    ]

    /// The colour of the layer at position `index` (any integer; the list repeats).
    public static func color(forLayer index: Int) -> RGBPixel {
        let count = colors.count
        return colors[((index % count) + count) % count]
    }

    /// Black or white, whichever reads better on `background` (by its Rec. 709 luma).
    public static func textColor(on background: RGBPixel) -> RGBPixel {
        let luma = 2126 * Int(background.red) + 7152 * Int(background.green) + 722 * Int(background.blue)
        return luma >= 128 * 10_000 ? RGBPixel(red: 0, green: 0, blue: 0) : RGBPixel(red: 255, green: 255, blue: 255)
    }
}
