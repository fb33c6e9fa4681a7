"""`q` during a recording (issue 26, item 1). Before, `q` (and Ctrl+Q) ended the app at once: the
audio was kept but the speech the live transcription had not reached never got its text, and
nothing on home or in review recorded on. Now quitting asks first, the untranscribed rest is
transcribed when the meeting is opened again, and home's `c` and review's `C` record on."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from bienban_base.audio import audio_duration
from minutes_tui import messages
from minutes_tui.app import QuitWhileRecording
from minutes_tui.meeting import read_meeting
from minutes_tui.meeting.audio import meeting_audio
from minutes_tui.screens.home import HomeScreen
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.screens.setup import SetupScreen
from minutes_tui.workflows.importing import import_progress

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


def ahead_of_text(log) -> float:
    """Seconds recorded after the end of the newest live text."""
    elapsed = [m.seconds for m in log.seen if isinstance(m, messages.ElapsedChanged)]
    ends = [m.segment.end for m in log.seen if isinstance(m, messages.FinalSegment)]
    return (elapsed[-1] if elapsed else 0.0) - (ends[-1] if ends else 0.0)


def recorded_seconds(folder) -> float:
    audio = meeting_audio(folder, read_meeting(folder).meeting)
    assert audio is not None
    return audio_duration(audio)


async def test_q_in_the_demo_asks_then_the_rest_gets_its_text_and_review_records_on(make_app, message_log):
    app = make_app(demo=True, demo_speed=4.0)
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        await message_log.wait_for(messages.FinalSegment, 1)
        await pilot.press("q")
        assert isinstance(app.screen, QuitWhileRecording)  # asked, still recording
        await pilot.press("n")  # she did not mean it
        assert app.screen is live and live.recording_now
        await message_log.wait_for(messages.FinalSegment, 2)
        await pilot.press("ctrl+q")  # the same question
        assert isinstance(app.screen, QuitWhileRecording)
        # yes while someone speaks: that utterance has no text yet (the recording goes on under the question)
        await message_log.wait_until(lambda: ahead_of_text(message_log) >= 3.0)
        await pilot.press("y")
        await pilot.pause()
    folder = live.folder
    assert app.errors_shown == []
    heard = read_meeting(folder).segments
    recorded = recorded_seconds(folder)
    rest = import_progress(folder, read_meeting(folder).meeting)
    assert rest is not None and rest.recorded and rest.done_s == pytest.approx(heard[-1].end)
    assert heard[-1].end < recorded - 1.0  # speech the live text had not reached when she quit

    # opened again (o: the folder): the rest is transcribed without asking, then C records on
    app = make_app(demo_speed=8.0)
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        await pilot.pause()
        await pilot.press("o")
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert import_progress(folder, read_meeting(folder).meeting) is None
        segments = read_meeting(folder).segments
        assert len(segments) > len(heard) and segments[-1].end > heard[-1].end
        said = [n.message for n in app._notifications]
        assert (
            f"Đã nhận dạng thêm {len(segments) - len(heard)} đoạn từ phần còn lại của bản ghi; cuộc họp có {len(segments)} đoạn."
            in said
        ), said
        assert len(review.draft.order) == len(segments)  # shown in review
        finals = message_log.count(messages.FinalSegment)
        await pilot.press("C")  # record on
        live = app.screen
        assert isinstance(live, LiveScreen) and live.folder == folder
        await message_log.wait_for(messages.FinalSegment, finals + 1)
        await pilot.press("x")
        await live.capture_worker.wait()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert app.errors_shown == []
    assert recorded_seconds(folder) > recorded + 1.0  # the same meeting's audio, continued
    after = read_meeting(folder).segments
    assert [s.text for s in after[: len(segments)]] == [s.text for s in segments]
    assert len(after) > len(segments) and after[len(segments)].start >= segments[-1].end - 0.05


@pytest.mark.audio
async def test_a_new_meeting_quit_while_recording_records_on_from_home(make_app, meetings_dir, message_log, pulse_server):
    """Her own meeting, on the microphone (the test audio server's null sink): n, Ctrl+S, q asks,
    y; then home's `c` on the meeting records on into the same audio."""
    app = make_app(input_device="pulse")
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen)
        await app.screen.defaults_worker.wait()
        await pilot.press(*"Hoi nghi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen), app.errors_shown
        await message_log.wait_until(lambda: live.state == "recording")
        await message_log.wait_until(lambda: message_log.count(messages.ElapsedChanged) > 20)  # two seconds
        await pilot.press("q")
        assert isinstance(app.screen, QuitWhileRecording)
        await pilot.press("y")
        await pilot.pause()
    folder = live.folder
    recorded = recorded_seconds(folder)
    assert recorded > 1.0

    app = make_app(input_device="pulse")
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.workers.wait_for_complete()
        await pilot.pause()
        assert home.query_one(DataTable).row_count == 1
        await pilot.press("c")
        live = app.screen
        assert isinstance(live, LiveScreen) and live.folder == folder
        await message_log.wait_until(lambda: live.state == "recording")
        seen = message_log.count(messages.ElapsedChanged)
        await message_log.wait_until(lambda: message_log.count(messages.ElapsedChanged) > seen + 20)
        await pilot.press("x")
        await live.capture_worker.wait()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert app.errors_shown == []
    assert recorded_seconds(folder) > recorded + 1.0


async def test_the_app_ended_without_asking_still_leaves_the_rest_to_transcribe(make_app, message_log):
    """The terminal went away and Textual ended the app itself (no question, no `stop_for_quit`:
    the screens are simply unmounted): the audio is finished and the speech the live text had not
    reached is still marked, from the capture's own thread, since the screen's store is closed."""
    import time

    from recorder.journal import JOURNAL_NAME

    app = make_app(demo=True, demo_speed=4.0)
    async with app.run_test(size=(100, 30), message_hook=message_log):
        live = app.screen
        assert isinstance(live, LiveScreen)
        await message_log.wait_for(messages.FinalSegment, 1)
        await message_log.wait_until(lambda: ahead_of_text(message_log) >= 3.0)
        app.exit()
    folder = live.folder
    deadline = time.monotonic() + 30
    while (folder / JOURNAL_NAME).exists() or import_progress(folder, read_meeting(folder).meeting) is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert not (folder / JOURNAL_NAME).exists(), "the recording was left unfinished"
    heard = read_meeting(folder).segments
    rest = import_progress(folder, read_meeting(folder).meeting)
    assert rest is not None and rest.recorded, "the rest the live text had not reached is not marked"
    assert rest.done_s == pytest.approx(max(s.end for s in heard))
    assert rest.done_s < recorded_seconds(folder) - 1.0
