#!/usr/bin/env python3
"""Generates Sources/GroundingCore/Query/WordNetTable.swift: which model's class each English noun names.

Run from the repository root (needs only Python 3 and Debian's `wordnet-base`):

    python3 scripts/generate_wordnet_table.py            # writes the Swift file
    python3 scripts/generate_wordnet_table.py --check    # fails if the committed file is stale
                                                         # (QueryTableTests runs it)

Its input is the models' vocabularies, one JSON file each in scripts/vocabularies (override with
--vocabularies DIR), read in file-name order: coco.json (YOLOv4-tiny's 80 COCO classes), face.json
and hand.json (MediaPipe's face and palm detectors). Each gives the vocabulary's name, the Swift
source that declares the model's class names (checked: the file's classes must be those, in that
order), its classes with their hand-checked senses, and `no_synset`: the classes WordNet has no
synset for, with why ("stop sign", found by its name only):

    {"vocabulary": "face", "model": "...", "class_names": "Sources/.../MediaPipeFaceDetector.swift",
     "no_synset": {}, "classes": {"face": [{"lemma": "face", "sense": 1, "gloss": "front of the human head"}]}}

All vocabularies are mapped at once, so a lemma has one reading whichever models are loaded:
"visage" (1: the human face) is a kind of face, found by the face model, and a COCO model knows
it means a face and finds nothing. A class name may belong to one vocabulary only (the table and
the Swift resolvers name classes by name; the script stops on a clash), and the table records each
class's vocabulary.

It reads WordNet 3.0 from /usr/share/wordnet (override with --wordnet DIR). The committed table was
generated from Debian wordnet-base 1:3.0-37, whose files have these sha256 digests:

    data.noun   fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2
    index.noun  a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04
    noun.exc    2b5d675c380b39ecf595af9fa9d4e7feb1d58c643b0bff08c40ed5bfe41fab7a

How a lemma is mapped (the Swift resolver documents the same rules):

1. Every class is tied to one or more hand-checked synsets (its vocabulary file): kite is the
   toy, mouse the computer mouse, tie the necktie, orange the fruit and the mandarin (COCO labels
   tangerines as oranges; WordNet files them beside the orange), dining table any table that is
   furniture, cow all cattle, face the front of the human head (not an animal's), hand the human
   hand (not an ape's). Each entry names the sense by number and quotes a word of its gloss;
   the script stops if WordNet disagrees, so a different WordNet cannot silently shift a sense.
   b. A vocabulary's optional `not_kinds` names, per class, synsets WordNet files below the
      class's that the model's class is not, each with why: COCO's cat is the house cat, not the
      wildcats (lynx, cougar); its cake is not a cookie, a pancake (nor a tortilla, filed under
      it) or a waffle; its giraffe is not the okapi. Nothing below them reaches the class.
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
   b. A *group of things* is a noun.group synset whose members (WordNet's member meronyms, not
      inherited) are kinds of classes, groups of classes or someone: a flock's birds, a herd's
      cattle and sheep, an audience's listeners and spectators (persons), a fleet's ships, cars
      and aircraft. A lemma that names no class by rule 5 names its members' classes when its
      first use is such a group (only group senses before it), and no sense of it is a thing one
      can see; every sense of it that is such a group adds its members ("flock": birds, sheep).
      Asked how many in the flock, a person counts the birds; "church" (1: the Christians,
      2: the building), "staff" (4: a stick) and "detail" (1: a fact) keep their reading.
   c. A kind of people collectively (people 1, "any group of human beings") that names no
      members of its own, nor lies below a group that does, has people as its members: "business
      people", "the elderly", "the public", "the wounded". WordNet lists no member for them, as it
      does for a team's or an audience's; a club, a family or a couple is no kind of people, and
      the elite's or the folk's kinds keep their reading (members are not inherited).
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
      ("soldier" is not the ant, "adult" not the animal), or a person named for a sport or for
      exploring (a kind of athlete or explorer: "diver" 1 and 2, who work or dive underwater, are
      no figure of the diving bird, 3; nor "batter" 1 of the cook's batter); a food sense loses to an animal sense
      (the meat is named after the animal: "chicken" 1 is its flesh, 2 the bird); and a person
      sense counts only when no sense of another file comes before it: WordNet files countless
      derived senses under person ("hand" 2: a hired hand, "failure" 2: a person who fails,
      "toaster" 1 is someone who proposes a toast, but only because it comes first).
   c. In WordNet's frequency order (index.noun), the first remaining group decides when no
      remaining sense before it was ever tagged (cntlist.rev) and no kind of a class comes before
      it ("appliance" 1: a contrivance, never tagged, 2: home appliances); otherwise the first
      remaining sense that is a kind of a class decides, unless a remaining sense before it was
      tagged more often than it ("lorry" 1: a horse-drawn wagon, never tagged, 2: a truck, is a
      truck; "wheel" 1: the machine, tagged 12 times, is not 7: a bicycle, never tagged, nor "pen"
      1: the writing implement 5: a female swan, nor "can" 1: the tin 5: a toilet); with neither,
      the first remaining sense decides and the lemma names no class ("plate" 1: home plate,
      tagged 6 times, before 2: a sheet of metal, frisbee's ancestor, and EXCEPTIONS then reads
      it as 4: the dish; "whale" 2: the animal;
      "wheel"). A kind is a claim about one class and may come from a later sense, but not over a
      reading people use more: a wrong sense gives a confident wrong count, a word left unread
      gives an error that says what it was read as and what to ask for instead. A group is only
      a partial answer, so it must be the word's first use.
      Named individuals (instances: "Turner" the painter) are never a sense one looks for, and a
      sense in noun.person is a kind of person even where WordNet files it under another physical
      hypernym ("driver" 1: the operator of a motor vehicle, under causal agent; not "god").
   d. Remaining senses in the same lexicographer file as the deciding one add their classes
      ("bike" is a bicycle or a motorbike), if they were ever tagged or the deciding sense never
      was: a reading nobody used does not join one people use ("convertible" 1: the car, tagged
      twice, not 3: a sofa bed; "throne" 1: the chair of state, not 3: a toilet; "board" 3: a
      flat piece of material, not 6: a table at which meals are served). When the
      deciding sense is one of WordNet's most general concepts (noun.Tops), all senses do:
      "food" is food.n.01 (nutrient: pizza) and food.n.02 (solid food: banana).
   e. The *other reading* is the first sense before the deciding one that is tagged at least once
      and would answer differently ("cab" 1: a driver's compartment), or a later sense that is a
      kind of a class, or whose classes are all its direct kinds, when the lemma names no class
      ("wheel" 7: a bicycle; "seat" 3: furniture for sitting on, a bench, chair or couch; not
      "sheet" 6, a flat artifact, whose surfboards lie further down), or, when the deciding
      sense was never tagged, a later never-tagged sense of another lexicographer file that does
      not name its classes: WordNet's order alone chose between them ("trawler" 1: a fisherman,
      2: a fishing boat, a boat; "printer" 1: a person, 2: the machine, no class), or, when a
      person decided, a later sense tagged at least once that is a thing one uses (below
      instrumentality: a tool, vessel, machine or vehicle) and names no class: "speaker" 2, the
      loudspeaker; "pitcher" 2, the jug; "ruler" 2, the measuring stick. A photo shows those
      things as often as the people WordNet's texts tell of, so an answer counting people says
      what else the word means. It is shown, never used.
   g. Where that guess is a person and the other reading a thing made ("calculator" 1: an expert
      at calculation, 2: the machine; "router", "printer", "trawler", "stroller"), where an animal
      that is a kind of a class decided, never tagged, before a never-tagged animal of another
      species that names no class (one WordNet gives a genus: "hog" 2, a yearling sheep, and 3,
      domestic swine; that sense is then the other reading), or where a kind
      of a class decided, never tagged, after a never-tagged sense of another lexicographer file
      ("jersey" 3: a shirt, 5: the cattle; "cardigan", "chestnut", "nutcracker", "rook"; that
      sense is then the other reading; a plant before its food is one thing), the lemma is
      written as a guess (its classes field starts with `?`): the resolver counts neither reading
      unless the words said before the name pick one ("fishing trawlers"), and otherwise answers
      with both. WordNet files a person under nearly every agent noun, and a photo query for
      calculators or jerseys that counted people or cows would be a confident wrong count; an
      error that names both readings costs one more question. ("lorry" 1, a horse-drawn wagon,
      and 2, the truck, are both things made: the truck decides.)
   f. EXCEPTIONS overrides a few lemmas, each with its reason (at most 50): where WordNet's
      hierarchy is not how people speak ("vehicle"), where two literal readings compete in a photo
      ("cardinal": the bird or the bishop), the words that mean every class ("object"), and words
      whose informal sense is a hand or a face but whose photo meaning is not ("paw", "right", "mug").
   h. A lemma that names no class is read as the living thing (a kind of organism, in noun.animal
      or noun.plant) it names when every sense before that one is something named after it or
      nothing a photo shows, and none of them was tagged more often (living_reading): a person
      (5b's figures), an animal's flesh, a substance whose definition names it. "donkey" is the
      animal, not 1: the symbol of the Democratic Party; "leopard" not 1: its pelt; "trout" not
      1: its flesh. A thing made keeps its place ("drill" 1: the tool, "seal" 1: a fastener), and
      so does a substance that does not name it ("rust" 1: the oxide). It changes what an error
      says a name means, never a count: such a lemma names no class in any reading used.
   i. A sense whose synset spells the lemma only in capitals (an initialism: RAM, VAT, DOE) is
      not what the word means in lower case when another sense spells it so: "rams" are male
      sheep, not 1: random-access memory; "vats" are vessels, not 1: a value-added tax. Queries
      are read in lower case, and the capitals are how WordNet tells the two words apart.
6. Slurs and insults are left out, so that they are never resolved nor suggested: senses whose
   gloss says so ("(ethnic slur) offensive term for ...") or whose usage domain (for the synset or
   that word of it) is an ethnic slur, disparagement or obscenity, and UNMARKED_INSULTS.
7. A lemma that names no class is still written (with no classes) when some sense of it is a kind
   of a class or a group, or when it is itself a plural whose singular names a class: "whale" is
   then answered as the animal it is, and "glasses" (spectacles) is not read as "glass", nor
   "dive" (a plunge, a cheap nightclub) as noun.exc's plural of "diva".
8. So is a phrase (not a proper name) that the resolver would otherwise read by its words: one
   whose ending names a class ("house mouse" is a rodent, not a computer mouse; "prairie dog")
   or whose head before "of", "in", "on", ... does ("man-of-war" is a warship). One whose senses
   are all slurs is written with a withheld sense (`0:withheld:`), so that it blocks its words
   without being explained.
   b. So is a phrase whose ending names a class among the resolver's common words
      (ClassSynonyms.swift: "plant", "mug", "cooker"), or whose words before one ending in -ing or
      -ed (which the resolver may take for a participle), or their ending, name one, in WordNet or
      there, when WordNet's first reading of the phrase is no kind of that class: "chemical plant" is a factory, not a
      potted plant; "pressure cooker" a pot, not an oven; "zebra crossing" a street crossing, not
      zebras crossing; "electric frying pan" no electric car; "american flying squirrel" no American. A phrase that is such a kind is left to its
      words ("coffee mug" is a mug, so a cup; "steam locomotive" a train): its first reading
      reaches the class, or is (or is below) a synset spelled with one of the class's common
      words, and a word marked more general than its class (">plant") counts only in the sense
      above the class ("tomato plant" is a plant, "steel plant" a factory).
9. So is every other noun people use (a sense tagged at least once in cntlist.rev, "tree",
   "building"; or a single word that WordNet's own glosses use, itself or with an -s, at least
   COMMON_IN_GLOSSES times, "coin", "snow"; or a single word that names an animal or plant in
   some sense, "jaguar", "moose", "wombat", which would otherwise get spelling suggestions such as
   "magyar → person" or "mouse", unless it ends with a name of a class: names are matched without
   their spaces, and "red horse" is a horse, not "redhorse", a fish), read in its first sense (or
   by rule 5h) and naming no class, without its other senses (the table stays small): asked for,
   it is answered with what it means ("a tall perennial woody plant"), not with look-alike class
   names ("tree": cree → person), and the resolver can tell a noun that ends like a participle
   from one ("building" is a thing one can see; "walking" is an act, so "people walking" are
   people).
   b. A plural that is a word of its own only in a sense no photo shows ("shoes" 1: a particular
      situation, "windows" 1: the operating system) is left out when its singular is in the
      table as a thing one can see ("shoe", "window"): asked for, it is read as that thing's
      plural. Words ending in -ics ("physics", "optics") are names of fields, not plurals.
   c. So is every other single word WordNet has as a noun, however rarely used ("puddle",
      "caw"), marked rare (`~` for its classes) unless it names an animal or a plant: asked for,
      a word spelled right is answered with what it means, not taken for a slip and given
      look-alike names ("puddles": puddler -> person). A rare word may still be a slip, so the
      resolver offers the class names and common words for them one edit from it ("caw": car,
      cat, cow), never other rare words.
   d. So is the name of an animal or a plant of several words, tagged or not, whose last word
      is in the table naming no class and is no common word for one ("sea lion", "sea turtle",
      "komodo dragon"): the resolver would otherwise read it by that word alone, and say that
      "sea turtles" were read as "a sweater", "sea lion pups" as the young of the big cat. Not
      one whose key (without spaces and hyphens) another lemma shares ("marsh mallow",
      "marshmallow"), nor one ending in a word that finds a class ("air plant", "sea bird").
   e. A single word for a living thing that ends in a name that finds a class ("bobcat",
      "redhorse", "dormouse") is not in the table, so that "red horse" keeps its key; it is listed
      apart, so that the resolver does not read it as two words written as one ("bob cats").
   f. A word of rule 9 that the resolver reads as a class by another rule, a common word for it
      (ClassSynonyms.swift) or an alias a model's vocabulary gives (`aliases: [...]` in its
      class_names source), keeps its later senses: "palm" is the MediaPipe hand model's word for
      a hand, and WordNet's third "palm" is the tree, which the answer names as the other reading.

10. The words in at least COMMON_GLOSS_WORD of WordNet's noun glosses ("small", "large", "used",
   "person") are listed too. The resolver lets the words said before an ambiguous name pick the
   reading whose definition holds them ("baby strollers": the vehicle "in which a baby ... is
   pushed"); words this common are in both readings' kind of definition by chance ("small kites"
   are not the "small graceful hawks"), so they pick nothing.

11. A lemma whose deciding sense is a kind of its classes below their own synsets ("pony", "sedan",
   "woman", "warship": not "horse", "automobile" or "car") is marked: the model finds the class,
   not the kind, so its count is of every object of the class, and the answer says so. A group of
   classes ("animal", "feline") and a group of things counted by its members are not kinds.
12. A lemma whose deciding sense is more general than its classes is marked too: a group of
   classes (rule 4: "animal", "fruit", "jar", whose one class is the vase) or a curated word for
   some kinds of things (EXCEPTIONS with classes of their own: "vehicle", "pet", "utensil", and
   "wildlife", a group, unlike the groups whose people are what they are: "crowd", "army"). The
   model finds only the kinds it has classes for, so a jam jar or a hamster is not counted, and
   the answer says so: "0 jars" would otherwise read as a fact about the jars. A class's own
   sense ("cattle" is the cow's), a kind, a group of things counted by its members ("flock") and
   the words for every class are not marked.
13. A sense of a lemma that names classes which is a part of a thing one can see (WordNet's part
   holonym: a clock's hand, a racket's grip) or a member of a thing made (a train's cars), and
   which finds other classes than the deciding sense (mostly none), is listed with the words for
   that thing, its kinds and what it is a kind of (`part_wholes`). Said before the name, they
   mean that sense: "train cars" are railway cars, not automobiles; "clock hands" no hands;
   "bathroom thrones" toilets. Meat is no part here (a "mallard duck" is the bird), and a word for
   the deciding sense or its kinds keeps it ("taxi cabs" are taxis).

Output: a Swift file of raw string literals (they compile fast; large array or dictionary literals
would not): one `lemma<TAB>classes<TAB>sense<TAB>other reading<TAB>exception` line per lemma sorted by lemma
(lower case, spaces between words, classes by name in vocabulary and class order, `*` for every
class, `~` for a rare word of rule 9c, `?` before the classes of a guess, rule 5g, `<` before those of a kind of a class that is not
the class itself, rule 11, `>` before those of a name more general than its classes, rule 12, both also in the other reading and the senses not used), the senses each polysemous lemma did not use and why (for `ground info --explain`), the parts of rule 13 (`lemma<TAB>sense number<TAB>whole,whole,...`), the
sense and vocabulary of each class (`class<TAB>vocabulary<TAB>lemma<TAB>sense`), and noun.exc's
irregular plurals as `plural<TAB>singular[,singular]` lines.
A sense is written `number:file:gloss` (its definition, without WordNet's quoted examples).
"""

