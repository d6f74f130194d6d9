"""The Python package over the C library, with the real model and photos."""

import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import grounding
from conftest import MODEL_DIR, REPOSITORY, photo


def ground_cli(*arguments: str) -> dict:
    """The `ground` CLI's native JSON for one image: an entry point that shares no code with this package."""
    binary = os.environ.get("GROUND", str(REPOSITORY / ".build" / "release" / "ground"))
    run = subprocess.run([binary, *arguments, "--json", "--model", MODEL_DIR], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def run_alone(script: str, *arguments: str) -> dict:
    """What `script` prints as JSON, run in a Python of its own with this package and library: a
    crash fails the test that runs it, not the whole session."""
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *arguments], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr[-2000:]}"
    return json.loads(run.stdout)


def without_timings(value: dict) -> dict:
    value = dict(value)
    value.pop("timing_ms", None)
    value["image"] = {k: v for k, v in value["image"].items() if k != "path"}
    return value


def test_count_answers_like_the_cli(engine: grounding.Engine) -> None:
    result = engine.count(photo("horses.jpg"), ["pony", "person", "animals"])
    expected = ground_cli("count", photo("horses.jpg"), "--object", "pony,person,animals")
    assert without_timings(result.raw) == without_timings(expected)
    assert result.counts["pony"] >= 3
    pony = result.objects[0]
    assert pony.classes == ["horse"] and pony.resolved_by == "wordnet"
    # A pony is a kind of horse the model does not tell apart: the count is of every horse.
    assert pony.kind_of_class and pony.sense is not None and not result.objects[1].kind_of_class
    # Animals are more general than the classes: only the kinds the model knows are counted.
    assert result.objects[2].only_kinds_of == "animal" and pony.only_kinds_of is None
    assert all(d.class_name == "horse" and d.box is not None for d in pony.detections)


def test_objects_small_for_the_model_are_said(engine: grounding.Engine) -> None:
    result = engine.count(photo("berlin-cathedral.png"), ["people", "horses"])
    expected = ground_cli("count", photo("berlin-cathedral.png"), "--object", "people,horses")
    assert without_timings(result.raw) == without_timings(expected)
    people, horses = result.objects
    # People far off in a square: several under 32 px of the model's input; the count may be short.
    assert people.small_in_view is not None and 2 <= people.small_in_view <= people.count
    assert horses.small_in_view is None
    # No horse: the answer says under which size (pixels of the photo) that says nothing, the
    # model's 32 px at the scale of its slices.
    tile = result.raw["coverage"]["tile_size"]
    assert horses.count == 0 and horses.small_under == round(32 * tile / 416)
    assert people.small_under is None


def test_a_name_of_a_model_not_loaded_is_said(engine: grounding.Engine) -> None:
    # This engine has YOLOv4-tiny alone: faces are known, and found by a model it did not load.
    result = engine.count(photo("horses.jpg"), ["horses", "faces", "whales"])
    faces, whales = result.unresolved
    assert faces.name == "faces" and faces.not_loaded == ["face"]
    assert whales.not_loaded == [] and whales.meaning is not None


def test_what_a_name_leaves_out_is_said(engine: grounding.Engine) -> None:
    result = engine.count(photo("horses.jpg"), ["animals except horses", "dogs but not cats", "not cars"])
    animals, dogs = result.objects
    assert animals.excluded == ["horse"] and "horse" not in animals.classes and dogs.excluded == []
    (negation,) = result.unresolved
    assert negation.name == "not cars" and negation.leaves_nothing and negation.meaning is not None


