/// The number of values a tensor of a given shape holds, or nil when a dimension is negative,
/// the rank is over `maxRank` or the product exceeds `limit`: how the model runtimes refuse a
/// damaged or hostile file's sizes before allocating anything.
///
/// ```swift
/// elementCount([1, 3, 640, 640], limit: 1 << 26)    // 1_228_800
/// elementCount([1 << 40, 1 << 40], limit: 1 << 26)  // nil
/// ```
package func elementCount(_ shape: [Int], maxRank: Int = 8, limit: Int) -> Int? {
    guard shape.count <= maxRank else { return nil }
    var count = 1
    for dimension in shape {
        guard dimension >= 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
        guard !overflow, product <= limit else { return nil }
        count = product
    }
    return count
}
