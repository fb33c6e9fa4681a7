"""One error base for every package: a stable ``code`` and ``params`` for the user's sentence.

The Vietnamese sentence for each code lives in ``minutes_tui.texts`` (the packages below the UI
never hold user text); ``str(error)`` is English, for logs.
"""

from __future__ import annotations


class CodedError(Exception):
    """An error the secretary is told about: ``code`` names the situation, ``params`` fill the sentence."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class AudioError(CodedError):
    """The input file cannot be read as audio, or holds none."""
