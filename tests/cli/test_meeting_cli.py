"""``bienban import``, ``followups`` and ``meetings`` on real files."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from store_samples import MEETING

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.cli import main
from minutes_tui.meeting import Field, MeetingStore, Outcome, OutcomeKind, Status, read_meeting


def _meeting(root, name, day, outcomes):
    with MeetingStore.create(root / name, replace(MEETING, title=f"Đối thoại {name}", planned_start=day)) as store:
        resident = store.add_participant("Đặng Thị Thu", group="Tổ dân phố 4", anonymous=True)
        for text, outcome in outcomes:
            p = store.add_petition(text, raised_by=resident.id, field=Field.SECURITY)
            store.set_outcome(p.id, outcome)


def test_followups_overdue_first_due_within_and_csv(tmp_path, capsys):
    today = datetime.combine(clock.today(), datetime.min.time())
    _meeting(
        tmp_path,
        "a",
        today - timedelta(days=40),
        [
            ("Hứa sửa đèn đường", Outcome(OutcomeKind.PROMISED, responsible="Địa chính")),  # 30 days: overdue by 10
            ("Đã trả lời", Outcome(OutcomeKind.ANSWERED)),
            ("Đã xong", Outcome(OutcomeKind.PROMISED, status=Status.DONE)),
        ],
    )
    _meeting(
        tmp_path,
        "b",
        today - timedelta(days=5),
        [
            (
                "Chuyển thị xã",
                Outcome(OutcomeKind.TRANSFERRED, agency="UBND thị xã", deadline=clock.today() + timedelta(days=60)),
            ),
            ("Trả lời bằng văn bản", Outcome(OutcomeKind.OFF_TOPIC, responsible="Văn phòng")),
        ],
    )
    assert main(["followups", "--root", str(tmp_path), "--csv", str(tmp_path / "f.csv")]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split(" | ") == list(texts.FOLLOWUPS_CLI_COLUMNS)  # every column named, none dropped
    assert len(lines) == 3
    assert all(len(line.split(" | ")) == len(texts.FOLLOWUPS_CLI_COLUMNS) for line in lines)  # an empty cell shows as "–"
    # what `followups done MEETING NUMBER` takes: the petition's number in its minutes and the meeting folder
    assert lines[0].startswith("1 | ") and lines[0].endswith(f" | {tmp_path / 'a'}")
    assert lines[1].startswith("1 | ") and lines[2].startswith("2 | ") and lines[2].endswith(f" | {tmp_path / 'b'}")
    assert "quá hạn 10 ngày" in lines[0] and "Hứa sửa đèn đường" in lines[0]
    assert "còn 60 ngày" in lines[1] and "UBND thị xã" in lines[1]
    assert "chưa có hạn" in lines[2]  # off-topic without a date comes last
    assert all("Đặng Thị Thu" not in line and "Ẩn danh" in line for line in lines)
    with open(tmp_path / "f.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "STT" and len(rows) == 4  # the register's columns, as in Excel
    assert main(["followups", "--root", str(tmp_path), "--due-within", "30"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # the header and the one overdue item
    assert main(["meetings", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Đối thoại b" in out[1] and "Đối thoại a" in out[2]


@pytest.mark.model
def test_import_an_eval_recording_then_followups_and_export_read_it(tmp_path, eval_dir, capsys):
    clip = sorted((eval_dir / "cv_vi_dev").glob("*.mp3"))[0]
    folder = tmp_path / "meetings" / "imported"
    assert (
        main(["import", str(clip), "--title", "Hội nghị đối thoại", "--meeting", str(folder), "--start", "2026-03-07 08:00"]) == 0
    )
    assert capsys.readouterr().out.strip() == str(folder)
    record = read_meeting(folder)
    assert record.meeting.audio_file == "audio.mp3"
    assert (folder / "audio.mp3").read_bytes() == clip.read_bytes()
    assert record.segments and all(s.text and s.words for s in record.segments)
    # the secretary marks a promise; followups and the exporter read the meeting
    with MeetingStore.open(folder) as store:
        p = store.add_petition(record.segments[0].text, segment_ids=[record.segments[0].id])
        store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, responsible="Công chức Địa chính"))
    assert main(["followups", "--root", str(tmp_path / "meetings")]) == 0
    assert "06/04/2026" in capsys.readouterr().out
    docx = tmp_path / "bien-ban.docx"
    # an imported meeting has no place, chair or secretary yet: export lists them and asks; --force exports anyway
    assert main(["export", str(folder), "--docx", str(docx), "--force"]) == 0
    from docx import Document

    body = "\n".join(par.text for par in Document(docx).paragraphs)
    assert "Hội nghị đối thoại".upper() in body.upper() and "Công chức Địa chính" in body


def test_import_of_a_bad_file_creates_nothing(tmp_path, capsys):
    bad = tmp_path / "ghi-am.m4a"
    bad.write_bytes(b"not audio")
    assert main(["import", str(bad), "--title", "x", "--meeting", str(tmp_path / "m")]) == 2
    assert "Không đọc được tệp âm thanh" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_import_never_replaces_an_existing_recording(tmp_path, eval_dir, capsys):
    clip = sorted((eval_dir / "cv_vi_dev").glob("*.mp3"))[0]
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("audio.wav", "audio.mp3"):  # the recorder's recording, or an earlier import
        original = folder / name
        original.write_bytes(b"RIFF the meeting's own recording")
        assert main(["import", str(clip), "--title", "x", "--meeting", str(folder), "--no-progress"]) == 2
        assert "không bao giờ bị ghi đè" in capsys.readouterr().err
        assert original.read_bytes() == b"RIFF the meeting's own recording"
        assert not (folder / "meeting.sqlite").exists()
        original.unlink()


def test_imported_audio_is_owner_only_whatever_the_source_mode(tmp_path):
    from recorder.importing import import_recording

    source = tmp_path / "phone.m4a"
    source.write_bytes(b"x" * 100)
    source.chmod(0o644)
    copied = import_recording(tmp_path / "m", source)
    assert copied.name == "audio.m4a" and copied.stat().st_mode & 0o777 == 0o600
    import pytest

    from recorder.errors import RecorderError

    with pytest.raises(RecorderError) as refused:
        import_recording(tmp_path / "m", source)
    assert refused.value.code == "recording_exists"


def test_followups_screen_and_csv_mask_the_anonymous_by_meaning(tmp_path, capsys):
    """The raw petition text, the meeting title and the responsible line never name her."""
    with MeetingStore.create(tmp_path / "a", replace(MEETING, title="Đối thoại về đơn của chị Thuỷ")) as store:
        resident = store.add_participant("Đặng Thị Thủy", group="Tổ dân phố 4", anonymous=True)
        p = store.add_petition("Bà ĐẶNG THỊ THUỶ tố cáo; chị Thủy đề nghị giữ bí mật.", raised_by=resident.id)
        store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, responsible="Công an phường, gặp riêng Thủy"))
    assert main(["followups", "--root", str(tmp_path), "--csv", str(tmp_path / "f.csv")]) == 0
    out = capsys.readouterr().out
    with open(tmp_path / "f.csv", encoding="utf-8-sig") as f:
        csv_text = f.read()
    for shown in (out, csv_text):
        assert "Ẩn danh tố cáo" in shown and "Thủy" not in shown and "Thuỷ" not in shown and "THUỶ" not in shown
