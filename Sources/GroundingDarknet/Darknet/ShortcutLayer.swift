import GroundingCompute

/// A Darknet `[shortcut]` layer: the previous layer's output plus an earlier layer's (a
/// residual connection), then an activation.
package struct ShortcutLayer: Sendable {
    /// The absolute index of the earlier layer added in.
    package let source: Int
    /// Output shape (one image), equal to both inputs'.
    package let output: TensorShape
    /// The activation applied to the sum.
    package let activation: Activation

    /// Parses a `[shortcut]` section at layer `index`, given the shapes of the layers before it.
    init(section: DarknetSection, index: Int, earlier: [TensorShape], canRead: (Int) -> Bool) throws(DarknetError) {
        try section.require("weights_type", isAbsentOr: "none")
        guard let references = try section.ints("from", maxCount: 64), references.count == 1 else {
            throw .unsupportedOption(file: section.file, line: section.line(of: "from"), key: "from", value: section.string("from", default: ""))
        }
        let source = references[0] < 0 ? index + references[0] : references[0]
        guard index > 0, source >= 0, source < index, canRead(source), canRead(index - 1) else {
            throw .badLayerReference(file: section.file, line: section.line(of: "from"), reference: references[0], layerCount: index)
        }
        // Darknet can add differently sized layers by sampling; YOLO cfgs never do, so refuse.
        guard earlier[source] == earlier[index - 1] else {
            throw .shapeMismatch(file: section.file, line: section.line(of: "from"),
                                 detail: "shortcut adds \(earlier[source]) to \(earlier[index - 1])")
        }
        let activationName = section.string("activation", default: "linear")
        guard let activation = Activation(darknetName: activationName) else {
            throw .unsupportedOption(file: section.file, line: section.line(of: "activation"), key: "activation", value: activationName)
        }
        self.source = source
        self.output = earlier[index - 1]
        self.activation = activation
    }

    /// `destination = activation(previous + earlier)` for `batch` images.
    func forward(previous: UnsafePointer<Float>, earlier: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int) {
        let count = batch &* output.count
        for i in 0..<count { destination[i] = previous[i] + earlier[i] }
        if activation != .linear { activation.apply(bias: 0, from: destination, to: destination, count: count) }
    }
}
