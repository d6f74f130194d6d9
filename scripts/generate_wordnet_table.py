#!/usr/bin/env python3
"""Generates Sources/GroundingCore/Query/WordNetTable.swift: which COCO class each English noun names.

Run from the repository root (needs only Python 3 and Debian's `wordnet-base`):

    python3 scripts/generate_wordnet_table.py            # writes the Swift file
    python3 scripts/generate_wordnet_table.py --check    # fails if the committed file is stale

It reads WordNet 3.0 from /usr/share/wordnet (override with --wordnet DIR). The committed table was
generated from Debian wordnet-base 1:3.0-37, whose files have these sha256 digests:

    data.noun   fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2
    index.noun  a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04
    noun.exc    2b5d675c380b39ecf595af9fa9d4e7feb1d58c643b0bff08c40ed5bfe41fab7a

How a lemma is mapped (the Swift resolver documents the same rules):

1. Every COCO class is tied to one or more hand-checked synsets (CLASS_SENSES below): kite is the
   toy, mouse the computer mouse, tie the necktie, orange the fruit, dining table any table that is
   furniture, cow all cattle. Each entry names the sense by number and quotes a word of its gloss;
   the script stops if WordNet disagrees, so a different WordNet cannot silently shift a sense.
2. A synset is a *kind of* a class when the class's synset is in its hypernym closure (any depth);
   it is a kind of the nearest such class (several if tied). Instance hypernyms are not followed,
   so proper names (instances) reach nothing: a photo query names a kind of thing, and instance
   senses would capture common words ("burger" is first Warren Burger, "lamb" Charles Lamb).
3. Young animals are filed under `young_mammal` / `young_bird`, not under their species (a kitten
   is not a cat in WordNet). For those synsets only (the hyponyms of young.n.01, "any immature
   animal"), the head noun of the gloss's first phrase names the species: "young domestic cat" ->
   cat, "a young horse" -> horse, "young of domestic cattle" -> cow, "a bird that is still young"
   -> bird, "a karakul lamb" -> (lamb ->) sheep. The head must reach an animal class ("a young
   wolf" adds nothing: no sense of "wolf" is an animal the detector knows). Repeated until no
   new link appears, so "lamb" is known before "a very young lamb" is read.
4. A *group* is a synset that is a proper ancestor of class synsets ("animal", "fruit",
   "furniture") and is itself something one can see (rule 5's concrete files): it names all the
   classes under it, unless there are more than MAX_ANCESTOR_CLASSES of them ("object",
   "artifact": a name that general says nothing about what to look for). Traffic lights are
   filed under communication ("visual signal"), so "signal" and "abstraction" are no groups.
5. Which sense a lemma means is the sense a person looking at a photo would mean:
   a. Only *concrete* senses count: those in the lexicographer files of things one can see
      (CONCRETE_FILES: noun.animal, noun.artifact, noun.body, noun.food, noun.object,
      noun.person, noun.plant, and noun.Tops below physical_entity), plus any sense that is a kind
      of a class (book.n.01, "a written work", is itself a class sense). "table" (1: a table of
      data) is the furniture; "glass" (1: the substance) is the drinking glass.
   b. A literal sense beats a figurative one: a person sense loses to an animal, plant or food
      sense of the same word (names of animals and foods given to people are figures of speech:
      "whale" 1: a very large person, "tiger" 1: a fierce person, "loon" 1: a lazy fellow) unless
      the word's person senses are tagged more than FIGURATIVE_TAGS times and more than those
      ("soldier" is not the ant, "adult" not the animal); a food sense loses to an animal sense
      (the meat is named after the animal: "chicken" 1 is its flesh, 2 the bird); and a person
      sense counts only when no sense of another file comes before it: WordNet files countless
      derived senses under person ("hand" 2: a hired hand, "failure" 2: a person who fails,
      "toaster" 1 is someone who proposes a toast, but only because it comes first).
   c. In WordNet's frequency order (index.noun), the first remaining group decides when no
      remaining sense before it was ever tagged (cntlist.rev) and no kind of a class comes before
      it ("appliance" 1: a contrivance, never tagged, 2: home appliances); otherwise the first
      remaining sense that is a kind of a class decides ("lorry" 1: a horse-drawn wagon, 2: a
      truck, is a truck; "cab" 1: a driver's compartment, 3: a taxi, is a car); with neither, the
      first remaining sense decides and the lemma names no class ("plate" 1: home plate, tagged 6
      times, before 2: a sheet of metal, frisbee's ancestor; "whale" 2: the animal). A kind is a
      claim about one class and is taken from any sense; a group is only a partial answer, so it
      must be the word's first use.
      Named individuals (instances: "Turner" the painter) are never a sense one looks for, and a
      sense in noun.person is a kind of person even where WordNet files it under another physical
      hypernym ("driver" 1: the operator of a motor vehicle, under causal agent; not "god").
   d. Remaining senses in the same lexicographer file as the deciding one add their classes
      ("bike" is a bicycle or a motorbike); when the
      deciding sense is one of WordNet's most general concepts (noun.Tops), all senses do:
      "food" is food.n.01 (nutrient: pizza) and food.n.02 (solid food: banana).
   e. The *other reading* is the first sense before the deciding one that is tagged at least once
      and would answer differently ("cab" 1: a driver's compartment), or a later sense that is a
      kind of a class when the lemma names no class. It is shown, never used.
   f. EXCEPTIONS overrides a few lemmas, each with its reason (at most 50): where WordNet's
      hierarchy is not how people speak ("vehicle"), where two literal readings compete in a photo
      ("cardinal": the bird or the bishop), and the words that mean every class ("object").
6. Slurs and insults are left out, so that they are never resolved nor suggested: senses whose
   gloss says so ("(ethnic slur) offensive term for ...") or whose usage domain (for the synset or
   that word of it) is an ethnic slur, disparagement or obscenity, and UNMARKED_INSULTS.
7. A lemma that names no class is still written (with no classes) when some sense of it is a kind
   of a class or a group, or when it is itself a plural whose singular names a class: "whale" is
   then answered as the animal it is, and "glasses" (spectacles) is not read as "glass".
8. So is a phrase (not a proper name) that the resolver would otherwise read by its words: one
   whose ending names a class ("house mouse" is a rodent, not a computer mouse; "prairie dog")
   or whose head before "of", "in", "on", ... does ("man-of-war" is a warship). One whose senses
   are all slurs is written with a withheld sense (`0:withheld:`), so that it blocks its words
   without being explained.

Output: a Swift file of raw string literals (they compile fast; large array or dictionary literals
would not): one `lemma<TAB>classes<TAB>sense<TAB>other reading<TAB>exception` line per lemma sorted by lemma
(lower case, spaces between words, classes in COCO order by their COCO names, `*` for every
class), the senses each polysemous lemma did not use and why (for `ground info --explain`), the
sense of each class, and noun.exc's irregular plurals as `plural<TAB>singular[,singular]` lines.
A sense is written `number:file:gloss` (its definition, without WordNet's quoted examples).
"""

