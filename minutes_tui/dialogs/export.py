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
from minutes_tui.workflows.checks import Lack


def _ticked(label: str, on: bool) -> str:
    """A checkbox's label with its state in words (the box glyph alone is unreadable on some terminals)."""
    return f"{label}: {texts.CHECKBOX_ON if on else texts.CHECKBOX_OFF}"


class ExportDialog(ModalScreen[None]):
    """Options, the lacks found before export, and the export running in a worker."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(self, folder: Path, lacks: list[Lack], notice_line: str = "") -> None:
        super().__init__()
        self.folder = folder
        self.lacks = lacks
        self.written: list[str] = []
        self.notice_line = notice_line
        """The notice's legal due date, until it is exported ("" : nothing to say)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog export-dialog"):
            yield Label(texts.EXPORT_TITLE, classes="dialog-title")
            if self.lacks:
                yield Static(f"⚠ {texts.ITEMS_LACKS}: {len(self.lacks)} (i: {texts.KEYS['items']})", classes="error-text")
            # the button and what it wrote first: at 100×30 both are seen without scrolling
            yield Button(texts.EXPORT_TITLE, id="go", variant="primary")
            yield Static(texts.EXPORT_OPTIONS_HINT, id="export-result", classes="dim")
            if self.notice_line:
                yield Static(self.notice_line, id="notice-due")
            yield Checkbox(_ticked(texts.EXPORT_AFTER, False), id="after")
            yield Checkbox(_ticked(texts.EXPORT_PARTS["transcript"], False), id="appendix")
            yield Checkbox(_ticked(texts.EXPORT_FORMATS["pdf"], False), id="pdf")
            with RadioSet(id="sign"):
                yield RadioButton(texts.EXPORT_SIGN["none"], value=True, id="sign-none")
                yield RadioButton(texts.EXPORT_SIGN["p12"], id="sign-p12")
                yield RadioButton(texts.EXPORT_SIGN["token"], id="sign-token")
            yield Input(placeholder=texts.EXPORT_SIGN["path"], id="key-path")
            yield Input(placeholder=texts.EXPORT_SIGN["label"], id="token-label")
            yield Input(placeholder=texts.EXPORT_SIGN["secret"], password=True, id="secret")
            yield Input(placeholder=texts.EXPORT_SIGN_OWN_PDF, id="own-pdf")
            yield Checkbox(_ticked(texts.EXPORT_SIGN["force"], False), id="force")

    def on_mount(self) -> None:
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
            key = Pkcs12Key(Path(path).expanduser(), secret.encode() if secret else None)
        elif sign is not None and sign.id == "sign-token":
            label = self.query_one("#token-label", Input).value.strip() or None
            key = TokenKey(find_pkcs11_library(path), label, secret or None)
        return ExportRequest(
            make_pdf=self.query_one("#pdf", Checkbox).value,
            key=key,
            appendix=self.query_one("#appendix", Checkbox).value,
            force=self.query_one("#force", Checkbox).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        try:
            request = self._request()
        except CodedError as exc:  # no token module on this machine: say so, keep the dialog open
            cast(BienbanAppServices, self.app).show_error(texts.app_message(exc))
            return
        self.query_one("#go", Button).disabled = True
        own = self.query_one("#own-pdf", Input).value.strip()
        self.export_worker = self.run_export(request, Path(own).expanduser() if own else None)

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
            self.app.call_from_thread(self.query_one("#export-result", Static).update, message)
        finally:
            self.app.call_from_thread(self._finished)

    def _written(self, path: str) -> None:
        self.written.append(path)
        self.query_one("#export-result", Static).remove_class("dim")
        self.query_one("#export-result", Static).update("\n".join(texts.EXPORT_DONE.format(path=p) for p in self.written))

    def _finished(self) -> None:
        self.query_one("#go", Button).disabled = False

    def on_worker_state_changed(self, event) -> None:
        cast(BienbanAppServices, self.app).worker_state_changed(event)

    def action_cancel(self) -> None:
        self.dismiss(None)
