"""Schema 4 (issue 14): a version-3 meeting opens, upgrades, and reads with the new fields' defaults."""

from __future__ import annotations

import sqlite3

from store_samples import MEETING

from minutes_tui.meeting import Field, MeetingStore, Outcome, OutcomeKind, read_meeting
from minutes_tui.meeting.model import Channel
from minutes_tui.meeting.schema import SCHEMA_VERSION

_V4 = ("authority", "channel", "result", "done_on", "reference", "extension_reason", "passed_to")


def test_a_version_3_meeting_upgrades_with_defaults(tmp_path):
    folder = tmp_path / "m"
    with MeetingStore.create(folder, MEETING) as store:
        p = store.add_petition("Đường ngập nước", field=Field.INFRASTRUCTURE)
        store.set_outcome(p.id, Outcome(OutcomeKind.TRANSFERRED, agency="Sở Xây dựng"))
    conn = sqlite3.connect(folder / "meeting.sqlite")
    conn.executescript(
        "".join(f"ALTER TABLE petitions DROP COLUMN {c};" for c in _V4)
        + "ALTER TABLE meeting DROP COLUMN attendance; ALTER TABLE meeting DROP COLUMN document_texts;"
        + "ALTER TABLE petitions DROP COLUMN text_follows; ALTER TABLE petitions DROP COLUMN answer_follows;"
        + "ALTER TABLE petitions DROP COLUMN conference_deadline;"
        + "ALTER TABLE segments DROP COLUMN model; ALTER TABLE segments DROP COLUMN proposed_model;"
        + "PRAGMA user_version = 3;"
    )
    conn.close()
    with MeetingStore.open(folder):
        pass
    record = read_meeting(folder)
    petition = record.petitions[0]
    assert SCHEMA_VERSION >= 5  # later migrations add to it
    assert (petition.authority, petition.channel, petition.within_authority) == (None, Channel.SPOKEN, False)
    assert petition.outcome.result == "" and petition.outcome.done_on is None and petition.outcome.passed_to == ""
    assert record.meeting.attendance == () and record.meeting.document_texts == ()