import argparse
import collections
import hashlib
import os
import re
import sys

# The 80 COCO classes in index order, by their COCO names, read from the library's own table.
COCO_TABLE = os.path.join("Sources", "GroundingCore", "Query", "CocoClass.swift")


def coco_classes():
    """The COCO names of CocoClass.all, in index order (lines `id\\tname[\\tdarknet name]`)."""
    with open(COCO_TABLE, encoding="utf-8") as file:
        return re.findall(r"^\s*\d+\\t([^\\\n]+)", file.read(), re.MULTILINE)


# Class -> [(WordNet lemma, sense number, a word its gloss must contain)], checked by hand.
# "stop sign" has no synset in WordNet 3.0; it is found by its name only.
CLASS_SENSES = {
    "person": [("person", 1, "human being")],
    "bicycle": [("bicycle", 1, "pedals")],
    "car": [("car", 1, "motor vehicle")],
    "motorcycle": [("motorcycle", 1, "motor vehicle")],
    "airplane": [("airplane", 1, "aircraft")],
    "bus": [("bus", 1, "passengers")],
    "train": [("train", 1, "railway cars")],
    "truck": [("truck", 1, "hauling")],
    "boat": [("boat", 1, "vessel")],
    "traffic light": [("traffic_light", 1, "traffic")],
    "fire hydrant": [("fire_hydrant", 1, "hydrant")],
    "parking meter": [("parking_meter", 1, "parking")],
    "bench": [("bench", 1, "long seat")],
    "bird": [("bird", 1, "feathers")],
    "cat": [("cat", 1, "feline")],
    "dog": [("dog", 1, "Canis")],
    "horse": [("horse", 1, "hoofed")],
    "sheep": [("sheep", 1, "ruminant")],
    "cow": [("cattle", 1, "bovine")],
    "elephant": [("elephant", 1, "pachyderm")],
    "bear": [("bear", 1, "carnivorous")],
    "zebra": [("zebra", 1, "striped")],
    "giraffe": [("giraffe", 1, "neck")],
    "backpack": [("backpack", 1, "back")],
    "umbrella": [("umbrella", 1, "canopy")],
    "handbag": [("handbag", 1, "money")],
    "tie": [("necktie", 1, "neckwear")],
    "suitcase": [("suitcase", 1, "clothes")],
    "frisbee": [("frisbee", 1, "plastic")],
    "skis": [("ski", 1, "snow")],
    "snowboard": [("snowboard", 1, "snow")],
    "sports ball": [("ball", 1, "games")],
    "kite": [("kite", 3, "plaything")],
    "baseball bat": [("baseball_bat", 1, "baseball")],
    "baseball glove": [("baseball_glove", 1, "baseball")],
    "skateboard": [("skateboard", 1, "wheels")],
    "surfboard": [("surfboard", 1, "surf")],
    "tennis racket": [("tennis_racket", 1, "tennis")],
    "bottle": [("bottle", 1, "vessel")],
    "wine glass": [("wineglass", 1, "wine")],
    "cup": [("cup", 1, "drinking")],
    "fork": [("fork", 1, "cutlery")],
    "knife": [("knife", 1, "cutting")],
    "spoon": [("spoon", 1, "cutlery")],
    "bowl": [("bowl", 1, "vessel"), ("bowl", 3, "serving foods")],
    "banana": [("banana", 2, "fruit")],
    "apple": [("apple", 1, "fruit")],
    "sandwich": [("sandwich", 1, "bread")],
    "orange": [("orange", 1, "fruit")],
    "broccoli": [("broccoli", 2, "flower heads")],
    "carrot": [("carrot", 1, "root"), ("carrot", 3, "root")],
    "hot dog": [("hotdog", 2, "bun")],
    "pizza": [("pizza", 1, "pie")],
    "donut": [("doughnut", 2, "fried")],
    "cake": [("cake", 3, "baked goods")],
    "chair": [("chair", 1, "seat")],
    "couch": [("sofa", 1, "upholstered")],
    "potted plant": [("houseplant", 1, "indoors"), ("pot_plant", 1, "flowerpot")],
    "bed": [("bed", 1, "furniture")],
    "dining table": [("table", 2, "furniture"), ("table", 3, "meal")],
    "toilet": [("toilet", 2, "plumbing fixture")],
    "tv": [("television_receiver", 1, "television"), ("monitor", 4, "display"),
                  ("computer_monitor", 1, "computer screen")],
    "laptop": [("laptop", 1, "computer")],
    "mouse": [("mouse", 4, "cursor")],
    "remote": [("remote_control", 1, "distance")],
    "keyboard": [("computer_keyboard", 1, "computer"), ("keyboard", 1, "typewriter")],
    "cell phone": [("cellular_telephone", 1, "telephone")],
    "microwave": [("microwave", 2, "kitchen appliance")],
    "oven": [("oven", 1, "kitchen appliance")],
    "toaster": [("toaster", 2, "kitchen appliance")],
    "sink": [("sink", 1, "basin")],
    "refrigerator": [("refrigerator", 1, "food")],
    "book": [("book", 2, "pages"), ("book", 1, "pages")],
    "clock": [("clock", 1, "time")],
    "vase": [("vase", 1, "flowers")],
    "scissors": [("scissors", 1, "blades")],
    "teddy bear": [("teddy", 1, "toy bear")],
    "hair drier": [("hair_dryer", 1, "hair")],
    "toothbrush": [("toothbrush", 1, "teeth")],
}

