/// The spelling-insensitive forms of object names that every lookup of ``QueryResolver`` uses.
package enum NameKey {
    /// The words of `name` in lower case: split at whitespace, underscores and hyphens.
    package static func words(_ name: String) -> [Substring] {
        name.lowercased().split { $0.isWhitespace || $0 == "_" || $0 == "-" }
    }

    /// `name` in lower case with its words joined by single spaces: `"Dining_Table"` →
    /// `"dining table"`.
    package static func normalized(_ name: String) -> String {
        words(name).joined(separator: " ")
    }

    /// `name` in lower case with no separators at all: `"dining table"`, `"dining-table"` and
    /// `"diningtable"` share the key `"diningtable"`. All tables are keyed by it.
    package static func key(_ name: String) -> String {
        words(name).joined()
    }
}
