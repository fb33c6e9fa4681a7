"""Dates on the command line as the app writes them (dd/mm/yyyy) or as scripts do (YYYY-MM-DD) (issue 26, item 11)."""

from __future__ import annotations

from datetime import date

import pytest

from minutes_tui.cli import main
from minutes_tui.meeting import read_meeting


@pytest.fixture
def meeting(tmp_path, capsys):
    from datetime import datetime

    from minutes_tui.workflows.sample import create_sample_meeting

    folder = create_sample_meeting(tmp_path / "meetings", datetime(2026, 12, 6, 8))
    capsys.readouterr()
    return folder


def test_done_and_extend_take_the_apps_dates(meeting, capsys):
    assert main(["followups", "done", str(meeting), "1", "--result", "Đã nạo vét", "--on", "10/12/2026"]) == 0
    assert main(["followups", "extend", str(meeting), "4", "--to", "1/2/2027", "--reason", "Chờ xác minh"]) == 0
    petitions = read_meeting(meeting).petitions
    assert petitions[0].outcome.done_on == date(2026, 12, 10)
    assert petitions[3].outcome.deadline == date(2027, 2, 1)
    assert main(["followups", "extend", str(meeting), "5", "--to", "2027-03-01", "--reason", "Chờ"]) == 0
    assert read_meeting(meeting).petitions[4].outcome.deadline == date(2027, 3, 1)


def test_a_date_that_does_not_exist_is_refused_in_vietnamese(meeting, capsys):
    assert main(["followups", "done", str(meeting), "1", "--result", "x", "--on", "31/02/2027"]) == 2
    err = capsys.readouterr().err
    assert "Ngày không hợp lệ: 31/02/2027" in err and "ngày/tháng/năm" in err
    assert read_meeting(meeting).petitions[0].outcome.done_on is None


def test_an_extension_before_the_meeting_or_the_current_deadline_is_refused(meeting, capsys):
    record = read_meeting(meeting)
    deadline, day = record.petitions[3].outcome.deadline, record.meeting.day()
    assert main(["followups", "extend", str(meeting), "4", "--to", "01/12/2026", "--reason", "nhầm"]) == 2
    assert f"trước ngày họp ({day:%d/%m/%Y})" in capsys.readouterr().err
    assert main(["followups", "extend", str(meeting), "4", "--to", "2026-12-10", "--reason", "nhầm"]) == 2
    assert f"phải sau hạn hiện tại ({deadline:%d/%m/%Y})" in capsys.readouterr().err
    assert read_meeting(meeting).petitions[3].outcome.deadline == deadline


def test_the_report_date_takes_the_apps_dates(meeting, capsys):
    import docx

    assert main(["export", str(meeting), "--report", "--date", "05/12/2026"]) == 0
    text = "\n".join(p.text for p in docx.Document(str(meeting / "exports" / "bao-cao-ket-qua.docx")).paragraphs)
    assert "ngày 05 tháng 12 năm 2026" in text


def test_import_start_takes_the_apps_date(tmp_path, capsys):
    missing = str(tmp_path / "khong-co.wav")
    assert main(["import", missing, "--title", "T", "--start", "31/02/2026 08:00", "--root", str(tmp_path)]) == 2
    assert "Giờ bắt đầu không hợp lệ: '31/02/2026 08:00'" in capsys.readouterr().err
    # a start the app would write is understood: the command goes on to the recording (which is missing)
    assert main(["import", missing, "--title", "T", "--start", "05/12/2026 08:00", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Giờ bắt đầu" not in err and "khong-co.wav" in err
