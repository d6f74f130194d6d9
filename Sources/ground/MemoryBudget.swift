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
    /// The unit messages give the budget, and what an image needs, in: the unit of
    /// `--max-memory` as it was given (GiB for the default).
    let unit: MemorySize.Unit
    /// True when the budget is the default, not given with `--max-memory`.
    let isDefault: Bool
    private var available: Int
    private let condition = NSCondition()  // guards `available`

    /// The default: a quarter of physical memory, at least 1 GiB.
    static var defaultBytes: Int {
        max(1 << 30, Int(ProcessInfo.processInfo.physicalMemory / 4))
    }

    /// The budget `--max-memory` gave, or the default (``defaultBytes``) when it was not given.
    init(_ size: MemorySize?) {
        bytes = size?.bytes ?? Self.defaultBytes
        unit = size?.unit ?? .gibibytes
        isDefault = size == nil
        available = bytes
    }

    /// The budget as messages name it: "the --max-memory budget of 128 MiB".
    var named: String {
        "the --max-memory budget of \(MemorySize.shown(bytes, in: unit, roundingUp: false))"
            + (isDefault ? " (the default: a quarter of this machine's memory, at least 1 GiB)" : "")
    }

    /// `amount` in the budget's unit, rounded up: what an image needs, as messages say it.
    func shown(needed amount: Int) -> String {
        MemorySize.shown(amount, in: unit, roundingUp: true)
    }

    /// Runs `body` holding `amount` bytes of the budget, waiting until they are free.
    func withReservation<Result>(_ amount: Int, _ body: () throws -> Result) throws -> Result {
        guard amount <= bytes else {
            throw UsageError("needs about \(shown(needed: amount)) to decode and answer, more than \(named); raise --max-memory or downscale the image")
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
}
