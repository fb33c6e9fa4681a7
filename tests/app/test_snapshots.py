"""Snapshots of home, new meeting, live and review at 100×30 (``--snapshot-update`` to accept changes).

Taken on the frozen clock's day (``conftest.FROZEN``) or on ``MORNING``, set here: the dates they show
are listed in ``test_snapshot_dates`` (a snapshot re-recorded on another day fails there)."""

from __future__ import annotations

import contextlib
import html
import re
import wave
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from textual.widgets import Select

from bienban_base import clock
from bienban_base.audio import load_audio
from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind
from minutes_tui.widgets.level_meter import LevelMeter
from minutes_tui.widgets.transcript import TranscriptView
from minutes_tui.workflows.config import demo_recording
from minutes_tui.workflows.demo import create_demo_meeting

SIZE = (100, 30)
MORNING = datetime(2026, 11, 28, 8, 0)
"""The day of the snapshots that set the clock themselves (Vietnam time)."""


@pytest.fixture
def short_recording(tmp_path):
    """The demo's first 20 seconds as a WAV file, so a replay ends quickly and the same way."""
    audio = load_audio(demo_recording())[: 20 * 16000]
    path = tmp_path / "demo-20s.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def test_home(snap_compare, make_app, meetings_dir):
    clock.set_now(MORNING)
    folder = create_demo_meeting(meetings_dir, now=MORNING)
    with MeetingStore.open(folder) as store:
        seg = store.add_segment(0.0, 95.0, "Đề nghị nạo vét cống")
        petition = store.add_petition(seg.text, segment_ids=[seg.id])
        store.set_outcome(petition.id, Outcome(OutcomeKind.PROMISED))

    async def listed(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=listed)


def test_setup(snap_compare, make_app, meetings_dir):
    create_demo_meeting(meetings_dir, now=MORNING)

    async def filled(pilot):
        await pilot.press("n")
        screen = pilot.app.screen
        # Only the device listing ends by itself: the level probe runs until it is cancelled.
        listing = [w for w in screen.workers if w.group == "setup-devices"]
        if listing:  # an empty list would make wait_for_complete wait for every worker
            await screen.workers.wait_for_complete(listing)
        await pilot.pause()
        # the machine's own devices and room would make the picture differ from one computer to another
        screen.query_one(Select).set_options([("Micrô USB", 1)])
        for worker in screen.workers.cancel_group(screen, "setup-level"):
            with contextlib.suppress(Exception):
                await worker.wait()
        await pilot.pause()
        screen.query_one(LevelMeter).dbfs = float("-inf")
        for field in screen.query("Input, TextArea"):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        for field in screen.query("Input"):
            field.cursor_position = 0  # a long title is shown from wherever its cursor last moved
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=filled)


def test_live(snap_compare, make_app, short_recording):
    async def tagged(pilot):
        screen = pilot.app.screen
        await screen.capture_worker.wait()  # replayed at once: the recording ends by itself
        await pilot.pause()
        assert screen.query_one(TranscriptView).option_count >= 2
        await pilot.press("up", "3", "p", "down", "1", "h")
        await pilot.pause()

    clock.set_now(MORNING)  # the demo meeting starts then: the promise's default deadline shows as 28/12
    app = make_app(demo=True, demo_audio=short_recording, demo_speed=0.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=tagged)


def test_review(snap_compare, make_app, reviewed_meeting):
    async def opened(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "down", "3", "p", "down", "1", "a", "down", "i")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=opened)


def test_export_dialog_with_the_notice_due(snap_compare, make_app, meetings_dir):
    """Issue 14: every option and the button fit 100×30; the notice's legal due date is shown."""
    from minutes_tui.workflows.sample import create_sample_meeting

    clock.set_now(MORNING)
    create_sample_meeting(meetings_dir, MORNING)

    async def opened(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=opened)


def test_item_editor(snap_compare, make_app, reviewed_meeting):
    with MeetingStore.open(reviewed_meeting) as store:  # the promise's 30-day deadline counts from here
        store.update_meeting(actual_start=MORNING, planned_start=MORNING)

    async def editing(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "down", "3", "p", "down", "1", "h", "T")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=editing)


def test_export_dialog(snap_compare, make_app, reviewed_meeting):
    async def exported(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "down", "3", "p", "E")  # the result's place under the button: test_editing
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=exported)


def test_details(snap_compare, make_app, reviewed_meeting):
    with MeetingStore.open(reviewed_meeting) as store:
        store.update_meeting(actual_start=MORNING, planned_start=MORNING)

    async def opened(pilot):
        from textual.widgets import Input

        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("D")
        # the form moves every line to its start after its first refresh (call_after_refresh): under
        # load one pause may come before that, and the snapshot then shows long titles' ends
        for _ in range(50):
            await pilot.pause()
            if all(box.cursor_position == 0 for box in pilot.app.screen.query(Input)):
                break
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=opened)