import argparse
import collections
import hashlib
import json
import os
import re
import sys

# The vocabularies, one JSON file each, read in file-name order (see load_vocabularies).
VOCABULARIES = os.path.join("scripts", "vocabularies")
# The resolver's hand-made common words for the COCO classes (rule 8b reads them).
CLASS_SYNONYMS = os.path.join("Sources", "GroundingCore", "Query", "ClassSynonyms.swift")
# A vocabulary's class names are checked against the Swift source its file names: CocoClass's
# table lines (`id\tname[\tdarknet name]`), or a detector's `Vocabulary([.init(id: 0, name: "face"...`.
SWIFT_TABLE_NAME = re.compile(r"^\s*\d+\\t([^\\\n]+)", re.MULTILINE)
SWIFT_ENTRY_NAME = re.compile(r'\.init\(id: \d+, name: "([^"]+)"')
SWIFT_ALIASES = re.compile(r'aliases: \[([^\]]*)\]')
PERSON = "person"  # rule 5c: the class every kind of physical being is filed under, when present


class Vocabulary:
    """One model's classes, each with its hand-checked WordNet senses (rule 1)."""

    def __init__(self, path):
        def fail(message):
            sys.exit(f"error: {path}: {message}")

        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
        except (OSError, ValueError) as error:
            fail(f"cannot read it as JSON ({error})")
        if not isinstance(data, dict) or not {"vocabulary", "class_names", "no_synset", "classes"} <= set(data):
            fail('needs "vocabulary", "class_names", "no_synset" and "classes" (see scripts/vocabularies/coco.json)')
        self.path, self.name = path, data["vocabulary"]
        self.no_synset = data["no_synset"]
        self.senses = {}  # class -> [(WordNet lemma, sense number, a word its gloss must contain)]
        for name, senses in data["classes"].items():
            if not isinstance(senses, list) or not all(
                    isinstance(sense, dict) and set(sense) == {"lemma", "sense", "gloss"}
                    and isinstance(sense["sense"], int) and sense["sense"] >= 1 for sense in senses):
                fail(f'class "{name}": give a list of {{"lemma", "sense": number from 1, "gloss"}} objects')
            if not senses and name not in self.no_synset:
                fail(f'class "{name}" has no sense; list it under "no_synset" with the reason')
            self.senses[name] = [(sense["lemma"], sense["sense"], sense["gloss"]) for sense in senses]
        self.not_kinds = []  # [(lemma, sense number, gloss word)]: rule 1b
        for name, senses in data.get("not_kinds", {}).items():
            if name not in self.senses:
                fail(f'"not_kinds" names "{name}", which is not one of its classes')
            if not isinstance(senses, list) or not all(
                    isinstance(sense, dict) and set(sense) == {"lemma", "sense", "gloss", "why"}
                    and isinstance(sense["sense"], int) and sense["sense"] >= 1 for sense in senses):
                fail(f'"not_kinds" of "{name}": give a list of {{"lemma", "sense", "gloss", "why"}} objects')
            self.not_kinds += [(sense["lemma"], sense["sense"], sense["gloss"]) for sense in senses]
        # The classes must be the model's own, in its order: a table for other names finds nothing.
        source = data["class_names"]
        try:
            with open(source, encoding="utf-8") as file:
                text = file.read()
        except OSError as error:
            fail(f"cannot read its class_names source {source} ({error})")
        declared = SWIFT_TABLE_NAME.findall(text) or SWIFT_ENTRY_NAME.findall(text)
        if declared != list(self.senses):
            fail(f"its classes {list(self.senses)} are not the classes {source} declares, {declared}")
        # Rule 9f: the other words the model's resolver reads as its classes ("palm", a hand).
        self.aliases = {word.lower() for listed in SWIFT_ALIASES.findall(text) for word in re.findall(r'"([^"]+)"', listed)}


