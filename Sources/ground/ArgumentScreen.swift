/// Looks at the raw command line before ArgumentParser does, for the two things it gets wrong
/// for a tool that takes numbers and file names.
///
/// - A negative number after an option (`--threshold -1`) reads as an option to ArgumentParser
///   ("Missing value"), so it is joined to its option (`--threshold=-1`) and reaches the range
///   check, which says what is allowed.
/// - A file name that starts with a dash (`-dash.jpg`) reads as a cluster of short flags (and
///   its `h` prints the help and exits 0), so any single-dash word other than `-` (stdin), `-h`
///   and `-0` (`--null`) before `--` is refused with a pointer to `--`; `-0` is that flag, never
///   a negative number joined to the option before it.
enum ArgumentScreen {
    /// A usage problem found before parsing.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The arguments with negative numbers joined to their options, or the first problem.
    static func screen(_ arguments: [String]) -> Result<[String], Problem> {
        var screened: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                screened += arguments[index...]
                break
            }
            let next = index + 1 < arguments.endIndex ? arguments[index + 1] : nil
            if argument.hasPrefix("--"), !argument.contains("="), let next, next != "-0", isNegativeNumber(next) {
                screened.append(argument + "=" + next)
                index += 2
                continue
            }
            if argument.hasPrefix("-"), !argument.hasPrefix("--"), !["-", "-h", "-0"].contains(argument) {
                let shown = String(argument.prefix(80))
                return .failure(Problem(description: """
                    '\(shown)' is not an option of ground. If it is a file name, put it after --, \
                    e.g. ground count --object person -- \(shown)
                    """))
            }
            screened.append(argument)
            index += 1
        }
        return .success(screened)
    }

    /// True for `-1`, `-0.5`, `-1e3` and lists that start with one (`-5,0,10,10`).
    private static func isNegativeNumber(_ word: String) -> Bool {
        guard word.hasPrefix("-"), let first = word.dropFirst().first else { return false }
        return first.isNumber || first == "."
    }
}
