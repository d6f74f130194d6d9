import ArgumentParser
import Foundation
import Grounding

/// `ground`: find, point at and count objects in photos from the shell.
@main
struct Ground: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ground",
        abstract: "Find, point at and count objects in photos.",
        discussion: """
        Examples:
          ground count TestImages/horses.jpg --object horse
          ground count TestImages/horses.jpg --object pony,person --draw out.png
          ground bbox photos/ --object dog --json > dogs.jsonl
          ground point TestImages/kite.jpg --object kite --format muse
          ground count TestImages/coins.png --exemplar 193,29,239,75 --draw coins.png
          find . -name '*.jpg' | ground count - --object car
          find . -name '*.jpg' -print0 | ground count - -0 --object car
          ground info

        Exit status: 0 when every image was answered; 1 when an input could not be read or a name matched no class (the rest are still answered); 2 on a usage error.
        """,
        version: "ground \(version)",
        subcommands: [CountCommand.self, BoxCommand.self, PointCommand.self, InfoCommand.self]
    )

    /// Parses and runs, mapping ArgumentParser's usage-error status (64) to the documented 2.
    static func main() {
        StandardStreams.prepare()
        let arguments: [String]
        switch ArgumentScreen.screen(Array(CommandLine.arguments.dropFirst())) {
        case .success(let screened): arguments = screened
        case .failure(let problem):
            StandardStreams.errorLine("error: \(problem)")
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                // Help and version: a reader who closed stdout gets exit 1, not silence.
                Foundation.exit(StandardStreams.printLine(message) ? 0 : 1)
            }
            if !message.isEmpty {
                StandardStreams.errorLine(message)
            }
            if code == .validationFailure {
                Foundation.exit(2)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
