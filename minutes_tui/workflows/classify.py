"""Classifying petitions (field, authority, channel) and the attendance counts of a meeting.

The field list offered is the ward's: ``DEFAULT_FIELDS`` unless the meetings folder holds
``linh-vuc.json`` — a list of ``[code, label]`` pairs (codes from ``model.Field``) that relabels,
reorders or drops fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from minutes_tui import texts
from minutes_tui.meeting import MeetingStore, Petition
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.model import DEFAULT_FIELDS, Authority, Channel, Field, Meeting

#: The secretary's own paragraphs of the notice and the report (``Meeting.document_texts`` keys),
#: and the numbers the office's register gives the notice, the report and the previous-round report
#: (each document has its own; left blank, "Số:      /TB-UBND" is filled in by hand).
PARAGRAPH_KEYS = (
    "report_assessment", "report_proposals", "notice_closing", "place_name",
    "notice_number", "report_number", "previous_number",
)  # fmt: skip
#: The ward's field list, inside the meetings folder.
WARD_FIELDS_FILE = "linh-vuc.json"


def ward_fields(root: Path | None) -> list[tuple[Field, str]]:
    """The fields offered when tagging, with their labels, in the ward's order."""
    path = root / WARD_FIELDS_FILE if root is not None else None
    if path is None or not path.is_file():
        return [(f, texts.PETITION_FIELDS[f.value]) for f in DEFAULT_FIELDS]
    try:
        pairs = [(Field(code), str(label)) for code, label in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, TypeError) as exc:
        raise StoreError("ward_fields_bad", f"{path}: {exc}", path=str(path)) from exc
    return pairs or [(f, texts.PETITION_FIELDS[f.value]) for f in DEFAULT_FIELDS]


def field_by_key(fields: Sequence[tuple[Field, str]], key: str) -> Field | None:
    """The field a quick key picks: its 1-based digit in the list ("1" … "9")."""
    if key.isdigit() and 1 <= int(key) <= len(fields):
        return fields[int(key) - 1][0]
    return None


#: The letters of the quick key after the digits of the fields: authority and channel.
QUICK_LETTERS: dict[str, tuple[Authority | str, Channel | None]] = {
    "p": (Authority.WARD, None),
    "c": (Authority.HIGHER, None),
    "n": ("", Channel.SPOKEN),
    "v": ("", Channel.WRITTEN),
}


def classify_by_key(store: MeetingStore, petition_id: int, key: str, fields: Sequence[tuple[Field, str]]) -> Petition | None:
    """Apply one quick key: a digit picks the field, p/c the ward's or a higher authority, n/v spoken or written."""
    field = field_by_key(fields, key)
    if field is not None:
        return classify(store, petition_id, field=field)
    letter = QUICK_LETTERS.get(key.lower())
    if letter is None:
        return None
    authority, channel = letter  # "" / None: left as it is
    return classify(store, petition_id, authority=authority, channel=channel)


def describe(petition: Petition, fields: Sequence[tuple[Field, str]] = ()) -> str:
    """The petition's classification in one line (the dialog and the items panel), with the ward's labels."""
    authority = "ward" if petition.within_authority else "higher"
    return " · ".join(
        (
            dict(fields).get(petition.field, texts.PETITION_FIELDS[petition.field.value]),
            texts.AUTHORITY_LABELS[authority],
            texts.CHANNEL_LABELS[petition.channel.value],
        )
    )


def classify(
    store: MeetingStore,
    petition_id: int,
    field: Field | None = None,
    authority: Authority | None | str = "",
    channel: Channel | None = None,
) -> Petition:
    """Set what is given of a petition's field, authority (None: from its outcome) and channel; one undo step."""
    changes: dict[str, object] = {}
    if field is not None:
        changes["field"] = Field(field)
    if authority != "":
        changes["authority"] = Authority(authority) if authority is not None else None
    if channel is not None:
        changes["channel"] = Channel(channel)
    return store.update_petition(petition_id, **changes) if changes else store.petition(petition_id)


def parse_attendance(text: str) -> tuple[tuple[str, int], ...]:
    """'Người dân: 45; Tổ trưởng tổ dân phố: 12' → (("Người dân", 45), ...). ValueError when malformed."""
    counts = []
    for part in filter(str.strip, text.replace("\n", ";").split(";")):
        group, sep, number = part.rpartition(":")
        if not sep or not group.strip() or not number.strip().isdigit():
            raise ValueError(part)
        counts.append((group.strip(), int(number)))
    return tuple(counts)


def set_attendance(store: MeetingStore, counts: Sequence[tuple[str, int]]) -> Meeting:
    """Attendance counts by group, as one undoable edit."""
    return store.update_meeting(attendance=tuple((g, int(n)) for g, n in counts))


def set_document_text(store: MeetingStore, key: str, text: str) -> Meeting:
    """One of the secretary's own paragraphs of the notice or the report (kept across re-exports)."""
    texts_now = dict(store.meeting().document_texts)
    texts_now[key] = text.strip()
    return store.update_meeting(document_texts=tuple(sorted((k, v) for k, v in texts_now.items() if v)))
