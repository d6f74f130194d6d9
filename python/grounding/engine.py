"""The engine: models loaded once, requests answered from any number of threads."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from ._library import load, take_string
from .errors import IMAGE_UNREADABLE, GroundingError
from .results import Model, Response, Result

if TYPE_CHECKING:
    import numpy

#: An image: a path, a PNG or JPEG file's bytes (any bytes-like object), or an upright ``uint8``
#: array of shape ``(height, width, 3)`` in RGB order.
ImageInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, "numpy.ndarray"]

#: What to look for: a name, an exemplar query (``{"exemplar": [[x1, y1, x2, y2], ...]}``), or a
#: sequence of them.
Names = Union[str, Mapping[str, Any], Sequence[Union[str, Mapping[str, Any]]]]

#: What an image may be, as a TypeError says it.
_IMAGE_TYPES = ("a path (str or os.PathLike), a PNG or JPEG file's bytes (bytes, bytearray, memoryview) or a numpy"
                " uint8 array of shape (height, width, 3)")

#: Bytes at most this long may be a file's name (PATH_MAX) rather than its content.
_LONGEST_PATH = 4096


class Engine:
    """Grounding's engine: loads the models once; every method may be called from many threads.

    ::

        engine = grounding.Engine()                      # YOLOv4-tiny (+ MediaPipe if fetched)
        engine.count("photo.jpg", ["person", "dog"]).counts
        engine.boxes(pixels, ["car"], threshold=0.4)     # pixels: numpy uint8 (H, W, 3)

    ``models``: model paths (Darknet folders, MediaPipe ``.tflite`` files, ONNX files), first =
    highest priority, or one path; ``None`` for the defaults (an empty list is refused: it names no
    model). ``threads``: threads per forward pass (``None``: every core).

    :meth:`close` (or leaving a ``with`` block) may come while other threads are in calls: those
    finish, close waits for them, and later calls raise the closed-engine ``GroundingError``.
    """

    def __init__(self, models: Union[None, str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]] = None,
                 threads: Optional[int] = None) -> None:
        # Guards the handle and the count of calls inside the library: close() frees the engine
        # only once none is, or a call would run on freed memory.
        self._idle = threading.Condition()
        self._calls = 0
        self._handle: Optional[ctypes.c_void_p] = None
        self._library = load()
        options: Dict[str, Any] = {}
        if isinstance(models, (str, bytes, os.PathLike)):
            models = [models]  # one path, not a sequence of its characters
        if models is not None:
            options["models"] = [os.fsdecode(m) for m in models]
            if not options["models"]:
                raise GroundingError("request.invalid", "models is an empty list: name at least one model path, or pass"
                                                        " models=None (or nothing) for the default models")
        if threads is not None:
            options["threads"] = threads
        handle = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self._library.grounding_engine_create(_json(options), ctypes.byref(handle),
                                                       ctypes.byref(error))
        message = take_string(self._library, error)
        if status != 0:
            raise GroundingError.from_json(json.loads(message), status)
        self._handle = handle

    @property
    def models(self) -> List[Model]:
        """The models loaded, highest priority first, each with the classes it finds."""
        out = ctypes.c_void_p()
        with self._open() as handle:
            status = self._library.grounding_engine_models(handle, ctypes.byref(out))
        answer = json.loads(take_string(self._library, out))
        if status != 0:
            raise GroundingError.from_json(answer, status)
        return [Model(entry["name"], list(entry["classes"])) for entry in answer["models"]]

    def count(self, image: ImageInput, names: Names, **options: Any) -> Result:
        """How many of each name there are, with a point for each. ``options`` are the request's
        options (``threshold``, ``tiling``, ``overlap``, ``iou``, ``max_detections``, ...)."""
        return self._ask(image, names, "count", options)

    def points(self, image: ImageInput, names: Names, **options: Any) -> Result:
        """One point on every object of each name."""
        return self._ask(image, names, "point", options)

    def boxes(self, image: ImageInput, names: Names, **options: Any) -> Result:
        """A box ``(x1, y1, x2, y2)`` around every object of each name."""
        return self._ask(image, names, "bbox", options)

    def run(self, request: Mapping[str, Any], image: Optional[ImageInput] = None) -> Response:
        """Answers a whole request (the JSON of ``grounding.h``, as a dict). When ``image`` is given,
        the request must not name one: it is filled in from ``image``."""
        if not isinstance(request, Mapping):
            text = "; for a JSON text, pass json.loads(text)" if isinstance(request, (str, bytes)) else ""
            raise TypeError(f"request must be a dict of the request's keys (docs/REQUEST.md), not {type(request).__name__}{text}")
        request = dict(request)
        data: Tuple[Optional[int], int] = (None, 0)
        keep: Any = None
        if image is not None:
            if "image" in request:
                raise GroundingError("request.invalid", "the image is given twice: in the request and as `image`; give one")
            source, keep, data = _image_source(image)
            if source is not None:
                request["image"] = source
        status, answer = self._call(request, data)
        del keep  # the buffer handed to the library lives until the call returns
        if status != 0:
            raise GroundingError.from_json(answer, status)
        return Response.from_json(answer)

    def close(self) -> None:
        """Frees the engine once the calls other threads are in have returned, and refuses any
        later call (it is freed anyway when garbage-collected). Closing again does nothing."""
        idle = getattr(self, "_idle", None)
        if idle is None:  # __init__ failed before anything was made
            return
        with idle:
            handle, self._handle = self._handle, None
            while self._calls:
                idle.wait()
            # Freed under the lock: a close() racing this one returns only once it is.
            if handle is not None:
                self._library.grounding_engine_destroy(handle)

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def _ask(self, image: ImageInput, names: Names, mode: str, options: Mapping[str, Any]) -> Result:
        if image is None:  # to run(), no image means the request names it: here there is no request
            raise TypeError(f"image must be {_IMAGE_TYPES}, not None")
        request: Dict[str, Any] = {"queries": _queries(names), "mode": mode}
        if options:
            request["options"] = dict(options)
        return self.run(request, image).result

    def _call(self, request: Mapping[str, Any], data: Tuple[Optional[int], int]) -> Tuple[int, Dict[str, Any]]:
        text = _json(request)
        out = ctypes.c_void_p()
        with self._open() as handle:
            status = self._library.grounding_run(handle, text, data[0], data[1], ctypes.byref(out))
        return status, json.loads(take_string(self._library, out))

    @contextlib.contextmanager
    def _open(self) -> Iterator[ctypes.c_void_p]:
        """The handle, counted as in use until the block ends (close() waits for it); the lock is
        held only to count, so calls run side by side."""
        with self._idle:
            if self._handle is None:
                raise GroundingError("request.invalid", "the engine is closed; create a new grounding.Engine()")
            handle = self._handle
            self._calls += 1
        try:
            yield handle
        finally:
            with self._idle:
                self._calls -= 1
                if not self._calls:
                    self._idle.notify_all()


def _json(value: Mapping[str, Any]) -> bytes:
    """``value`` as the library's JSON. numpy numbers are plain numbers; NaN and infinity, which
    JSON has no way to write, are refused here with what to do."""

    def plain(item: Any) -> Any:
        if hasattr(item, "item") and hasattr(item, "dtype"):  # a numpy scalar
            return item.item()
        raise TypeError(f"{type(item).__name__} cannot be sent in a request: pass numbers, strings, lists or dicts")

    try:
        return json.dumps(value, allow_nan=False, default=plain).encode()
    except ValueError:
        raise GroundingError("request.invalid",
                             "a number in the request is NaN or infinite; pass a finite number (a threshold in 0...1)") from None


def _queries(names: Names) -> List[Any]:
    """``names`` as the request's list of queries."""
    if isinstance(names, (str, Mapping)):
        return [names]  # one name or exemplar query, not its characters or keys
    if isinstance(names, Iterable) and not isinstance(names, (bytes, bytearray, memoryview)):
        return list(names)
    raise TypeError(f"names must be a name (str), an exemplar query ({{'exemplar': [[x1, y1, x2, y2], ...]}}) or a list"
                    f" of them, not {type(names).__name__}")


