/// Which rule of ``QueryResolver`` matched an object name to detector classes.
///
/// The rules are tried in the order of the cases; the first that matches wins.
///
/// ```swift
/// try QueryResolver(classNames: ["horse"]).resolve("pony").resolution  // .wordnet
/// ```
public enum Resolution: String, Sendable, Codable, CaseIterable {
    /// The name is a class name in either spelling, ignoring case, spaces, underscores and hyphens
    /// (`"Dining-Table"`, `"diningtable"` → `dining table`).
    case exact
    /// The name is an English plural of a class name (`"horses"`, `"mice"`, `"buses"`).
    case plural
    /// The name, or its singular, is a common word for a class (`"scooter"` → `motorcycle`,
    /// `"fridges"` → `refrigerator`).
    case synonym
    /// The name, or its singular, is a WordNet noun for a kind of a class (`"pony"` → `horse`,
    /// counted as every horse: ``ResolvedName/isKindOfClass``), for
    /// a group of classes (`"animal"` → `bird`, `cat`, `dog`, ...), for a group of things whose
    /// members are counted (`"flock"` → `bird`, `sheep`) or for any object (`"things"`).
    case wordnet
    /// Not a name at all: the object was asked for by example boxes (``ObjectQuery/exemplar(_:)``)
    /// and found by an ``ExemplarMatcher``; the resolver never returns it.
    case exemplar
}
