"""Errors of the meeting store: a stable ``code`` and ``params``; the Vietnamese text is in ``texts``."""

from __future__ import annotations

from bienban_base.errors import CodedError


class StoreError(CodedError):
    """A meeting store that cannot be opened or changed; ``str()`` is English, for logs."""


def missing_item(kind: str, item_id: object) -> StoreError:
    """A segment, participant, petition or note id that is not in the meeting."""
    return StoreError(f"store_missing_{kind}", f"no {kind} {item_id}", kind=kind, id=item_id)
