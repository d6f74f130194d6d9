"""The one exception the package raises for a failed request or engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Mapping

if TYPE_CHECKING:
    from .results import Unresolved

#: The C ABI's number for ``request.invalid``: the status of the errors the package raises itself.
REQUEST_INVALID = 2

#: The C ABI's number for ``image.unreadable``: a file the package cannot hand over by name.
IMAGE_UNREADABLE = 11


class GroundingError(Exception):
    """A failure with Grounding's stable code (``docs/ERRORS.md``) and its message.

    ``code`` is the string form (``"image.truncated"``), ``status`` the number the C ABI
    returned (``12``; ``2``, ``request.invalid``, for what the package refuses before calling
    it). When no name asked for could be answered, ``unresolved`` lists each as a result would::

        try:
            engine.count("missing.jpg", ["dog"])
        except GroundingError as error:
            print(error.code, error.message)   # image.not_found /.../missing.jpg: no such file; ...
    """

    def __init__(self, code: str, message: str, status: int = REQUEST_INVALID,
                 unresolved: "List[Unresolved] | None" = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.unresolved: "List[Unresolved]" = list(unresolved or [])

    @classmethod
    def from_json(cls, answer: Mapping[str, Any], status: int) -> "GroundingError":
        """The error in the library's ``{"error": {"code", "message", "unresolved"?}}`` answer."""
        from .results import Unresolved

        error = answer.get("error", {})
        unresolved = [Unresolved.from_json(u) for u in error.get("unresolved", [])]
        return cls(str(error.get("code", "internal")), str(error.get("message", "")), status, unresolved)
