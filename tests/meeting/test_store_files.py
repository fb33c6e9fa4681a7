"""Store files from the first schema, from a newer version, damaged or foreign: migrated or a clear message."""

from __future__ import annotations

import hashlib
import sqlite3
from types import SimpleNamespace

import pytest
from store_samples import MEETING

from minutes_tui import texts
from minutes_tui.cli import main
from minutes_tui.meeting import MeetingStore, read_meeting, schema
from minutes_tui.meeting.errors import StoreError


def _v1_store(folder):
    """A meeting written by the first schema (version 1), with a segment and an edit to undo."""
    folder.mkdir()
    conn = sqlite3.connect(folder / "meeting.sqlite")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.executescript(schema.SCHEMA_V1)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO meeting VALUES (1, 'Hội nghị cũ', '', 'UBND phường', '3/BB-UBND', 'Nhà văn hóa', "
        "'2025-03-01T08:00:00', NULL, NULL, NULL, 'Chủ tịch', '', '', '', 'Thư ký', '', '[]', '', '[]', '')"
    )
    conn.execute("INSERT INTO participants VALUES (1, 'Bà Hoa', '', 'Tổ 2', 1)")
    conn.execute("INSERT INTO segments VALUES (1, 0.0, 2.5, 'đã sửa', 'gốc', 1, 0.5, '[]', 1, '[\"question\"]')")
    conn.execute("INSERT INTO edits VALUES (1, '2025-03-01T09:00:00', 'edit_text', 'segment 1', 'done')")
    conn.execute("INSERT INTO edit_steps VALUES (1, 1, 'UPDATE segments SET text=''gốc'',edited=0 WHERE id=1')")
    conn.commit()
    conn.close()


def _audio(folder):
    audio = folder / "audio.mp3"
    audio.write_bytes(b"ID3 not really audio but it must never be touched" * 100)
    return audio, hashlib.sha256(audio.read_bytes()).hexdigest()


def test_a_first_schema_store_is_migrated_and_keeps_everything(tmp_path):
    folder = tmp_path / "old"
    _v1_store(folder)
    with MeetingStore.open(folder) as store:
        record = store.load()
        seg = record.segments[0]
        assert (seg.text, seg.original_text, seg.tags, seg.proposed_text) == ("đã sửa", "gốc", ("question",), None)
        assert record.participants[0].anonymous and record.meeting.number == "3/BB-UBND"
        # the old history is SQL text: it is kept as a record but never run (permanent edits)
        assert store.undo() is None and store.segment(1).text == "đã sửa"
        assert [e.action for e in store.history()] == ["edit_text"]
        store.edit_text(1, "sửa lại")  # and the new schema logs edits as data
        assert store.undo() is not None and store.segment(1).text == "đã sửa"
    conn = sqlite3.connect(folder / "meeting.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_old_store_read_only_asks_to_be_opened_once(tmp_path):
    _v1_store(tmp_path / "old")
    with pytest.raises(StoreError) as err:
        read_meeting(tmp_path / "old")
    assert err.value.code == "store_needs_upgrade"


def test_a_newer_store_is_refused_untouched(tmp_path, capsys):
    folder = tmp_path / "newer"
    MeetingStore.create(folder, MEETING).close()
    conn = sqlite3.connect(folder / "meeting.sqlite")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = (folder / "meeting.sqlite").read_bytes()
    audio, digest = _audio(folder)
    for call in (MeetingStore.open, read_meeting):
        with pytest.raises(StoreError) as err:
            call(folder)
        message = texts.user_message(err.value)
        assert "phiên bản bienban mới hơn" in message and str(schema.SCHEMA_VERSION) in message
    assert (folder / "meeting.sqlite").read_bytes() == before
    assert hashlib.sha256(audio.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("damage", ["garbage", "pages", "truncated"])
def test_a_corrupt_store_gives_the_clear_message_and_spares_the_audio(tmp_path, capsys, damage):
    folder = tmp_path / "meetings" / "broken"
    with MeetingStore.create(folder, MEETING) as store:
        store.add_recognised_many((SimpleNamespace(start=i, end=i + 1, text=f"đoạn số {i} " * 5) for i in range(300)), "base")
    path = folder / "meeting.sqlite"
    data = bytearray(path.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not a database at all" * 200)
    elif damage == "pages":
        data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)
    else:
        data = data[: len(data) // 2]
    path.write_bytes(bytes(data))
    audio, digest = _audio(folder)
    for call in (MeetingStore.open, read_meeting):
        with pytest.raises(StoreError) as err:
            call(folder)
        assert err.value.code == "store_corrupt", err.value
        assert "bị hỏng" in texts.user_message(err.value)
    # the command line says it in one line, and the other meetings are still listed
    assert main(["followups", "--root", str(tmp_path / "meetings")]) == 0
    out = capsys.readouterr()
    assert "bị hỏng" in out.err and "Traceback" not in out.err
    assert hashlib.sha256(audio.read_bytes()).hexdigest() == digest


def test_a_foreign_or_missing_store(tmp_path):
    (tmp_path / "foreign").mkdir()
    conn = sqlite3.connect(tmp_path / "foreign" / "meeting.sqlite")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError) as err:
        MeetingStore.open(tmp_path / "foreign")
    assert "không phải tệp dữ liệu cuộc họp" in texts.user_message(err.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError) as err:
        MeetingStore.open(tmp_path / "empty")
    assert "thiếu tệp meeting.sqlite" in texts.user_message(err.value)


def test_a_store_locked_by_another_process(tmp_path, capsys):
    import subprocess
    import sys

    folder = tmp_path / "meetings" / "open"
    MeetingStore.create(folder, MEETING).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom minutes_tui.meeting import MeetingStore\n"
            "s = MeetingStore.open(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()",
            str(folder),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as err:
            MeetingStore.open(folder)
        assert "đang được mở ở một chương trình khác" in texts.user_message(err.value)
        assert main(["meetings", "--root", str(tmp_path / "meetings")]) == 0  # readers are welcome
        assert "Hội nghị đối thoại" in capsys.readouterr().out
    finally:
        holder.stdin.close()
        holder.wait()
    MeetingStore.open(folder).close()  # released when the holder ends