def class_senses(vocabularies):
    """Class -> its hand-checked senses, over every vocabulary."""
    return {name: senses for vocabulary in vocabularies for name, senses in vocabulary.senses.items()}


def load_vocabularies(directory):
    """Every `*.json` vocabulary in `directory`, in file-name order. A class name may be in only one
    of them: the table names classes by name, and every model's resolver matches them by name."""
    try:
        names = sorted(name for name in os.listdir(directory) if name.endswith(".json"))
    except OSError as error:
        sys.exit(f"error: cannot list the vocabularies in {directory} ({error}); pass --vocabularies DIR")
    if not names:
        sys.exit(f"error: {directory} holds no vocabulary (*.json); pass --vocabularies DIR")
    vocabularies = [Vocabulary(os.path.join(directory, name)) for name in names]
    owner = {}
    for vocabulary in vocabularies:
        for name in vocabulary.senses:
            if name in owner:
                sys.exit(f'error: class "{name}" is in both {owner[name].path} and {vocabulary.path}; '
                         "the table names classes by name, so a name may belong to one vocabulary only")
            owner[name] = vocabulary
    return vocabularies


MAX_ANCESTOR_CLASSES = 20
# Rule 5a: the lexicographer files of things one can see in a photo (noun.Tops is added for the
# synsets below physical_entity).
CONCRETE_FILES = {"05": "animal", "06": "artifact", "08": "body", "13": "food", "17": "object",
                  "18": "person", "20": "plant"}
