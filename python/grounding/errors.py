"""The one exception the package raises for a failed request or engine."""

from __future__ import annotations

from typing import Any, Mapping


class GroundingError(Exception):
    """A failure with Grounding's stable code (``docs/ERRORS.md``) and its message.

    ``code`` is the string form (``"image.truncated"``), ``status`` the number the C ABI
    returned (``12``)::

        try:
            engine.count("missing.jpg", ["dog"])
        except GroundingError as error:
            print(error.code, error.message)   # image.not_found /.../missing.jpg: no such file; ...
    """

    def __init__(self, code: str, message: str, status: int = 0) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status

    @classmethod
    def from_json(cls, answer: Mapping[str, Any], status: int) -> "GroundingError":
        """The error in the library's ``{"error": {"code", "message"}}`` answer."""
        error = answer.get("error", {})
        return cls(str(error.get("code", "internal")), str(error.get("message", "")), status)
