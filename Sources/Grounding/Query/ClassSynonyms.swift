/// The hand-made table of common words for the COCO classes, in Darknet spelling.
///
/// Each line is `class: word, word, ...`. A class list that spells a class differently (COCO's
/// 2017 names `motorcycle`, `airplane`, `couch`, `tv`) works too: the resolver maps every member
/// of a line to the same *concept*, named by the line's first word.
///
/// Words WordNet already maps well (`sedan`, `pony`, `lorry`) are left to ``WordNetTable``.
package enum ClassSynonyms {
    private static let lines = """
        person: human, man, woman, child, kid, boy, girl, baby, pedestrian, guy, lady
        bicycle: bike, push bike, cycle
        car: automobile, auto, motorcar
        motorbike: motorcycle, motor cycle, scooter, moped, dirt bike
        aeroplane: airplane, plane, aircraft, jet, airliner
        bus: autobus, omnibus, double decker
        train: locomotive, railway train
        boat: ship, yacht, sailboat, sailing boat
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
        sofa: couch
        pottedplant: potted plant, plant, houseplant, house plant
        diningtable: dining table, table, dinner table, kitchen table
        tvmonitor: tv, television, monitor, tv set, television set, screen
        laptop: notebook computer
        remote: remote control
        cell phone: cellphone, phone, mobile phone, mobile, smartphone, cellular phone, iphone
        refrigerator: fridge
        hair drier: hair dryer, hairdryer, blow dryer, blow drier
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

    /// The concept of each word of the table by ``NameKey/key(_:)``: `"motorcycle"` →
    /// `"motorbike"`, `"motorbike"` → `"motorbike"`.
    package static let conceptByKey: [String: String] = Dictionary(
        words.map { (NameKey.key($0.word), $0.concept) }, uniquingKeysWith: { first, _ in first })
}
