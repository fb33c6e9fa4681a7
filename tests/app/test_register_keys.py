"""Issue 26 items 10, 11 and 18: the follow-up register at 100×30, by keys — which item is which,
what each update did, and a wrong date kept in the dialog with a Vietnamese reason."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input, Static

from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.meeting import Status, read_meeting
from minutes_tui.screens.register import RegisterScreen
from minutes_tui.workflows.sample import create_sample_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

SIZE = (100, 30)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _open_register(app, pilot) -> RegisterScreen:
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("g")
    register = app.screen
    assert isinstance(register, RegisterScreen)
    await register.workers.wait_for_complete()
    await pilot.pause()
    return register


async def _settle(pilot, register: RegisterScreen) -> None:
    await pilot.pause()
    await register.workers.wait_for_complete()
    await pilot.pause()


def _row(register: RegisterScreen, index: int) -> list[str]:
    return [str(cell) for cell in register.query_one(DataTable).get_row_at(index)]


async def test_every_column_fits_and_two_first_items_are_told_apart(make_app, meetings_dir):
    first = create_sample_meeting(meetings_dir, datetime(2026, 11, 20, 9, 0))
    create_sample_meeting(meetings_dir, datetime(2026, 11, 28, 9, 0))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        register = await _open_register(app, pilot)
        table = register.query_one(DataTable)
        assert table.row_count == 8
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing to scroll sideways to
        rows = [_row(register, i) for i in range(table.row_count)]
        assert all("…" not in row[3] for row in rows)  # "Loại" whole (it read "Hứa giải")
        ones = [row[0] for row in rows if row[0].startswith("1 ")]
        assert len(ones) == 2 and ones[0] != ones[1]  # "#1" of the 19th and of the 27th
        table.move_cursor(row=next(i for i, r in enumerate(rows) if r[0] == ones[0]))
        await pilot.pause()
        item = register.items[table.cursor_row]
        detail = str(register.query_one("#register-detail", Static).render())
        assert f"{item.meeting_day:%d/%m/%Y}" in detail and item.meeting_title[:30] in detail
        assert (item.raised_by or "") in detail and item.text[:60] in detail
        assert read_meeting(first).meeting.title  # (both meetings are real ones on disk)


async def test_done_names_the_item_and_each_update_says_what_it_did(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        register = await _open_register(app, pilot)
        item = register.items[0]
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        shown = " ".join(str(w.render()) for w in dialog.query("Label, Static"))
        assert item.meeting_title[:30] in shown and f"{item.meeting_day:%d/%m/%Y}" in shown
        assert item.text[:40] in shown
        await pilot.press(*"Đã nạo vét xong", "enter", "enter")  # the result; empty date: today
        await _settle(pilot, register)
        assert any(f"ý kiến {item.number}" in n.lower() and "đã giải quyết" in n.lower() for n in notes(app))
        await pilot.press("u")
        await _settle(pilot, register)
        assert any("hoàn tác" in n.lower() for n in notes(app))
    petition = next(p for p in read_meeting(folder).petitions if p.id == item.petition_id)
    assert petition.outcome is not None and petition.outcome.status is not Status.DONE  # undone


async def test_a_wrong_extension_keeps_her_text_and_says_why(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        register = await _open_register(app, pilot)
        item = register.items[0]
        assert item.deadline is not None and item.meeting_day is not None
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert "ngày/tháng/năm" in str(dialog.query_one(".dialog-title").render())  # as the other dialogs say it
        await pilot.press(*"31/02/2027; chờ kinh phí", "enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, her text kept
        assert dialog.query_one(Input).value == "31/02/2027; chờ kinh phí"
        assert "Ngày không hợp lệ: 31/02/2027" in str(dialog.query_one("#problem").render())
        for wrong, reason in (
            (f"{item.meeting_day - timedelta(days=1):%d/%m/%Y}; chờ kinh phí", "trước ngày họp"),
            (f"{item.deadline:%d/%m/%Y}; chờ kinh phí", "sau hạn hiện tại"),
            ("15/01/2027", "lý do"),
        ):
            await pilot.press("ctrl+u", *wrong, "enter")
            await pilot.pause()
            assert app.screen is dialog and reason in str(dialog.query_one("#problem").render()), wrong
        await pilot.press("ctrl+u", *"15/01/2027; chờ kinh phí", "enter")
        await _settle(pilot, register)
        assert not isinstance(app.screen, PromptDialog)
        assert any("gia hạn" in n.lower() and "15/01/2027" in n for n in notes(app))
    petition = next(p for p in read_meeting(folder).petitions if p.id == item.petition_id)
    assert petition.outcome is not None and petition.outcome.deadline == date(2027, 1, 15)


async def test_the_highlighted_item_is_shown_whole_with_its_result(make_app, meetings_dir):
    """Done with a result, then `a` (all): the pane under the table shows the item whole, its
    deadline and the result she typed (it stopped after four lines, at "Trách nhiệm: …, Đội quản",
    with twenty empty rows above it)."""
    from test_screens_whole import screen_lines

    create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        register = await _open_register(app, pilot)
        item = max(register.items, key=lambda i: len(i.text))
        register.query_one(DataTable).move_cursor(row=register.items.index(item))
        await pilot.pause()
        result = "Đã nạo vét xong toàn tuyến cống, tổ dân phố đã kiểm tra và xác nhận bằng văn bản"
        await pilot.press("d", *result, "enter", "enter")
        await _settle(pilot, register)
        await pilot.press("a")  # all items, the done one among them
        await _settle(pilot, register)
        register.query_one(DataTable).move_cursor(row=[i.petition_id for i in register.items].index(item.petition_id))
        await pilot.pause()
        lines = screen_lines(app)
        rule = max(i for i, line in enumerate(lines) if line.startswith("─" * 20))
        shown = " ".join(line.strip() for line in lines[rule + 1 : -1])  # the pane, above the footer
        assert f"Hạn: {item.deadline:%d/%m/%Y}" in shown, shown
        assert result in shown, shown