MAX_ANCESTOR_CLASSES = 20
# Rule 5a: the lexicographer files of things one can see in a photo (noun.Tops is added for the
# synsets below physical_entity).
CONCRETE_FILES = {"05": "animal", "06": "artifact", "08": "body", "13": "food", "17": "object",
                  "18": "person", "20": "plant"}
PHYSICAL_ENTITY = ("physical_entity", 1, "physical existence")
FIGURATIVE_WHEN = {"person": {"animal", "food", "plant"}, "food": {"animal"}}
FIGURATIVE_TAGS = 2  # rule 5b: a person sense tagged more often than this and than the rest is literal  # rule 5b: person < animal, plant, food; food < animal
DEFINITION_LENGTH = 100  # characters of a gloss kept for display
# Rule 5g. lemma -> (classes: a list, "*" for every class, or None for the deciding sense's own;
# the deciding sense number; the other reading's sense number or None; why). At most 50.
EXCEPTIONS = {
    "vehicle": (["bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat"], 1, None,
                "WordNet files bus and train under public transport, not vehicle, and skateboards under "
                "wheeled vehicle; these eight are what people call vehicles"),
    "object": ("*", 1, None, "any object: every class, to be counted class-agnostically"),
    "thing": ("*", 12, None, "any thing: every class, to be counted class-agnostically"),
    "cardinal": (None, 4, 1, "the red bird and the bishop are both literal; the bird is the reading a "
                 "photo query can check, the bishop is reported"),
    "server": (None, 1, 3, "a waiter (person) or a computer; the waiter, with the computer reported"),
    "bat": (None, 1, 5, "the animal comes first; the baseball bat is reported"),
    "pie": ([], 1, None, "pizza is filed under pie, but a pie in a photo is not a pizza"),
    "text": ([], 1, 3, "the words of something written (all 53 tagged uses): writing in a photo, not a textbook"),
}
YOUNG_ANIMAL = ("young", 1)  # young.n.01 "any immature animal": rule 3 applies below it
TOPS = "03"  # the lexicographer file noun.Tops
PERSON_FILE = "18"  # noun.person
ANIMAL = ("animal", 1)  # animal.n.01: rule 3 links young animals only to animal classes
# The first phrase of a gloss ends at the first of these; its leading words listed below are not
# part of the head ("a young horse", "young of domestic cattle").
GLOSS_HEAD_STOPS = re.compile(
    r";|,|\(| that | which | who | e\.g\.| such as | especially | usually | without | in | of the | for ")
