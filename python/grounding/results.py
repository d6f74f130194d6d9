"""Answers as dataclasses, read from the library's native JSON."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple


@dataclass(frozen=True)
class Detection:
    """One object found: its class, score, point and (in bbox and count modes) box, in pixels
    of the upright image and in 0-1000 units."""

    class_name: str
    score: float
    point: Tuple[float, float]
    point_1000: Tuple[int, int]
    box: Optional[Tuple[float, float, float, float]] = None
    box_1000: Optional[Tuple[int, int, int, int]] = None
    keypoints: List[Tuple[float, float]] = field(default_factory=list)
    #: "detector" (the model's own pass), "exemplar" (matched to examples, then confirmed) or
    #: "part" (only a part another model found showed it: a person's face in a crowd).
    found_by: str = "detector"
    #: Another class the model gave the same object about as surely or more, and its score
    #: (a dog the model also reads as a cat): ``("cat", 0.3743)``; None when none.
    also_read_as: Optional[Tuple[str, float]] = None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "Detection":
        box = value.get("box")
        box_1000 = value.get("box_1000")
        return cls(
            class_name=value["class"],
            score=float(value["score"]),
            point=(value["point"][0], value["point"][1]),
            point_1000=(value["point_1000"][0], value["point_1000"][1]),
            box=tuple(box) if box is not None else None,  # type: ignore[arg-type]
            box_1000=tuple(box_1000) if box_1000 is not None else None,  # type: ignore[arg-type]
            keypoints=[(k[0], k[1]) for k in value.get("keypoints", [])],
            found_by=value.get("found_by", "detector"),
            also_read_as=(value["also_read_as"]["class"], float(value["also_read_as"]["score"])) if "also_read_as" in value else None,
        )


@dataclass(frozen=True)
class GroundedObject:
    """Everything found for one requested name (or exemplar query)."""

    name: str
    classes: List[str]
    resolved_by: str
    count: int
    detections: List[Detection]
    model: Optional[str] = None
    #: The WordNet sense the name was read in ("a range horse of the western United States").
    sense: Optional[str] = None
    #: True when the name is a kind of its classes ("pony" of horse): the model cannot tell the
    #: kind apart, so ``count`` is of every object of the classes.
    kind_of_class: bool = False
    #: The general word the name was read as when it is more general than its classes ("jar"
    #: for "jars", whose one class is the vase; "animal"): only the kinds of it the model has
    #: classes for are counted, so a jam jar or a hamster is not.
    only_kinds_of: Optional[str] = None
    #: The basic colour the name asked for ("red" in "red cars" and in "people in red"): only
    #: objects of that colour are counted.
    colour: Optional[str] = None
    #: What a person wears that ``colour`` was read on: "clothes", "top" or "bottoms" ("people
    #: in blue shirts": "top"); None when the colour is the object's own.
    worn: Optional[str] = None
    #: Words of the name that were not understood ("on a bike"): the count is of every object
    #: of the classes, whatever they said.
    ignored: Optional[str] = None
    #: The classes the name's words leave out of what it counts (``["dog"]`` for "animals except
    #: dogs"); empty when they leave out none ("dogs but not cats": no dog is a cat).
    excluded: List[str] = field(default_factory=list)
    truncated: bool = False
    similarity: Optional[float] = None
    sizes: Optional[Tuple[float, float]] = None
    colours: Optional[List[str]] = None
    appearance: Optional[float] = None
    on_larger_objects: Optional[int] = None
    unconfirmed_lookalikes: Optional[int] = None
    #: Objects this name's classes saw that another name asked reads more surely (a cat also
    #: boxed as a dog, asked for dogs and cats), by that name: counted there, not here.
    counted_under_other_names: Mapping[str, int] = field(default_factory=dict)
    #: The first name of the request before this one that counted the very same objects ("men",
    #: "women" and "children" all count every person): this count is those objects again, not more.
    same_objects_as: Optional[str] = None
    #: Objects not counted that the model reads surely only as another class of the same kind,
    #: one no name asked for, and as this name's class only below the score threshold (asked for
    #: cars, a roadster read as a truck): by that class. The count may be short by some of them.
    read_more_surely_as: Mapping[str, int] = field(default_factory=dict)
    #: How many of the objects counted are small for the model (under 32 px of its input at the
    #: scale it saw the photo): more that small may be missed, and some of these may be wrong.
    #: None when none is (a person found by the face, boxed by it, is not counted as small).
    small_in_view: Optional[int] = None
    #: For a name of which nothing was found: the side (pixels of the photo) under which an
    #: object is small for the model at the scale it saw the photo (32 px of its input), the size
    #: it finds worst. A count of none says nothing of objects that small. None when something
    #: was found, for the face and palm models, and for an exemplar query.
    small_under: Optional[int] = None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "GroundedObject":
        return cls(
            name=value["name"],
            classes=list(value["classes"]),
            resolved_by=value["resolved_by"],
            count=int(value["count"]),
            detections=[Detection.from_json(d) for d in value["detections"]],
            model=value.get("model"),
            sense=value.get("sense"),
            kind_of_class=bool(value.get("kind_of_class", False)),
            only_kinds_of=value.get("only_kinds_of"),
            colour=value.get("colour"),
            worn=value.get("worn"),
            ignored=value.get("ignored"),
            excluded=list(value.get("excluded", [])),
            truncated=bool(value.get("truncated", False)),
            similarity=value.get("similarity"),
            sizes=tuple(value["sizes"]) if "sizes" in value else None,
            colours=list(value["colours"]) if "colours" in value else None,
            appearance=value.get("appearance"),
            on_larger_objects=value.get("on_larger_objects"),
            unconfirmed_lookalikes=value.get("unconfirmed_lookalikes"),
            counted_under_other_names=dict(value.get("counted_under_other_names", {})),
            same_objects_as=value.get("same_objects_as"),
            read_more_surely_as=dict(value.get("read_more_surely_as", {})),
            small_in_view=value.get("small_in_view"),
            small_under=value.get("small_under"),
        )


@dataclass(frozen=True)
class Unresolved:
    """A requested name that matched no class, with the closest known names, or the meaning it
    was read in (and then the classes of its other reading, if any)."""

    name: str
    suggestions: List[str]
    meaning: Optional[str] = None
    #: True when the name asks for likenesses ("toy cars"): the suggestion is the thing itself.
    likeness: bool = False
    #: True when the name has two readings WordNet does not rank ("calculators": an expert, or the
    #: machine): ``meaning`` gives both, ``suggestions`` the classes of each, and nothing is counted.
    ambiguous: bool = False
    #: The word ``meaning`` is of when only the end of the name was understood ("lion" in "circus
    #: lions"); None when the meaning is the whole name's.
    read_as: Optional[str] = None
    #: True when the name is a word people rarely use ("caw"): ``meaning`` is what it means, and
    #: ``suggestions`` are names the detector knows spelled like it, in case it is a slip.
    rare_word: bool = False
    #: True when the name asks for groups whose members are what the model finds ("teams",
    #: "flocks"): the groups are not counted, and ``suggestions`` are the members' classes.
    groups: bool = False
    #: The classes the name means that only a model not loaded finds ("faces": ``["face"]`` when
    #: the face model is not loaded): another model would answer it.
    not_loaded: List[str] = field(default_factory=list)
    #: True when what the name leaves out leaves nothing to count: it says only what not to count
    #: ("not cars"), or leaves out every class it names ("dogs except dogs"); ``meaning`` says which.
    leaves_nothing: bool = False
    #: True when the name means kinds of a general word the model has no class for, where it
    #: knows one kind ("phone cases": its one case is the suitcase; "tubes": its one tube is the
    #: fire hydrant): ``suggestions`` is that kind.
    other_kind: bool = False

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "Unresolved":
        return cls(value["name"], list(value["suggestions"]), value.get("meaning"), value.get("likeness", False),
                   value.get("ambiguous", False), value.get("read_as"), value.get("rare_word", False),
                   value.get("groups", False), list(value.get("not_loaded", [])), value.get("leaves_nothing", False),
                   value.get("other_kind", False))


@dataclass(frozen=True)
class ImageWarning:
    """Something wrong with the image that the answer was still given for: ``code`` is
    ``"image.damaged"`` (data the decoder recovered from), ``message`` says what and what to do."""

    code: str
    message: str


@dataclass(frozen=True)
class Result:
    """The answer for one image. ``raw`` is the native JSON it was read from."""

    width: int
    height: int
    mode: str
    objects: List[GroundedObject]
    unresolved: List[Unresolved]
    timings_ms: Dict[str, float]
    raw: Dict[str, Any]
    path: Optional[str] = None
    #: Damage the decoder recovered from ("image.damaged"): the answer is for what could be read.
    warnings: List["ImageWarning"] = field(default_factory=list)

    @property
    def counts(self) -> Dict[str, int]:
        """Each answered name's count: ``{"pony": 4}``."""
        return {o.name: o.count for o in self.objects}

    @classmethod
    def from_json(cls, value: Dict[str, Any]) -> "Result":
        image = value["image"]
        return cls(
            width=int(image["width"]),
            height=int(image["height"]),
            path=image.get("path"),
            mode=value["mode"],
            objects=[GroundedObject.from_json(o) for o in value["objects"]],
            unresolved=[Unresolved.from_json(u) for u in value.get("unresolved", [])],
            warnings=[ImageWarning(str(w["code"]), str(w["message"])) for w in value.get("warnings", [])],
            timings_ms=dict(value.get("timing_ms", {})),
            raw=value,
        )


@dataclass(frozen=True)
class Drawing:
    """The image with the answer drawn on it, as a PNG or JPEG file's bytes."""

    format: str
    data: bytes


@dataclass(frozen=True)
class Response:
    """The answer to :meth:`grounding.Engine.run`: the result and, when asked for, the drawing."""

    result: Result
    drawing: Optional[Drawing] = None

    @classmethod
    def from_json(cls, value: Dict[str, Any]) -> "Response":
        drawing = value.get("drawing")
        return cls(
            result=Result.from_json(value["result"]),
            drawing=Drawing(drawing["format"], base64.b64decode(drawing["data"])) if drawing else None,
        )


@dataclass(frozen=True)
class Model:
    """A model the engine loaded (``Engine.models``): its name, as answers give it in
    ``GroundedObject.model``, and the classes it finds, as answers name them."""

    name: str
    classes: List[str]
