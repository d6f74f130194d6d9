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

extension DarknetLayer {
    /// A one-line summary for profiles, e.g. `conv 3×3/2 3→32 leaky`.
    package var summary: String {
        switch self {
        case .convolution(let c):
            let groups = c.groups > 1 ? " g\(c.groups)" : ""
            return "conv \(c.size)×\(c.size)/\(c.stride) \(c.input.channels)→\(c.output.channels)\(groups) \(c.activation.name)"
        case .maxPool(let p): return "maxpool \(p.size)×\(p.size)/\(p.stride)"
        case .route(let r): return "route \(r.sources.map(String.init).joined(separator: ","))" + (r.groups > 1 ? " group \(r.groupID)/\(r.groups)" : "")
        case .upsample(let u): return "upsample ×\(u.stride)"
        case .shortcut(let s): return "shortcut \(s.source)"
        case .yolo(let y): return "yolo \(y.anchors.count) anchors, \(y.classes) classes"
        }
    }

    /// Floating-point operations for one image (convolutions only; a multiply-add counts two).
    package var flops: Int {
        if case .convolution(let convolution) = self { return convolution.flops }
        return 0
    }
}