GLOSS_HEAD_SKIPPED = {"a", "an", "the", "very", "young", "of"}
OFFENSIVE_GLOSS = re.compile(r"slur\)|(offensive|disparaging|derogatory|obscene|vulgar) (term|name|word)")
OFFENSIVE_USAGES = [("ethnic_slur", 1, "slur"), ("disparagement", 1, "belittles"),
                    ("obscenity", 2, "indecent word")]
# Rule 6 for the few insults WordNet leaves unmarked, checked by hand against the generated table.
UNMARKED_INSULTS = {"bugger", "cocksucker", "cripple", "cunt", "dick", "fatso", "fucker", "homo",
                    "midget", "retard", "slut", "spastic", "tosser", "twat", "wanker", "whore"}
OUTPUT = os.path.join("Sources", "GroundingCore", "Query", "WordNetTable.swift")
DIGESTS = {
    "data.noun": "fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2",
    "index.noun": "a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04",
    "noun.exc": "2b5d675c380b39ecf595af9fa9d4e7feb1d58c643b0bff08c40ed5bfe41fab7a",
    "cntlist.rev": "a198580b8f705fa02797bba8b13e5cbe4a9f9f40cb1697e774c7fc6a5865b035",
}


class WordNet:
    """The noun part of a WordNet database: synsets, their hypernyms, and lemma senses."""

    def __init__(self, directory):
        self.hypernyms = {}  # offset -> [offset]
        self.words = {}  # offset -> its lemmas in lower case, in order
        self.usages = {}  # offset -> [(usage domain offset, word number or 0 for all words)]
        self.lexicographer_file = {}  # offset -> lexicographer file number (noun.food, ...)
        self.gloss = {}  # offset -> gloss text
        self.instances = set()  # offsets of named individuals ("Turner: English landscape painter")
        for line in self._lines(directory, "data.noun"):
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            offset, word_count = fields[0], int(fields[3], 16)
            at = 4 + 2 * word_count
            pointers, usages = [], []
            for _ in range(int(fields[at])):
                symbol, target, pos = fields[at + 1], fields[at + 2], fields[at + 3]
                if symbol == "@" and pos == "n":
                    pointers.append(target)
                elif symbol == "@i":
                    self.instances.add(offset)
                elif symbol == ";u":  # the usage domain (ethnic slur, slang, ...) of a word or all
                    usages.append((target, int(fields[at + 4][:2], 16)))
                at += 4
            self.hypernyms[offset] = pointers
            self.usages[offset] = usages
            self.words[offset] = [fields[4 + 2 * n].lower() for n in range(word_count)]
            self.lexicographer_file[offset] = fields[1]
            self.gloss[offset] = gloss.strip()
        self.senses = {}  # lemma -> [offset] in frequency order
        for line in self._lines(directory, "index.noun"):
            fields = line.split()
            self.senses[fields[0]] = fields[-int(fields[2]):]
        self.irregular_plurals = {}  # plural -> [singular]
        for line in self._lines(directory, "noun.exc"):
            fields = line.split()
            self.irregular_plurals[fields[0]] = fields[1:]
        self.tags = {}  # (lemma, sense number) -> how often SemCor tagged that sense
        for line in self._lines(directory, "cntlist.rev"):
            key, number, count = line.split()
            lemma, _, sense_key = key.partition("%")
            if sense_key.startswith("1:"):  # nouns
                self.tags[(lemma, int(number))] = int(count)

    @staticmethod
    def _lines(directory, name):
        path = os.path.join(directory, name)
        with open(path, "rb") as file:
            data = file.read()
        digest = hashlib.sha256(data).hexdigest()
        if digest != DIGESTS[name]:
            print(f"warning: {path} has sha256 {digest}, not the WordNet 3.0 file this script "
                  "was checked against; review the output", file=sys.stderr)
        return [line for line in data.decode("utf-8").splitlines() if not line.startswith("  ")]

    def sense(self, lemma, number, gloss_word):
        offsets = self.senses.get(lemma, [])
        if number > len(offsets) or gloss_word not in self.gloss[offsets[number - 1]]:
            sys.exit(f"error: {lemma} sense {number} is not the one whose gloss mentions "
                     f"{gloss_word!r}; fix CLASS_SENSES")
        return offsets[number - 1]


