"""Issue 26 item 8: every path through the export dialog with the keyboard alone, at 100×30."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from pilot_steps import accept_blanks, open_review
from textual.widgets import Checkbox, Input, RadioButton, RadioSet
from textual.worker import WorkerFailed

from minutes_tui import texts
from minutes_tui.dialogs.export import ExportDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
from export_certs import make_identity  # noqa: E402  # the export tests' own test certificate

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

SIZE = (100, 30)


async def _open_export(app, pilot) -> ExportDialog:
    review = await open_review(app, pilot)
    await pilot.press("E")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportDialog) and review in app.screen_stack
    return dialog


async def _exported(pilot, dialog: ExportDialog) -> str:
    await pilot.pause()
    if getattr(dialog, "export_worker", None) is not None:
        with contextlib.suppress(WorkerFailed):  # a failure is shown as the app's error dialog
            await dialog.export_worker.wait()
    await pilot.pause()
    return str(dialog.query_one("#export-result").render())


async def _tab_to(app, pilot, widget_id: str) -> None:
    for _ in range(12):
        if app.focused is not None and app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def test_enter_exports_the_docx_at_once(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await pilot.press("enter")
        await accept_blanks(app, pilot)  # the demo's speakers are not named yet
        shown = await _exported(pilot, dialog)
    assert "bien-ban.docx" in shown
    assert (reviewed_meeting / "exports" / "bien-ban.docx").is_file()


async def test_space_ticks_pdf_enter_exports_it_then_signs_and_overwrites_by_keys(make_app, reviewed_meeting, tmp_path):
    ident = make_identity(tmp_path / "id")
    exports = reviewed_meeting / "exports"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await _tab_to(app, pilot, "pdf")
        await pilot.press("space", "enter")  # the hint: Enter exports (it unticked the box before)
        await accept_blanks(app, pilot)  # once per dialog
        assert dialog.query_one("#pdf", Checkbox).value
        shown = await _exported(pilot, dialog)
        assert "bien-ban.pdf" in shown and (exports / "bien-ban.pdf").is_file()

        await _tab_to(app, pilot, "sign")
        await pilot.press("down", "space")  # the second choice: a .p12 file
        assert dialog.query_one(RadioSet).pressed_button.id == "sign-p12"
        assert not dialog.query_one("#sign-none", RadioButton).value  # one choice on, not two
        await pilot.press("tab", *str(ident.p12), "tab", "tab", *ident.password.decode(), "enter")
        shown = await _exported(pilot, dialog)
        assert "đã có" in shown and app.focused.id == "force"  # the DOCX exists: she is told, at the box
        await pilot.press("space", "enter")
        shown = await _exported(pilot, dialog)
        assert "bien-ban-signed.pdf" in shown and (exports / "bien-ban-signed.pdf").is_file()

        own = tmp_path / "Bản của chủ tịch.pdf"  # the chairman's PDF, saved from Word
        own.write_bytes((exports / "bien-ban.pdf").read_bytes())
        await _tab_to(app, pilot, "own-pdf")
        await pilot.press(*f"'{own}' ", "enter")  # pasted as a terminal does
        shown = await _exported(pilot, dialog)
    assert app.errors_shown == []
    assert "Bản của chủ tịch-signed.pdf" in shown and (exports / "Bản của chủ tịch-signed.pdf").is_file()


async def test_signing_without_a_certificate_says_what_is_missing(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await _tab_to(app, pilot, "sign")
        await pilot.press("down", "enter")  # p12 chosen, no file given
        await pilot.pause()
        assert str(dialog.query_one("#export-result").render()) == texts.EXPORT_NEEDS_P12
        assert app.focused.id == "key-path"
        await _tab_to(app, pilot, "sign")
        await pilot.press("up")  # back to no signature; the chairman's PDF asks for a key
        await _tab_to(app, pilot, "own-pdf")
        await pilot.press(*"/tmp/x.pdf", "enter")
        await pilot.pause()
        assert str(dialog.query_one("#export-result").render()) == texts.EXPORT_OWN_NEEDS_KEY
        assert app.focused.id == "sign"
    assert not (reviewed_meeting / "exports").exists()


async def test_the_focused_text_box_is_seen_and_its_placeholder_fits(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await _tab_to(app, pilot, "key-path")
        await pilot.pause()
        focused, other = dialog.query_one("#key-path", Input), dialog.query_one("#own-pdf", Input)
        assert focused.styles.border_left != other.styles.border_left
        assert focused.styles.background != other.styles.background
        for box in dialog.query(Input):
            assert len(box.placeholder) <= box.content_region.width, box.placeholder


async def _confirm_if_asked(app, pilot) -> None:
    """The blanks question, when the meeting has blanks (the sample has none to ask about)."""
    from minutes_tui.dialogs.confirm import ConfirmDialog

    await pilot.pause()
    if isinstance(app.screen, ConfirmDialog):
        await pilot.press("enter")
        await pilot.pause()


async def test_notice_and_report_by_space_and_enter(make_app, meetings_dir):
    from minutes_tui.workflows.sample import create_sample_meeting

    folder = create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await _tab_to(app, pilot, "after")
        await pilot.press("space", "enter")
        await _confirm_if_asked(app, pilot)
        shown = await _exported(pilot, dialog)
        assert dialog.query_one("#after", Checkbox).value
    assert "thong-bao-ket-luan.docx" in shown and "bao-cao-ket-qua.docx" in shown
    assert (folder / "exports" / "thong-bao-ket-luan.docx").is_file()
    assert not (folder / "exports" / "bien-ban.docx").exists()


async def test_a_token_without_its_module_or_key_is_said(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_export(app, pilot)
        await _tab_to(app, pilot, "sign")
        await pilot.press("down", "down")  # the USB token
        assert dialog.query_one(RadioSet).pressed_button.id == "sign-token"
        await pilot.press("enter")
        await _confirm_if_asked(app, pilot)
        await _exported(pilot, dialog)
        await pilot.pause()
        assert app.errors_shown, "Enter did nothing and said nothing"
        assert any("token" in m.lower() or "PKCS#11" in m for m in app.errors_shown), app.errors_shown
        await pilot.press("enter")  # closes the message: the dialog is still there to fix the choice
        await pilot.pause()
        assert app.screen is dialog
