"""A demo is a try-out: it never joins her meetings (issue 26, item 9). Before, each demo added a
meeting to the home list, its promise entered the follow-up register, and the next new-meeting
form was filled from it ("… (bản trình diễn)", the demo's roster)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TextArea

from minutes_tui import texts
from minutes_tui.cli import main
from minutes_tui.meeting import OutcomeKind, read_meeting
from minutes_tui.screens.home import HomeScreen
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.screens.setup import SetupScreen
from minutes_tui.widgets.transcript import TranscriptView
from minutes_tui.workflows.demo import demo_root

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


async def test_a_demo_with_a_promise_stays_out_of_her_list_register_and_form(make_app, meetings_dir, message_log, capsys):
    app = make_app(demo_speed=8.0)
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        await pilot.pause()
        await pilot.press("d")  # home: the demo
        live = app.screen
        assert isinstance(live, LiveScreen)
        view = live.query_one(TranscriptView)
        await message_log.wait_until(lambda: view.option_count >= 2)
        await pilot.press("up", "p", "down", "h")  # a petition, and the chairman's promise
        await pilot.press("x")  # stop, then review
        await live.capture_worker.wait()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        demo_folder = review.folder
        await pilot.press("escape")  # back home
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.workers.wait_for_complete()
        await pilot.pause()
        assert home.query_one(DataTable).row_count == 0  # her list: still empty
        await pilot.press("n")  # her next meeting's form starts empty, not from the demo
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await setup.defaults_worker.wait()
        await pilot.pause()
        assert setup.query_one("#title", Input).value == ""
        assert setup.query_one("#roster", TextArea).text == ""
    # the demo is kept, with its promise, apart from her meetings
    assert demo_folder.parent == demo_root(meetings_dir)
    record = read_meeting(demo_folder)
    assert [p.outcome.kind for p in record.petitions if p.outcome] == [OutcomeKind.PROMISED]
    capsys.readouterr()
    assert main(["followups", "--root", str(meetings_dir)]) == 0
    assert main(["meetings", "--root", str(meetings_dir)]) == 0
    out = capsys.readouterr().out
    assert texts.FOLLOWUPS_NONE in out and texts.MEETINGS_NONE.format(path=meetings_dir) in out
