"""Home screen, the ``?`` help, and the one error path for worker failures."""

from __future__ import annotations

import pytest
from textual import work
from textual.widgets import DataTable
from textual.worker import WorkerFailed

from minutes_tui import texts
from minutes_tui.dialogs.error import ErrorDialog
from minutes_tui.dialogs.help import HelpDialog
from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind
from minutes_tui.screens.home import HomeScreen
from minutes_tui.workflows.demo import create_demo_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


async def test_home_lists_meetings_with_follow_ups(make_app, meetings_dir):
    folder = create_demo_meeting(meetings_dir)
    with MeetingStore.open(folder) as store:
        seg = store.add_segment(0.0, 3.0, "Đề nghị nạo vét cống")
        petition = store.add_petition(seg.text, segment_ids=[seg.id])
        store.set_outcome(petition.id, Outcome(OutcomeKind.PROMISED))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.workers.wait_for_complete()
        await pilot.pause()
        table = home.query_one(DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert len(row[1]) == 5 and row[1][2] == ":"  # the time tells two meetings of one day apart
        assert row[2].startswith("Hội nghị tiếp xúc")
        assert row[4] == "1"  # one open follow-up, with the 30-day deadline
        assert row[5] != "–"


async def test_help_lists_every_key_of_the_screen(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpDialog)
        descriptions = {line.description for line in help_screen.screen_keys + help_screen.app_keys}
        for action in ("new_meeting", "demo", "open_folder", "import_audio", "help", "quit"):
            assert texts.KEYS[action] in descriptions
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_worker_failure_becomes_a_vietnamese_dialog(make_app, tmp_path):
    app = make_app()
    async with app.run_test() as pilot:
        home = app.screen
        worker = home.import_audio(tmp_path / "khong-co.wav")  # a file that does not exist
        with pytest.raises(WorkerFailed):
            await worker.wait()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert app.errors_shown == [texts.ERRORS["audio_missing"].format(path=tmp_path / "khong-co.wav")]
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)


async def test_unexpected_exception_never_shows_a_traceback(make_app):
    app = make_app()

    @work(thread=True, exit_on_error=False, group="test")
    def broken(screen) -> None:
        raise ZeroDivisionError("boom")

    async with app.run_test() as pilot:
        with pytest.raises(WorkerFailed):
            await broken(app.screen).wait()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert app.errors_shown == [texts.GENERIC_ERROR.format(detail="boom")]


async def test_import_audio_makes_a_meeting_and_transcribes_it(make_app, meetings_dir):
    from minutes_tui.meeting import read_meeting
    from minutes_tui.screens.review import ReviewScreen
    from minutes_tui.widgets.transcript import TranscriptView
    from minutes_tui.workflows.config import demo_recording

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.press(*str(demo_recording()), "enter")
        await pilot.press("ctrl+u", *"Đối thoại tổ 5", "enter", "ctrl+u", *"05/12/2026 08:00", "enter")
        await app.screen.workers.wait_for_complete()  # home: copy into a new meeting folder
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await review.workers.wait_for_complete()  # review: the whole-recording transcription
        await pilot.pause()
        assert review.query_one(TranscriptView).option_count == 6
        folder = review.folder
    record = read_meeting(folder)
    assert len(record.segments) == 6 and (folder / record.meeting.audio_file).is_file()
    # she named it and said when it began (issue 17): the list shows it so
    assert record.meeting.title == "Đối thoại tổ 5" and record.meeting.actual_start.strftime("%d/%m %H:%M") == "05/12 08:00"


async def test_a_meeting_whose_import_was_interrupted_offers_to_go_on(make_app, meetings_dir):
    # The app closed while the import was transcribing: opening the meeting asks to continue,
    # says how far it got, and finishes it; "no" leaves it as it is (and asks again next time).
    from textual.widgets import DataTable

    from minutes_tui.dialogs.confirm import ConfirmDialog
    from minutes_tui.meeting import read_meeting
    from minutes_tui.widgets.transcript import clock
    from minutes_tui.workflows.config import demo_recording
    from minutes_tui.workflows.importing import create_imported_meeting, unfinished_import

    made = create_imported_meeting(demo_recording(), meetings_dir, "Đối thoại tổ 5")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert texts.IMPORT_RESUME_DETAIL.format(done="0:00", total=clock(made.duration_s)) in str(app.screen.detail)
        await pilot.press("n")
        await pilot.pause()
        assert unfinished_import(made.folder) == 0.0 and not read_meeting(made.folder).segments
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
    assert unfinished_import(made.folder) is None
    assert len(read_meeting(made.folder).segments) == 6


def test_no_message_in_the_app_tells_her_to_add_a_command_line_flag():
    """Issue 17: in the app there are no flags to add; a whole command to run is fine, a bare flag is not."""
    import re

    from bienban_base.errors import CodedError

    for code in texts.ERRORS:
        message = texts.app_message(CodedError(code, "test", path="/m", name="x", value="v", number=1, count=2))
        for flag in re.finditer(r"(?<![\w-])--[a-z][a-z-]*", message):
            assert "bienban " in message[: flag.start()], (code, message)