PHYSICAL_ENTITY = ("physical_entity", 1, "physical existence")
# Rule 4c: people collectively, the group whose kinds are people too ("business people", "the elderly").
PEOPLE = ("people", 1, "human beings")
ORGANISM = ("organism", 1, "living thing")  # rule 5h: a whole animal or plant, not a part of one
INSTRUMENTALITY = ("instrumentality", 3, "instrumental")  # rule 5e: a thing one uses, shown beside a person
FIGURATIVE_WHEN = {"person": {"animal", "food", "plant"}, "food": {"animal"}}
ACTIVE_PEOPLE = (("athlete", 1, "sports"), ("explorer", 1, "little known regions"))  # rule 5b
FIGURATIVE_TAGS = 2  # rule 5b: a person sense tagged more often than this and than the rest is literal  # rule 5b: person < animal, plant, food; food < animal
COMMON_GLOSS_WORD = 500  # rule 10: in this many glosses a word says nothing of which reading is meant ("heavy": 277)
COMMON_IN_GLOSSES = 5  # rule 9: a word in this many glosses is common ("coin" is in 95, never tagged)
DEFINITION_LENGTH = 100  # characters of a gloss kept for display
# Rule 5g. lemma -> (classes: a list, "*" for every class, or None for the deciding sense's own;
# the deciding sense number; the other reading's sense number or None; why). At most 50.
# The COCO classes people call devices, gadgets or electronics (rule 5g's "device" and its kin).
ELECTRONICS = ["tv", "laptop", "mouse", "remote", "keyboard", "cell phone"]
EXCEPTIONS = {
    "vehicle": (["bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat"], 1, None,
                "WordNet files bus and train under public transport, not vehicle, and skateboards under "
                "wheeled vehicle; these eight are what people call vehicles"),
    "motor_vehicle": (["car", "motorcycle", "bus", "truck"], 1, None,
                      "WordNet files the bus under public transport, not motor vehicle; a bus is one"),
    "wheeled_vehicle": (["bicycle", "car", "motorcycle", "bus", "train", "truck", "skateboard"], 1, None,
                        "WordNet files the bus under public transport, not wheeled vehicle; a bus is one"),
    "object": ("*", 1, None, "any object: every class, to be counted class-agnostically"),
    "thing": ("*", 12, None, "any thing: every class, to be counted class-agnostically"),
    "cardinal": (None, 4, 1, "the red bird and the bishop are both literal; the bird is the reading a "
                 "photo query can check, the bishop is reported"),
    "crane": (None, 5, 4, "the bird and the lifting machine (sense 4, never tagged) are both literal; the bird "
              "is a class, the machine is reported"),
    "server": (None, 1, 3, "a waiter (person) or a computer; the waiter, with the computer reported"),
    "commuter": (None, 2, 1, "someone who travels to work every day, whom a photo of a platform or a rush hour shows; "
                 "SemCor's 1960s texts tagged the commuter train (sense 1) more often, which is reported"),
    "coach": (None, 1, 5, "a sports coach (tagged 20 times) or, in a street photo, a bus (sense 5, never tagged); "
              "the coach, with the bus reported"),
    "bat": (None, 1, 5, "the animal comes first; the baseball bat is reported"),
    "glove": (["baseball glove"], 2, None, "the handwear (sense 2) is what a photo's gloves are; WordNet's baseball texts "
                                           "put the fielder's glove first, and it is the one kind the model finds"),
    "boxer": (None, 4, 1, "the dog and the fighter are both literal (the fighter, tagged once, is no figure of the dog's "
                          "name); the dog is counted and the fighter, a person, is reported"),
    "builder": (None, 3, None, "someone who builds is what a photo of a building site shows; the detergent additive "
                               "(sense 1) is tagged 11 times in technical texts, the builders never"),
    "cab": (None, 3, 1, "the taxi is what a street photo shows; the driver's compartment (sense 1, tagged more "
            "often) is part of a truck or a locomotive, and is reported"),
    "pie": ([], 1, None, "pizza is filed under pie, but a pie in a photo is not a pizza"),
    "packet": ([], 3, 4, "a photo's packets are small packages (sense 3); WordNet's order alone, neither sense ever "
                         "tagged, puts the boat for carrying mail (sense 4, a kind of boat) after them, and it is reported"),
    "plate": ([], 4, None, "the dish is what a photo shows (\"plates of food\"); home plate, sense 1, is tagged "
              "more often (6 against 3) in WordNet's baseball-rich corpus, and neither is a class"),
    "text": ([], 1, 3, "the words of something written (all 53 tagged uses): writing in a photo, not a textbook"),
    "water_glass": ([], 2, 4, "a glass for drinking water is what a table shows; with no sense tagged, WordNet's "
                               "order alone put the water clock (sense 4) first of the senses that name a class"),
    "charger": ([], 2, 1, "a device that charges batteries is what a photo of chargers shows; the war horse "
                          "(sense 1, \"formerly\", tagged 3 times in older texts) is reported"),
    "lighter": ([], 2, 3, "the device for lighting fires is what a photo of lighters shows; with no sense tagged, "
                          "WordNet's order alone put the barge (sense 3) first of the senses that name a class"),
    # Words whose only seeable sense used to be no class, until the hand and face vocabularies
    # made an informal or rare sense of theirs a kind of hand or face.
    "left": (None, 1, 3, "a side of the photo (\"the dog on the left\"), the word's main use; the left hand is reported"),
    "right": (None, 2, 5, "a side of the photo (\"the cup on the right\"); the right hand is reported"),
    "paw": (None, 1, 2, "an animal's foot, which no model finds; a human hand (informal) is reported"),
    "mitt": (None, 2, 1, "the baseball mitt (a class); a hand (informal) is reported"),
    "mug": (None, 4, 3, "the drinking mug (the synonyms read it as a cup); a face (informal) is reported"),
    "hooks": ([], 1, None, "said of a photo, more than one hook; \"large strong hands\" is slang"),
    "container": (["backpack", "handbag", "suitcase", "bottle", "wine glass", "cup", "bowl", "vase"], 1, None,
                  "WordNet files wheeled vehicles under container too (they carry things) and spoons (they hold "
                  "a little); these eight are what people call containers"),
    # Everyday words for kinds of things, whose WordNet concepts hold other classes than people mean.
    "device": (ELECTRONICS, 1, None,
               "what people call devices are electronics; WordNet's device also holds frisbees, skis and "
               "parking meters, and files phones elsewhere"),
    "electronic_device": (ELECTRONICS, 1, None,
                          "WordNet files only the screen and the mouse under it; laptops, keyboards, remotes "
                          "and phones are the electronics people mean"),
    "gadget": (ELECTRONICS, 1, None,
               "WordNet's gadget holds no class; people mean electronics"),
    "utensil": (["fork", "knife", "spoon"], 1, None,
                "WordNet files cutlery under tableware, not utensil; at a table these are the utensils"),
    "cutlery": (["fork", "knife", "spoon"], 2, None,
                "the knives, forks and spoons of a table (sense 2); with neither sense tagged, sense 1, any tool "
                "for cutting, would add scissors, which nobody calls cutlery"),
    "silverware": (["fork", "knife", "spoon"], 1, None,
                   "what Americans call cutlery; WordNet files no kind under it"),
    "sports_equipment": (["sports ball", "baseball bat", "baseball glove", "tennis racket", "skis", "snowboard",
                          "surfboard", "skateboard", "frisbee"], 1, None,
                         "WordNet files balls, rackets and boards under game equipment or elsewhere; these "
                         "are what people call sports equipment"),
    "poster": ([], 1, 3, "a notice on a wall; WordNet files it under communication, so its never-tagged sense 3, "
               "a post horse, was read as a horse, which is reported"),
    # Everyday words for kinds of animals under which WordNet files none, or only one, of the classes.
    "domestic_animal": (["cat", "dog", "horse", "sheep", "cow"], 1, None,
                        "WordNet files only the dog under it (the house cat under cat, cattle, sheep and horses "
                        "elsewhere); these are the domestic animals a photo shows"),
    "domesticated_animal": (["cat", "dog", "horse", "sheep", "cow"], 1, None,
                            "WordNet's domestic animal, which files only the dog under it; these are the "
                            "domestic animals a photo shows"),
    "pet": (["cat", "dog"], 1, None, "an animal kept for companionship; WordNet files no kind under it, and the "
            "pets a photo shows are cats and dogs"),
    "wildlife": (["bird", "elephant", "bear", "zebra", "giraffe"], 1, None,
                 "undomesticated animals; WordNet files no kind under it, and of the classes these are the "
                 "wild ones (cats, dogs, horses, sheep and cattle are the domestic animals)"),
    "livestock": (["horse", "sheep", "cow"], 1, None, "animals kept for use or profit; WordNet files no kind under "
                  "it, and the livestock a photo shows are cattle, sheep and horses"),
    "farm_animal": (["horse", "sheep", "cow"], 1, None, "WordNet's livestock, which files no kind under it; the "
                    "farm animals a photo shows are cattle, sheep and horses"),
    # Groups of people WordNet lists no members for (rule 4b): in a photo they are its people.
    "crowd": (["person"], 1, None, "a large number of things or people; a crowd in a photo is people"),
    "troops": (["person"], 1, None, "soldiers collectively; WordNet lists no members for it"),
    "family": (["person"], 2, None, "the parents and children of a family photo; its person sense 5, a "
               "relative, comes after abstract senses and would not decide"),
    "army": (["person"], 1, None, "its soldiers; WordNet lists no members for the land forces"),
    "orchestra": (["person"], 1, 2, "its musicians; the seating on a theatre's main floor (sense 2) is reported"),
    # Words WordNet lists first as a ship (a kind of boat since watercraft, vessel.n.02, is the boat class).
    "tin_can": ([], 2, 1, "the metal container; \"informal term for a destroyer\" (sense 1) is reported"),
    "nautilus": ([], 2, 1, "the sea animal a photo shows; the nuclear submarine (sense 1) is reported"),
}
YOUNG_ANIMAL = ("young", 1)  # young.n.01 "any immature animal": rule 3 applies below it
TOPS = "03"  # the lexicographer file noun.Tops
PERSON_FILE = "18"  # noun.person
GROUP_FILE = "14"  # noun.group: rule 4b
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
        self.members = {}  # offset -> [offset]: its member meronyms (a flock's birds)
        self.member_of = {}  # offset -> [offset]: its member holonyms (a species' genus)
        self.part_of = {}  # offset -> [offset]: its part holonyms (a clock's hand: the timepiece)
        self.words = {}  # offset -> its lemmas in lower case, in order
        self.spellings = {}  # offset -> its lemmas as WordNet writes them ("RAM"), in order
        self.usages = {}  # offset -> [(usage domain offset, word number or 0 for all words)]
        self.lexicographer_file = {}  # offset -> lexicographer file number (noun.food, ...)
        self.gloss = {}  # offset -> gloss text
        self.instances = set()  # offsets of named individuals ("Turner: English landscape painter")
        for line in self._lines(directory, "data.noun"):
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            offset, word_count = fields[0], int(fields[3], 16)
            at = 4 + 2 * word_count
            pointers, members, member_of, part_of, usages = [], [], [], [], []
            for _ in range(int(fields[at])):
                symbol, target, pos = fields[at + 1], fields[at + 2], fields[at + 3]
                if symbol == "@" and pos == "n":
                    pointers.append(target)
                elif symbol == "%m" and pos == "n":
                    members.append(target)
                elif symbol == "#m" and pos == "n":
                    member_of.append(target)
                elif symbol == "#p" and pos == "n":
                    part_of.append(target)
                elif symbol == "@i":
                    self.instances.add(offset)
                elif symbol == ";u":  # the usage domain (ethnic slur, slang, ...) of a word or all
                    usages.append((target, int(fields[at + 4][:2], 16)))
                at += 4
            self.hypernyms[offset] = pointers
            self.members[offset] = members
            self.member_of[offset] = member_of
            self.part_of[offset] = part_of
            self.usages[offset] = usages
            self.spellings[offset] = [fields[4 + 2 * n] for n in range(word_count)]
            self.words[offset] = [word.lower() for word in self.spellings[offset]]
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
                     f"{gloss_word!r}; fix the vocabulary that names it")
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


def class_of_synset(wordnet, vocabularies):
    """Offset of each hand-checked class synset -> the class name."""
    result = {}
    for name, senses in class_senses(vocabularies).items():
        for lemma, number, gloss_word in senses:
            result[wordnet.sense(lemma, number, gloss_word)] = name
    return result


def not_kind_synsets(wordnet, vocabularies):
    """Offsets of the synsets below a class synset that are not that class (rule 1b)."""
    return {wordnet.sense(*sense) for vocabulary in vocabularies for sense in vocabulary.not_kinds}


