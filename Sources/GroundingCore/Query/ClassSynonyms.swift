/// The hand-made table of common words for the COCO classes, by their COCO names.
///
/// Each line is `class: word, word, ...`. Darknet's spellings of the classes (`motorbike`,
/// `tvmonitor`) are not repeated here: ``CocoClass`` knows them, and the resolver maps both
/// spellings of a class to one *concept*, named by its COCO name, whichever the class list spells.
///
/// Words WordNet already maps well (`sedan`, `pony`, `lorry`) are left to ``WordNetTable``.
///
/// ```swift
/// ClassSynonyms.conceptByKey["fridge"]   // "refrigerator"
/// ```
package enum ClassSynonyms {
    private static let lines = """
        person: human, man, woman, child, kid, boy, girl, baby, pedestrian, guy, lady
        bicycle: bike, push bike, cycle
        car: automobile, auto, motorcar
        motorcycle: motor cycle, scooter, moped, dirt bike
        airplane: plane, aircraft, jet, airliner
        bus: autobus, omnibus, double decker
        train: locomotive, railway train, light rail
        boat: ship, yacht, sailboat, sailing boat, jet ski, jetski, personal watercraft
        traffic light: traffic signal, stoplight, stop light
        fire hydrant: hydrant, fireplug
        handbag: purse, hand bag
        tie: necktie
        suitcase: luggage
        frisbee: flying disc, flying disk
        sports ball: ball
        tennis racket: racket, racquet, tennis racquet
        cup: mug
        donut: doughnut
        potted plant: plant, houseplant, house plant
        dining table: table, dinner table, kitchen table
        tv: television, monitor, tv set, television set, screen
        laptop: notebook computer
        remote: remote control, game controller, gamepad
        cell phone: cellphone, phone, mobile phone, mobile, smartphone, cellular phone, iphone
        refrigerator: fridge
        hair drier: hair dryer, hairdryer, blow dryer, blow drier
        teddy bear: stuffed animal, stuffed toy, soft toy, plush toy, plushie, cuddly toy
        """

    /// Every word of the table, normalized, with its concept; each concept is one of its words.
    package static let words: [(word: String, concept: String)] = lines.split(separator: "\n").flatMap {
        line -> [(word: String, concept: String)] in
        let parts = line.split(separator: ":", maxSplits: 1)
        let concept = String(parts[0])
        return (parts[0...0] + parts[1].split(separator: ",")).map {
            (word: NameKey.normalized(String($0)), concept: concept)
        }
    }

    /// The concept of each word of the table by ``NameKey/key(_:)``: `"scooter"` →
    /// `"motorcycle"`, `"motorcycle"` → `"motorcycle"`.
    package static let conceptByKey: [String: String] = Dictionary(
        words.map { (NameKey.key($0.word), $0.concept) }, uniquingKeysWith: { first, _ in first })
}