def offensive_senses(wordnet):
    """Rule 6: the (lemma, synset) pairs that are slurs or insults."""
    domains = {wordnet.sense(*usage) for usage in OFFENSIVE_USAGES}
    result = set()
    for offset, words in wordnet.words.items():
        marked = {number for domain, number in wordnet.usages[offset] if domain in domains}
        for number, word in enumerate(words, 1):
            if (OFFENSIVE_GLOSS.search(wordnet.gloss[offset]) or marked & {0, number}
                    or word in UNMARKED_INSULTS):
                result.add((word, offset))
    return result


def class_of_synset(wordnet):
    """Offset of each hand-checked class synset -> the class name."""
    result = {}
    for name, senses in CLASS_SENSES.items():
        for lemma, number, gloss_word in senses:
            result[wordnet.sense(lemma, number, gloss_word)] = name
    return result


def reached_classes(wordnet, class_synsets, extra_hypernyms):
    """Offset -> the nearest classes in its hypernym closure (breadth first), for every synset."""
    def nearest(offset):
        frontier, seen = [offset], {offset}
        while frontier:
            found = {class_synsets[o] for o in frontier if o in class_synsets}
            if found:
                return found
            step = []
            for o in frontier:
                for parent in wordnet.hypernyms[o] + extra_hypernyms.get(o, []):
                    if parent not in seen:
                        seen.add(parent)
                        step.append(parent)
            frontier = step
        return set()

    return {offset: nearest(offset) for offset in wordnet.hypernyms}


def young_animal_hypernyms(wordnet, class_synsets, reached):
    """Rule 3: an extra hypernym, read from the gloss head, for young animals that reach nothing."""
    young = wordnet.sense(*YOUNG_ANIMAL, "immature animal")
    animal = wordnet.sense(*ANIMAL, "living organism")
    children = collections.defaultdict(list)
    for offset, parents in wordnet.hypernyms.items():
        for parent in parents:
            children[parent].append(offset)
    below_young, stack = set(), [young]
    while stack:
        for child in children[stack.pop()]:
            if child not in below_young:
                below_young.add(child)
                stack.append(child)
    synset_of_class = {}
    for offset, name in sorted(class_synsets.items()):
        synset_of_class.setdefault(name, offset)
    animal_classes = {name for name, offset in synset_of_class.items()
                      if animal in closure(wordnet, offset)}
    extra = {}
    for offset in sorted(below_young):
        if reached[offset]:
            continue
        words = GLOSS_HEAD_STOPS.split(wordnet.gloss[offset])[0].split()
        while words and words[0] in GLOSS_HEAD_SKIPPED:
            words = words[1:]
        # The head of "domestic cat" is its longest lemma that ends at the last word.
        for start in range(len(words)):
            classes = next((reached[sense] for sense in wordnet.senses.get("_".join(words[start:]), [])
                            if reached[sense] and reached[sense] <= animal_classes), None)
            if classes:
                extra[offset] = [synset_of_class[name] for name in sorted(classes)]
                break
    return extra


def closure(wordnet, offset):
    """The synset and all its hypernyms."""
    seen, stack = {offset}, [offset]
    while stack:
        for parent in wordnet.hypernyms[stack.pop()]:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def is_concrete(wordnet, offset, physical):
    """Rule 5a: a synset of something one can see."""
    file = wordnet.lexicographer_file[offset]
    return file in CONCRETE_FILES or (file == TOPS and physical in closure(wordnet, offset))


