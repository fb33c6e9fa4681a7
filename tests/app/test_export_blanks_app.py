"""The export dialog lists what the minutes miss and asks before exporting anyway (issue 26, item 6)."""

from __future__ import annotations

import pytest
from pilot_steps import open_review

from minutes_tui import texts
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.dialogs.export import ExportDialog
from minutes_tui.meeting import MeetingStore

pytestmark = pytest.mark.anyio


async def test_export_lists_the_blanks_and_asks_first(make_app, reviewed_meeting):
    with MeetingStore.open(reviewed_meeting) as store:  # as an import leaves it: no place, no secretary
        store.update_meeting(place="", secretary="", secretary_title="")
    docx = reviewed_meeting / "exports" / "bien-ban.docx"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        listed = str(dialog.query_one("#missing").render())
        assert "Địa điểm" in listed and "Họ tên thư ký" in listed and "đoạn chưa rõ người nói" in listed

        await pilot.press("enter")  # export: she is asked, with the same list
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.screen.question == texts.EXPORT_MISSING_CONFIRM
        assert "• Địa điểm" in app.screen.detail and "• Họ tên thư ký" in app.screen.detail
        await pilot.press("escape")  # no: nothing written, back in the dialog
        await pilot.pause()
        assert app.screen is dialog and not docx.exists()

        await pilot.press("enter", "y")  # asked again; yes exports
        await pilot.pause()
        await dialog.export_worker.wait()
        await pilot.pause()
        assert "bien-ban.docx" in str(dialog.query_one("#export-result").render())
    assert docx.is_file()