def _image_source(image: ImageInput) -> Tuple[Optional[Dict[str, Any]], Any, Tuple[Optional[int], int]]:
    """The request's ``image`` (None: the bytes beside it are a file), the object that must stay
    alive during the call, and the (address, length) of the bytes handed beside the request."""
    if isinstance(image, (str, os.PathLike)):
        path = os.fsdecode(image)
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            # A name in an older encoding reaches Python as lone surrogates, which the request's
            # JSON cannot carry: the file would be looked for under another name.
            raise GroundingError("image.unreadable",
                                 f"{path.encode('utf-8', 'replace').decode()}: the file name is not valid UTF-8 (it is in an"
                                 " older encoding, such as Latin-1), which Grounding cannot open by name; rename it to"
                                 " UTF-8, or pass the file's bytes (open(name, 'rb').read())", IMAGE_UNREADABLE) from None
        return {"path": path}, None, (None, 0)
    shape = getattr(image, "shape", None)
    if shape is not None and hasattr(image, "ctypes"):
        import numpy

        if image.dtype != numpy.uint8 or len(shape) != 3 or shape[2] != 3:
            raise GroundingError("request.invalid",
                                 f"an image array must be uint8 of shape (height, width, 3), not {image.dtype} {shape}")
        # A C-contiguous array is passed as it is; any other is copied once into one.
        pixels = numpy.ascontiguousarray(image)
        return ({"pixels": {"width": int(shape[1]), "height": int(shape[0])}}, pixels,
                (pixels.ctypes.data, pixels.nbytes))
    try:
        view = memoryview(image)
    except TypeError:
        raise TypeError(f"image must be {_IMAGE_TYPES}, not {type(image).__name__}") from None
    # A file's name given as bytes would be read as a file's content: "not a PNG or JPEG".
    name = view.tobytes() if view.nbytes <= _LONGEST_PATH else b""
    if name and os.path.exists(name):
        raise TypeError(f"image: {name[:80]!r} is the name of a file, not its content; pass a path as a str or"
                        f" os.PathLike (os.fsdecode(name)), or the file's bytes (open(name, 'rb').read())")
    if isinstance(image, bytes) or view.readonly or not view.c_contiguous:
        # ctypes takes the address of a bytes object or a writable buffer only: others are copied once.
        data = image if isinstance(image, bytes) else view.tobytes()
        buffer = ctypes.c_char_p(data)  # points into the bytes object: no copy
        return None, (data, buffer), (ctypes.cast(buffer, ctypes.c_void_p).value, len(data))
    array = (ctypes.c_char * view.nbytes).from_buffer(view.cast("B"))
    return None, array, (ctypes.addressof(array), view.nbytes)
