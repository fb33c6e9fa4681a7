"""Errors of the voices layer (codes; the Vietnamese text lives in ``minutes_tui.texts``)."""

from __future__ import annotations

from bienban_base.errors import CodedError


class VoiceError(CodedError):
    """The speaker encoder is missing or corrupt, or a weights file is refused."""
