import Foundation
import Grounding

/// What `grounding_engine_create` reads from its JSON: `{"models": [PATH, ...], "threads": N}`,
/// both optional (the default models; every core). Unknown keys and an empty list of models are
/// refused.
struct EngineOptions: Decodable {
    /// Model paths, first = highest priority; empty: ``ModelRegistry/defaultModels(threads:)``.
    var models: [String] = []
    /// Threads of one forward pass; nil: every core.
    var threads: Int?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case models, threads
    }

    init() {}

    init(from decoder: any Decoder) throws {
        try RequestCoding.rejectUnknownKeys(decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        models = try container.decodeIfPresent([String].self, forKey: .models) ?? []
        threads = try container.decodeIfPresent(Int.self, forKey: .threads)
        // An empty list names no model; loading the defaults instead would answer with models
        // the caller did not ask for.
        if container.contains(.models), models.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .models, in: container,
                                                   debugDescription: "empty; list model paths, or leave the key out for the default models")
        }
    }

    /// The options in `json` (nil: the defaults).
    static func parse(_ json: String?) throws(GroundingError) -> EngineOptions {
        guard let json else { return EngineOptions() }
        let options: EngineOptions
        do {
            options = try JSONDecoder().decode(EngineOptions.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw .invalidRequest("engine options: " + RequestCoding.describe(error))
        } catch {
            throw .invalidRequest("engine options: \(error)")
        }
        if let key = DuplicateKeys.first(in: Array(json.utf8)) {
            throw .invalidRequest("engine options: the key \"\(key.prefix(80))\" is given twice; give it once")
        }
        if let threads = options.threads, !(1...256).contains(threads) {
            throw .invalidOption("threads must be between 1 and 256, not \(threads)")
        }
        return options
    }
}
