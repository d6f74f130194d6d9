import GroundingImageIO

/// Measures which basic colour the object in a box is, on the object's own pixels.
///
/// Build one per image (it measures the image's exposure once) and ask it about any number of
/// boxes, from any thread. For each box it:
/// 1. samples at most 32 × 32 pixels inside the box and about 570 in a band around it
///    (``BoxSamples``), so a box on a 12 MP photo costs about as much as on a thumbnail;
/// 2. sets the exposure (``WhiteReference``): luminance is divided by the image's white, raised
///    by at most 1.5× (a dim photo's white horse is still white, a frame-filling grey stays
///    grey), and raised up to 2× more where the box's surroundings are darker than the image
///    (a white bird in the shade of a sunny scene is the lightest thing in its shade);
/// 3. names every sample by its region of CIELCh (``BasicColour/init(lab:)``);
/// 4. weights each sample by how much it is the object and not the background between the
///    object and the box's edges (``ObjectWeights``);
/// 5. names the shaded side of a white object white (``WhiteAnchoring``);
/// 6. adds the weights up per colour.
///
/// The box is in pixels of the image given: when the image was decoded at a reduced scale,
/// scale the detection's box by the same factor.
///
/// ```swift
/// let image = try ImageDecoder.decode(contentsOf: "TestImages/person.jpg").image
/// let classifier = ColourClassifier(image: image)
/// let jacket = try classifier.reading(for: BoundingBox(x1: 191, y1: 93, x2: 274, y2: 378))
/// jacket.dominant   // .blue
/// ```
public struct ColourClassifier: Sendable {
    /// The image boxes are measured in.
    public let image: RGBImage
    /// The luminance that counts as white in the whole image.
    let imageWhite: Float

    /// The most the image's exposure is raised: beyond it a mid grey (L\* 54) would near white.
    static let maximumImageGain: Float = 1.5
    /// The most a box's darker surroundings raise it further: open shade in a sunny scene.
    static let maximumShadeGain: Float = 2

    /// Prepares to measure boxes in `image`.
    public init(image: RGBImage) {
        self.image = image
        imageWhite = WhiteReference.luminance(of: image)
    }

    /// The colour of the object in `box` (pixels of ``image``; the part outside the image is
    /// ignored; a box smaller than a pixel is measured on the pixel under it).
    ///
    /// - Throws: ``ColourError/emptyBox(_:)`` when the box has no area or is not finite,
    ///   ``ColourError/outsideImage(_:width:height:)`` when it misses the image.
    public func reading(for box: BoundingBox) throws(ColourError) -> ColourReading {
        guard box.x1.isFinite, box.y1.isFinite, box.x2.isFinite, box.y2.isFinite,
              box.x2 > box.x1, box.y2 > box.y1 else { throw .emptyBox(box) }
        let clipped = box.clipped(width: Float(image.width), height: Float(image.height))
        guard clipped.area > 0 else { throw .outsideImage(box, width: image.width, height: image.height) }

        let samples = BoxSamples(image: image, box: clipped)
        func luminance(_ colour: SIMD3<Float>) -> Float { CIELab.luminance(red: colour.x, green: colour.y, blue: colour.z) }
        let around = samples.around.map(luminance), local = samples.inside.map(luminance) + around
        // The surroundings' median guards against a flat region; a box filling the image has none.
        let localWhite = WhiteReference.luminance(of: local, surroundings: around.count >= ObjectWeights.minimumAround ? around : local)
        let gain = min(Self.maximumImageGain, max(1, 1 / imageWhite))
            * min(Self.maximumShadeGain, max(1, imageWhite / localWhite))
        func exposed(_ colour: SIMD3<Float>) -> SIMD3<Float> { (colour * gain).clamped(lowerBound: .zero, upperBound: .one) }
        let inside = samples.inside.map(exposed)
        let insideLab = inside.map { CIELab(linearRed: $0.x, green: $0.y, blue: $0.z) }
        let aroundLab = samples.around.map(exposed).map { CIELab(linearRed: $0.x, green: $0.y, blue: $0.z) }

        var names = insideLab.map(BasicColour.init(lab:))
        let weights = ObjectWeights.weights(inside: insideLab, places: samples.places, around: aroundLab)
        WhiteAnchoring.apply(to: &names, colours: insideLab, luminances: inside.map(luminance), weights: weights)

        // Summed in an array, not a dictionary: hashing per sample was a fifth of a box's time.
        var totals = [Float](repeating: 0, count: BasicColour.allCases.count)
        for index in names.indices { totals[names[index].index] += weights[index] }
        return ColourReading(shares: Dictionary(uniqueKeysWithValues: zip(BasicColour.allCases, totals)))
    }
}