def test_a_file_name_that_is_not_utf8_is_said_not_looked_for_under_another_name(engine: grounding.Engine, tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.jpg")
    with open(name, "wb") as file:
        file.write(Path(photo("dog.jpg")).read_bytes())
    for path in (os.fsdecode(name), Path(os.fsdecode(name))):
        with pytest.raises(grounding.GroundingError) as raised:
            engine.count(path, ["dog"])
        assert raised.value.code == "image.unreadable" and raised.value.status == 11
        assert "not valid UTF-8" in raised.value.message and "caf" in raised.value.message
    # Its bytes, as the message says, are answered.
    with open(name, "rb") as file:
        assert engine.count(file.read(), ["dog"]).counts == {"dog": 1}


def test_the_models_loaded_and_their_classes_are_listed(engine: grounding.Engine) -> None:
    (model,) = engine.models
    assert model.name == "darknet:yolov4-tiny" and len(model.classes) == 80
    assert model.classes[:2] == ["person", "bicycle"] and "motorcycle" in model.classes  # as answers name them
    result = engine.count(photo("horses.jpg"), ["horse"])
    assert result.objects[0].model == model.name
    closed = grounding.Engine(models=[MODEL_DIR], threads=1)
    closed.close()
    with pytest.raises(grounding.GroundingError) as raised:
        closed.models
    assert raised.value.code == "request.invalid"


def test_another_kind_of_a_general_word_is_not_counted_as_the_models_kind(engine: grounding.Engine) -> None:
    result = engine.count(photo("horses.jpg"), ["phone cases", "travel cases"])
    (travel,) = result.objects
    assert travel.classes == ["suitcase"]
    (phone,) = result.unresolved
    assert phone.other_kind and phone.suggestions == ["suitcase"] and not phone.leaves_nothing


def test_a_colour_and_words_not_understood_are_said(engine: grounding.Engine) -> None:
    names = ["people in blue shirts", "red cars", "a person on a bike", "white person"]
    result = engine.count(photo("bus.jpg"), names)
    expected = ground_cli("count", photo("bus.jpg"), "--object", ",".join(names))
    assert without_timings(result.raw) == without_timings(expected)
    shirts, red, bike, kind = result.objects
    assert (shirts.colour, shirts.worn, shirts.ignored) == ("blue", "top", None)
    assert (red.colour, red.worn) == ("red", None)
    # Not understood, so the count is of every person, and it says so.
    assert bike.ignored == "on a bike" and bike.colour is None and bike.count == kind.count
    assert red.classes == ["car"]
    # A kind of person the model cannot tell apart is not a colour of their pixels.
    assert kind.colour is None and kind.kind_of_class
    # Both count every person: the second says it counted the first's people, not more of them.
    assert kind.same_objects_as == "a person on a bike" and bike.same_objects_as is None


def test_unknown_names_say_what_they_were_read_as(engine: grounding.Engine) -> None:
    result = engine.count(photo("dog.jpg"), ["dog", "wheels", "pelicn"])
    assert result.counts["dog"] == 1
    wheels, typo = result.unresolved
    assert wheels.name == "wheels" and wheels.suggestions == ["bicycle"] and "circular frame" in wheels.meaning
    assert typo.name == "pelicn" and "pelican" in typo.suggestions and typo.meaning is None
    assert not wheels.likeness and not typo.likeness
    assert wheels.read_as is None and typo.read_as is None
    (lions,) = engine.count(photo("dog.jpg"), ["dog", "circus lions"]).unresolved
    assert lions.read_as == "lion" and "feline" in lions.meaning
    assert not wheels.rare_word and not typo.rare_word and not lions.rare_word


def test_a_rare_word_is_read_and_its_possible_slips_offered(engine: grounding.Engine) -> None:
    # "caw" is a word (the crow's sound) and one letter from three classes; "puddles" is a word
    # one edit from none, so nothing is offered (not "puddler", a rare word for a person).
    caws, puddles = engine.count(photo("dog.jpg"), ["dog", "caws", "puddles"]).unresolved
    assert caws.rare_word and "corvine" in caws.meaning and caws.suggestions == ["car", "cat", "cow"]
    assert puddles.rare_word and puddles.meaning and puddles.suggestions == []


def test_a_likeness_is_refused_with_the_thing_offered(engine: grounding.Engine) -> None:
    # ("toy dogs" are a breed in WordNet, real dogs; toy cars are not cars.)
    result = engine.count(photo("dog.jpg"), ["dog", "toy dogs", "toy cars"])
    assert result.counts["dog"] == 1 and result.counts["toy dogs"] == 1
    (toys,) = result.unresolved
    assert toys.likeness and toys.suggestions == ["cars"] and "toy" in toys.meaning


def test_a_name_with_two_unranked_readings_is_refused_with_both(engine: grounding.Engine) -> None:
    result = engine.count(photo("dog.jpg"), ["dog", "trawlers", "fishing trawlers"])
    assert result.counts["dog"] == 1 and result.counts["fishing trawlers"] == 0
    (trawlers,) = result.unresolved
    assert trawlers.ambiguous and not trawlers.likeness and trawlers.suggestions == ["person", "boat"]
    assert "fisherman" in trawlers.meaning and "fishing boat" in trawlers.meaning


def test_boxes_and_points_modes(engine: grounding.Engine) -> None:
    boxes = engine.boxes(photo("dog.jpg"), ["dog", "bicycle", "truck"], threshold=0.3)
    expected = ground_cli("bbox", photo("dog.jpg"), "--object", "dog,bicycle,truck", "--threshold", "0.3")
    assert without_timings(boxes.raw) == without_timings(expected)
    points = engine.points(photo("dog.jpg"), "dog")
    assert points.mode == "point" and points.objects[0].detections[0].box is None
    assert points.objects[0].detections[0].point == boxes.objects[0].detections[0].point


def test_exemplar_counts_say_the_thresholds_they_used(engine: grounding.Engine) -> None:
    coin = {"exemplar": [[193, 29, 239, 75]]}
    coins = engine.count(photo("coins.png"), coin).objects[0]  # one query needs no list, as one name
    assert coins.resolved_by == "exemplar" and abs(coins.count - 24) <= 1
    # One example: correlation at 0.5; the detector's features check only several examples.
    assert coins.similarity == 0.5 and coins.appearance is None
    # The sizes matched, relative to the example: as the options set them.
    assert coins.sizes == (0.7, 1.4)
    assert engine.count(photo("coins.png"), [coin], exemplar={"min_scale": 0.5, "max_scale": 2}).objects[0].sizes == (0.5, 2)
    # Matching the examples' colour too: a red cup's pink inside keeps the cups of that colour.
    cups = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "cups.jpg")
    red = {"exemplar": [[2069, 51, 2289, 271]]}
    every = engine.count(cups, [red]).objects[0]
    pink = engine.count(cups, [red], exemplar={"match_colour": True}).objects[0]
    assert every.colours is None and pink.colours == ["pink"]
    assert 5 <= pink.count <= every.count - 5
    drops = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "raindrops.jpg")
    two = {"exemplar": [[826, 632, 886, 692], [990, 782, 1050, 844]]}
    checked = engine.count(drops, [two]).objects[0]
    unchecked = engine.count(drops, [two], exemplar={"check_appearance": False}).objects[0]
    assert checked.appearance == 0.2 and unchecked.appearance is None
    assert checked.count < unchecked.count
    # The surroundings check: the big bull's back is not one more far bison.
    bison = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "bison.png")
    far = {"exemplar": [[540, 65, 600, 100], [630, 65, 690, 97]]}
    alone = engine.count(bison, [far]).objects[0]
    beside_bull = engine.count(bison, [far], exemplar={"check_surroundings": False}).objects[0]
    assert alone.count + 8 <= beside_bull.count
    assert alone.on_larger_objects == beside_bull.count - alone.count and beside_bull.on_larger_objects is None


