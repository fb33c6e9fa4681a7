"""Snapshots of home, new meeting, live and review at 100×30 (``--snapshot-update`` to accept changes).

Taken on the frozen clock's day (``conftest.FROZEN``) or on ``MORNING``, set here: the dates they show
are listed in ``test_snapshot_dates`` (a snapshot re-recorded on another day fails there)."""

from __future__ import annotations

import contextlib
import wave
from datetime import datetime

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
    from datetime import timedelta

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
