/// The hand-made table of common words for the COCO classes, by their COCO names.
///
/// Each line is `class: word, word, ...`; a word marked `>` is more general than the class
/// (`>plant`: trees and flowers are plants too), and the answer says that only the class is
/// counted (``ResolvedName/onlyKindsOf``). Darknet's spellings of the classes (`motorbike`,
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
        person: human, human being, man, woman, child, kid, boy, girl, baby, pedestrian, guy, lady, everyone, everybody, anyone, anybody, mum, kiddo, biker, cabbie, fireman, passerby, passersby, passer-by, passers-by
        bicycle: bike, push bike, cycle, bmx
        car: automobile, auto, motorcar
        motorcycle: motor cycle, scooter, moped, dirt bike, motor scooter, sportbike, harley
        airplane: plane, aircraft, jet, airliner, cessna
        bus: autobus, omnibus, double decker
        train: locomotive, railway train, light rail, subway train, metro train, underground train
        boat: ship, yacht, sailboat, sailing boat, jet ski, jetski, personal watercraft
        traffic light: traffic signal, stoplight, stop light
        fire hydrant: hydrant, fireplug
        umbrella: parasol, beach umbrella, sun umbrella
        handbag: purse, hand bag
        tie: necktie
        suitcase: luggage
        frisbee: flying disc, flying disk
        sports ball: ball, beach ball
        tennis racket: racket, racquet, tennis racquet
        cup: mug
        donut: doughnut
        potted plant: >plant, houseplant, house plant
        dining table: table, dinner table, kitchen table
        tv: television, telly, teevee, monitor, tv set, television set, computer screen, computer monitor, flat screen, flatscreen, >screen
        laptop: notebook computer, macbook, chromebook, netbook
        remote: remote control, controller, game controller, gamepad, wiimote
        cell phone: cellphone, phone, mobile phone, mobile, smartphone, cellular phone, iphone, android phone
        oven: stove, kitchen stove, cooker
        refrigerator: fridge
        hair drier: hair dryer, hairdryer, blow dryer, blow drier
        teddy bear: stuffed animal, stuffed toy, soft toy, plush toy, plushie, cuddly toy
        dog: doggo, pupper, pup, labrador, pit bull
        cat: moggy, moggie
        toilet: loo, wc
        backpack: school bag, schoolbag, book bag, bookbag
        truck: big rig, semi truck, articulated lorry, 18 wheeler, eighteen wheeler
        """

    /// Every word of the table, normalized, with its concept; each concept is one of its words.
    package static let words: [(word: String, concept: String)] = markedWords.map { ($0.word, $0.concept) }

    /// The words of the table marked more general than their class, by ``NameKey/key(_:)``, each
    /// with the word as written: `"plants"`'s key gives `"plant"`.
    package static let generalWordByKey: [String: String] = Dictionary(
        markedWords.filter(\.isGeneral).map { (NameKey.key($0.word), $0.word) }, uniquingKeysWith: { first, _ in first })

    /// Every word of the table with its concept, and whether it is marked `>`.
    private static let markedWords: [(word: String, concept: String, isGeneral: Bool)] = lines.split(separator: "\n").flatMap {
        line -> [(word: String, concept: String, isGeneral: Bool)] in
        let parts = line.split(separator: ":", maxSplits: 1)
        let concept = String(parts[0])
        return (parts[0...0] + parts[1].split(separator: ",")).map {
            let word = NameKey.normalized(String($0))
            return word.hasPrefix(">") ? (String(word.dropFirst()), concept, true) : (word, concept, false)
        }
    }

    /// The concept of each word of the table by ``NameKey/key(_:)``: `"scooter"` →
    /// `"motorcycle"`, `"motorcycle"` → `"motorcycle"`.
    package static let conceptByKey: [String: String] = Dictionary(
        words.map { (NameKey.key($0.word), $0.concept) }, uniquingKeysWith: { first, _ in first })
}
