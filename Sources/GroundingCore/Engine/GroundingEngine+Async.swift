import GroundingCompute
import GroundingImageIO

/// The asynchronous forms of every `ground` method. Each runs the same blocking pipeline as its
/// synchronous form (same answers) on the engine's own threads, never on Swift's cooperative
/// pool, at most ``GroundingEngine/maxConcurrentRequests`` at once, the rest queued.
///
/// Cancelling the calling task stops the request between batches of tiles and between network
/// layers; it then throws `CancellationError`. Other failures throw ``GroundingError``.
///
/// ```swift
/// let task = Task { try await engine.ground(contentsOf: "big.jpg", objects: ["person"], mode: .count) }
/// task.cancel()   // ends within a layer's time with CancellationError
/// ```
extension GroundingEngine {
    /// Answers `mode` for `objects` in an upright image.
    public func ground(_ image: RGBImage, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(image, objects: objects, mode: mode, options: options) }
    }

    /// Answers `mode` for `queries` in an upright image.
    public func ground(_ image: RGBImage, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(image, queries: queries, mode: mode, options: options) }
    }

    /// Decodes the image file at `path` and answers `mode` for `objects`.
    public func ground(contentsOf path: String, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(contentsOf: path, objects: objects, mode: mode, options: options) }
    }

    /// Decodes the image file at `path` and answers `mode` for `queries`.
    public func ground(contentsOf path: String, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(contentsOf: path, queries: queries, mode: mode, options: options) }
    }

    /// Answers `mode` for `objects` in an already decoded image.
    public func ground(_ decoded: DecodedImage, path: String? = nil, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(decoded, path: path, objects: objects, mode: mode, options: options) }
    }

    /// Answers `mode` for `queries` in an already decoded image.
    public func ground(_ decoded: DecodedImage, path: String? = nil, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws -> GroundingResult {
        try await onEngineThreads { engine throws(GroundingError) in try engine.ground(decoded, path: path, queries: queries, mode: mode, options: options) }
    }

    /// Runs `work` on one of the engine's request threads with the calling task's cancellation
    /// wired to a ``Cancellation`` flag the pipeline checks.
    private func onEngineThreads(_ work: @escaping @Sendable (GroundingEngine) throws(GroundingError) -> GroundingResult) async throws -> GroundingResult {
        let flag = Cancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<GroundingResult, any Error>) in
                requests.submit { [self] in
                    guard !flag.isCancelled else { return continuation.resume(throwing: CancellationError()) }
                    do throws(GroundingError) {
                        continuation.resume(returning: try Cancellation.bound(to: flag) { () throws(GroundingError) in try work(self) })
                    } catch .cancelled {
                        continuation.resume(throwing: CancellationError())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }
}
