"""Errors of the transcription layer.

Each error carries a stable ``code`` and ``params``; the Vietnamese text shown to the secretary
lives in ``minutes_tui.texts`` (this package never imports the UI). ``str(error)`` is English,
for logs.
"""

from __future__ import annotations


class TranscribeError(Exception):
    """Base class: ``code`` names the situation, ``params`` fill the user message."""

    code = "transcribe_error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params


class AudioError(TranscribeError):
    """The input file cannot be read as audio, or holds none."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code


class ModelError(TranscribeError):
    """The model is missing, corrupt, or cannot be fetched offline."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code
