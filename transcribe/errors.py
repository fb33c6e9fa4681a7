"""Errors of the transcription layer (codes and params; the Vietnamese text is in ``minutes_tui.texts``)."""

from __future__ import annotations

from bienban_base.errors import AudioError, CodedError

__all__ = ["AudioError", "ModelError", "TranscribeError"]


class TranscribeError(CodedError):
    """Transcription or evaluation cannot go on; ``code`` names why."""


class ModelError(TranscribeError):
    """The model is missing, corrupt, or cannot be fetched offline."""
