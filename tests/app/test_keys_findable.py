"""Issue 26: every key findable — help lists every binding of every screen, forms take F1 for help,
moving into a filled field keeps its text, Home/End in the meeting list, the items panel scrolls."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from pilot_steps import open_review
from textual.binding import Binding
from textual.keys import key_to_character
from textual.widgets import DataTable, Input

from minutes_tui.dialogs.help import HelpDialog
from minutes_tui.screens.details import DetailsScreen
from minutes_tui.screens.home import HomeScreen
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.register import RegisterScreen
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.screens.setup import SetupScreen
from minutes_tui.widgets.items_panel import ItemsPanel
from minutes_tui.widgets.transcript import TranscriptView
from minutes_tui.workflows.demo import create_demo_meeting
from minutes_tui.workflows.sample import create_sample_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

SIZE = (100, 30)


def own_bindings(screen) -> list[Binding]:
    """Every binding the project's own classes give this screen (Textual's are listed as navigation)."""
    found: list[Binding] = []
    for cls in type(screen).__mro__:
        if cls.__module__.startswith("minutes_tui"):
            for binding in cls.__dict__.get("BINDINGS", []):
                for key in binding.key.split(","):
                    found.append(Binding(key.strip(), binding.action, binding.description, tooltip=binding.tooltip))
    return found


def shown_keys(keys: str) -> set[str]:
    """The keys one help line names: ``1–9`` stands for each digit."""
    out: set[str] = set()
    for part in keys.split():
        ends = re.fullmatch(r"(\d)–(\d)", part)
        out |= {str(n) for n in range(int(ends[1]), int(ends[2]) + 1)} if ends else {part}
    return out


async def assert_help_lists_every_key(app, pilot, key: str = "question_mark") -> None:
    screen = app.screen
    await pilot.press(key)
    dialog = app.screen
    assert isinstance(dialog, HelpDialog), f"{key} did not open the help on {type(screen).__name__}"
    lines = {line.description: shown_keys(line.key) for line in dialog.screen_keys + dialog.app_keys}
    focused = screen.focused
    for binding in own_bindings(screen) + own_bindings(app):
        description = binding.tooltip or binding.description
        if not description:
            continue
        if focused is not None and focused.check_consume_key(binding.key, key_to_character(binding.key)):
            continue  # a character typed into the focused field, not a key of the screen there
        assert description in lines, f"{type(screen).__name__}: {binding.key} ({description}) is not in the help"
        assert app.get_key_display(binding) in lines[description], f"{type(screen).__name__}: key {binding.key}"
    await pilot.press("escape")
    assert app.screen is screen


async def test_help_lists_every_binding_of_home_setup_details_and_register(make_app, meetings_dir):
    create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await assert_help_lists_every_key(app, pilot)
        await pilot.press("g")
        assert isinstance(app.screen, RegisterScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await assert_help_lists_every_key(app, pilot)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        await assert_help_lists_every_key(app, pilot, "f1")  # a text field has the focus: ? is a character
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await assert_help_lists_every_key(app, pilot, "f1")


async def test_help_lists_every_binding_of_review_and_live(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await assert_help_lists_every_key(app, pilot)
    app = make_app(demo=True, demo_speed=0.0)
    async with app.run_test(size=SIZE) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        await assert_help_lists_every_key(app, pilot)
        await pilot.press("q")
        await pilot.pause()


async def test_question_mark_in_the_new_meeting_form_keeps_the_title(make_app, meetings_dir):
    """Issue 26 item 5: focus in the title prefilled from the last meeting; ? must not wipe it, F1
    (named in the footer) opens the help, and Tab into a filled field leaves its text unselected."""
    create_demo_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await setup.defaults_worker.wait()
        await pilot.pause()
        title = setup.query_one("#title", Input)
        before = title.value
        assert before  # prefilled from the meeting before
        await pilot.press("question_mark")
        assert title.value != "?" and title.value.replace("?", "") == before
        await pilot.press("backspace")  # the ? she typed
        await pilot.press("tab")  # into "Cơ quan cấp trên", filled from the last meeting
        field = app.focused
        assert isinstance(field, Input) and field.value
        kept = field.value
        await pilot.press("x")
        assert field.value != "x" and kept in field.value
        assert any(a.binding.key == "f1" and a.binding.show for a in setup.active_bindings.values())  # in the footer
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)


async def test_home_and_end_move_in_the_meeting_list(make_app, meetings_dir):
    """Issue 26 item 15: the help says Home/End go to the start and end of the list."""
    for day in (1, 2, 3):
        create_demo_meeting(meetings_dir, now=datetime(2026, 11, day, 8, 0))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3 and table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 2
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_the_items_panel_scrolls_to_its_last_line(make_app, meetings_dir):
    """Issue 26 item 14: at 100×30 the sample's panel is cut at "#4 …"; Tab reaches it, PgDn and End scroll it."""
    create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        panel = review.query_one("#items")
        assert ItemsPanel in {type(w) for w in panel.children}
        assert panel.max_scroll_y > 0  # longer than the screen
        transcript_at = review.query_one(TranscriptView).highlighted
        await pilot.press("tab")
        assert app.focused is panel
        await pilot.press("pagedown")
        await pilot.pause()
        assert panel.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert panel.scroll_y == panel.max_scroll_y
        assert review.query_one(TranscriptView).highlighted == transcript_at  # the transcript stayed
        await pilot.press("shift+tab")
        assert isinstance(app.focused, TranscriptView)
