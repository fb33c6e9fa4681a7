"""Issue 26 item 18 (the app's parts): at 100×30 the review title and the roster's names are shown
whole, live names the microphone, and u in the sample meeting never undoes the sample itself."""

from __future__ import annotations

import html
import re

import pytest
from pilot_steps import open_review
from textual.content import Content
from textual.widgets import Label, Select

from minutes_tui import texts
from minutes_tui.meeting import read_meeting
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.setup import SetupScreen
from minutes_tui.workflows.sample import create_sample_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

SIZE = (100, 30)
_TEXT = re.compile(r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(app) -> list[str]:
    """The terminal's lines as she sees them (from the app's own screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, piece in _TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(piece).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(row)).rstrip() for _, row in sorted(rows.items())]


async def test_the_review_title_is_whole(make_app, reviewed_meeting):
    title = read_meeting(reviewed_meeting).meeting.title
    assert len(title) > 80 and title.endswith("(bản trình diễn)")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(app, pilot)
        await pilot.pause()
        label = review.query_one("#meeting-title", Label)
        wrapped = [line.plain.strip() for line in Content(title).wrap(label.content_size.width)]
        assert len(wrapped) > 1 and len(wrapped) <= label.content_size.height  # it was cut at "(bản"
        screen = screen_lines(app)
        for piece in wrapped:
            assert any(piece in line for line in screen), piece


async def test_every_roster_name_is_whole(make_app, meetings_dir):
    create_sample_meeting(meetings_dir)  # "Đỗ Văn Nam" fell across the line's end
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(app, pilot)
        await pilot.pause()
        assert len(review.draft.participants) >= 9
        names = [p.name for p in review.draft.participants[:9]]
        lines = screen_lines(app)
        for number, name in enumerate(names, 1):
            assert any(f"{number} {name}" in line for line in lines), name  # never "Đỗ" / "Văn Nam"


async def test_the_sample_has_no_undo_of_its_own(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir)
    before = read_meeting(folder)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot)
        await pilot.press(*["u"] * 12)
        await pilot.pause()
    after = read_meeting(folder)
    assert after.participants == before.participants
    assert after.petitions == before.petitions
    assert [s.text for s in after.segments] == [s.text for s in before.segments]
    assert after.meeting == before.meeting


async def test_live_names_the_microphone_not_its_number(make_app, pulse_server, message_log):
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=message_log) as pilot:
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await setup.devices_worker.wait()
        await pilot.pause()
        select = setup.query_one("#device", Select)
        options = [(label, value) for label, value in select._options if isinstance(value, int)]
        assert options, "the audio server's devices"
        label, index = options[-1]
        select.value = index
        await pilot.press(*"Hop thu thiet bi", "ctrl+s")
        await pilot.pause()
        live = next(s for s in app.screen_stack if isinstance(s, LiveScreen))
        await message_log.wait_until(lambda: live.state == "recording", timeout=30)
        device = live.query_one("#device", Label)
        await message_log.wait_until(lambda: not str(device.render()).endswith("…"), timeout=10)
        await pilot.pause()
        shown = str(device.render())
        await app.action_quit()
    assert shown != f"{texts.LIVE_DEVICE}: {index}"
    assert shown.startswith(f"{texts.LIVE_DEVICE}: ") and shown != f"{texts.LIVE_DEVICE}: …"
