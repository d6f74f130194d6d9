import GroundingCompute

/// `Softmax` along one axis (opset 13's definition): `e^(x − max) / Σ e^(x − max)` over the
/// axis, for every position before and after it.
///
/// `e^x` is GroundingCompute's vectorised polynomial (``Activation/exponential(_:)``), four values
/// at a time. With `expf`, one call per value, the softmax of YOLO11n's box distributions (16
/// values for each of 4 sides of 8,400 boxes at 640 px) and of its attention had 6.2% of a
/// count's samples, its `expf` calls included (`perf record`); now 1.9%.
/// Along an axis with positions after it, four neighbouring positions are taken together, their
/// values lying side by side in memory; along the last axis, four values of one line. Each line's
/// values are summed in one fixed order, whatever the number of threads.
struct ONNXSoftmax: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Positions before the axis, along it, and after it.
    let outer: Int, extent: Int, inner: Int

    /// Softmax of `source` (of `shape`) along `axis` into `output`.
    init(source: Int, output: Int, shape: [Int], axis: Int) {
        self.inputs = [source]
        self.output = output
        self.outer = shape[..<axis].reduce(1, *)
        self.extent = shape[axis]
        self.inner = shape[(axis + 1)...].reduce(1, *)
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        let (extent, inner) = (extent, inner)
        if inner == 1 {
            Parallel.forEachChunk(of: outer, width: threads, minimum: max(1, 4096 / max(1, extent))) { lines in
                for line in lines { Self.softmax(source + line * extent, into: target + line * extent, count: extent) }
            }
            return
        }
        // Blocks of four neighbouring positions after the axis (the last block of a line may be shorter).
        let blocks = (inner + 3) / 4
        Parallel.forEachChunk(of: outer * blocks, width: threads, minimum: max(1, 1024 / max(1, extent))) { range in
            for item in range {
                let (line, block) = item.quotientAndRemainder(dividingBy: blocks)
                let base = line * extent * inner + block * 4
                let width = min(4, inner - block * 4)
                func load(_ values: UnsafePointer<Float>, _ k: Int) -> SIMD4<Float> {
                    let start = values + base + k * inner
                    if width == 4 { return UnsafeRawPointer(start).loadUnaligned(as: SIMD4<Float>.self) }
                    var value = SIMD4<Float>(repeating: 0)
                    for lane in 0..<width { value[lane] = start[lane] }
                    return value
                }
                func store(_ value: SIMD4<Float>, _ k: Int) {
                    let start = target + base + k * inner
                    if width == 4 { return UnsafeMutableRawPointer(start).storeBytes(of: value, as: SIMD4<Float>.self) }
                    for lane in 0..<width { start[lane] = value[lane] }
                }
                var largest = SIMD4<Float>(repeating: -.infinity)
                for k in 0..<extent { largest = pointwiseMax(largest, load(source, k)) }
                var sum = SIMD4<Float>(repeating: 0)
                for k in 0..<extent {
                    let e = Activation.exponential(load(source, k) - largest)
                    store(e, k)
                    sum += e
                }
                for k in 0..<extent { store(load(target, k) / sum, k) }
            }
        }
    }

    /// The softmax of `count` consecutive values, four at a time.
    private static func softmax(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        let whole = count & ~3
        func load(_ i: Int) -> SIMD4<Float> { UnsafeRawPointer(source + i).loadUnaligned(as: SIMD4<Float>.self) }
        var lanes = SIMD4<Float>(repeating: -.infinity)
        for i in stride(from: 0, to: whole, by: 4) { lanes = pointwiseMax(lanes, load(i)) }
        let largest = (whole..<count).reduce(lanes.max()) { max($0, source[$1]) }
        var sums = SIMD4<Float>(repeating: 0)
        for i in stride(from: 0, to: whole, by: 4) {
            let e = Activation.exponential(load(i) - largest)
            UnsafeMutableRawPointer(target + i).storeBytes(of: e, as: SIMD4<Float>.self)
            sums += e
        }
        var sum = sums.sum()
        if whole < count {
            var tail = SIMD4<Float>(repeating: -.infinity)
            for i in whole..<count { tail[i - whole] = source[i] }
            let e = Activation.exponential(tail - largest)
            for i in whole..<count { target[i] = e[i - whole]; sum += e[i - whole] }
        }
        for i in 0..<count { target[i] /= sum }
    }
}
