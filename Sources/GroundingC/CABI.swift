import Foundation
import Grounding

// The C ABI declared in include/grounding.h. Every function catches everything: no Swift error
// or crash crosses into C, and every failure is a status (a GroundingErrorCode's number) with
// `{"error": {"code", "message"}}` JSON beside it.

/// What a `grounding_engine *` points to: one engine, shared by every thread that runs on it.
private final class EngineHandle: Sendable {
    let engine: GroundingEngine

    init(_ engine: GroundingEngine) {
        self.engine = engine
    }
}

/// `grounding_engine_create`: loads the models `options_json` names (NULL or "{}": the defaults).
@_cdecl("grounding_engine_create")
public func grounding_engine_create(_ optionsJSON: UnsafePointer<CChar>?,
                                    _ out: UnsafeMutablePointer<OpaquePointer?>?,
                                    _ errorJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorJSON?.pointee = nil
    out?.pointee = nil
    do throws(GroundingError) {
        guard let out else { throw .invalidRequest("grounding_engine_create needs somewhere to put the engine (out is NULL)") }
        let options = try EngineOptions.parse(optionsJSON.map { String(cString: $0) })
        let engine: GroundingEngine
        do {
            engine = try GroundingEngine(models: options.models, threads: options.threads)
        } catch {
            throw .detector(error)
        }
        out.pointee = OpaquePointer(Unmanaged.passRetained(EngineHandle(engine)).toOpaque())
        return 0
    } catch {
        errorJSON?.pointee = strdup(error.json().serialized())
        return error.code.number
    }
}

/// What a call on a NULL engine answers.
private let noEngine = GroundingError.invalidRequest("no engine (NULL): create one with grounding_engine_create")

/// `grounding_engine_destroy`: releases the engine (NULL is ignored).
@_cdecl("grounding_engine_destroy")
public func grounding_engine_destroy(_ engine: OpaquePointer?) {
    guard let engine else { return }
    Unmanaged<EngineHandle>.fromOpaque(UnsafeRawPointer(engine)).release()
}

/// `grounding_run`: answers one request (JSON) with the image bytes beside it (or none).
@_cdecl("grounding_run")
public func grounding_run(_ engine: OpaquePointer?, _ requestJSON: UnsafePointer<CChar>?,
                          _ imageBytes: UnsafePointer<UInt8>?, _ length: Int,
                          _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    resultJSON?.pointee = nil
    let answer: JSONValue
    let status: Int32
    do throws(GroundingError) {
        guard let engine else { throw noEngine }
        guard let requestJSON else { throw .invalidRequest("no request (NULL): pass the request's JSON") }
        // A size_t past Int.max arrives negative: no buffer is that large.
        guard length >= 0 else { throw .invalidRequest("len is \(UInt(bitPattern: length)), larger than any buffer; pass the image's size in bytes") }
        guard imageBytes != nil || length == 0 else { throw .invalidRequest("image_bytes is NULL but len is \(length)") }
        let handle = Unmanaged<EngineHandle>.fromOpaque(UnsafeRawPointer(engine)).takeUnretainedValue()
        // Copied only once the request has said how to read the bytes and their size fits it.
        let attached = imageBytes.map { bytes in AttachedImage(count: length) { [UInt8](UnsafeBufferPointer(start: bytes, count: length)) } }
        let request = try GroundingRequest(json: Array(UnsafeRawBufferPointer(start: requestJSON, count: strlen(requestJSON))),
                                           attached: attached)
        answer = try handle.engine.answer(request).json()
        status = 0
    } catch {
        answer = error.json()
        status = error.code.number
    }
    resultJSON?.pointee = strdup(answer.serialized())
    return status
}

/// `grounding_engine_models`: the models an engine loaded and their classes (JSON).
@_cdecl("grounding_engine_models")
public func grounding_engine_models(_ engine: OpaquePointer?, _ modelsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    modelsJSON?.pointee = nil
    guard let engine else {
        modelsJSON?.pointee = strdup(noEngine.json().serialized())
        return noEngine.code.number
    }
    let handle = Unmanaged<EngineHandle>.fromOpaque(UnsafeRawPointer(engine)).takeUnretainedValue()
    modelsJSON?.pointee = strdup(handle.engine.modelsJSON.serialized())
    return 0
}

/// `grounding_free`: frees a string the library returned (NULL is ignored).
@_cdecl("grounding_free")
public func grounding_free(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}

/// The version string, allocated once for the life of the process.
private nonisolated(unsafe) let version = strdup(GroundingEngine.version)

/// `grounding_version`: the library's version, e.g. "0.1.0" (static; do not free).
@_cdecl("grounding_version")
public func grounding_version() -> UnsafePointer<CChar>? {
    UnsafePointer(version)
}
