"""Issue 14 in the app: the sample from home, the classify key, the register screen with undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input, Static

from bienban_base import clock
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.meeting import Field, Status, read_meeting
from minutes_tui.meeting.model import Authority
from minutes_tui.screens.register import RegisterScreen
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.widgets.items_panel import ItemsPanel
from minutes_tui.widgets.transcript import TranscriptView
from minutes_tui.workflows.sample import create_sample_meeting

pytestmark = pytest.mark.anyio


async def test_home_offers_the_sample_and_classify_keys_work_in_review(make_app, meetings_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.press("s")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        view = review.query_one(TranscriptView)
        view.highlighted = 1  # Lê Văn Sơn's question: petition 1
        await pilot.pause()
        await pilot.press("i")  # the items panel open: it shows the new classification at once
        await pilot.press("t", "4")  # field 4 of the default list
        await pilot.press("t", "c")  # a higher level's authority
        await pilot.pause()
        assert view.highlighted == 1
        shown = str(review.query_one(ItemsPanel).render())
        assert "Hạ tầng – giao thông · thẩm quyền cấp trên" in shown and "Vệ sinh môi trường" not in shown
    folder = next(meetings_dir.iterdir())
    petition = read_meeting(folder).petitions[0]
    assert petition.field is Field.INFRASTRUCTURE and petition.authority is Authority.HIGHER


async def test_register_screen_closes_a_follow_up_and_undo_reopens_it(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir, clock.local_now() - timedelta(days=20))  # two 15-day items overdue
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "2 việc quá hạn" in str(app.screen.query_one("#followups-due", Static).render())
        await pilot.press("g")
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await register.workers.wait_for_complete()
        await pilot.pause()
        table = register.query_one(DataTable)
        assert table.row_count == 4
        first = register.items[0].number
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one(Input).value = "Đã xử lý xong"
        await pilot.press("enter")
        await pilot.pause()  # then when, and the written answer's reference
        await pilot.press(*"125/UBND-VP", "enter")  # typed as it is read: no date before it, so told, nothing recorded
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog) and app.screen.query_one(Input).value == "125/UBND-VP"  # kept
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register and table.row_count == 4
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one(Input).value = "Đã xử lý xong"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"05/11/2026; 125/UBND-VP ngày 05/11/2026", "enter")
        await register.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 3
        closed = read_meeting(folder).petitions[first - 1].outcome
        assert closed.status is Status.DONE and closed.result == "Đã xử lý xong"
        assert closed.done_on == date(2026, 11, 5) and closed.reference == "125/UBND-VP ngày 05/11/2026"
        await pilot.press("u")
        await register.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 4
        assert read_meeting(folder).petitions[first - 1].outcome.status is Status.OPEN
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"Xong", "enter")
        await pilot.pause()
        await pilot.press("enter")  # nothing typed: done today, no written answer
        await register.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 3
    closed = read_meeting(folder).petitions[first - 1].outcome
    assert (closed.status, closed.done_on, closed.reference) == (Status.DONE, clock.today(), "")


async def test_export_dialog_fits_100x30_shows_the_notice_due_and_exports_notice_and_report(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir, clock.local_now() - timedelta(days=3))  # held 4 days ago
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        dialog = app.screen
        assert "hạn công khai" in str(dialog.query_one("#notice-due").render()) and "còn 6 ngày" in str(
            dialog.query_one("#notice-due").render()
        )
        go = dialog.query_one("#go")
        assert go.region.bottom <= 30 and go.region.height > 0  # the button is on screen without scrolling
        await pilot.click("#after")
        go.press()
        await pilot.pause()
        await dialog.export_worker.wait()
        await pilot.pause()
        shown = str(dialog.query_one("#export-result").render())
        assert "thong-bao-ket-luan.docx" in shown and "bao-cao-ket-qua.docx" in shown
    assert (folder / "exports" / "thong-bao-ket-luan.docx").is_file() and not (folder / "exports" / "bien-ban.docx").exists()


async def test_register_extends_and_passes_on_and_review_takes_attendance(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir, datetime(2026, 12, 2, 9))
    app = make_app()  # the frozen clock's day: the sample was held the day before
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g")
        register = app.screen
        await register.workers.wait_for_complete()
        await pilot.pause()
        table = register.query_one(DataTable)
        columns = list(table.columns.values())
        assert [str(c.label) for c in columns] == ["Ý kiến", "Hạn", "Tình trạng", "Loại", "Trách nhiệm", "Nội dung"]
        assert sum(c.get_render_width(table) for c in columns) <= 100  # every column on screen (issue 26 item 10)
        number = register.items[0].number
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(Input).value = "15/01/2027; chờ kinh phí"
        await pilot.press("enter")
        await register.workers.wait_for_complete()
        await pilot.pause()
        outcome = read_meeting(folder).petitions[number - 1].outcome
        assert outcome.deadline == date(2027, 1, 15) and outcome.extension_reason == "chờ kinh phí"
        number = register.items[0].number
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one(Input).value = "Bảo hiểm xã hội thành phố"
        await pilot.press("enter")
        await register.workers.wait_for_complete()
        await pilot.pause()
        assert read_meeting(folder).petitions[number - 1].outcome.passed_to == "Bảo hiểm xã hội thành phố"
        await pilot.press("escape")
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one(Input).value = "Người dân: 70; Đại biểu: 12"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b")  # the secretary's paragraphs: the first is the assessment
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "Hội nghị thành công."
        await pilot.press("enter")
        await pilot.pause()
    meeting = read_meeting(folder).meeting
    assert meeting.attendance == (("Người dân", 70), ("Đại biểu", 12))
    assert meeting.document_text("report_assessment") == "Hội nghị thành công."


def test_the_items_panel_shows_each_petitions_classification(reviewed_meeting):
    from minutes_tui.meeting import Field, MeetingStore
    from minutes_tui.widgets.items_panel import items_text
    from minutes_tui.workflows.checks import lacks
    from minutes_tui.workflows.draft import MinutesDraft

    draft = MinutesDraft(MeetingStore.open(reviewed_meeting))
    petition = draft.mark(draft.order[0], "petition")
    assert petition is not None
    draft.store.update_petition(petition.id, field=Field.LAND, channel="written", authority="higher")
    draft.reload()
    shown = str(items_text(draft, lacks(draft)))
    assert "Đất đai · thẩm quyền cấp trên · gửi bằng văn bản" in shown
    draft.store.close()
