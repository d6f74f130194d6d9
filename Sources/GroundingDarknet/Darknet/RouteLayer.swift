import GroundingCompute

/// A Darknet `[route]` layer: concatenates earlier layers' outputs along channels, optionally
/// taking only channel group `groupID` of `groups` from each.
package struct RouteLayer: Sendable {
    /// The absolute indices of the layers it reads.
    package let sources: [Int]
    /// Each source's channels are split into this many equal groups.
    package let groups: Int
    /// Which group is taken.
    package let groupID: Int
    /// Output shape (one image).
    package let output: TensorShape
    /// The source shapes, in order.
    let sourceShapes: [TensorShape]

    /// Parses a `[route]` section at layer `index`, given the shapes of the layers before it.
    init(section: DarknetSection, index: Int, earlier: [TensorShape], canRead: (Int) -> Bool) throws(DarknetError) {
        guard let references = try section.ints("layers", maxCount: 64), !references.isEmpty else {
            throw .invalidOption(file: section.file, line: section.line(of: "layers"), key: "layers",
                                 value: section.string("layers", default: ""), reason: "[route] needs one or more layer indices")
        }
        let groups = try section.int("groups", default: 1, in: 1...NetworkLimits.maxFilters)
        let groupID = try section.int("group_id", default: 0, in: 0...(groups - 1))
        var sources: [Int] = []
        for reference in references {
            let source = reference < 0 ? index + reference : reference
            guard source >= 0, source < index, canRead(source) else {
                throw .badLayerReference(file: section.file, line: section.line(of: "layers"), reference: reference, layerCount: index)
            }
            sources.append(source)
        }
        let shapes = sources.map { earlier[$0] }
        var channels = 0
        for shape in shapes {
            guard shape.height == shapes[0].height, shape.width == shapes[0].width, shape.channels % groups == 0 else {
                throw .shapeMismatch(file: section.file, line: section.line(of: "layers"),
                                     detail: "route inputs \(shapes.map(\.description).joined(separator: ", ")) cannot be split into \(groups) groups and concatenated")
            }
            channels += shape.channels / groups
        }
        self.sources = sources
        self.groups = groups
        self.groupID = groupID
        self.sourceShapes = shapes
        self.output = TensorShape(channels: channels, height: shapes[0].height, width: shapes[0].width)
        try NetworkLimits.check(output: output, section: section)
    }

    /// Copies the chosen channels of each source (`outputs[i]` holds `batch` images of layer
    /// `i`) into `destination`; every copy is split between `threads` workers.
    func forward(_ outputs: [UnsafeMutablePointer<Float>], into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int) {
        let copies = batch * sources.count
        Parallel.forEach(copies * threads, width: threads) { _, item in
            let (copy, piece) = item.quotientAndRemainder(dividingBy: threads)
            let (n, s) = copy.quotientAndRemainder(dividingBy: sources.count)
            let chunk = sourceShapes[s].count / groups
            var offset = n * output.count
            for earlier in 0..<s { offset += sourceShapes[earlier].count / groups }
            let part = piece * chunk / threads..<(piece + 1) * chunk / threads
            (destination + offset + part.lowerBound)
                .update(from: outputs[sources[s]] + n * sourceShapes[s].count + groupID * chunk + part.lowerBound, count: part.count)
        }
    }
}
