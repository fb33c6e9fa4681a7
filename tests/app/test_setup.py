"""New meeting: the form, the roster typed or read from CSV, the last meeting's defaults, start."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from minutes_tui.dialogs.error import ErrorDialog
from minutes_tui.meeting import read_meeting
from minutes_tui.meeting.roster import parse_csv, parse_lines
from minutes_tui.screens.live import LiveScreen
from minutes_tui.screens.setup import SetupScreen
from minutes_tui.workflows.demo import create_demo_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


def test_roster_lines_and_csv():
    people = parse_lines("1. Nguyễn Văn An, Chủ tịch UBND phường\nTrần Thị Bé - Nhân dân - Tổ dân phố 3\n\nnguyễn văn an")
    assert [(p.name, p.role, p.group) for p in people] == [
        ("Nguyễn Văn An", "Chủ tịch UBND phường", ""),
        ("Trần Thị Bé", "Nhân dân", "Tổ dân phố 3"),
    ]
    with_header = parse_csv("Tổ dân phố;Họ và tên;Chức vụ\nTổ 7;Lê Cường;Tổ trưởng\n")
    assert [(p.name, p.role, p.group) for p in with_header] == [("Lê Cường", "Tổ trưởng", "Tổ 7")]
    assert [p.name for p in parse_csv("Lê Cường,Tổ trưởng\nPhạm Dũng\n")] == ["Lê Cường", "Phạm Dũng"]


async def test_new_meeting_with_csv_roster_starts_recording(make_app, meetings_dir, tmp_path, message_log):
    csv_file = tmp_path / "danh-sach.csv"
    csv_file.write_text(
        "Họ tên,Chức vụ,Tổ dân phố\nĐỗ Minh Khoa,Nhân dân,Tổ 1\nVũ Thị Lan,Tổ trưởng,Tổ 2\n", encoding="utf-8-sig"
    )
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await pilot.press(*"Hoi nghi thu")  # typed into the focused title field
        setup.query_one("#roster", TextArea).text = "Ngô Văn Chủ tịch, Chủ tịch UBND phường"
        setup.query_one("#roster_csv", Input).value = str(csv_file)
        await pilot.press("ctrl+l")
        assert "3 người" in str(setup.query_one("#roster-count").render())
        setup.query_one("#attendance", Input).value = "Người dân 45"  # no colon: she is told, nothing starts
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup and setup.focused is setup.query_one("#attendance", Input)
        setup.query_one("#attendance", Input).value = "Người dân: 45; Tổ trưởng tổ dân phố: 12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # without a microphone (no audio server) the live screen is there, under its error
        live = next((s for s in app.screen_stack if isinstance(s, LiveScreen)), None)
        assert live is not None, app.errors_shown
        folder = live.folder
        await app.action_quit()  # no microphone here: the capture fails or is stopped, nothing hangs
    record = read_meeting(folder)
    assert record.meeting.title == "Hoi nghi thu"
    assert [p.name for p in record.participants] == ["Ngô Văn Chủ tịch", "Đỗ Minh Khoa", "Vũ Thị Lan"]
    assert record.meeting.attendance == (("Người dân", 45), ("Tổ trưởng tổ dân phố", 12))


async def test_last_meeting_values_are_offered(make_app, meetings_dir):
    create_demo_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        setup = app.screen
        # Only the device listing ends by itself: the level probe runs until the screen closes.
        listing = [w for w in setup.workers if w.group == "setup-devices"]
        if listing:  # an empty list would make wait_for_complete wait for every worker
            await setup.workers.wait_for_complete(listing)
        await pilot.pause()
        assert setup.query_one("#chair", Input).value == "Trần Văn Bình, Chủ tịch UBND phường"  # name, title
        assert "Lê Văn Sơn" in setup.query_one("#roster", TextArea).text


async def test_bad_csv_is_a_message_not_a_crash(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#roster_csv", Input).value = str(tmp_path / "khong-co.csv")
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, ErrorDialog)
        assert "khong-co.csv" in app.errors_shown[0]


async def test_chair_typed_with_title_is_split(make_app, meetings_dir):
    """She types "Họ tên, chức vụ" in the Chủ trì and Thư ký boxes, as the roster's lines below them
    ask: the minutes get the name and the title apart (the whole line as a name printed
    "Chủ trì: Nguyễn Văn An, Chủ tịch UBND phường – ……" and asked for the title she had given),
    and the next meeting's form offers them joined again."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert setup.query_one("#chair", Input).placeholder == "Họ tên, chức vụ"
        await pilot.press(*"Hoi nghi thu", *["tab"] * 5)  # title, then on to the chair's box
        assert setup.focused is setup.query_one("#chair", Input)
        await pilot.press(*"Nguyễn Văn An, Chủ tịch UBND phường", "tab", "tab")
        await pilot.press(*"Trần Thị Bình - Công chức Văn phòng - Thống kê")
        await pilot.press("ctrl+s")
        await pilot.pause()
        live = next((s for s in app.screen_stack if isinstance(s, LiveScreen)), None)
        assert live is not None, app.errors_shown
        folder = live.folder
        await app.action_quit()
    meeting = read_meeting(folder).meeting
    assert (meeting.chair, meeting.chair_title) == ("Nguyễn Văn An", "Chủ tịch UBND phường")
    assert (meeting.secretary, meeting.secretary_title) == ("Trần Thị Bình", "Công chức Văn phòng - Thống kê")
    assert (meeting.co_chair, meeting.co_chair_title) == ("", "")

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        setup = app.screen
        listing = [w for w in setup.workers if w.group == "setup-defaults"]
        if listing:
            await setup.workers.wait_for_complete(listing)
        await pilot.pause()
        assert setup.query_one("#chair", Input).value == "Nguyễn Văn An, Chủ tịch UBND phường"
        assert setup.query_one("#secretary", Input).value == "Trần Thị Bình, Công chức Văn phòng - Thống kê"
