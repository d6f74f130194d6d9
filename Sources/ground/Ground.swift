import ArgumentParser
import Grounding

@main
struct Ground: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ground",
        abstract: "Find, point at and count objects in photos."
    )
}
