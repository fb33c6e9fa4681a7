"""The live flow on the demo recording (real recorder, real VAD, real store; canned recogniser)."""

from __future__ import annotations

import pytest

from minutes_tui import messages
from minutes_tui.app import QuitWhileRecording
from minutes_tui.meeting import Field, OutcomeKind, read_meeting
from minutes_tui.meeting.model import Authority
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.widgets.transcript import TranscriptView

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


async def test_demo_tag_petition_with_speaker_then_quit(make_app, message_log):
    log = message_log
    app = make_app(demo=True, demo_speed=6.0)
    async with app.run_test(size=(100, 30), message_hook=log) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        view = live.query_one(TranscriptView)
        await log.wait_until(lambda: view.option_count >= 2)
        assert view.highlighted == view.option_count - 1  # following the newest segment
        await pilot.press("up")  # the resident's petition, one above the newest
        assert not view.follow
        petition_segment = view.selected_id
        await pilot.press("3", "p")  # speaker 3 of the roster (Lê Văn Sơn), tag as petition
        await pilot.press("t", "5", "t", "c")  # classified live: field 5 (an ninh trật tự), a higher level's
        await pilot.pause()
        await pilot.press("down", "h")  # the next segment: the chairman's promise
        folder = live.folder
        await pilot.press("q")
        if isinstance(app.screen, QuitWhileRecording):  # asked while it still records (the replay may have ended)
            await pilot.press("y")
    assert app.errors_shown == []
    record = read_meeting(folder)
    son = next(p for p in record.participants if p.name == "Lê Văn Sơn")
    assert len(record.petitions) == 1
    petition = record.petitions[0]
    assert petition.segment_ids == (petition_segment,)
    assert petition.raised_by == son.id
    assert petition.outcome is not None and petition.outcome.kind is OutcomeKind.PROMISED
    assert petition.outcome.deadline is not None  # the 30-day default
    assert petition.field is Field.SECURITY and petition.authority is Authority.HIGHER
    assert record.meeting.audio_file  # the recording was closed properly into the meeting


async def test_recording_to_the_end_opens_review(make_app, message_log):
    log = message_log
    app = make_app(demo=True, demo_speed=8.0)
    async with app.run_test(size=(100, 30), message_hook=log) as pilot:
        live = app.screen
        await log.wait_for(messages.FinalSegment, 1)
        await pilot.press("space")  # pause
        await log.wait_for(messages.RecordingStateChanged, 3)  # loading, recording, paused
        assert live.state == "paused"
        await pilot.press("space")  # resume
        await pilot.press("x")  # stop: what was heard is still decoded, then review
        await live.capture_worker.wait()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review_view = app.screen.query_one(TranscriptView)
        assert review_view.option_count == len(app.screen.draft.order) >= 1
        assert {s.model for s in app.screen.draft.segments.values()} == {"canned"}  # the live recogniser's (issue 25)


async def test_a_recording_that_cannot_start_is_a_message_and_review_still_opens(make_app, tmp_path):
    from textual.worker import WorkerFailed

    from minutes_tui import texts
    from minutes_tui.dialogs.error import ErrorDialog

    broken = tmp_path / "hong.wav"
    broken.write_bytes(b"RIFF not really a wave file")
    app = make_app(demo=True, demo_audio=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        live = next(s for s in app.screen_stack if isinstance(s, LiveScreen))  # the dialog may be on top already
        with pytest.raises(WorkerFailed):
            await live.capture_worker.wait()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert app.errors_shown == [texts.ERRORS["audio_unreadable"].format(path=broken)]
        await pilot.press("enter", "x")  # close the message; the (empty) meeting can still be reviewed
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
