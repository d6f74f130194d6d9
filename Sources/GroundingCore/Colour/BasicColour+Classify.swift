import GroundingImageIO

extension BasicColour {
    /// The colour of the object in `box` (pixels of `image`), measured on the object's own
    /// pixels; see ``ColourClassifier`` for how. For many boxes in one image, build one
    /// ``ColourClassifier`` and ask it for each: this measures the image's exposure every call.
    ///
    /// ```swift
    /// let reading = try BasicColour.classify(in: image, box: detection.box)
    /// if reading.matches(.red) { print("a red", name, reading.share) }
    /// ```
    ///
    /// - Throws: ``ColourError`` when the box has no area or misses the image.
    public static func classify(in image: RGBImage, box: BoundingBox) throws(ColourError) -> ColourReading {
        try ColourClassifier(image: image).reading(for: box)
    }
}
