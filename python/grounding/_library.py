"""Finding and loading libgrounding.so, and the C functions' signatures."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from pathlib import Path
from typing import List, Optional

_lock = threading.Lock()
_library: Optional[ctypes.CDLL] = None


def _files() -> List[Path]:
    here = Path(__file__).resolve().parent
    return [
        here / "libgrounding.so",                                          # bundled by `make install-python`
        Path("/usr/local/lib/libgrounding.so"),                            # `make install` (default PREFIX)
        here.parent.parent / ".build" / "release" / "libgrounding.so",     # used from the repository
    ]


def library_path() -> str:
    """The library this package loads: ``$GROUNDING_LIBRARY`` when set; else the first that
    exists of the copy bundled in the package (``make install-python``),
    ``/usr/local/lib/libgrounding.so`` (``make install``) and the repository's
    ``.build/release/libgrounding.so`` (the package used from a checkout); else one on the
    loader's search path (``ldconfig``, ``LD_LIBRARY_PATH``).
    """
    explicit = os.environ.get("GROUNDING_LIBRARY")
    if explicit:
        return explicit
    for candidate in _files():
        if candidate.is_file():
            return str(candidate)
    found = ctypes.util.find_library("grounding")
    if found:
        return found
    raise OSError(
        "libgrounding.so not found; build it with `swift build -c release --product grounding` "
        "(or run `make install-python`), or set GROUNDING_LIBRARY to its path. Looked in: "
        + ", ".join(str(c) for c in _files()) + " and the loader's search path"
    )


def load() -> ctypes.CDLL:
    """The library, loaded once, its functions typed."""
    global _library
    with _lock:
        if _library is None:
            library = ctypes.CDLL(library_path())
            out_string = ctypes.POINTER(ctypes.c_void_p)
            library.grounding_engine_create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p), out_string]
            library.grounding_engine_create.restype = ctypes.c_int
            library.grounding_engine_destroy.argtypes = [ctypes.c_void_p]
            library.grounding_engine_destroy.restype = None
            library.grounding_run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t, out_string]
            library.grounding_run.restype = ctypes.c_int
            library.grounding_engine_models.argtypes = [ctypes.c_void_p, out_string]
            library.grounding_engine_models.restype = ctypes.c_int
            library.grounding_free.argtypes = [ctypes.c_void_p]
            library.grounding_free.restype = None
            library.grounding_version.argtypes = []
            library.grounding_version.restype = ctypes.c_char_p
            _library = library
        return _library


def take_string(library: ctypes.CDLL, pointer: ctypes.c_void_p) -> str:
    """The library's string at `pointer`, freed."""
    if not pointer.value:
        return ""
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        library.grounding_free(pointer)
