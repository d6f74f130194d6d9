import GroundingCompute

/// `Resize` (and `Upsample`) by whole factors in nearest mode: each value of a `[N, C, H, W]`
/// activation repeated `factor × factor` times, which is what `nearest` with `asymmetric`
/// coordinates gives for whole factors (YOLO's upsampling).
struct ONNXResize: ONNXKernel {
    let inputs: [Int]
    let output: Int
    /// Planes (N·C), and the input plane's size.
    let planes: Int, height: Int, width: Int
    /// The whole factor on both axes.
    let factorY: Int, factorX: Int

    /// Upsamples `source` (`[N, C, H, W]`) by the factors into `output`.
    init(source: Int, output: Int, shape: [Int], factorY: Int, factorX: Int) {
        self.inputs = [source]
        self.output = output
        self.planes = shape[0] * shape[1]
        self.height = shape[2]
        self.width = shape[3]
        self.factorY = factorY
        self.factorX = factorX
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, target) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        let outputWidth = width * factorX
        Parallel.forEach(planes, width: threads) { _, plane in
            let input = source + plane * height * width
            let result = target + plane * height * width * factorY * factorX
            for y in 0..<height {
                let row = result + y * factorY * outputWidth
                for x in 0..<width {
                    let value = input[y * width + x]
                    for dx in 0..<factorX { row[x * factorX + dx] = value }
                }
                for dy in 1..<max(factorY, 1) { (row + dy * outputWidth).update(from: row, count: outputWidth) }
            }
        }
    }
}
