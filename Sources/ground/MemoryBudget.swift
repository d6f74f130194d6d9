import Foundation

/// Bounds the memory that concurrent images hold at once (`--max-memory`).
///
/// Each worker reserves an image's estimated working memory (decoded pixels, the decoder's own
/// buffers, a drawing's copy) before decoding it and gives it back when the image is done; a
/// worker whose image does not fit waits until others finish. So a batch on a many-core host
/// holds at most the budget however many workers run. An image that needs more than the whole
/// budget is refused with an error rather than run over it.
final class MemoryBudget: @unchecked Sendable {
    /// The budget in bytes.
    let bytes: Int
    private var available: Int
    private let condition = NSCondition()  // guards `available`

    /// The default: a quarter of physical memory, at least 1 GiB.
    static var defaultBytes: Int {
        max(1 << 30, Int(ProcessInfo.processInfo.physicalMemory / 4))
    }

    init(bytes: Int) {
        self.bytes = bytes
        self.available = bytes
    }

    /// Runs `body` holding `amount` bytes of the budget, waiting until they are free.
    func withReservation<Result>(_ amount: Int, _ body: () throws -> Result) throws -> Result {
        guard amount <= bytes else {
            throw UsageError("needs about \(Self.megabytes(amount)) MB to decode and answer, more than the --max-memory budget of \(Self.megabytes(bytes)) MB; raise --max-memory or downscale the image")
        }
        condition.lock()
        while available < amount { condition.wait() }
        available -= amount
        condition.unlock()
        defer {
            condition.lock()
            available += amount
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// Whole megabytes (10⁶ bytes), rounded up.
    static func megabytes(_ bytes: Int) -> Int { (bytes + 999_999) / 1_000_000 }
}
