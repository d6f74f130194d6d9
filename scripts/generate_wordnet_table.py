#!/usr/bin/env python3
"""Generates Sources/Grounding/Query/WordNetTable.swift: which COCO class each English noun names.

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
   toy, mouse the computer mouse, tie the necktie, orange the fruit, diningtable any table that is
   furniture, cow all cattle. Each entry names the sense by number and quotes a word of its gloss;
   the script stops if WordNet disagrees, so a different WordNet cannot silently shift a sense.
2. A synset *reaches* a class when the class's synset is in its hypernym closure (any depth); it
   reaches the nearest such class (several if tied). Instance hypernyms are not followed, so
   proper names (instances) reach nothing: a photo query names a kind of thing, and instance senses would
   capture common words ("burger" is first Warren Burger, "lamb" Charles Lamb).
3. Young animals are filed under `young_mammal` / `young_bird`, not under their species (a kitten
   is not a cat in WordNet). For those synsets only (the hyponyms of young.n.01, "any immature
   animal"), the head noun of the gloss's first phrase names the species: "young domestic cat" ->
   cat, "a young horse" -> horse, "young of domestic cattle" -> cow, "a bird that is still young"
   -> bird, "a karakul lamb" -> (lamb ->) sheep. The head must reach an animal class ("a young
   wolf" adds nothing: no sense of "wolf" is an animal the detector knows). Repeated until no
   new link appears, so "lamb" is known before "a very young lamb" is read.
4. A synset that is a proper *ancestor* of class synsets ("animal", "fruit", "furniture") names all
   the classes under it, unless there are more than MAX_ANCESTOR_CLASSES of them ("object",
   "artifact"): a name that general says nothing about what to look for.
5. A lemma's senses are tried in WordNet's frequency order (the order of index.noun); the first
   sense that reaches a class (rule 2 or 3) or is an ancestor of classes (rule 4) decides. So
   "lorry" (1: a horse-drawn wagon, 2: a truck) is a truck, and "cab" (1: a driver's compartment,
   3: a taxi) is a car. Senses in the same lexicographer file as the deciding one add their
   classes too ("bike" is a bicycle or a motorbike); when the deciding sense is one of WordNet's
   most general concepts (noun.Tops), all senses do: "food" is food.n.01 (nutrient: pizza) and
   food.n.02 (solid food: banana).
   One exception: a sense that reaches `person` counts only as a lemma's first sense. WordNet files
   countless figurative senses under person ("rat": an informer, "mug": a gullible person,
   "toaster": someone who proposes a toast), while a photo query means the literal thing.
   Some quirks remain, for example "stool" (4: a toilet) is a toilet.
6. Slurs and insults are left out, so that they are never resolved nor suggested: senses whose
   gloss says so ("(ethnic slur) offensive term for ...") or whose usage domain (for the synset or
   that word of it) is an ethnic slur, disparagement or obscenity, and UNMARKED_INSULTS.

Output: a Swift file with one raw string literal of `lemma<TAB>class[,class]` lines sorted by
lemma (lower case, spaces between words, classes in COCO order), plus noun.exc's irregular plurals
as `plural<TAB>singular[,singular]` lines. String literals compile fast; large array or dictionary
literals would not.
"""

import argparse
import collections
import hashlib
import os
import re
import sys

# The detector's classes in Darknet spelling (coco.names), in index order.
COCO_CLASSES = [
    "person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "sofa", "pottedplant", "bed",
    "diningtable", "toilet", "tvmonitor", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
]

