"""Errors of the minutes export: a stable ``code`` and ``params``; the Vietnamese text is in ``texts``."""

from __future__ import annotations

from bienban_base.errors import CodedError


class ExportError(CodedError):
    """An export, signing or verification step that cannot be done (``code`` names why)."""
