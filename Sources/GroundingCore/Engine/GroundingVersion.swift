extension GroundingEngine {
    /// The library's version (semantic versioning): what `grounding_version()` returns in C and
    /// `grounding.__version__` in Python.
    ///
    /// ```swift
    /// print(GroundingEngine.version)   // 0.1.0
    /// ```
    public static let version = "0.1.0"
}
