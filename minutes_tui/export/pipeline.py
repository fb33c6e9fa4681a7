"""One call for the CLI and the terminal app: a meeting folder to DOCX, PDF and a signed PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from minutes_tui.export.document import check_target, write_docx
from minutes_tui.export.errors import ExportError
from minutes_tui.export.from_meeting import load_minutes
from minutes_tui.export.signing import Pkcs12Key, TokenKey

#: Default file names inside the meeting's ``exports/`` folder.
DOCX_NAME, PDF_NAME, SIGNED_NAME = "bien-ban.docx", "bien-ban.pdf", "bien-ban-signed.pdf"


@dataclass(frozen=True)
class ExportRequest:
    """What to export and where (None paths: the defaults in the meeting's ``exports/``)."""

    docx: Path | None = None
    """The DOCX minutes."""
    pdf: Path | None = None
    """The PDF, when ``make_pdf`` (or signing) asks for one."""
    make_pdf: bool = False
    """Render a PDF with LibreOffice."""
    signed: Path | None = None
    """The signed PDF, when ``key`` is given."""
    key: Pkcs12Key | TokenKey | None = None
    """Sign with this key (PDF implied)."""
    appendix: bool = False
    """Add the verbatim transcript as an appendix."""
    force: bool = False
    """Replace an existing DOCX or PDF (a signed PDF is never replaced)."""


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    docx: Path
    """The DOCX minutes."""
    pdf: Path | None
    """The PDF (None: not asked for)."""
    signed: Path | None
    """The signed PDF (None: not signed)."""
    audio: Path | None
    """The recording the minutes were tied to (None: the meeting has none)."""
    audio_sha256: str
    """Its SHA-256, as written into the minutes."""


def exports_dir(folder: Path) -> Path:
    """Where a meeting's exports go by default."""
    from minutes_tui.meeting.store import EXPORTS_DIR

    return folder / EXPORTS_DIR


def export_meeting(folder: Path, request: ExportRequest, step: Callable[[str], None] | None = None) -> ExportResult:
    """Write the minutes of the meeting in ``folder``; ``step(path)`` is told after each file."""
    if not folder.is_dir():
        raise ExportError("export_no_meeting", "no meeting folder", path=str(folder))
    out = exports_dir(folder)
    docx = request.docx or out / DOCX_NAME
    want_pdf = request.make_pdf or request.key is not None
    pdf = (request.pdf or out / PDF_NAME) if want_pdf else None
    signed = (request.signed or out / SIGNED_NAME) if request.key is not None else None
    # every refusal before any work: nothing half-exported when one target is taken
    check_target(docx, request.force)
    if pdf is not None:
        check_target(pdf, request.force)
    if signed is not None and request.key is not None:
        from minutes_tui.export.signing import check_key

        check_target(signed, force=False, signed=True)
        check_key(request.key)
    minutes, audio = load_minutes(folder)
    write_docx(minutes, docx, appendix=request.appendix, force=request.force)
    if step:
        step(str(docx))
    if pdf is not None:
        from minutes_tui.export.pdf import convert_to_pdf

        convert_to_pdf(docx, pdf, force=request.force)
        if step:
            step(str(pdf))
    if signed is not None and pdf is not None and request.key is not None:
        from minutes_tui.export.signing import sign_pdf

        sign_pdf(pdf, signed, request.key, signer_name=minutes.chair, audio_digest=minutes.audio_sha256)
        if step:
            step(str(signed))
    return ExportResult(docx, pdf, signed, audio, minutes.audio_sha256)


def sign_chairmans_pdf(folder: Path, own_pdf: Path, key: Pkcs12Key | TokenKey | None) -> Path:
    """Sign a PDF the chairman saved himself into the meeting's ``exports/`` (``bienban sign`` in the app)."""
    from minutes_tui.export.signing import sign_own_pdf, signed_name

    if key is None:
        raise ExportError("sign_own_needs_key", "no key chosen", path=str(own_pdf))
    return sign_own_pdf(own_pdf, key, exports_dir(folder) / signed_name(own_pdf).name)[0]