def is_someone(wordnet, offset, physical):
    """Rule 5c: a noun.person synset for a kind of physical being, wherever WordNet files it
    ("driver" under causal agent; not gods, which are beliefs, nor named individuals)."""
    return (wordnet.lexicographer_file[offset] == PERSON_FILE and offset not in wordnet.instances
            and physical in closure(wordnet, offset))


def group_classes(wordnet, class_synsets, physical):
    """Offset -> every class below it, for concrete proper ancestors of class synsets (rule 4)."""
    below = collections.defaultdict(set)
    for start, name in class_synsets.items():
        for offset in closure(wordnet, start) - {start}:
            below[offset].add(name)
    return {o: names for o, names in below.items()
            if o not in class_synsets and len(names) <= MAX_ANCESTOR_CLASSES
            and is_concrete(wordnet, o, physical)}


def file_name(wordnet, offset):
    """The lexicographer file of a synset without its `noun.` prefix: "animal", "Tops"."""
    file = wordnet.lexicographer_file[offset]
    return CONCRETE_FILES.get(file) or LEXICOGRAPHER_FILES[int(file) - int(TOPS)]


LEXICOGRAPHER_FILES = ("Tops act animal artifact attribute body cognition communication event feeling "
                       "food group location motive object person phenomenon plant possession process "
                       "quantity relation shape state substance time").split()


class Sense:
    """One sense of a lemma and what it would find."""

    def __init__(self, number, offset, file, tags, kind_of, group, concrete):
        self.number, self.offset, self.file, self.tags = number, offset, file, tags
        self.kind_of = kind_of  # rule 2/3: the classes it is a kind of
        self.group = group  # rule 4: the classes below it
        self.concrete = concrete
        self.verdict = None  # why it was not used, for --explain

    @property
    def classes(self):
        return self.kind_of or self.group


def decide(lemma, senses, wordnet):
    """Rule 5: (classes or "*", deciding sense, other reading) for one lemma's senses, each
    unused sense getting its verdict; None when no sense finds or is anything to look for."""
    def tags(files):
        return sum(sense.tags for sense in senses if sense.file in files)

    files = {sense.file for sense in senses}
    candidates = []
    for sense in senses:
        literal = FIGURATIVE_WHEN.get(sense.file, set()) & files
        if sense.offset in wordnet.instances:
            sense.verdict = "instance"
        elif literal and (sense.file != "person" or tags({"person"}) <= FIGURATIVE_TAGS
                        or tags({"person"}) < tags(literal)):
            sense.verdict = "figurative"
        elif not (sense.concrete or sense.kind_of):
            sense.verdict = "abstract"
        elif sense.file == "person" and any(earlier.file != "person" for earlier in senses[:senses.index(sense)]):
            sense.verdict = "derived"  # rule 5b: "hand" 2 (a hired hand) is not what "hand" 1 shows
        else:
            candidates.append(sense)
    if lemma in EXCEPTIONS:
        classes, number, other_number, _ = EXCEPTIONS[lemma]
        deciding = next(sense for sense in senses if sense.number == number)
        other = next((sense for sense in senses if sense.number == other_number), None)
        chosen = set(deciding.classes) if classes is None else classes
        for sense in senses:
            if sense is not deciding and sense is not other:
                sense.verdict = sense.verdict or "curated"
        deciding.verdict = "used"
        if other:
            other.verdict = "other"
        return chosen, deciding, other
    if not candidates:
        return None
    kind = next((sense for sense in candidates if sense.kind_of), None)
    group = next((sense for sense in candidates if sense.group), None)
    untagged_before_group = group and all(sense.tags == 0 for sense in candidates if sense.number < group.number)
    if group and untagged_before_group and (not kind or group.number < kind.number):
        deciding = group
    else:
        deciding = kind or candidates[0]
    chosen = set()
    if deciding.classes:
        for sense in candidates:
            if sense.classes and (sense is deciding or TOPS == wordnet.lexicographer_file[deciding.offset]
                                  or sense.file == deciding.file):
                chosen |= sense.classes
                sense.verdict = "also"
    deciding.verdict = "used"
    earlier = [sense for sense in candidates if sense.number < deciding.number and sense.tags > 0
               and sense.classes != deciding.classes and sense.verdict != "also"]
    later = [sense for sense in candidates if sense.number > deciding.number and sense.kind_of
             and not chosen]
    other = (earlier + later or [None])[0]
    if other:
        other.verdict = "other"
    for sense in senses:
        sense.verdict = sense.verdict or ("later" if sense.number > deciding.number else "outranked")
    return chosen, deciding, other