def reached_classes(wordnet, class_synsets, extra_hypernyms, not_kinds=frozenset()):
    """Offset -> the nearest classes in its hypernym closure (breadth first), for every synset;
    a path through a synset of `not_kinds` reaches nothing."""
    def nearest(offset):
        if offset in not_kinds:
            return set()
        frontier, seen = [offset], {offset}
        while frontier:
            found = {class_synsets[o] for o in frontier if o in class_synsets}
            if found:
                return found
            step = []
            for o in frontier:
                for parent in wordnet.hypernyms[o] + extra_hypernyms.get(o, []):
                    if parent not in seen and parent not in not_kinds:
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


def class_synonyms(path=CLASS_SYNONYMS):
    """ClassSynonyms.swift's words: class -> {word: True when marked `>`, more general than it}."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as error:
        sys.exit(f"error: cannot read the resolver's common words {path} ({error})")
    block = re.search(r'static let lines = """\n(.*?)"""', text, re.S)
    if not block:
        sys.exit(f"error: {path} has no `static let lines = \"\"\"` table")
    words = {}
    for line in block.group(1).strip().splitlines():
        name, _, listed = line.partition(":")
        words[name.strip()] = {word.strip().lstrip(">").lower(): word.strip().startswith(">")
                               for word in listed.split(",")}
    return words


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


def is_initialism(wordnet, lemma, offset, offsets):
    """Rule 5i: whether the synset at `offset` spells `lemma` only in capitals ("RAM") while
    another of the lemma's `offsets` that is not a named individual spells it otherwise."""
    def capitals(at):
        spelled = [word for word in wordnet.spellings[at] if word.lower() == lemma]
        return bool(spelled) and all(word.isupper() for word in spelled)
    return capitals(offset) and any(not capitals(other) for other in offsets
                                    if other != offset and other not in wordnet.instances)


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


def member_classes(wordnet, reached, groups, physical, has_person):
    """Rule 4b: offset -> the classes a noun.group synset's members are (a flock of birds: bird),
    for the groups whose members (WordNet's member meronyms) are kinds of classes, groups of
    classes, or someone. Members are not inherited: a remuda is a herd, of horses, not of cattle.
    Rule 4c: but a kind of people collectively (people 1, "any group of human beings") that
    names no members of its own, nor has a group above it that does, is people too ("business
    people", "the elderly", "the public"); a club, a team or a family is no kind of it, and keeps
    its reading."""
    def classes_of(member):
        return (reached[member] or groups.get(member, set())
                or ({PERSON} if has_person and is_someone(wordnet, member, physical) else set()))

    people = wordnet.sense(*PEOPLE) if has_person else None

    def is_kind_of_people(offset):
        """Below people by groups that name no members of their own: the kinds of a group that
        does (the elite's technocrats, the folk's plebeians) are not its members either."""
        parents = wordnet.hypernyms[offset]
        return people in parents or any(not wordnet.members[parent] and is_kind_of_people(parent) for parent in parents)

    result = {}
    for offset, file in wordnet.lexicographer_file.items():
        if file == GROUP_FILE and offset not in wordnet.instances:
            names = set().union(*(classes_of(member) for member in wordnet.members[offset]))
            if not names and people is not None and is_kind_of_people(offset):
                names = {PERSON}
            if names:
                result[offset] = names
    return result


def file_name(wordnet, offset):
    """The lexicographer file of a synset without its `noun.` prefix: "animal", "Tops"."""
    file = wordnet.lexicographer_file[offset]
    return CONCRETE_FILES.get(file) or LEXICOGRAPHER_FILES[int(file) - int(TOPS)]


LEXICOGRAPHER_FILES = ("Tops act animal artifact attribute body cognition communication event feeling "
                       "food group location motive object person phenomenon plant possession process "
                       "quantity relation shape state substance time").split()


class Sense:
    """One sense of a lemma and what it would find."""

    def __init__(self, number, offset, file, tags, kind_of, group, concrete, members=frozenset(), parent=False):
        self.number, self.offset, self.file, self.tags = number, offset, file, tags
        self.kind_of = kind_of  # rule 2/3: the classes it is a kind of
        self.group = group  # rule 4: the classes below it
        self.parent = parent  # rule 5e: a group whose every class is one of its direct kinds
        self.members = members  # rule 4b: the classes its members are (a group of things)
        self.concrete = concrete
        self.verdict = None  # why it was not used, for --explain

    @property
    def classes(self):
        return self.kind_of or self.group or self.members


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
        elif is_initialism(wordnet, lemma, sense.offset, [other.offset for other in senses]):
            sense.verdict = "initialism"  # rule 5i: "ram" 1 is RAM
        elif literal and (sense.file != "person" or tags({"person"}) <= FIGURATIVE_TAGS
                        or tags({"person"}) < tags(literal)) and not is_active(wordnet, sense):
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
    if kind and any(sense.tags > kind.tags for sense in candidates if sense.number < kind.number):
        kind = None  # rule 5c: a rarer later sense does not decide ("wheel" 7, a bicycle)
    group = next((sense for sense in candidates if sense.group), None)
    untagged_before_group = group and all(sense.tags == 0 for sense in candidates if sense.number < group.number)
    if group and untagged_before_group and (not kind or group.number < kind.number):
        deciding = group
    else:
        deciding = kind or living_reading(wordnet, lemma, candidates) or candidates[0]
    chosen = set()
    if deciding.classes:
        for sense in candidates:
            if sense.classes and (sense is deciding or TOPS == wordnet.lexicographer_file[deciding.offset]
                                  or sense.file == deciding.file and (sense.tags > 0 or deciding.tags == 0)):
                chosen |= sense.classes
                sense.verdict = "also"
    deciding.verdict = "used"
    earlier = [sense for sense in candidates if sense.number < deciding.number and sense.tags > 0
               and sense.classes != deciding.classes and sense.verdict != "also"]
    later = [sense for sense in candidates if sense.number > deciding.number and (sense.kind_of or sense.parent)
             and not chosen]
    # A never-tagged reading that decided over a later, never-tagged one of another kind, or of
    # another species, is a guess between them: the later one is shown ("trawler" 1: a fisherman,
    # 2: a fishing boat; "hog" 2: a yearling sheep, 3: domestic swine).
    untagged = [sense for sense in candidates if sense.number > deciding.number and sense.tags == 0
                and (sense.file != deciding.file or is_other_species(wordnet, deciding, sense))
                and not sense.classes & chosen] if deciding.tags == 0 and chosen else []
    # Rule 5g: a kind of a class that only WordNet's order put after a never-tagged thing of
    # another kind is a guess between them ("jersey" 3: a shirt, 5: the cattle).
    outranked = [sense for sense in candidates if sense.number < deciding.number and sense.tags == 0
                 and sense.file != deciding.file and not (sense.file == "plant" and deciding.file == "food")
                 ] if deciding.tags == 0 and deciding.kind_of else []
    # A thing one uses that WordNet has seen the word name, after the person that decided
    # ("speaker" 2: a loudspeaker), is what a photo query may mean as well.
    used_thing = [sense for sense in candidates if deciding.file == "person" and sense.number > deciding.number
                  and sense.tags > 0 and not sense.classes
                  and wordnet.sense(*INSTRUMENTALITY) in closure(wordnet, sense.offset)]
    other = (earlier + later + untagged + outranked + used_thing or [None])[0]
    if other:
        other.verdict = "other"
    for sense in senses:
        sense.verdict = sense.verdict or ("later" if sense.number > deciding.number else "outranked")
    return chosen, deciding, other


def is_organism(wordnet, sense):
    """Rule 5h: whether a sense is a whole living thing, an animal or a plant (not a part of one)."""
    return sense.file in ("animal", "plant") and wordnet.sense(*ORGANISM) in closure(wordnet, sense.offset)


def living_reading(wordnet, lemma, senses):
    """Rule 5h: for a lemma that names no class, its first sense that is a living thing (a kind of
    organism) when every sense before it is something named after it, or nothing a photo shows,
    and none of those was tagged more often. Named after it: a person (rule 5b's figures), an
    animal's flesh as food, a substance whose definition names it ("the pelt of a leopard", "the
    fur of the North American racoon"). So "donkey" is the animal, not "the symbol of the
    Democratic Party"; "drill" stays the tool (a thing made keeps WordNet's order) and "rust" the
    oxide (its definition names no fungus). None otherwise."""
    living = next((index for index, sense in enumerate(senses) if is_organism(wordnet, sense)), None)
    if living is None:
        return None
    names = {word.replace("_", " ") for word in wordnet.words[senses[living].offset]} | {lemma.replace("_", " ")}
    names_it = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b", re.IGNORECASE)

    def named_after(sense):
        return (sense.file == "person" or sense.file == "food" and senses[living].file == "animal"
                or sense.file == "substance" and names_it.search(definition(wordnet.gloss[sense.offset])))

    # Substances are not concrete (rule 5a), but one named after the living thing may come first.
    if any((sense.concrete or sense.file == "substance") and not named_after(sense)
           or sense.tags > senses[living].tags for sense in senses[:living]):
        return None
    return senses[living]


