"""Issue 24: the product's calendar is Vietnam's, whatever the laptop's time zone is set to.

A meeting held from 23:30 to 00:40 keeps its start date; deadlines count Vietnamese calendar days;
a file's time is read as Vietnamese wall-clock time; the command line prints Vietnamese dates.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import wave
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import pytest

from bienban_base import clock
from minutes_tui.cli import main
from minutes_tui.meeting import Meeting, MeetingStore, Outcome, OutcomeKind, Status, read_meeting
from minutes_tui.workflows.followups import notice_due_line
from minutes_tui.workflows.importing import create_imported_meeting

BIENBAN = [sys.executable, "-m", "minutes_tui"]
LATE_START = datetime(2026, 12, 2, 23, 30)
"""The meeting's start, Vietnam time; it ends at 00:40 the next day."""
LATE_END = datetime(2026, 12, 3, 0, 40)


@pytest.fixture(params=["UTC", "Asia/Ho_Chi_Minh", "America/New_York"])
def laptop_tz(request):
    """This process runs as on a laptop set to the given time zone (``datetime.fromtimestamp``,
    ``astimezone()`` and the standard library's local now follow it)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _phone_recording(path: Path, seconds: int, ended: datetime) -> Path:
    """A recording of ``seconds`` of silence whose file time is ``ended`` (Vietnam time), as a phone
    leaves it (8-bit at 1 kHz: only its length matters here, and it is written at once)."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(1000)
        w.writeframes(bytes([128]) * (seconds * 1000))
    stamp = ended.replace(tzinfo=clock.VIETNAM).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _docx_text(path: Path) -> str:
    doc = docx.Document(str(path))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_meeting_from_23_30_to_00_40_keeps_its_start_date(laptop_tz, tmp_path, capsys):
    """Imported from a phone's file on any laptop: the meeting, its folder, its minutes and its
    deadlines are dated 02/12, the day it began, in Vietnam's hours. (The import's first step, the
    one ``bienban import`` and the app's ``i`` share; transcribing 70 minutes adds nothing here.)"""
    clock.set_now(LATE_END + timedelta(minutes=5))  # she imports it right after the meeting
    recording = _phone_recording(tmp_path / "Ghi âm 0043.wav", 70 * 60, LATE_END)
    root = tmp_path / "meetings"
    folder = create_imported_meeting(recording, root, "Họp tổ dân phố 2").folder
    assert folder.name == "20261202-2330"
    meeting = read_meeting(folder).meeting
    assert (meeting.actual_start, meeting.actual_end, meeting.day()) == (LATE_START, LATE_END, date(2026, 12, 2))
    assert meeting.default_deadline() == date(2027, 1, 1)  # 30 Vietnamese calendar days from the start's date
    assert "12/12/2026 (còn 9 ngày)" in notice_due_line(folder, meeting.day())  # counted from 03/12, Vietnam's today

    capsys.readouterr()
    assert main(["meetings", "--root", str(root)]) == 0
    assert "02/12/2026 23:30 | Họp tổ dân phố 2" in capsys.readouterr().out

    minutes = tmp_path / "bien-ban.docx"
    # an import has no place, chair nor secretary yet: exported anyway, blanks to fill by hand
    assert main(["export", str(folder), "--docx", str(minutes), "--force"]) == 0
    text = _docx_text(minutes)
    assert "23 giờ 30, ngày 02 tháng 12 năm 2026" in text  # began
    assert "0 giờ 40, ngày 03 tháng 12 năm 2026" in text  # ended


def test_the_command_line_on_a_utc_laptop_prints_vietnamese_dates(tmp_path):
    """At 00:30 on 03/12 in Vietnam a laptop set to UTC reads 17:30 on 02/12: the CLI counts, lists
    and dates by Vietnam's calendar all the same."""
    root = tmp_path / "meetings"
    folder = root / "20261202-2330"
    with MeetingStore.create(folder, Meeting(title="Họp tổ dân phố 2", actual_start=LATE_START, actual_end=LATE_END)) as store:
        promise = store.add_petition("Đề nghị sửa đèn đường kiệt 5.")
        store.set_outcome(promise.id, Outcome(OutcomeKind.PROMISED, responsible="Công chức Địa chính", deadline=date(2027, 1, 1)))
    env = {**os.environ, "TZ": "UTC", clock.ENV: "2026-12-03T00:30:00+07:00"}

    def bienban(*args: str) -> str:
        done = subprocess.run([*BIENBAN, *args], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "02/12/2026 23:30 | Họp tổ dân phố 2" in bienban("meetings", "--root", str(root))
    listed = bienban("followups", "--root", str(root))
    assert "01/01/2027" in listed and "còn 29 ngày" in listed  # from 03/12; the UTC date would give 30
    assert "(02/12/2026)" in listed  # the meeting's day beside its title
    bienban("followups", "done", str(folder), "1", "--result", "Đã thay bóng đèn")  # done today: Vietnam's today
    outcome = read_meeting(folder).petitions[0].outcome
    assert outcome is not None and (outcome.status, outcome.done_on) == (Status.DONE, date(2026, 12, 3))
