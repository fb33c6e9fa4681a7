"""Errors of the minutes export: a stable ``code`` and ``params``; the Vietnamese text is in ``texts``."""

from __future__ import annotations


class ExportError(Exception):
    """An export, signing or verification step that cannot be done (``code`` names why)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