def decide_by_members(senses):
    """Rule 4b: for a lemma that names no class by rule 5, (classes, deciding sense, None) when
    its first use is a group of things of classes: the first sense with members comes after
    group senses only ("flock" 1: a congregation, 2: a group of birds), and every group sense
    with members adds them ("flock" 5: of sheep), and no sense is a thing one can see ("church" 2:
    the building, "staff" 4: a stick). None otherwise ("detail" 4: a crew of workers, after 1: an
    isolated fact); then its senses with members get the verdict "group" (not counted) instead
    of "abstract"."""
    first = next((index for index, sense in enumerate(senses) if sense.members), None)
    if first is None:
        return None
    if any(sense.file != "group" for sense in senses[:first]) or any(sense.concrete or sense.kind_of for sense in senses):
        for sense in senses:
            if sense.members and sense.verdict == "abstract":
                sense.verdict = "group"
        return None
    deciding = senses[first]
    chosen = set()
    for sense in senses:
        if sense.members:
            chosen |= sense.members
            sense.verdict = "used" if sense is deciding else "also"
        elif sense.verdict in ("used", "also", "other"):
            sense.verdict = "later" if sense.number > deciding.number else "outranked"
    return chosen, deciding, None


def build_table(wordnet, vocabularies):
    """Lemma (spaces between words) -> (classes in vocabulary order or "*", deciding sense, other
    reading, [every sense]) by rules 1-9, and the rare words of rule 9c."""
    classes = [name for vocabulary in vocabularies for name in vocabulary.senses]
    class_synsets = class_of_synset(wordnet, vocabularies)
    not_kinds = not_kind_synsets(wordnet, vocabularies)
    extra = {}
    while True:  # rule 3 until nothing new: a gloss head may itself be a young animal
        reached = reached_classes(wordnet, class_synsets, extra, not_kinds)
        more = young_animal_hypernyms(wordnet, class_synsets, reached)
        if not more:
            break
        extra.update(more)
    physical = wordnet.sense(*PHYSICAL_ENTITY)
    groups = group_classes(wordnet, class_synsets, physical)
    offensive = offensive_senses(wordnet)
    order = {name: index for index, name in enumerate(classes)}
    members = member_classes(wordnet, reached, groups, physical, PERSON in order)
    # Rule 5e: the classes each synset is the direct hypernym of ("seat" 3: bench, chair, couch).
    direct_kinds = collections.defaultdict(set)
    for start, name in class_synsets.items():
        for above in wordnet.hypernyms.get(start, []):
            direct_kinds[above].add(name)
    table, rare = {}, set()
    for lemma, offsets in wordnet.senses.items():
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        reached[offset] or ({PERSON} if PERSON in order and is_someone(wordnet, offset, physical)
                                            else set()),
                        groups.get(offset, set()), is_concrete(wordnet, offset, physical), members.get(offset, set()),
                        bool(groups.get(offset)) and groups[offset] <= direct_kinds[offset])
                  for number, offset in enumerate(offsets, 1) if (lemma, offset) not in offensive]
        if not any(sense.classes for sense in senses) and lemma not in EXCEPTIONS:
            continue
        decision = decide(lemma, senses, wordnet)
        if (decision is None or not decision[0]) and lemma not in EXCEPTIONS:
            decision = decide_by_members(senses) or decision
        if decision is None:
            continue
        chosen, deciding, other = decision
        if chosen != "*":
            chosen = sorted(chosen, key=order.__getitem__)
        table[lemma.replace("_", " ")] = (chosen, deciding, other, senses)
    # Rule 7: a plural that is a lemma of its own ("glasses", noun.exc's "dive") is not read as its singular.
    for lemma, offsets in wordnet.senses.items():
        name = lemma.replace("_", " ")
        if name in table or not any(table.get(singular, ([],))[0] for singular in singulars(wordnet, name)):
            continue
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        set(), set(), is_concrete(wordnet, offset, physical))
                  for number, offset in enumerate(offsets, 1) if (lemma, offset) not in offensive]
        decision = decide(lemma, senses, wordnet)
        if decision:
            table[name] = decision + (senses,)
    def phrase_entry(lemma, offsets):
        """Rules 8 and 8b: a phrase read in its own first sense, naming no class."""
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0),
                        set(), set(), True)
                  for number, offset in enumerate(offsets, 1)
                  if (lemma, offset) not in offensive and offset not in wordnet.instances]
        # A lemma with only offensive senses blocks its words without saying what it means.
        sense = senses[0] if senses else Sense(0, None, "withheld", 0, set(), set(), True)
        for other in senses[1:]:
            other.verdict = "later"
        sense.verdict = "used"
        return ([], sense, None, senses)

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
        table[name] = phrase_entry(lemma, offsets)
    # Rule 8b: so is a phrase whose ending, or words before a participle, name a class its first
    # reading is no kind of.
    common = class_synonyms()
    naming = collections.defaultdict(set)  # word or words -> the classes they name
    for name, (chosen, *_rest) in table.items():
        if chosen and chosen != "*":
            naming[name].update(chosen)
    for name in classes:
        naming[name].add(name)
    for name, words in common.items():
        for word in words:
            naming[word].add(name)
    synsets_of_class = collections.defaultdict(set)
    for offset, name in class_synsets.items():
        synsets_of_class[name].add(offset)

    def is_kind_of(offset, name):
        """Rule 8b's test: a first reading that reaches class `name`, or lies at or below a
        synset spelled with one of its common words (a `>` word only above the class's synset)."""
        if name in reached[offset]:
            return True
        for above in closure(wordnet, offset):
            for word in set(wordnet.words[above]) & {w.replace(" ", "_") for w in common.get(name, {})}:
                if not common[name][word.replace("_", " ")] or any(
                        above in closure(wordnet, synset) for synset in synsets_of_class[name]):
                    return True
        return False

    for lemma, offsets in wordnet.senses.items():
        name = lemma.replace("_", " ")
        words = name.replace("-", " ").split()
        readings = [offset for offset in offsets if offset not in wordnet.instances]
        if name in table or name in naming or len(words) < 2 or not readings:
            continue
        # The words the resolver reads such a phrase by: its ending, or the words before one it
        # takes for a participle ("zebras crossing", "tender loving care"), or their ending.
        cuts = [cut for cut in range(1, len(words)) if words[cut].endswith(("ing", "ed"))]
        spans = {" ".join(words[start:]) for start in range(1, len(words))}
        spans |= {" ".join(words[start:cut]) for cut in cuts for start in range(cut)}
        named_by_words = {found for span in spans for found in naming.get(span, ())}
        if not named_by_words or any(is_kind_of(readings[0], found) for found in named_by_words):
            continue
        table[name] = phrase_entry(lemma, offsets)
    # Rule 9: so is any other noun people use, read in its first sense (or by rule 5h) and naming no class.
    in_glosses = gloss_word_counts(wordnet)
    # A guess is counted only when the words before it pick it ("male rams"), so a living
    # thing's name ending in one ("marjoram") is no class name after other words.
    counted = {name for name, (chosen, deciding, other, _) in table.items()
               if chosen and not is_guess(wordnet, name, deciding, other)} | set(classes)
    def key(lemma):
        """The resolver's key of a name: lower case, without spaces, underscores and hyphens."""
        return re.sub(r"[\s_-]", "", lemma.lower())

    keys = collections.Counter(key(lemma) for lemma in wordnet.senses)  # how many lemmas share a key
    creatures = []  # rule 9d's candidates: (lemma, name, senses)
    # Rule 9f: the words the resolver reads as a class before WordNet, its synonyms and aliases.
    read_as_class = {word for words in common.values() for word in words} | {
        alias for vocabulary in vocabularies for alias in vocabulary.aliases}
    unlisted = []  # rule 9e: the single words left out for ending like a class
    for lemma, offsets in wordnet.senses.items():
        name = lemma.replace("_", " ")
        numbered = [(number, offset) for number, offset in enumerate(offsets, 1)
                    if (lemma, offset) not in offensive and offset not in wordnet.instances
                    and not is_initialism(wordnet, lemma, offset, offsets)]
        # A plural whose singular finds something is left to it, as rule 7 decided ("things").
        if name in table or not numbered or any(table.get(singular, ([],))[0] for singular in singulars(wordnet, name)):
            continue
        senses = [Sense(number, offset, file_name(wordnet, offset), wordnet.tags.get((lemma, number), 0), set(), set(),
                        is_concrete(wordnet, offset, physical)) for number, offset in numbered]
        # A living thing's name is not listed when it ends with a name of a class: the resolver
        # reads names without their spaces, and "red horse" must stay a horse, not "redhorse" (a fish).
        living = any(is_organism(wordnet, sense) for sense in senses)
        ends_like_a_class = living and any(name[start:] in counted for start in range(1, len(name) - 2))
        used = any(sense.tags for sense in senses) or name.isalpha() and (
            in_glosses[name] + in_glosses[name + "s"] >= COMMON_IN_GLOSSES or living and not ends_like_a_class)
        # Rule 9c: so is every other single word, however rare: a word spelled right is no slip.
        if ends_like_a_class and name.isalpha() and not used:
            unlisted.append(name)
        if used or name.isalpha() and not ends_like_a_class:
            sense = living_reading(wordnet, lemma, senses) or senses[0]
            sense.verdict = "used"
            # Its other senses are not listed, so the table stays small, unless the resolver reads
            # the word as a class by another rule (rule 9f).
            later = [other for other in senses if other.number > sense.number] if name in read_as_class else []
            for other in later:
                other.verdict = "later" if other.concrete else "abstract"
            table[name] = ([], sense, None, [sense] + later if later else [])
            if not used:
                rare.add(name)
        elif " " in name and living and keys[key(lemma)] == 1 and not any(
                " ".join(name.split()[start:]) in counted for start in range(1, len(name.split()))):
            creatures.append((lemma, name, senses))
    # Rule 9d: so is the name of an animal or a plant of several words whose last word the
    # resolver would read alone as something else that no class is ("sea lion": the big cat; "sea
    # turtle": a sweater), once every single word is in. Not one ending in words that find a
    # class ("sea bird"; "air plant": a plant, counted as the potted plant), nor one whose key
    # another lemma has ("marsh mallow", "marshmallow").
    for lemma, name, senses in creatures:
        last = name.split()[-1]
        if last in table and not table[last][0] and not naming.get(last):
            sense = living_reading(wordnet, lemma, senses) or senses[0]
            sense.verdict = "used"
            table[name] = ([], sense, None, [])
    # Rule 9b: a plural that is a word of its own only in a sense no photo shows ("shoes" 1: a
    # particular situation) gives way to its singular when that is a thing one can see ("shoe").
    for name, (classes, sense, _, _) in list(table.items()):
        # Names of fields of study end like plurals and are not ("physics" is no physic, a purgative).
        if not classes and sense.offset is not None and not sense.concrete and not name.endswith("ics") and any(
                singular in table and table[singular][1].concrete for singular in singulars(wordnet, name)):
            del table[name]
    return table, rare & table.keys(), sorted(unlisted)


