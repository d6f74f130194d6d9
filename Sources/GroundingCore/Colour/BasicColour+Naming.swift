extension BasicColour {
    /// The basic colour term for one colour, by regions of CIELCh (lightness L\*, chroma C\*,
    /// hue angle h).
    ///
    /// Where the boundaries come from:
    /// - **Hue families.** The ISCC–NBS colour-name blocks (Kelly & Judd, *Color: Universal
    ///   Language and Dictionary of Names*, NBS Special Publication 440, 1976) name each of 267
    ///   regions of the Munsell solid with a hue word; their centroids, in CIELAB, span hue angles
    ///   red 341–29°, orange 41–64°, yellow 75–105°, green 97–193°, blue 217–303°, purple 300–339°.
    ///   The boundaries sit in the gaps between those spans: red | orange at 42°, orange | yellow
    ///   at 75° (CSS `orange`, #FFA500, is at 73°), yellow | green at 105°, green | blue at 200°,
    ///   purple | red at 345°.
    /// - **Blue | purple** moves with chroma, at 300° + 0.15·C\*: CIELAB's hue lines bend in the
    ///   blue, where the sRGB blue primary and navy sit at 306° and a violet glove at 312°; a
    ///   strong colour at 306° looks blue, a pale one purple.
    /// - **Grey axis.** A colour has no hue when C\* < max(8, 0.12·L\*) (the ISCC–NBS white,
    ///   grey and black centroids have C\* ≤ 11); it is then white from L\* 80 (ISCC–NBS light
    ///   grey is at 75, white above 90) and grey below. Black is anything darker than L\* 22
    ///   whose chroma is under 18 (ISCC–NBS black is below Munsell value 2.5, about L\* 25): in a
    ///   photo the hue of a near-black pixel is mostly noise.
    /// - **Brown** is dark or dull orange and yellow: an orange with C\* < 45 (about Munsell
    ///   chroma 8) or L\* + C\* < 100, a yellow darker than L\* 55 (olive is read as brown), and a
    ///   dull orange-leaning red (h 25–42°, L\* < 40, C\* < 50). Bright, strong orange stays orange;
    ///   dark strong red (maroon) stays red.
    /// - **Pink** is light red or purplish red: a red, or a purple past 335°, with L\* ≥ 58 (the
    ///   lightest ISCC–NBS reds are at 60, its pinks from 59) and either C\* < 60 or a purplish
    ///   hue (h ≥ 335° or < 10°, as hot pink): a lit red car's strong highlights stay red.
    ///
    /// The thresholds were then checked on the tune part of the real-photo fixture
    /// (`Tests/GroundingTests/Fixtures/colour-objects.json`): moving any one of them by a few
    /// units changes the answer for at most one of its 41 objects.
    init(lab: CIELab) {
        let lightness = lab.lightness, chroma = lab.chroma
        if lightness < 22 && chroma < 18 {
            self = .black
        } else if chroma < max(8, 0.12 * lightness) {
            self = lightness >= 80 ? .white : .grey
        } else {
            self = Self.chromatic(hue: lab.hue, lightness: lightness, chroma: chroma)
        }
    }

    /// The term for a colour that has a hue.
    private static func chromatic(hue: Float, lightness: Float, chroma: Float) -> BasicColour {
        let pink = lightness >= 58 && (chroma < 60 || hue >= 335 || hue < 10)
        switch hue {
        case 345..., ..<42:
            if pink { return .pink }
            return (25..<42).contains(hue) && lightness < 40 && chroma < 50 ? .brown : .red
        case ..<75:
            return chroma < 45 || lightness + chroma < 100 ? .brown : .orange
        case ..<105:
            return lightness < 55 ? .brown : .yellow
        case ..<200:
            return .green
        case ..<(300 + 0.15 * chroma):
            return .blue
        default:
            return hue > 335 && pink ? .pink : .purple
        }
    }
}
