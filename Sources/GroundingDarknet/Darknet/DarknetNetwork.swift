import GroundingCompute
import GroundingCore

/// A loaded Darknet network: its layers with their weights (batch norm folded in), immutable
/// and shareable between threads. ``forward(_:batch:workspace:)`` runs it into a workspace.
///
/// ```swift
/// let network = try DarknetNetwork(cfgPath: "yolov4-tiny.cfg", weightsPath: "yolov4-tiny.weights")
/// network.layers.count   // 38
/// ```
package struct DarknetNetwork: Sendable {
    /// The input shape from `[net]` (channels × height × width).
    package let input: TensorShape
    /// The layers in cfg order.
    package let layers: [DarknetLayer]

    /// The largest cfg text accepted.
    static let maxConfigBytes = 1 << 20

    /// Loads the cfg at `cfgPath` and the weights at `weightsPath`, building each convolution's
    /// kernel through `compute`.
    package init(cfgPath: String, weightsPath: String, compute: ComputeBackend = ComputeBackend()) throws(DarknetError) {
        let config = try DarknetConfig(text: try DarknetError.reading { () throws(ModelFileError) in try ModelFile.text(cfgPath, limit: Self.maxConfigBytes) }, file: cfgPath)
        try self.init(config: config, weightsPath: weightsPath, compute: compute)
    }

    /// Builds the layers `config` describes and loads their weights from `weightsPath`, after
    /// checking that the file size matches the parameters the cfg needs; `compute` chooses
    /// and builds each convolution's kernel.
    package init(config: DarknetConfig, weightsPath: String, compute: ComputeBackend = ComputeBackend()) throws(DarknetError) {
        let parsed = try Self.layers(of: config)
        var layers = parsed.layers
        var reader = try DarknetWeightsReader(path: weightsPath, parameterCount: parsed.parameterCount)
        for i in layers.indices {
            guard case .convolution(var convolution) = layers[i] else { continue }
            convolution.loadParameters(from: &reader, compute: compute)
            layers[i] = .convolution(convolution)
        }
        self.input = parsed.input
        self.layers = layers
    }

    /// The input shape, the layers (without weights) and the number of parameters the weights
    /// file must hold for `config`; checks every size against ``NetworkLimits`` on the way.
    package static func layers(of config: DarknetConfig) throws(DarknetError) -> (input: TensorShape, layers: [DarknetLayer], parameterCount: Int) {
        guard let net = config.sections.first, net.name == "net" || net.name == "network" else {
            throw .incompleteNetwork(file: config.file, detail: "the first section must be [net]; is this a Darknet cfg?")
        }
        let input = TensorShape(channels: try net.int("channels", in: 1...NetworkLimits.maxInputChannels),
                                height: try net.int("height", in: 1...NetworkLimits.maxInputSide),
                                width: try net.int("width", in: 1...NetworkLimits.maxInputSide))
        var layers: [DarknetLayer] = []
        var parameterCount = 0
        var totalValues = 0
        for section in config.sections.dropFirst() {
            let layer = try DarknetLayer.parse(section, index: layers.count, input: layers.last?.output ?? input, earlier: layers)
            if case .convolution(let convolution) = layer { parameterCount += convolution.parameterCount }
            totalValues += layer.output.count
            guard totalValues <= NetworkLimits.maxTotalValues else {
                throw .sizeLimitExceeded(file: config.file, line: section.line, detail: "\(totalValues) activation values in all layers")
            }
            layers.append(layer)
        }
        guard layers.contains(where: { if case .yolo = $0 { true } else { false } }) else {
            throw .incompleteNetwork(file: config.file, detail: "no [yolo] layer; only YOLO detection cfgs are supported")
        }
        return (input, layers, parameterCount)
    }

    /// The `[yolo]` layers with the index of the layer whose output they decode.
    package var yoloLayers: [(layer: YOLOLayer, source: Int)] {
        layers.enumerated().compactMap { index, layer in
            if case .yolo(let yolo) = layer { return (yolo, index - 1) }
            return nil
        }
    }

    /// The layer whose output describes what the image looks like (``DarknetDetector``'s
    /// ``AppearanceModel`` features): the last one at 1/8 of the input's width, just before the
    /// network first halves it again: fine enough for objects of a few dozen pixels, deep enough
    /// to see shapes rather than pixels. Nil when no layer works at that resolution.
    package var appearanceLayer: Int? {
        let eighth = input.width / 8
        guard let first = layers.firstIndex(where: { $0.output.width == eighth }) else { return nil }
        var last = first
        while last + 1 < layers.count, layers[last + 1].output.width == eighth { last += 1 }
        return last
    }

    /// Floating-point operations of all convolutions for one image (a multiply-add counts two).
    package var convolutionFlops: Int {
        layers.reduce(0) { total, layer in
            if case .convolution(let convolution) = layer { return total + convolution.flops }
            return total
        }
    }

    /// Runs `batch` images (planar, ``input`` shape each) through every layer into
    /// `workspace`'s buffers; afterwards ``DarknetWorkspace/output(of:image:network:)`` holds each
    /// layer's output. `afterLayer`, if given, is called with each layer's index once it has run
    /// (for per-layer profiling). With `lastLayer`, the pass stops after that layer, whose output
    /// is then intact (no later layer has reused its buffer).
    package func forward(_ images: UnsafePointer<Float>, batch: Int, workspace: DarknetWorkspace,
                         through lastLayer: Int? = nil, afterLayer: ((Int) -> Void)? = nil) {
        precondition(batch <= workspace.batch, "workspace too small for the batch")
        let outputs = workspace.outputs
        for (index, layer) in layers.enumerated().prefix((lastLayer ?? layers.count - 1) + 1) {
            // A cancelled request stops here; the engine sees the flag and throws.
            if Cancellation.isRequested { return }
            let source = index == 0 ? images : UnsafePointer(outputs[index - 1])
            let destination = outputs[index]
            switch layer {
            case .convolution(let convolution):
                convolution.forward(source, into: destination, batch: batch, threads: workspace.threads, scratch: workspace.scratch)
            case .maxPool(let pool):
                pool.forward(source, into: destination, batch: batch, threads: workspace.threads)
            case .route(let route):
                route.forward(outputs, into: destination, batch: batch, threads: workspace.threads)
            case .upsample(let upsample):
                upsample.forward(source, into: destination, batch: batch)
            case .shortcut(let shortcut):
                shortcut.forward(previous: source, earlier: outputs[shortcut.source], into: destination, batch: batch)
            case .yolo:
                break  // Its buffer is its input's (see DarknetWorkspace).
            }
            afterLayer?(index)
        }
    }
}