def build_table(wordnet, classes):
    """Lemma (spaces between words) -> (classes in COCO order or "*", deciding sense, other reading,
    [every sense]) by rules 1-7."""
    class_synsets = class_of_synset(wordnet)
    extra = {}
    while True:  # rule 3 until nothing new: a gloss head may itself be a young animal
        reached = reached_classes(wordnet, class_synsets, extra)
        more = young_animal_hypernyms(wordnet, class_synsets, reached)
        if not more:
            break
        extra.update(more)
    physical = wordnet.sense(*PHYSICAL_ENTITY)
    groups = group_classes(wordnet, class_synsets, physical)
    offensive = offensive_senses(wordnet)
    order = {name: index for index, name in enumerate(classes)}
    table = {}
    for lemma, offsets in wordnet.senses.items():
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        reached[offset] or ({"person"} if is_someone(wordnet, offset, physical) else set()),
                        groups.get(offset, set()), is_concrete(wordnet, offset, physical))
                  for number, offset in enumerate(offsets, 1) if (lemma, offset) not in offensive]
        if not any(sense.classes for sense in senses) and lemma not in EXCEPTIONS:
            continue
        decision = decide(lemma, senses, wordnet)
        if decision is None:
            continue
        chosen, deciding, other = decision
        if chosen != "*":
            chosen = sorted(chosen, key=order.__getitem__)
        table[lemma.replace("_", " ")] = (chosen, deciding, other, senses)
    # Rule 7: a plural that is a lemma of its own ("glasses") is not read as its singular.
    for lemma, offsets in wordnet.senses.items():
        name = lemma.replace("_", " ")
        if name in table or not any(table.get(singular, ([],))[0] for singular in regular_singulars(name)):
            continue
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        set(), set(), is_concrete(wordnet, offset, physical))
                  for number, offset in enumerate(offsets, 1) if (lemma, offset) not in offensive]
        decision = decide(lemma, senses, wordnet)
        if decision:
            table[name] = decision + (senses,)
    # Rule 8: so is a phrase whose ending or head would otherwise be read as a class name.
    named = {name for name, entry in table.items() if entry[0]} | set(classes)
    for lemma, offsets in wordnet.senses.items():
        name = lemma.replace("_", " ")
        words = name.replace("-", " ").split()
        if name in table or len(words) < 2 or all(offset in wordnet.instances for offset in offsets):
            continue
        spaced = " ".join(words)
        head = re.split(r" (?:of|in|on|with|at|for|to|from) ", spaced)[0]
        if not (head != spaced and head in named
                or any(" ".join(words[start:]) in named for start in range(1, len(words)))):
            continue
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        set(), set(), True)
                  for number, offset in enumerate(offsets, 1)
                  if (lemma, offset) not in offensive and offset not in wordnet.instances]
        # A lemma with only offensive senses blocks its words without saying what it means.
        sense = senses[0] if senses else Sense(0, None, "withheld", 0, set(), set(), True)
        for other in senses[1:]:
            other.verdict = "later"
        sense.verdict = "used"
        table[name] = ([], sense, None, senses)
    return table


def regular_singulars(word):
    """The singulars the resolver tries for a regular English plural (EnglishPlural.swift)."""
    result = []
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("ves", "fe"), ("men", "man"), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 1 and word.endswith(suffix):
            if suffix == "s" and (word.endswith("ss") or word.endswith("us")):
                continue
            result.append(word[:-len(suffix)] + replacement)
    return result


