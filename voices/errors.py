"""Errors of the voices layer (codes; the Vietnamese text lives in ``minutes_tui.texts``)."""

from __future__ import annotations

from transcribe.errors import TranscribeError


class VoiceError(TranscribeError):
    """The speaker encoder is missing or corrupt, or a weights file is refused."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code
