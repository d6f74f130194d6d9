import Foundation
import Testing
import Grounding

// Test utilities for the Darknet tests: a tiny model written to a temporary folder (cfg text,
// seeded random weights in Darknet's file layout, names) and a straightforward reference forward
// pass over plain arrays, written independently of the runtime's kernels.

/// One image's activations: `values[(c * height + y) * width + x]`.
struct Planes {
    var channels: Int, height: Int, width: Int
    var values: [Float]
    subscript(c: Int, y: Int, x: Int) -> Float {
        get { values[(c * height + y) * width + x] }
        set { values[(c * height + y) * width + x] = newValue }
    }
    init(channels: Int, height: Int, width: Int, values: [Float]? = nil) {
        self.channels = channels; self.height = height; self.width = width
        self.values = values ?? [Float](repeating: 0, count: channels * height * width)
    }
}

/// A layer of the reference model, with the cfg text it is written as.
enum ReferenceLayer {
    case convolution(filters: Int, size: Int, stride: Int, groups: Int, batchNormalize: Bool, activation: String)
    case maxPool(size: Int, stride: Int)
    case route(layers: [Int], groups: Int, groupID: Int)
    case upsample(stride: Int)
    case shortcut(from: Int)
    case yolo(mask: [Int], anchors: [Float], classes: Int, scaleXY: Float)

    var cfg: String {
        switch self {
        case let .convolution(filters, size, stride, groups, batchNormalize, activation):
            return "[convolutional]\nbatch_normalize=\(batchNormalize ? 1 : 0)\nfilters=\(filters)\nsize=\(size)\nstride=\(stride)\npad=1\ngroups=\(groups)\nactivation=\(activation)\n"
        case let .maxPool(size, stride): return "[maxpool]\nsize=\(size)\nstride=\(stride)\n"
        case let .route(layers, groups, groupID):
            return "[route]\nlayers = \(layers.map(String.init).joined(separator: ", "))\n" + (groups > 1 ? "groups=\(groups)\ngroup_id=\(groupID)\n" : "")
        case let .upsample(stride): return "[upsample]\nstride=\(stride)\n"
        case let .shortcut(from): return "[shortcut]\nfrom=\(from)\nactivation=linear\n"
        case let .yolo(mask, anchors, classes, scaleXY):
            return "[yolo]\nmask = \(mask.map(String.init).joined(separator: ","))\nanchors = \(anchors.map { String(Int($0)) }.joined(separator: ",  "))\nclasses=\(classes)\nnum=\(anchors.count / 2)\nscale_x_y = \(scaleXY)\njitter=.3\nignore_thresh = .7\n"
        }
    }
}

/// A convolution's parameters as the weights file stores them (batch norm not folded).
struct ReferenceConvolution {
    var biases: [Float], scales: [Float]?, means: [Float]?, variances: [Float]?, weights: [Float]
}

/// A tiny Darknet model on disk plus everything the reference pass needs.
struct ReferenceModel {
    let directory: URL
    let width: Int, height: Int
    let layers: [ReferenceLayer]
    let parameters: [Int: ReferenceConvolution]
    let classNames: [String]

    var cfgPath: String { directory.appendingPathComponent("tiny.cfg").path }
    var weightsPath: String { directory.appendingPathComponent("tiny.weights").path }
    var namesPath: String { directory.appendingPathComponent("tiny.names").path }

    /// The model every layer-level test uses: each layer type and option the runtime implements,
    /// on a non-square input large enough that both ways of splitting a convolution run.
    static func standard(major: Int32 = 0, minor: Int32 = 2, seed: UInt64 = 7) throws -> ReferenceModel {
        try ReferenceModel(width: 48, height: 40, layers: [
            .convolution(filters: 8, size: 3, stride: 1, groups: 1, batchNormalize: true, activation: "leaky"),    // 0: 8×40×48
            .convolution(filters: 8, size: 3, stride: 2, groups: 1, batchNormalize: false, activation: "mish"),    // 1: 8×20×24
            .convolution(filters: 16, size: 1, stride: 1, groups: 1, batchNormalize: true, activation: "logistic"), // 2: 16×20×24
            .convolution(filters: 8, size: 3, stride: 1, groups: 2, batchNormalize: true, activation: "swish"),    // 3: 8×20×24
            .route(layers: [-1], groups: 2, groupID: 1),                                                           // 4: 4×20×24
            .convolution(filters: 4, size: 1, stride: 1, groups: 1, batchNormalize: false, activation: "relu"),    // 5: 4×20×24
            .shortcut(from: -2),                                                                                   // 6: 4×20×24
            .maxPool(size: 3, stride: 1),                                                                          // 7: 4×20×24
            .maxPool(size: 2, stride: 2),                                                                          // 8: 4×10×12
            .upsample(stride: 2),                                                                                  // 9: 4×20×24
            .route(layers: [-1, 7, 2], groups: 1, groupID: 0),                                                     // 10: 24×20×24
            .convolution(filters: 14, size: 1, stride: 1, groups: 1, batchNormalize: false, activation: "linear"), // 11: 14×20×24
            .yolo(mask: [1, 2], anchors: [6, 8, 12, 10, 20, 30], classes: 2, scaleXY: 1.1),                       // 12
        ], classNames: ["cat", "traffic light"], major: major, minor: minor, seed: seed)
    }