# Rule 13: the parts one can see and the wholes they are parts of. Not food: WordNet makes a
# duck's flesh a part of the duck, and a "mallard duck" is the bird.
PART_FILES = {"animal", "artifact", "body", "object", "plant"}


def part_wholes(wordnet, table):
    """Rule 13: lemma -> [(sense number, [whole])] for each sense of a lemma that names classes
    which is a part of a thing one can see (WordNet's part holonym: a clock's hand, a racket's
    grip) or a member of a thing made (a train's cars), and which finds other classes than the
    sense that decided (none, mostly). The wholes are the words for that thing and for its kinds
    one level down ("clock", "watch" for the timepiece; a "diesel" is an engine two levels down,
    and "diesel trains" are trains, not the gear trains of engines), and the last word of a thing
    of several words when that word names what it is a kind of ("train" for the passenger train
    whose coaches are railcars). Said before the name, they mean that sense ("clock hands" are
    pointers, not hands; "train cars" are railway cars, not automobiles). Left out: a word the
    table reads as something else ("court"), a whole of the deciding sense or of an earlier such
    sense, a word for the deciding sense or what it is a kind of ("taxi cabs" are taxis, not
    drivers' compartments of a motor vehicle), and a whole the deciding sense's definition names."""
    below = collections.defaultdict(list)
    for offset, parents in wordnet.hypernyms.items():
        for parent in parents:
            below[parent].append(offset)

    def words_of(offsets):
        return {word.replace("_", " ") for offset in offsets for word in wordnet.words[offset]}

    def wholes(offset):
        found = [whole for whole in wordnet.part_of[offset] if file_name(wordnet, whole) in PART_FILES]
        found += [whole for whole in wordnet.member_of[offset] if file_name(wordnet, whole) == "artifact"]
        kinds = set(found) | {kind for whole in found for kind in below[whole]}
        parents = {parent for whole in found for parent in wordnet.hypernyms[whole]}
        heads = {word.split()[-1] for word in words_of(found) if " " in word}
        named = words_of(kinds) | (heads & words_of(parents))
        # A word the table reads as something else is not said of that thing: "court benches"
        # stand on a court, not in the courtroom; "switch ties" are no railway sleepers.
        return {word for word in named if word not in table or table[word][1].offset in kinds | parents}

    parts = {}
    for lemma, (classes, deciding, _, senses) in sorted(table.items()):
        if not classes or classes == "*" or deciding.offset is None:
            continue
        claimed = wholes(deciding.offset) | words_of(closure(wordnet, deciding.offset))
        said = definition(wordnet.gloss[deciding.offset]).lower()
        for sense in senses:
            if sense is deciding or sense.file not in PART_FILES or set(sense.classes) == set(classes):
                continue
            # A whole the deciding sense's definition names is where that sense is found too:
            # "bathroom washbasins" are "bathroom sinks that are permanently installed", not the
            # hand basins WordNet makes a part of a bathroom.
            named = {word for word in wholes(sense.offset) - claimed if not re.search(rf"\b{re.escape(word)}s?\b", said)}
            claimed |= named
            if named:
                parts.setdefault(lemma, []).append((sense.number, sorted(named)))
    return parts


def is_active(wordnet, sense):
    """Rule 5b: whether `sense` is a person named for a sport or for exploring, which a photo
    shows them at ("diver" 2: an athlete; "diver" 1: an explorer): literal, not a figure of an
    animal, plant or food of the same name ("pig" 2: an unpleasant person). Not travellers in
    general: a bird of passage is a wandering person only as a figure of the bird."""
    kinds = {wordnet.sense(*kind) for kind in ACTIVE_PEOPLE}
    return sense.file == "person" and not kinds.isdisjoint(closure(wordnet, sense.offset))


def is_other_species(wordnet, deciding, sense):
    """Rule 5g: whether `sense` is an animal of another species than `deciding`, a kind of a
    class: it names no class, and WordNet gives it a genus ("hog" 3: domestic swine, of the genus
    Sus; not "yearling" 3, an animal in its second year)."""
    return (deciding.file == sense.file == "animal" and bool(deciding.kind_of) and not sense.classes
            and bool(wordnet.member_of.get(sense.offset)))


def is_guess(wordnet, lemma, deciding, other):
    """Rule 5g: whether WordNet's order alone chose between readings of different kinds, neither
    ever tagged: a person over a later thing made, a kind of a class over an earlier thing, or an
    animal that is a kind of a class over a later animal of another species."""
    if other is None or lemma.replace(" ", "_") in EXCEPTIONS or deciding.tags or other.tags:
        return False
    person_first = deciding.file == "person" and other.file == "artifact" and other.number > deciding.number
    species_after = other.number > deciding.number and is_other_species(wordnet, deciding, other)
    return person_first or species_after or (other.number < deciding.number and other.file != deciding.file)


def gloss_word_counts(wordnet):
    """How many of WordNet's noun glosses each lower-case word is in (rules 9 and 10)."""
    return collections.Counter(word for gloss in wordnet.gloss.values() for word in set(re.findall(r"[a-z]+", gloss.lower())))


def singulars(wordnet, name):
    """The singulars of a table name (spaces between words) that the resolver tries, as table
    names: the regular ones, then noun.exc's."""
    irregular = wordnet.irregular_plurals.get(name.replace(" ", "_"), [])
    return regular_singulars(name) + [singular.replace("_", " ") for singular in irregular]


def regular_singulars(word):
    """The singulars the resolver tries for a regular English plural (EnglishPlural.swift)."""
    result = []
    # In the resolver's order, less its -sses case: here only whether any of them finds something matters.
    for suffix, replacement in (("ies", "y"), ("s", ""), ("ves", "f"), ("ves", "fe"), ("men", "man"), ("es", "")):
        if len(word) > len(suffix) + 1 and word.endswith(suffix):
            if suffix == "s" and (word.endswith("ss") or word.endswith("us")):
                continue
            result.append(word[:-len(suffix)] + replacement)
    return result