def test_what_finding_the_rest_adds_is_marked_and_can_be_turned_off(engine: grounding.Engine) -> None:
    sheep = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "sheep.jpg")
    # Looking around the finds (another stage, below) would add to the two counts differently.
    found = engine.count(sheep, "sheep", look_around=False)
    assert without_timings(found.raw) == without_timings(ground_cli("count", sheep, "--object", "sheep", "--no-look-around"))
    ways = [d.found_by for d in found.objects[0].detections]
    assert "exemplar" in ways and "detector" in ways
    assert found.objects[0].unconfirmed_lookalikes >= 1  # a flock mostly missed
    alone = engine.count(sheep, "sheep", find_the_rest=False, look_around=False).objects[0]
    assert all(d.found_by == "detector" for d in alone.detections)
    assert alone.count == ways.count("detector")
    assert alone.unconfirmed_lookalikes is None


def test_one_object_seen_as_two_classes_is_counted_under_the_surer_name(engine: grounding.Engine) -> None:
    chelsea = photo("chelsea.png")
    both = engine.count(chelsea, ["dogs", "cats"])
    assert without_timings(both.raw) == without_timings(ground_cli("count", chelsea, "--object", "dogs,cats"))
    assert both.counts == {"dogs": 0, "cats": 1}
    assert both.objects[0].counted_under_other_names == {"cats": 1} and both.objects[1].counted_under_other_names == {}
    alone = engine.count(chelsea, "dogs")
    assert alone.counts["dogs"] == 1
    # Asked alone, the dog is counted, and the answer says the model reads it about as surely as a cat.
    assert alone.objects[0].detections[0].also_read_as[0] == "cat" and both.objects[1].detections[0].also_read_as is None
    assert engine.count(chelsea, ["dogs", "cats"], merge_classes=False).counts == {"dogs": 1, "cats": 1}


