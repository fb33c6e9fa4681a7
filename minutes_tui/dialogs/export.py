"""Export: choose what goes in, then the exporter's DOCX / PDF / signed PDF (issue 7's pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from bienban_base.errors import CodedError
from minutes_tui import texts
from minutes_tui.app_base import BienbanAppServices
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.workflows.missing import Missing, missing_lines
from minutes_tui.workflows.paths import pasted_path


def _ticked(label: str, on: bool) -> str:
    """A checkbox's label with its state in words (the box glyph alone is unreadable on some terminals)."""
    return f"{label}: {texts.CHECKBOX_ON if on else texts.CHECKBOX_OFF}"


class _SignChoice(RadioSet):
    """The signing choices, where the arrows choose (as in any radio group): Down then Space must
    not leave the first choice pressed, and Enter is the dialog's (export), not a toggle."""

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose_highlighted()

    def action_toggle_button(self) -> None:  # Space: choose, never un-choose (one is always chosen)
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        if self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton) and not button.value:
                button.value = True


class ExportDialog(ModalScreen[None]):
    """Options, what the minutes would miss, and the export running in a worker. Enter exports
    from any box (a checkbox's Enter would untick what Space ticked); Space ticks. Minutes with
    blanks are exported only once she has said yes to the list of them."""

    BINDINGS = [
        Binding("escape", "cancel", texts.APP_CANCEL, show=False),
        Binding("enter", "export", texts.EXPORT_TITLE, show=False, priority=True),
    ]

    def __init__(self, folder: Path, missing: list[Missing], notice_line: str = "") -> None:
        super().__init__()
        self.folder = folder
        self.missing = missing
        self.blanks_accepted = False
        """She said yes to exporting with the blanks listed (asked once per dialog)."""
        self.written: list[str] = []
        self.notice_line = notice_line
        """The notice's legal due date, until it is exported ("" : nothing to say)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog export-dialog"):
            yield Label(texts.EXPORT_TITLE, classes="dialog-title")
            if self.missing:
                listed = "; ".join(m.text() for m in self.missing)
                yield Static(f"⚠ {texts.ITEMS_LACKS}: {listed} (i: {texts.KEYS['items']})", id="missing", classes="error-text")
            # the button and what it wrote first: at 100×30 both are seen without scrolling
            yield Button(texts.EXPORT_TITLE, id="go", variant="primary")
            yield Static(texts.EXPORT_OPTIONS_HINT, id="export-result", classes="dim")
            if self.notice_line:
                yield Static(self.notice_line, id="notice-due")
            yield Checkbox(_ticked(texts.EXPORT_AFTER, False), id="after")
            yield Checkbox(_ticked(texts.EXPORT_PARTS["transcript"], False), id="appendix")
            yield Checkbox(_ticked(texts.EXPORT_FORMATS["pdf"], False), id="pdf")
            with _SignChoice(id="sign"):
                yield RadioButton(texts.EXPORT_SIGN["none"], id="sign-none")  # pressed on mount, so the set knows it
                yield RadioButton(texts.EXPORT_SIGN["p12"], id="sign-p12")
                yield RadioButton(texts.EXPORT_SIGN["token"], id="sign-token")
            yield Input(placeholder=texts.EXPORT_SIGN["path"], id="key-path")
            yield Input(placeholder=texts.EXPORT_SIGN["label"], id="token-label")
            yield Input(placeholder=texts.EXPORT_SIGN["secret"], password=True, id="secret")
            yield Input(placeholder=texts.EXPORT_SIGN_OWN_PDF, id="own-pdf")
            yield Checkbox(_ticked(texts.EXPORT_SIGN["force"], False), id="force")

    def on_mount(self) -> None:
        # a button composed as pressed is not the set's pressed one: choosing another left both on
        self.query_one("#sign-none", RadioButton).value = True
        self.query_one("#go", Button).focus()  # Enter exports with the usual options

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        labels = {
            "after": texts.EXPORT_AFTER,
            "appendix": texts.EXPORT_PARTS["transcript"],
            "pdf": texts.EXPORT_FORMATS["pdf"],
            "force": texts.EXPORT_SIGN["force"],
        }
        if event.checkbox.id in labels:
            event.checkbox.label = _ticked(labels[event.checkbox.id], event.value)

    def _request(self):
        from minutes_tui.export.pipeline import ExportRequest
        from minutes_tui.export.signing import Pkcs12Key, TokenKey, find_pkcs11_library

        sign = self.query_one(RadioSet).pressed_button
        path = self.query_one("#key-path", Input).value.strip()
        secret = self.query_one("#secret", Input).value
        key: Pkcs12Key | TokenKey | None = None
        if sign is not None and sign.id == "sign-p12":
            key = Pkcs12Key(pasted_path(path), secret.encode() if secret else None)
        elif sign is not None and sign.id == "sign-token":
            label = self.query_one("#token-label", Input).value.strip() or None
            key = TokenKey(find_pkcs11_library(str(pasted_path(path)) if path else ""), label, secret or None)
        return ExportRequest(
            make_pdf=self.query_one("#pdf", Checkbox).value,
            key=key,
            appendix=self.query_one("#appendix", Checkbox).value,
            force=self.query_one("#force", Checkbox).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        """Export with the options as they are; a missing choice is said under the button."""
        if self.query_one("#go", Button).disabled:  # already exporting
            return
        sign = self.query_one(RadioSet).pressed_button
        own = self.query_one("#own-pdf", Input).value.strip()
        if sign is not None and sign.id == "sign-p12" and not self.query_one("#key-path", Input).value.strip():
            self._say(texts.EXPORT_NEEDS_P12, focus="#key-path")
            return
        if own and (sign is None or sign.id == "sign-none"):
            self._say(texts.EXPORT_OWN_NEEDS_KEY, focus="#sign")
            return
        minutes = not own and not self.query_one("#after", Checkbox).value
        if minutes and self.missing and not self.blanks_accepted:
            self.app.push_screen(ConfirmDialog(texts.EXPORT_MISSING_CONFIRM, missing_lines(self.missing)), self._blanks_answered)
            return
        try:
            request = self._request()
        except CodedError as exc:  # no token module on this machine: say so, keep the dialog open
            cast(BienbanAppServices, self.app).show_error(texts.app_message(exc))
            return
        self.query_one("#go", Button).disabled = True
        self.written = []
        self._say(texts.EXPORT_RUNNING, error=False)
        self.export_worker = self.run_export(request, pasted_path(own) if own else None)

    def _blanks_answered(self, yes: bool | None) -> None:
        if yes:
            self.blanks_accepted = True
            self.action_export()

    def _say(self, message: str, error: bool = True, focus: str = "") -> None:
        """One line under the button (the first thing she reads), and the box to fix when there is one."""
        result = self.query_one("#export-result", Static)
        result.remove_class("dim")
        result.set_class(error, "error-text")
        result.update(message)
        if focus:
            self.query_one(focus).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, request, own_pdf: Path | None = None) -> None:
        """Write the files (or sign the chairman's own PDF); each one is announced as soon as it exists."""
        from minutes_tui.export.pipeline import export_meeting, sign_chairmans_pdf

        try:
            if own_pdf is not None:
                signed = sign_chairmans_pdf(self.folder, own_pdf, request.key)
                self.app.call_from_thread(self._written, str(signed))
                return

            def step(path: str) -> None:
                self.app.call_from_thread(self._written, path)

            if self.query_one("#after", Checkbox).value:
                from minutes_tui.export.after_pipeline import AfterExportRequest, export_after
                from minutes_tui.workflows.classify import ward_fields

                labels = tuple((f.value, label) for f, label in ward_fields(self.folder.resolve().parent))
                after = AfterExportRequest(
                    notice=True, report=True, make_pdf=request.make_pdf, key=request.key, force=request.force,
                    field_labels=labels,
                )  # fmt: skip
                export_after(self.folder, after, step=step)
            else:
                export_meeting(self.folder, request, step=step)
        except CodedError as exc:
            if exc.code != "export_exists":
                raise
            # the command line's advice names its flag; here she ticks a box
            message = texts.EXPORT_EXISTS_APP.format(path=exc.params.get("path", ""), force=texts.EXPORT_SIGN["force"])
            self.app.call_from_thread(self._say, message, True, "#force")  # Space ticks it, Enter exports again
        finally:
            self.app.call_from_thread(self._finished)

    def _written(self, path: str) -> None:
        self.written.append(path)
        self.query_one("#export-result", Static).remove_class("dim", "error-text")
        self.query_one("#export-result", Static).update("\n".join(texts.EXPORT_DONE.format(path=p) for p in self.written))

    def _finished(self) -> None:
        self.query_one("#go", Button).disabled = False
        result = self.query_one("#export-result", Static)
        if str(result.render()) == texts.EXPORT_RUNNING:  # it failed: the error dialog says why
            result.update(texts.EXPORT_OPTIONS_HINT)
            result.add_class("dim")

    def on_worker_state_changed(self, event) -> None:
        cast(BienbanAppServices, self.app).worker_state_changed(event)

    def action_cancel(self) -> None:
        self.dismiss(None)