def definition(gloss):
    """A gloss's first definition, without WordNet's quoted examples and further clauses, in at
    most DEFINITION_LENGTH characters: "a fierce or audacious person; \"he's a tiger...\"" ->
    "a fierce or audacious person"."""
    # A colon before an example ("female of domestic cattle: \"`moo-cow' is...\"") goes with it.
    text = gloss.split(";")[0].split(' "')[0].strip().rstrip(":").rstrip().replace("\t", " ")
    if len(text) > DEFINITION_LENGTH:
        text = text[:DEFINITION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def sense_field(wordnet, sense, order=None, with_definition=True, mark=""):
    """`number:file:definition`, or `number:file:classes:definition` given the class order, with
    `mark` before the classes (``class_mark``: `<` a kind, rule 11; `>` more general, rule 12)."""
    classes = "" if order is None else mark + ",".join(sorted(sense.classes, key=order.__getitem__)) + ":"
    text = definition(wordnet.gloss[sense.offset]) if with_definition and sense.offset else ""
    return f"{sense.number}:{sense.file}:{classes}{text}"


def is_kind(classes, sense, class_synsets):
    """Rule 11: whether `sense` is a kind of exactly `classes` (a list of names, or "*"), below them."""
    return (bool(sense.kind_of) and set(classes) == set(sense.kind_of) and sense.offset not in class_synsets
            and not sense.group and not sense.members)


def is_general(lemma, classes, sense, class_synsets):
    """Rule 12: whether `sense`, finding `classes` (a list of names, or "*"), is more general than
    them: a group of classes, or a curated word for some kinds of things; not a class's own sense,
    a kind, a group of things counted by its members, or every class."""
    # A group's people are what it is ("crowd", "army"); a curated group of animals ("wildlife") is
    # more than the classes it names.
    if (classes == "*" or not classes or sense.offset in class_synsets or sense.file == "group" and classes == [PERSON]
            or sense.members):
        return False
    if is_kind(classes, sense, class_synsets):
        return False
    curated, number = EXCEPTIONS.get(lemma.replace(" ", "_"), (None, None))[:2]
    return bool(sense.group) or (bool(curated) and sense.number == number)


def class_mark(lemma, classes, sense, class_synsets):
    """The mark before a reading's classes: `<` a kind (rule 11), `>` more general (rule 12)."""
    return "<" if is_kind(classes, sense, class_synsets) else ">" if is_general(lemma, classes, sense, class_synsets) else ""


def swift_source(wordnet, table, rare, unlisted, class_lines, classes, class_synsets):
    """The generated Swift file."""
    order = {name: index for index, name in enumerate(classes)}
    lemma_lines, sense_lines = [], []
    for lemma, (classes, deciding, other, senses) in sorted(table.items()):
        # The other reading's classes get the mark too: words before the name may choose it.
        other_field = sense_field(wordnet, other, order, mark=class_mark(lemma, other.classes, other, class_synsets)) if other else ""
        classes_field = "*" if classes == "*" else "~" if lemma in rare else ",".join(classes)
        exception = EXCEPTIONS.get(lemma.replace(" ", "_"), (None,) * 4)[3] or ""
        if classes_field not in ("*", "~"):
            classes_field = class_mark(lemma, classes, deciding, class_synsets) + classes_field
        if is_guess(wordnet, lemma, deciding, other):
            classes_field = "?" + classes_field
        lemma_lines.append(f"{lemma}\t{classes_field}\t{sense_field(wordnet, deciding)}\t{other_field}\t{exception}")
        for sense in senses:
            if sense is not deciding and sense is not other and len(senses) > 1:
                # An abstract sense is only named: its gloss would add bulk, not insight.
                # Marked too: words before the name may choose a sense that is a part (rule 13).
                mark = class_mark(lemma, sense.classes, sense, class_synsets)
                sense_lines.append(f"{lemma}\t{sense.verdict}\t"
                                   f"{sense_field(wordnet, sense, order, sense.verdict != 'abstract', mark)}")
    part_lines = [f"{lemma}\t{number}\t{','.join(wholes)}"
                  for lemma, senses in part_wholes(wordnet, table).items() for number, wholes in senses]
    plural_lines = [f"{plural.replace('_', ' ')}\t{','.join(s.replace('_', ' ') for s in singulars)}"
                    for plural, singulars in sorted(wordnet.irregular_plurals.items())]
    in_glosses = gloss_word_counts(wordnet)
    common_lines = sorted(word for word, count in in_glosses.items() if count >= COMMON_GLOSS_WORD and len(word) >= 3)
    literals = {"lemmaLines": lemma_lines, "unusedSenseLines": sense_lines, "partSenseLines": part_lines,
                "classSenseLines": class_lines,
                "irregularPluralLines": plural_lines, "commonGlossWordLines": common_lines, "unlistedWordLines": unlisted}
    for line in lemma_lines + sense_lines + part_lines + class_lines + plural_lines + common_lines + unlisted:
        if '"#' in line or "\\" in line:
            sys.exit(f"error: {line!r} would break the raw string literal")
    digests = "\n".join(f"//   {name:<11} sha256 {digest}" for name, digest in DIGESTS.items())
    text = {name: "\n".join(lines) for name, lines in literals.items()}
    return f"""\
// Generated by scripts/generate_wordnet_table.py from WordNet 3.0 (Debian wordnet-base):
{digests}
// Do not edit; change the script and run it again. {len(lemma_lines)} lemmas, \
{sum(len(t.encode()) for t in text.values())} bytes of tables.

/// WordNet 3.0 nouns that name classes of the models' vocabularies (scripts/vocabularies: COCO's
/// 80, MediaPipe's face and hand), or that look like they do and do not, and WordNet's irregular
/// plurals, as text parsed once on first use (see WordNetTable+Lookup.swift; the rules are in the
/// generator's header). A sense is written `number:file:definition`.
package enum WordNetTable {{
    /// One `lemma<TAB>classes<TAB>sense<TAB>other reading<TAB>exception` line per lemma, sorted by
    /// lemma: classes by name, in vocabulary order (none: the lemma names no class; `*`: every
    /// class; `~`: a rare word naming no class, rule 9c; `?` first: a guess, not counted unless the words before the name pick it;
    /// then `<`: a kind of its classes, rule 11, or `>`: more general than them, rule 12; a class
    /// name belongs to one vocabulary, given in ``classSenseLines``), the sense
    /// that decided, the other reading (`number:file:classes:definition`) or nothing, and why a
    /// curated exception decided, if one did.
    static let lemmaLines = #\"\"\"
{text["lemmaLines"]}
\"\"\"#

    /// The senses of those lemmas that were not used: `lemma<TAB>verdict<TAB>number:file:classes:definition`.
    static let unusedSenseLines = #\"\"\"
{text["unusedSenseLines"]}
\"\"\"#

    /// The senses of those lemmas that are parts of another thing, with the words for that thing
    /// and its kinds (rule 13): `lemma<TAB>sense number<TAB>whole,whole,...`.
    static let partSenseLines = #\"\"\"
{text["partSenseLines"]}
\"\"\"#

    /// The hand-checked sense of each class and its vocabulary: `class<TAB>vocabulary<TAB>lemma<TAB>sense`.
    static let classSenseLines = #\"\"\"
{text["classSenseLines"]}
\"\"\"#

    /// WordNet's irregular noun plurals (noun.exc), one `plural<TAB>singular[,singular]` line each.
    static let irregularPluralLines = #\"\"\"
{text["irregularPluralLines"]}
\"\"\"#

    /// The words of three letters or more in at least {COMMON_GLOSS_WORD} of WordNet's noun glosses, one per line:
    /// too common to say which reading of a name the words before it mean.
    static let commonGlossWordLines = #\"\"\"
{text["commonGlossWordLines"]}
\"\"\"#

    /// The single words for living things left out of ``lemmaLines`` for ending like a class
    /// (rule 9e: "bobcat", "redhorse"), one per line: words, not two written as one.
    static let unlistedWordLines = #\"\"\"
{text["unlistedWordLines"]}
\"\"\"#
}}
"""


def class_sense_lines(wordnet, vocabularies):
    """`class<TAB>vocabulary<TAB>lemma<TAB>sense` for the first hand-checked sense of each class."""
    lines = []
    for vocabulary in vocabularies:
        for name, senses in vocabulary.senses.items():
            if not senses:
                continue
            lemma, number, gloss_word = senses[0]
            offset = wordnet.sense(lemma, number, gloss_word)
            sense = Sense(number, offset, file_name(wordnet, offset), 0, set(), set(), True)
            lines.append(f"{name}\t{vocabulary.name}\t{lemma.replace('_', ' ')}\t{sense_field(wordnet, sense)}")
    return sorted(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder")
    parser.add_argument("--vocabularies", default=VOCABULARIES, help="folder of vocabulary JSON files")
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    arguments = parser.parse_args()
    vocabularies = load_vocabularies(arguments.vocabularies)
    classes = [name for vocabulary in vocabularies for name in vocabulary.senses]
    if len(EXCEPTIONS) > 50:
        sys.exit("error: EXCEPTIONS is meant to stay small (at most 50 entries)")
    for lemma, (named, *_) in EXCEPTIONS.items():
        if isinstance(named, list) and not set(named) <= set(classes):
            sys.exit(f"error: EXCEPTIONS[{lemma!r}] names classes no vocabulary has: {set(named) - set(classes)}")
    wordnet = WordNet(arguments.wordnet)
    table, rare, unlisted = build_table(wordnet, vocabularies)
    source = swift_source(wordnet, table, rare, unlisted, class_sense_lines(wordnet, vocabularies), classes,
                          class_of_synset(wordnet, vocabularies))
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
