#if canImport(Glibc)
import Glibc
#endif

/// Large buffers a model writes once, when it loads (its weights as read from the file, and as
/// transformed for its kernels), asked to be backed by 2 MiB pages instead of 4 KiB ones.
///
/// Linux hands out an untouched buffer one 4 KiB page at a time, each on its first write: the
/// 58 MB of YOLOv4-tiny's Winograd weights alone are 14,000 pages, and faulting them in took about
/// a fifth of a short `ground` call. With the advice a call takes 20,100 page faults instead of
/// 36,100, 28 of them huge. (Advising a network's activation buffers too, which are written on
/// every pass, made the call slower: 0.15 s against 0.12.) It is a hint: where transparent huge pages
/// are off (`/sys/kernel/mm/transparent_hugepage/enabled` says `never`) or on for every buffer
/// anyway (`always`), nothing changes, and no value in the buffer ever does.
package enum HugePages {
    /// The size of one huge page on x86-64 (and arm64 with 4 KiB base pages).
    static let size = 2 << 20

    /// Advises huge pages for the whole 2 MiB pages among the `bytes` bytes at `start`; call it
    /// before the buffer is first written. Buffers smaller than two huge pages are left alone.
    package static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 2 * size else { return }
        let first = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: start) + bytes) & ~(size - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }

    /// ``advise(_:bytes:)`` for `count` values of `type` at `start`.
    package static func advise<Value>(_ start: UnsafeMutablePointer<Value>, count: Int) {
        advise(UnsafeMutableRawPointer(start), bytes: count * MemoryLayout<Value>.stride)
    }
}