def test_an_object_read_surely_only_as_a_sibling_class_is_said_not_counted(engine: grounding.Engine) -> None:
    roadster = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "vintage-car.jpg")
    cars = engine.count(roadster, "cars")
    assert without_timings(cars.raw) == without_timings(ground_cli("count", roadster, "--object", "cars"))
    # The red roadster in front is a truck to the model (a car only below the threshold).
    assert cars.counts["cars"] == 1 and cars.objects[0].read_more_surely_as == {"truck": 1}
    both = engine.count(roadster, ["cars", "trucks"])  # asked for, the truck is counted there
    assert both.counts == {"cars": 1, "trucks": 1} and all(not o.read_more_surely_as for o in both.objects)


def test_looking_around_a_crowd_adds_players_and_can_be_turned_off(engine: grounding.Engine) -> None:
    orchestra = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "orchestra.png")
    found = engine.count(orchestra, "person")
    assert without_timings(found.raw) == without_timings(ground_cli("count", orchestra, "--object", "person"))
    alone = engine.count(orchestra, "person", look_around=False)
    assert found.objects[0].count > alone.objects[0].count
    assert found.raw["coverage"]["regions"] > alone.raw["coverage"]["regions"]
    kept = {tuple(d.box) for d in found.objects[0].detections}
    assert all(tuple(d.box) in kept for d in alone.objects[0].detections)  # it only adds


def test_an_object_filling_the_photo_is_found_by_stepping_back(engine: grounding.Engine) -> None:
    car = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "car-motion-blur.jpg")
    found = engine.count(car, "car")
    assert without_timings(found.raw) == without_timings(ground_cli("count", car, "--object", "car"))
    alone = engine.count(car, "car", step_back=False)
    assert without_timings(alone.raw) == without_timings(ground_cli("count", car, "--object", "car", "--no-step-back"))
    assert (found.counts["car"], alone.counts["car"]) == (1, 0)
    assert found.raw["coverage"]["regions"] == alone.raw["coverage"]["regions"] + 1


def test_one_object_boxed_as_two_is_counted_once(engine: grounding.Engine) -> None:
    wine = str(REPOSITORY / "TestImages" / "wine.jpg")  # a bottle whose body and neck are boxed apart
    found = engine.boxes(wine, "bottle")
    assert without_timings(found.raw) == without_timings(ground_cli("bbox", wine, "--object", "bottle"))
    apart = engine.boxes(wine, "bottle", split_check=False)
    assert without_timings(apart.raw) == without_timings(ground_cli("bbox", wine, "--object", "bottle", "--no-split-check"))
    on_bottle = lambda result: [d for d in result.objects[0].detections if 1170 <= d.point[0] <= 1356 and 476 <= d.point[1] <= 1274]
    assert (len(on_bottle(found)), len(on_bottle(apart))) == (1, 2)


def test_people_only_a_face_shows_are_marked_and_can_be_turned_off() -> None:
    meeting = str(REPOSITORY / "Benchmarks" / "Accuracy" / "photos" / "team-meeting.jpg")
    with grounding.Engine(threads=2) as engine:  # the default models: MediaPipe's faces too
        # Looking around a crowd (another stage) may find some of the same people.
        found = engine.count(meeting, "person", look_around=False)
        alone = engine.count(meeting, "person", find_by_parts=False, look_around=False).objects[0]
    by_face = [d for d in found.objects[0].detections if d.found_by == "part"]
    assert by_face  # a row of people behind others
    assert all(d.found_by != "part" for d in alone.detections)
    assert alone.count == found.objects[0].count - len(by_face)


def test_every_image_input_gives_the_same_answer(engine: grounding.Engine) -> None:
    path = photo("astronaut.png")  # PNG: any decoder gives the same pixels
    from_path = engine.boxes(path, ["person"])
    assert from_path.counts["person"] >= 1
    data = Path(path).read_bytes()
    from_bytes = engine.boxes(data, ["person"])
    # Any bytes-like object: a writable one is passed as it is, a read-only one copied once.
    from_buffers = [engine.boxes(buffer, ["person"]) for buffer in (bytearray(data), memoryview(bytearray(data)),
                                                                     memoryview(b"--" + data)[2:])]
    pixels = np.asarray(Image.open(path).convert("RGB"))
    assert pixels.flags["C_CONTIGUOUS"]
    from_array = engine.boxes(pixels, ["person"])
    from_strided = engine.boxes(np.asfortranarray(pixels), ["person"])  # not contiguous: copied once
    for other in (from_bytes, *from_buffers, from_array, from_strided):
        assert other.objects == from_path.objects
        assert (other.width, other.height) == (from_path.width, from_path.height)
    assert from_bytes.path is None and from_path.path == path


