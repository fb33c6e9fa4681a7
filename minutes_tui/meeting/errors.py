"""Errors of the meeting store: a stable ``code`` and ``params``; the Vietnamese text is in ``texts``."""

from __future__ import annotations


class StoreError(Exception):
    """A meeting store that cannot be opened or changed; ``str()`` is English, for logs."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def missing_item(kind: str, item_id: object) -> StoreError:
    """A segment, participant, petition or note id that is not in the meeting."""
    return StoreError(f"store_missing_{kind}", f"no {kind} {item_id}", kind=kind, id=item_id)
