"""Undo history is data: a crafted meeting folder cannot make "undo" run SQL."""

from __future__ import annotations

import sqlite3

import pytest
from store_samples import MEETING

from minutes_tui.meeting import MeetingStore
from minutes_tui.meeting.errors import StoreError


def _store_with_an_edit(folder):
    with MeetingStore.create(folder, MEETING) as store:
        seg = store.add_segment(0.0, 2.5, "gốc")
        store.edit_text(seg.id, "đã sửa")
    return seg.id


def _dump(folder) -> list:
    conn = sqlite3.connect(folder / "meeting.sqlite")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(
    "row",
    [
        ("segments", 1, "update", '{"text": ["text", "x"], "1=1; ATTACH DATABASE \'X\' AS y; --": ["text", "z"]}'),
        ("segments WHERE 1=1; DROP TABLE meeting; --", 1, "update", '{"text": ["text", "x"]}'),
        ("sqlite_master", 1, "delete", '{"id": ["integer", 1]}'),
        ("segments", 1, "update", '{"text": ["sql", "x"]}'),
        ("segments", 1, "delete", '{"text": ["text", "x"]}'),
    ],
)
def test_a_planted_history_row_runs_nothing(tmp_path, row):
    folder = tmp_path / "m"
    seg_id = _store_with_an_edit(folder)
    conn = sqlite3.connect(folder / "meeting.sqlite")
    edit_id = conn.execute("SELECT max(id) FROM edits").fetchone()[0]
    conn.execute("INSERT INTO edit_changes (edit_id, tbl, row_id, op, old_values) VALUES (?, ?, ?, ?, ?)", (edit_id, *row))
    conn.commit()
    conn.close()
    before = _dump(folder)
    with MeetingStore.open(folder) as store:
        with pytest.raises(StoreError) as refused:
            store.undo()
        assert refused.value.code == "store_undo_refused"
        assert store.segment(seg_id).text == "đã sửa"
    assert _dump(folder) == before
    assert not list(tmp_path.glob("X*")) and not list(folder.glob("X*"))


V4_PETITION_COLUMNS = ("authority", "channel", "result", "done_on", "reference", "extension_reason", "passed_to")


def test_an_old_sql_history_is_never_run(tmp_path):
    """A version-2 folder whose edit_steps hold an ATTACH: after the upgrade, undo runs nothing."""
    folder = tmp_path / "m"
    _store_with_an_edit(folder)
    conn = sqlite3.connect(folder / "meeting.sqlite")
    # rebuild the version-2 history table and plant a statement in it
    conn.executescript(
        "DROP TABLE edit_changes; CREATE TABLE edit_steps (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "edit_id INTEGER NOT NULL, sql TEXT NOT NULL); UPDATE edits SET state = 'done';"
        "ALTER TABLE participants DROP COLUMN aliases;"
        # and take away what version 4 added
        + "".join(f"ALTER TABLE petitions DROP COLUMN {c};" for c in V4_PETITION_COLUMNS)
        + "ALTER TABLE meeting DROP COLUMN attendance; ALTER TABLE meeting DROP COLUMN document_texts;"
        + "ALTER TABLE petitions DROP COLUMN text_follows; ALTER TABLE petitions DROP COLUMN answer_follows;"
        + "ALTER TABLE petitions DROP COLUMN conference_deadline;"
        + "ALTER TABLE segments DROP COLUMN model; ALTER TABLE segments DROP COLUMN proposed_model;"
    )
    target = tmp_path / "pwned.sqlite"
    conn.execute("INSERT INTO edit_steps (edit_id, sql) VALUES (1, ?)", (f"ATTACH DATABASE '{target}' AS pwned",))
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with MeetingStore.open(folder) as store:
        assert store.undo() is None
        assert not store.can_undo()
    assert not target.exists()


def test_undo_and_redo_round_trip_every_value_type(tmp_path):
    folder = tmp_path / "m"
    with MeetingStore.create(folder, MEETING) as store:
        seg = store.add_segment(1800.123456789012, 1830.5, "gốc", confidence=0.912345678901234)
        p = store.add_participant("Võ Thị Tố", group="Tổ 4", anonymous=True)
        store.set_speaker(seg.id, p.id)
        store.edit_text(seg.id, "đã sửa")
        before = store.load()
        store.undo()
        store.undo()
        assert store.segment(seg.id).speaker_id is None
        store.redo()
        store.redo()
        after = store.load()
        assert after.segments == before.segments and after.participants == before.participants
