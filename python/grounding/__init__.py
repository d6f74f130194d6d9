"""Grounding: find, point at and count objects in photos, from Python.

A thin ctypes layer over Grounding's C library (``libgrounding.so``)::

    import grounding

    engine = grounding.Engine()
    result = engine.count("TestImages/horses.jpg", ["pony", "person"])
    print(result.counts)            # {'pony': 4, 'person': 0}

The library is found through ``$GROUNDING_LIBRARY`` or the defaults listed in
:func:`grounding.library_path`.
"""

from ._library import library_path
from .engine import Engine, ImageInput
from .errors import GroundingError
from .results import Detection, Drawing, GroundedObject, ImageWarning, Model, Response, Result, Unresolved

__all__ = [
    "Detection",
    "Drawing",
    "Engine",
    "GroundedObject",
    "GroundingError",
    "ImageInput",
    "ImageWarning",
    "Model",
    "Response",
    "Result",
    "Unresolved",
    "library_path",
    "version",
]


def version() -> str:
    """The loaded library's version, e.g. ``"0.1.0"``."""
    from ._library import load

    return load().grounding_version().decode()