    /// Writes cfg, weights and names for `layers` to a new temporary folder.
    init(width: Int, height: Int, layers: [ReferenceLayer], classNames: [String],
         major: Int32 = 0, minor: Int32 = 2, seed: UInt64 = 7, extraWeightBytes: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("darknet-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.width = width
        self.height = height
        self.layers = layers
        self.classNames = classNames
        var random = SeededGenerator(state: seed)
        var parameters: [Int: ReferenceConvolution] = [:]
        var shapes: [(c: Int, h: Int, w: Int)] = []
        var channels = 3, h = height, w = width
        for (index, layer) in layers.enumerated() {
            switch layer {
            case let .convolution(filters, size, stride, groups, batchNormalize, _):
                let volume = channels / groups * size * size
                let scale = 1 / Float(volume).squareRoot()
                parameters[index] = ReferenceConvolution(
                    biases: random.floats(filters, in: -0.5...0.5),
                    scales: batchNormalize ? random.floats(filters, in: 0.5...1.5) : nil,
                    means: batchNormalize ? random.floats(filters, in: -0.3...0.3) : nil,
                    variances: batchNormalize ? random.floats(filters, in: 0.5...2) : nil,
                    weights: random.floats(filters * volume, in: -2 * scale...2 * scale))
                (channels, h, w) = (filters, (h + 2 * (size / 2) - size) / stride + 1, (w + 2 * (size / 2) - size) / stride + 1)
            case let .maxPool(size, stride):
                (h, w) = ((h + size - 1 - size) / stride + 1, (w + size - 1 - size) / stride + 1)
            case let .route(references, groups, _):
                let sources = references.map { $0 < 0 ? index + $0 : $0 }
                channels = sources.reduce(0) { $0 + shapes[$1].c / groups }
                (h, w) = (shapes[sources[0]].h, shapes[sources[0]].w)
            case let .upsample(stride): (h, w) = (h * stride, w * stride)
            case .shortcut, .yolo: break
            }
            shapes.append((channels, h, w))
        }
        self.parameters = parameters

        let cfg = "[net]\n# a comment\nbatch=64\nwidth=\(width)\nheight=\(height)\nchannels=3\n\n" + layers.map(\.cfg).joined(separator: "\n")
        try cfg.write(toFile: cfgPath, atomically: true, encoding: .utf8)
        var bytes = Data()
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        append(major); append(minor); append(Int32(0))
        if major * 10 + minor >= 2 { append(Int64(32_000)) } else { append(Int32(32_000)) }
        for index in parameters.keys.sorted() {
            let p = parameters[index]!
            for array in [p.biases, p.scales ?? [], p.means ?? [], p.variances ?? [], p.weights] {
                array.withUnsafeBytes { bytes.append(contentsOf: $0) }
            }
        }
        bytes.append(contentsOf: [UInt8](repeating: 0, count: extraWeightBytes))
        try bytes.write(to: URL(fileURLWithPath: weightsPath))
        try (classNames.joined(separator: "\n") + "\n").write(toFile: namesPath, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Every layer's output for one image, computed with naive loops.
    func forward(_ image: Planes) -> [Planes] {
        var outputs: [Planes] = []
        for (index, layer) in layers.enumerated() {
            let x = outputs.last ?? image
            switch layer {
            case let .convolution(filters, size, stride, groups, _, activation):
                let p = parameters[index]!
                let pad = size / 2
                var y = Planes(channels: filters, height: (x.height + 2 * pad - size) / stride + 1, width: (x.width + 2 * pad - size) / stride + 1)
                let inPerGroup = x.channels / groups, outPerGroup = filters / groups
                for f in 0..<filters {
                    let g = f / outPerGroup
                    for oy in 0..<y.height {
                        for ox in 0..<y.width {
                            var sum: Float = 0
                            for c in 0..<inPerGroup {
                                for ky in 0..<size {
                                    for kx in 0..<size {
                                        let iy = oy * stride + ky - pad, ix = ox * stride + kx - pad
                                        guard iy >= 0, iy < x.height, ix >= 0, ix < x.width else { continue }
                                        sum += p.weights[((f * inPerGroup + c) * size + ky) * size + kx] * x[g * inPerGroup + c, iy, ix]
                                    }
                                }
                            }
                            if let scales = p.scales, let means = p.means, let variances = p.variances {
                                sum = (sum - means[f]) / (variances[f].squareRoot() + 0.000001) * scales[f]
                            }
                            y[f, oy, ox] = Self.activate(sum + p.biases[f], activation)
                        }
                    }
                }
                outputs.append(y)
            case let .maxPool(size, stride):
                let padding = size - 1
                var y = Planes(channels: x.channels, height: (x.height + padding - size) / stride + 1, width: (x.width + padding - size) / stride + 1)
                for c in 0..<x.channels {
                    for oy in 0..<y.height {
                        for ox in 0..<y.width {
                            var best = -Float.infinity
                            for ky in 0..<size {
                                for kx in 0..<size {
                                    let iy = oy * stride - padding / 2 + ky, ix = ox * stride - padding / 2 + kx
                                    if iy >= 0, iy < x.height, ix >= 0, ix < x.width { best = max(best, x[c, iy, ix]) }
                                }
                            }
                            y[c, oy, ox] = best
                        }
                    }
                }
                outputs.append(y)
            case let .route(references, groups, groupID):
                var values: [Float] = []
                var channels = 0
                for reference in references {
                    let source = outputs[reference < 0 ? index + reference : reference]
                    let per = source.channels / groups
                    for c in groupID * per..<(groupID + 1) * per {
                        values += source.values[c * source.height * source.width..<(c + 1) * source.height * source.width]
                    }
                    channels += per
                }
                let first = outputs[references[0] < 0 ? index + references[0] : references[0]]
                outputs.append(Planes(channels: channels, height: first.height, width: first.width, values: values))
            case let .upsample(stride):
                var y = Planes(channels: x.channels, height: x.height * stride, width: x.width * stride)
                for c in 0..<y.channels { for yy in 0..<y.height { for xx in 0..<y.width { y[c, yy, xx] = x[c, yy / stride, xx / stride] } } }
                outputs.append(y)
            case let .shortcut(from):
                let other = outputs[index + from]
                outputs.append(Planes(channels: x.channels, height: x.height, width: x.width, values: zip(x.values, other.values).map { $0 + $1 }))
            case .yolo:
                outputs.append(x)
            }
        }
        return outputs
    }

    /// The detections a `[yolo]` layer's input `x` decodes to, by the formula in Darknet's source.
    func decode(_ x: Planes, mask: [Int], anchors: [Float], classes: Int, scaleXY: Float, threshold: Float) -> [Detection] {
        func sigmoid(_ v: Float) -> Float { 1 / (1 + exp(-v)) }
        var detections: [Detection] = []
        for (a, m) in mask.enumerated() {
            let base = a * (5 + classes)
            for row in 0..<x.height {
                for column in 0..<x.width {
                    let cx = (Float(column) + sigmoid(x[base, row, column]) * scaleXY - (scaleXY - 1) / 2) / Float(x.width) * Float(width)
                    let cy = (Float(row) + sigmoid(x[base + 1, row, column]) * scaleXY - (scaleXY - 1) / 2) / Float(x.height) * Float(height)
                    let w = exp(x[base + 2, row, column]) * anchors[2 * m]
                    let h = exp(x[base + 3, row, column]) * anchors[2 * m + 1]
                    for c in 0..<classes {
                        let score = sigmoid(x[base + 4, row, column]) * sigmoid(x[base + 5 + c, row, column])
                        if score >= threshold {
                            detections.append(Detection(box: BoundingBox(x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2), classIndex: c, score: score))
                        }
                    }
                }
            }
        }
        return detections
    }

    static func activate(_ x: Float, _ name: String) -> Float {
        switch name {
        case "leaky": return x > 0 ? x : 0.1 * x
        case "relu": return max(0, x)
        case "logistic": return 1 / (1 + exp(-x))
        case "swish": return x / (1 + exp(-x))
        case "mish": return x * tanh(log(1 + exp(x)))
        default: return x
        }
    }

    /// A random input image in 0...1.
    func randomImage(seed: UInt64) -> Planes {
        var random = SeededGenerator(state: seed)
        return Planes(channels: 3, height: height, width: width, values: random.floats(3 * height * width, in: 0...1))
    }
}

extension ReferenceModel {
    /// Runs the runtime on `images` and expects every layer's output for every image within
    /// 1e-4 of the reference pass.
    func compareLayers(images: [Planes], threads: Int, compute: ComputeBackend = ComputeBackend()) throws {
        let network = try DarknetNetwork(cfgPath: cfgPath, weightsPath: weightsPath, compute: compute)
        let workspace = DarknetWorkspace(network: network, batch: images.count, threads: threads, keepingEveryOutput: true)
        let input = images.flatMap(\.values)
        input.withUnsafeBufferPointer { network.forward($0.baseAddress!, batch: images.count, workspace: workspace) }
        for (n, image) in images.enumerated() {
            let expected = forward(image)
            for (index, layer) in network.layers.enumerated() {
                let reference = expected[index]
                #expect(layer.output == TensorShape(channels: reference.channels, height: reference.height, width: reference.width),
                        "layer \(index) shape")
                let ours = UnsafeBufferPointer(start: workspace.output(of: index, image: n, network: network), count: layer.output.count)
                let error = zip(ours, reference.values).map { abs($0 - $1) }.max() ?? 0
                #expect(error <= 1e-4, "image \(n), layer \(index) (\(layer.summary)): max abs error \(error)")
            }
        }
    }
}