def definition(gloss):
    """A gloss's first definition, without WordNet's quoted examples and further clauses, in at
    most DEFINITION_LENGTH characters: "a fierce or audacious person; \"he's a tiger...\"" ->
    "a fierce or audacious person"."""
    text = gloss.split(";")[0].split(' "')[0].strip().replace("\t", " ")
    if len(text) > DEFINITION_LENGTH:
        text = text[:DEFINITION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def sense_field(wordnet, sense, order=None, with_definition=True):
    """`number:file:definition`, or `number:file:classes:definition` given the class order."""
    classes = "" if order is None else ",".join(sorted(sense.classes, key=order.__getitem__)) + ":"
    text = definition(wordnet.gloss[sense.offset]) if with_definition and sense.offset else ""
    return f"{sense.number}:{sense.file}:{classes}{text}"


def swift_source(wordnet, table, class_lines, classes):
    """The generated Swift file."""
    order = {name: index for index, name in enumerate(classes)}
    lemma_lines, sense_lines = [], []
    for lemma, (classes, deciding, other, senses) in sorted(table.items()):
        other_field = sense_field(wordnet, other, order) if other else ""
        classes_field = "*" if classes == "*" else ",".join(classes)
        exception = EXCEPTIONS.get(lemma.replace(" ", "_"), (None,) * 4)[3] or ""
        lemma_lines.append(f"{lemma}\t{classes_field}\t{sense_field(wordnet, deciding)}\t{other_field}\t{exception}")
        for sense in senses:
            if sense is not deciding and sense is not other and len(senses) > 1:
                # An abstract sense is only named: its gloss would add bulk, not insight.
                sense_lines.append(f"{lemma}\t{sense.verdict}\t"
                                   f"{sense_field(wordnet, sense, order, sense.verdict != 'abstract')}")
    plural_lines = [f"{plural.replace('_', ' ')}\t{','.join(s.replace('_', ' ') for s in singulars)}"
                    for plural, singulars in sorted(wordnet.irregular_plurals.items())]
    literals = {"lemmaLines": lemma_lines, "unusedSenseLines": sense_lines, "classSenseLines": class_lines,
                "irregularPluralLines": plural_lines}
    for line in lemma_lines + sense_lines + class_lines + plural_lines:
        if '"#' in line or "\\" in line:
            sys.exit(f"error: {line!r} would break the raw string literal")
    digests = "\n".join(f"//   {name:<11} sha256 {digest}" for name, digest in DIGESTS.items())
    text = {name: "\n".join(lines) for name, lines in literals.items()}
    return f"""\
// Generated by scripts/generate_wordnet_table.py from WordNet 3.0 (Debian wordnet-base):
{digests}
// Do not edit; change the script and run it again. {len(lemma_lines)} lemmas, \
{sum(len(t.encode()) for t in text.values())} bytes of tables.

/// WordNet 3.0 nouns that name COCO classes (or that look like they do and do not), and WordNet's
/// irregular plurals, as text parsed once on first use (see WordNetTable+Lookup.swift; the rules are
/// in the generator's header). A sense is written `number:file:definition`.
package enum WordNetTable {{
    /// One `lemma<TAB>classes<TAB>sense<TAB>other reading<TAB>exception` line per lemma, sorted by
    /// lemma: classes by COCO name (none: the lemma names no class; `*`: every class), the sense
    /// that decided, the other reading (`number:file:classes:definition`) or nothing, and why a
    /// curated exception decided, if one did.
    static let lemmaLines = #\"\"\"
{text["lemmaLines"]}
\"\"\"#

    /// The senses of those lemmas that were not used: `lemma<TAB>verdict<TAB>number:file:classes:definition`.
    static let unusedSenseLines = #\"\"\"
{text["unusedSenseLines"]}
\"\"\"#

    /// The hand-checked sense of each class (CLASS_SENSES): `class<TAB>lemma<TAB>sense`.
    static let classSenseLines = #\"\"\"
{text["classSenseLines"]}
\"\"\"#

    /// WordNet's irregular noun plurals (noun.exc), one `plural<TAB>singular[,singular]` line each.
    static let irregularPluralLines = #\"\"\"
{text["irregularPluralLines"]}
\"\"\"#
}}
"""


def class_sense_lines(wordnet):
    """`class<TAB>lemma<TAB>sense` for the first hand-checked sense of each class."""
    lines = []
    for name, senses in CLASS_SENSES.items():
        lemma, number, gloss_word = senses[0]
        offset = wordnet.sense(lemma, number, gloss_word)
        sense = Sense(number, offset, file_name(wordnet, offset), 0, set(), set(), True)
        lines.append(f"{name}\t{lemma.replace('_', ' ')}\t{sense_field(wordnet, sense)}")
    return sorted(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder")
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    arguments = parser.parse_args()
    classes = coco_classes()
    if len(classes) != 80 or set(classes) != set(CLASS_SENSES) | {"stop sign"}:
        sys.exit(f"error: {COCO_TABLE} and CLASS_SENSES disagree on the 80 classes")
    if len(EXCEPTIONS) > 50:
        sys.exit("error: EXCEPTIONS is meant to stay small (at most 50 entries)")
    wordnet = WordNet(arguments.wordnet)
    table = build_table(wordnet, classes)
    source = swift_source(wordnet, table, class_sense_lines(wordnet), classes)
    if arguments.check:
        with open(OUTPUT, encoding="utf-8") as file:
            if file.read() != source:
                sys.exit(f"error: {OUTPUT} is stale; run {sys.argv[0]}")
        return
    with open(OUTPUT, "w", encoding="utf-8") as file:
        file.write(source)
    print(f"wrote {OUTPUT}: {len(table)} lemmas", file=sys.stderr)


if __name__ == "__main__":
    main()
