import ArgumentParser
import Grounding

/// A command that answers one ``GroundingMode`` for a batch of images.
protocol ModeCommand: ParsableCommand {
    static var mode: GroundingMode { get }
    var options: GroundCommandOptions { get }
}

extension ModeCommand {
    func run() throws {
        try BatchRun(mode: Self.mode, options: options).execute()
    }
}

struct CountCommand: ModeCommand {
    static let mode = GroundingMode.count
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count the objects of each name, with a point on each.",
        discussion: """
        Examples:
          ground count TestImages/horses.jpg --object horse
          ground count TestImages/horses.jpg --object pony,person --draw counted.png
          ground count TestImages --object dog --object bicycle --json
        """
    )
    @OptionGroup var options: GroundCommandOptions
}

struct BoxCommand: ModeCommand {
    static let mode = GroundingMode.bbox
    static let configuration = CommandConfiguration(
        commandName: "bbox",
        abstract: "Put a box [x1, y1, x2, y2] around every object of each name.",
        discussion: """
        Examples:
          ground bbox TestImages/dog.jpg --object dog,bicycle,truck
          ground bbox TestImages --object person --format coco > results.json
        """
    )
    @OptionGroup var options: GroundCommandOptions
}

struct PointCommand: ModeCommand {
    static let mode = GroundingMode.point
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "Put one point [x, y] on every object of each name.",
        discussion: """
        Examples:
          ground point TestImages/kite.jpg --object kite,person
          ground point TestImages/kite.jpg --object kite --format muse
          ground point TestImages/coins.png --exemplar 193,29,239,75 --draw coins.png
        """
    )
    @OptionGroup var options: GroundCommandOptions
}