def test_errors_carry_stable_codes(engine: grounding.Engine) -> None:
    cases = [
        (lambda: engine.count("/no/such/photo.jpg", ["dog"]), "image.not_found", 10),
        (lambda: engine.count(Path(photo("dog.jpg")).read_bytes()[:5000], ["dog"]), "image.truncated", 12),
        (lambda: engine.count(photo("dog.jpg"), ["xyzzyq"]), "query.unknown_name", 20),
        (lambda: engine.count(photo("dog.jpg"), ["dog"], thresh=0.3), "request.invalid", 2),
        (lambda: engine.count(photo("dog.jpg"), ["dog"], threshold=3), "option.invalid", 3),
        (lambda: engine.count(np.zeros((4, 4), dtype=np.uint8), ["dog"]), "request.invalid", 2),
        (lambda: engine.count(photo("dog.jpg"), ["dog"], threshold=float("nan")), "request.invalid", 2),
        (lambda: engine.count(photo("dog.jpg") + "\0.txt", ["dog"]), "image.not_found", 10),
        (lambda: grounding.Engine(models=["/no/such/model-folder"]), "model.missing", 40),
    ]
    for call, code, status in cases:
        with pytest.raises(grounding.GroundingError) as raised:
            call()
        assert raised.value.code == code, raised.value
        assert raised.value.status == status
        assert raised.value.message
    with pytest.raises(grounding.GroundingError, match="twice"):
        engine.run({"image": {"path": photo("dog.jpg")}, "queries": ["dog"], "mode": "count"}, image=photo("dog.jpg"))
    with pytest.raises(grounding.GroundingError, match="thresh"):
        engine.count(photo("dog.jpg"), ["dog"], thresh=0.3)


def test_a_value_of_the_wrong_kind_is_refused_saying_what_to_pass(engine: grounding.Engine) -> None:
    dog = photo("dog.jpg")
    # No image and a number alike: a TypeError saying what an image may be.
    for image in (None, 5):
        with pytest.raises(TypeError, match=r"image must be a path \(str or os.PathLike\), a PNG or JPEG file's bytes"
                                            r" \(bytes, bytearray, memoryview\) or a numpy uint8 array"):
            engine.count(image, ["dog"])
    for names in (None, 5, b"dog"):
        with pytest.raises(TypeError, match=r"names must be a name \(str\), an exemplar query"):
            engine.count(dog, names)
    with pytest.raises(TypeError, match=r"request must be a dict .* not str; for a JSON text, pass json.loads\(text\)"):
        engine.run('{"image": {"path": "dog.jpg"}, "queries": ["dog"], "mode": "count"}')
    # A file's name as bytes is said to be one, not read as the file's content ("not a PNG or JPEG").
    for name in (os.fsencode(dog), bytearray(os.fsencode(dog)), memoryview(os.fsencode(dog))):
        with pytest.raises(TypeError, match="is the name of a file, not its content; pass a path as a str or os.PathLike"):
            engine.count(name, ["dog"])
    # An empty list of models names none: it does not stand for the defaults.
    with pytest.raises(grounding.GroundingError, match=r"pass models=None \(or nothing\) for the default models") as raised:
        grounding.Engine(models=[])
    assert raised.value.code == "request.invalid"


def test_when_no_name_is_understood_the_error_lists_each(engine: grounding.Engine) -> None:
    with pytest.raises(grounding.GroundingError) as raised:
        engine.count(photo("dog.jpg"), ["pelicn", "not cars"])
    assert raised.value.code == "query.unknown_name" and raised.value.status == 20
    assert [u.name for u in raised.value.unresolved] == ["pelicn", "not cars"]
    assert raised.value.unresolved[0].suggestions[0] == "pelican"
    assert raised.value.unresolved[1].leaves_nothing
    assert '"not cars"' in raised.value.message


def test_numbers_from_numpy_and_one_model_path_are_taken_as_meant(engine: grounding.Engine) -> None:
    plain = engine.count(photo("horses.jpg"), ["horse"], threshold=0.4)
    assert engine.count(photo("horses.jpg"), ["horse"], threshold=np.float32(0.4)).objects == plain.objects
    with grounding.Engine(models=MODEL_DIR, threads=1) as one:  # a path, not a sequence of characters
        assert one.count(photo("horses.jpg"), ["horse"], threshold=0.4).objects == plain.objects


