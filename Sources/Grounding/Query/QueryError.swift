/// Why an object name could not be turned into detector classes.
///
/// ```swift
/// do { _ = try resolver.resolve("pelicn") } catch { print(error) }  // did you mean: pelican?
/// ```
public enum QueryError: Error, Hashable, CustomStringConvertible {
    /// No rule matched the name; `suggestions` are the closest known names (at most five,
    /// closest first), possibly none.
    case unknownName(String, suggestions: [String])
    /// The name is empty or only whitespace.
    case emptyName

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .unknownName(let name, let suggestions):
            let guess = suggestions.isEmpty
                ? " and no known name is close to it."
                : "; did you mean: \(suggestions.joined(separator: ", "))?"
            return "no detector class matches \"\(name)\"\(guess) Ask for a class of the detector, "
                + "a common word for one (\"motorcycle\", \"tv\") or a kind of one (\"pony\", \"sedan\")."
        case .emptyName:
            return "an object name is empty; give a name such as \"person\" or \"dog\"."
        }
    }
}
