/// One layer of a Darknet network, as its cfg section describes it.
package enum DarknetLayer: Sendable {
    /// `[convolutional]`.
    case convolution(ConvolutionLayer)
    /// `[maxpool]`.
    case maxPool(MaxPoolLayer)
    /// `[route]`.
    case route(RouteLayer)
    /// `[upsample]`.
    case upsample(UpsampleLayer)
    /// `[shortcut]`.
    case shortcut(ShortcutLayer)
    /// `[yolo]`: its output is its input, decoded by the detector.
    case yolo(YOLOLayer)

    /// The layer's output shape for one image.
    package var output: TensorShape {
        switch self {
        case .convolution(let layer): return layer.output
        case .maxPool(let layer): return layer.output
        case .route(let layer): return layer.output
        case .upsample(let layer): return layer.output
        case .shortcut(let layer): return layer.output
        case .yolo(let layer): return layer.input
        }
    }

    /// Parses the section of layer `index`, whose input is `earlier.last` (or the network input).
    static func parse(_ section: DarknetSection, index: Int, input: TensorShape, earlier: [DarknetLayer]) throws(DarknetError) -> DarknetLayer {
        let shapes = earlier.map(\.output)
        // A [yolo] layer's output is never materialised (the detector decodes its input), so
        // routes and shortcuts may not read it.
        let canRead = { (i: Int) -> Bool in
            if case .yolo = earlier[i] { return false }
            return true
        }
        switch section.name {
        case "convolutional", "conv": return .convolution(try ConvolutionLayer(section: section, input: input))
        case "maxpool", "max": return .maxPool(try MaxPoolLayer(section: section, input: input))
        case "route": return .route(try RouteLayer(section: section, index: index, earlier: shapes, canRead: canRead))
        case "upsample": return .upsample(try UpsampleLayer(section: section, input: input))
        case "shortcut": return .shortcut(try ShortcutLayer(section: section, index: index, earlier: shapes, canRead: canRead))
        case "yolo": return .yolo(try YOLOLayer(section: section, input: input))
        default: throw .unknownSection(file: section.file, line: section.line, name: section.name)
        }
    }
}