def test_home_with_follow_ups_due(snap_compare, make_app, meetings_dir):
    """Issue 14: home counts the follow-ups overdue and due this week (the sample, 24 days after it)."""
    from minutes_tui.workflows.sample import create_sample_meeting

    create_sample_meeting(meetings_dir, MORNING)  # held the day before MORNING

    async def listed(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    clock.set_now(MORNING + timedelta(days=23))  # the two 15-day items overdue, the 30-day one due in 6 days
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=listed)


def test_register(snap_compare, make_app, meetings_dir):
    """Issue 14: the register at 100×30 shows each item's number, deadline, who acts and what it is."""
    from minutes_tui.workflows.sample import create_sample_meeting

    clock.set_now(MORNING)
    create_sample_meeting(meetings_dir, MORNING)

    async def opened(pilot):
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g")
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=opened)


# The guard (issue 24): every date a snapshot shows is one the frozen clock explains, so a snapshot
# re-recorded on another day without it (the export dialog's notice due said 17/12 instead of 12/12
# when recorded on 07/12) fails here, at once, instead of on the day after it is committed.

_LINE_TEXT = re.compile(r'<text[^>]*?\bx="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_FULL = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_SHORT = re.compile(r"(?<![\d/])(\d{2})/(\d{2})(?![\d/])")  # "HỨA #1 · 28/12" (not a count: "đoạn 4/6")
_WORDS = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")


def screen_lines(svg: str) -> list[str]:
    """The terminal's lines in a Textual snapshot, each put together from its pieces of text left to right."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, piece in _LINE_TEXT.findall(svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(piece).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]


def dates_shown(svg: str) -> set[tuple[int, int, int | None]]:
    """(day, month, year) of every dd/mm/yyyy, "ngày … tháng … năm …" and dd/mm (year None) on the screen."""
    found: set[tuple[int, int, int | None]] = set()
    for line in screen_lines(svg):
        found |= {(int(d), int(m), int(y)) for d, m, y in _FULL.findall(line) + _WORDS.findall(line)}
        found |= {(int(d), int(m), None) for d, m in _SHORT.findall(line) if 1 <= int(m) <= 12}
    return found


def unexplained(svg: str, explained: set[date]) -> list[str]:
    """The dates on the screen that none of ``explained`` accounts for (a short date: by day and month)."""
    days = {(d.day, d.month, d.year) for d in explained} | {(d.day, d.month, None) for d in explained}
    return sorted(f"{d:02d}/{m:02d}" + (f"/{y}" if y else "") for d, m, y in dates_shown(svg) - days)


def explained_dates(frozen: date) -> dict[str, set[date]]:
    """Each snapshot's dates, from the day it is taken on: the frozen clock's or ``MORNING`` (set by the test)."""
    morning = MORNING.date()
    sample = morning - timedelta(days=1)  # the sample meeting is held the day before the clock's day
    promise, notice = timedelta(days=30), timedelta(days=10)  # a promise's default deadline; the notice's due
    return {
        "test_home": {morning, morning + promise},
        "test_setup": set(),
        "test_live": {morning + promise},
        "test_review": set(),
        "test_export_dialog_with_the_notice_due": {sample + notice},
        "test_item_editor": {morning + promise},
        "test_export_dialog": {frozen + notice},  # the demo meeting, held on the frozen day
        "test_details": {morning},
        "test_home_with_follow_ups_due": {sample, sample + timedelta(days=15)},
        # the register names each item's meeting by its day (issue 26: two meetings' "1" told apart)
        "test_register": {sample, sample + timedelta(days=15), sample + promise, sample + timedelta(days=45)},
    }


def test_snapshots_show_only_dates_the_frozen_clock_explains(frozen_clock):
    svgs = {p.stem: p for p in (Path(__file__).parent / "__snapshots__").rglob("*.svg")}
    table = explained_dates(frozen_clock.date())
    assert sorted(svgs) == sorted(table), "a snapshot added or removed: list the dates it shows in explained_dates"
    wrong = {name: bad for name, path in svgs.items() if (bad := unexplained(path.read_text(encoding="utf-8"), table[name]))}
    assert not wrong, f"snapshots recorded on another day than the frozen clock's {frozen_clock:%d/%m/%Y}: {wrong}"


def test_the_guard_finds_a_date_recorded_on_another_day(frozen_clock):
    """The guard's own check: the export dialog re-recorded on 07/12 without the frozen clock says 17/12."""
    path = Path(__file__).parent / "__snapshots__" / "test_snapshots" / "test_export_dialog.svg"
    svg = path.read_text(encoding="utf-8")
    explained = explained_dates(frozen_clock.date())["test_export_dialog"]
    assert (12, 12, 2026) in dates_shown(svg) and unexplained(svg, explained) == []
    assert unexplained(svg.replace("12/12/2026", "17/12/2026"), explained) == ["17/12/2026"]
    assert unexplained(
        svg.replace("Xuất&#160;biên&#160;bản", "ngày&#160;17&#160;tháng&#160;12&#160;năm&#160;2026"), explained
    ) == ["17/12/2026"]
    live = (path.parent / "test_live.svg").read_text(encoding="utf-8")
    assert unexplained(live.replace("28/12", "01/01"), explained_dates(frozen_clock.date())["test_live"]) == ["01/01"]
