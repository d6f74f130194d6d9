import GroundingCompute

/// Shape arithmetic shared by folding and planning: element counts with a limit, row-major
/// strides, numpy-style broadcasting and axis normalisation.
enum ONNXShape {
    /// The number of values of `shape`, or nil when a dimension is negative, the rank is over 8
    /// or the product exceeds `limit`.
    static func elementCount(_ shape: [Int], limit: Int = ONNXModel.maxTensorElements) -> Int? {
        GroundingCompute.elementCount(shape, limit: limit)
    }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        return strides
    }

    /// The shape two operands broadcast to (numpy's rule: align on the right, 1 stretches), or
    /// nil when they do not.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let a = [Int](repeating: 1, count: rank - a.count) + a
        let b = [Int](repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (x, y) in zip(a, b) {
            guard x == y || x == 1 || y == 1 else { return nil }
            result.append(x == 1 ? y : x)
        }
        return result
    }

    /// `axis` counted from the end when negative, or nil outside `0..<rank`.
    static func axis(_ axis: Int, rank: Int) -> Int? {
        let resolved = axis < 0 ? axis + rank : axis
        return (0..<rank).contains(resolved) ? resolved : nil
    }
}

/// How to read a row-major tensor of ``shape`` from a source laid out differently: per output
/// dimension the step in the source (0 where it is broadcast), and where the first value is.
/// Transposes, slices, splits, concatenations, expansions and broadcast operands are all this.
struct StridedView: Sendable, Equatable {
    /// The dimensions of what is read (row-major in the destination).
    let shape: [Int]
    /// Source step per dimension.
    let strides: [Int]
    /// Source offset of the first value.
    let offset: Int

    /// Reads a source of `shape` as it is.
    init(contiguous shape: [Int]) {
        self.init(shape: shape, strides: ONNXShape.strides(shape), offset: 0)
    }

    /// A view with the given steps.
    init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// Reads a source of `source` shape broadcast to `target` (which it must broadcast to).
    init(broadcasting source: [Int], to target: [Int]) {
        let padded = [Int](repeating: 1, count: target.count - source.count) + source
        let steps = ONNXShape.strides(padded)
        self.init(shape: target, strides: zip(padded, steps).map { $0 == 1 ? 0 : $1 }, offset: 0)
    }

    /// Values read.
    var count: Int { shape.reduce(1, *) }

    /// Calls `body(destination, source, length, step)` for each innermost run: `length` values
    /// written from `destination` on, read from `source` on every `step`.
    func forEachRun(_ body: (Int, Int, Int, Int) -> Void) {
        guard let length = shape.last else { return body(0, offset, 1, 1) }
        guard count > 0 else { return }
        let outer = shape.dropLast()
        let step = strides[strides.count - 1]
        var index = [Int](repeating: 0, count: outer.count)
        var source = offset
        var destination = 0
        while true {
            body(destination, source, length, step)
            destination += length
            // Advance the outer index like an odometer, adjusting the source offset.
            var axis = outer.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += strides[axis]
                if index[axis] < outer[axis] { break }
                source -= strides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Copies what the view reads from `source` to `destination`, row-major.
    func copy<Value>(from source: UnsafePointer<Value>, to destination: UnsafeMutablePointer<Value>) {
        forEachRun { target, start, length, step in
            if step == 1 {
                (destination + target).update(from: source + start, count: length)
            } else {
                for i in 0..<length { destination[target + i] = source[start + i * step] }
            }
        }
    }
}