# Class -> [(WordNet lemma, sense number, a word its gloss must contain)], checked by hand.
# "stop sign" has no synset in WordNet 3.0; it is found by its name only.
CLASS_SENSES = {
    "person": [("person", 1, "human being")],
    "bicycle": [("bicycle", 1, "pedals")],
    "car": [("car", 1, "motor vehicle")],
    "motorbike": [("motorcycle", 1, "motor vehicle")],
    "aeroplane": [("airplane", 1, "aircraft")],
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
    "sofa": [("sofa", 1, "upholstered")],
    "pottedplant": [("houseplant", 1, "indoors"), ("pot_plant", 1, "flowerpot")],
    "bed": [("bed", 1, "furniture")],
    "diningtable": [("table", 2, "furniture"), ("table", 3, "meal")],
    "toilet": [("toilet", 2, "plumbing fixture")],
    "tvmonitor": [("television_receiver", 1, "television"), ("monitor", 4, "display"),
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
YOUNG_ANIMAL = ("young", 1)  # young.n.01 "any immature animal": rule 3 applies below it
TOPS = "03"  # the lexicographer file noun.Tops
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
OUTPUT = os.path.join("Sources", "Grounding", "Query", "WordNetTable.swift")
DIGESTS = {
    "data.noun": "fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2",
    "index.noun": "a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04",
    "noun.exc": "2b5d675c380b39ecf595af9fa9d4e7feb1d58c643b0bff08c40ed5bfe41fab7a",
}


class WordNet:
    """The noun part of a WordNet database: synsets, their hypernyms, and lemma senses."""

    def __init__(self, directory):
        self.hypernyms = {}  # offset -> [offset]
        self.words = {}  # offset -> its lemmas in lower case, in order
        self.usages = {}  # offset -> [(usage domain offset, word number or 0 for all words)]
        self.lexicographer_file = {}  # offset -> lexicographer file number (noun.food, ...)
        self.gloss = {}  # offset -> gloss text
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


def ancestor_classes(wordnet, class_synsets):
    """Offset -> every class below it, for proper ancestors of class synsets (rule 4)."""
    below = collections.defaultdict(set)
    for start, name in class_synsets.items():
        for offset in closure(wordnet, start) - {start}:
            below[offset].add(name)
    return {o: names for o, names in below.items()
            if o not in class_synsets and len(names) <= MAX_ANCESTOR_CLASSES}


def build_table(wordnet):
    """Lemma (spaces between words) -> the classes it names, in COCO order (rules 1-6)."""
    class_synsets = class_of_synset(wordnet)
    extra = {}
    while True:  # rule 3 until nothing new: a gloss head may itself be a young animal
        reached = reached_classes(wordnet, class_synsets, extra)
        more = young_animal_hypernyms(wordnet, class_synsets, reached)
        if not more:
            break
        extra.update(more)
    ancestors = ancestor_classes(wordnet, class_synsets)
    offensive = offensive_senses(wordnet)
    order = {name: index for index, name in enumerate(COCO_CLASSES)}
    table = {}
    for lemma, offsets in wordnet.senses.items():
        classes_of_sense = [set() if (lemma, offset) in offensive
                            else reached[offset] or ancestors.get(offset, set()) for offset in offsets]
        # Rule 5's exception: only a first sense may lead to a person.
        for number in range(1, len(offsets)):
            if "person" in classes_of_sense[number]:
                classes_of_sense[number] = set()
        deciding = next((n for n, classes in enumerate(classes_of_sense) if classes), None)
        if deciding is None:
            continue
        domain = wordnet.lexicographer_file[offsets[deciding]]
        classes = set().union(*(classes for offset, classes in zip(offsets, classes_of_sense)
                                if domain in (TOPS, wordnet.lexicographer_file[offset])))
        table[lemma.replace("_", " ")] = sorted(classes, key=order.__getitem__)
    return table


def swift_source(table, irregular_plurals):
    """The generated Swift file."""
    lemma_lines = [f"{lemma}\t{','.join(classes)}" for lemma, classes in sorted(table.items())]
    plural_lines = [f"{plural.replace('_', ' ')}\t{','.join(s.replace('_', ' ') for s in singulars)}"
                    for plural, singulars in sorted(irregular_plurals.items())]
    lemma_text = "\n".join(lemma_lines)
    for line in lemma_lines + plural_lines:
        if '"#' in line or "\\" in line:
            sys.exit(f"error: {line!r} would break the raw string literal")
    digests = "\n".join(f"//   {name:<10} sha256 {digest}" for name, digest in DIGESTS.items())
    return f"""\
// Generated by scripts/generate_wordnet_table.py from WordNet 3.0 (Debian wordnet-base):
{digests}
// Do not edit; change the script and run it again. {len(lemma_lines)} lemmas, \
{len(lemma_text.encode())} bytes of table.

/// WordNet 3.0 nouns that name COCO classes, and WordNet's irregular plurals, as text parsed once
/// on first use (see WordNetTable+Lookup.swift; the rules are in the generator's header).
package enum WordNetTable {{
    /// One `lemma<TAB>class[,class]` line per WordNet noun that names a COCO class, sorted by lemma.
    static let lemmaLines = #\"\"\"
{lemma_text}
\"\"\"#

    /// WordNet's irregular noun plurals (noun.exc), one `plural<TAB>singular[,singular]` line each.
    static let irregularPluralLines = #\"\"\"
{chr(10).join(plural_lines)}
\"\"\"#
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder")
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    arguments = parser.parse_args()
    wordnet = WordNet(arguments.wordnet)
    table = build_table(wordnet)
    source = swift_source(table, wordnet.irregular_plurals)
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