def test_damage_the_decoder_recovered_from_is_a_warning(engine: grounding.Engine, tmp_path: Path) -> None:
    data = bytearray(Path(photo("dog.jpg")).read_bytes())
    middle = len(data) // 2
    data[middle:middle + 400] = bytes(400)  # zeroed entropy-coded data: libjpeg recovers with a warning
    result = engine.count(bytes(data), ["dog"])
    assert [w.code for w in result.warnings] == ["image.damaged"] and result.warnings[0].message
    assert not engine.count(photo("dog.jpg"), ["dog"]).warnings


def test_threads_share_one_engine(engine: grounding.Engine) -> None:
    photos = [photo(name) for name in ("dog.jpg", "horses.jpg", "person.jpg")] * 2
    sequential = [engine.boxes(p, ["dog", "horse", "person"], tiling="off").objects for p in photos]
    with ThreadPoolExecutor(max_workers=3) as pool:
        concurrent = list(pool.map(lambda p: engine.boxes(p, ["dog", "horse", "person"], tiling="off").objects, photos))
    assert concurrent == sequential


def test_closing_while_threads_call_lets_their_calls_finish_and_refuses_later_ones() -> None:
    # Four threads call as fast as they can while the engine is closed under them, many times.
    # The bytes are refused quickly once the names are read, which is where a freed engine crashed.
    outcomes = run_alone("""
        import json, sys, threading, time
        import grounding

        model, rounds = sys.argv[1], int(sys.argv[2])
        damaged = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(10)
        outcomes, lock = {}, threading.Lock()
        for round in range(rounds):
            engine = grounding.Engine(models=[model], threads=1)
            stop = threading.Event()

            def hammer() -> None:
                while not stop.is_set():
                    try:
                        engine.count(damaged, ["person"])
                        outcome = "answered"
                    except grounding.GroundingError as error:
                        outcome = "closed" if "the engine is closed" in error.message else error.code
                    with lock:
                        outcomes[outcome] = outcomes.get(outcome, 0) + 1

            threads = [threading.Thread(target=hammer) for _ in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(0.005 * (round % 4))
            engine.close()
            engine.close()  # a second close does nothing
            stop.set()
            for thread in threads:
                thread.join()
        print(json.dumps(outcomes))
        """, MODEL_DIR, "60")
    assert set(outcomes) == {"image.truncated", "closed"}, outcomes


def test_closing_waits_for_a_call_in_flight() -> None:
    # A slow call (a 9.8 MP photo in slices) is in flight when another thread closes the engine
    # from a `with` block's end: the call is answered, and the block ends only after it.
    timeline = run_alone("""
        import json, sys, threading, time
        import grounding

        model, wine = sys.argv[1], sys.argv[2]
        timeline = {}
        with grounding.Engine(models=[model], threads=1) as engine:
            def slow() -> None:
                timeline["counts"] = engine.count(wine, ["bottle"]).counts
                timeline["answered"] = time.monotonic()

            thread = threading.Thread(target=slow)
            thread.start()
            time.sleep(0.3)
            timeline["closing"] = time.monotonic()
        timeline["closed"] = time.monotonic()
        thread.join()
        try:
            engine.count(wine, ["bottle"])
        except grounding.GroundingError as error:
            timeline["after"] = error.code
        print(json.dumps(timeline))
        """, MODEL_DIR, photo("wine.jpg"))
    assert timeline["counts"]["bottle"] >= 1
    # (The answer is read in Python after the library returns: a few milliseconds after the close.)
    assert timeline["closing"] < timeline["answered"] < timeline["closed"] + 0.5
    assert timeline["after"] == "request.invalid"


def test_run_returns_the_drawing(engine: grounding.Engine) -> None:
    response = engine.run({"queries": ["dog"], "mode": "bbox", "draw": "png", "options": {"tiling": "off"}},
                          image=photo("dog.jpg"))
    assert response.result.counts == {"dog": 1}
    assert response.drawing is not None and response.drawing.format == "png"
    assert response.drawing.data.startswith(b"\x89PNG")
    import io
    drawn = Image.open(io.BytesIO(response.drawing.data))
    assert drawn.size == (response.result.width, response.result.height)


def test_version_and_library_path() -> None:
    assert grounding.version() == "0.1.0"
    assert grounding.library_path().endswith("libgrounding.so")
