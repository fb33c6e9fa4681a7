"""The notice and the reports through the minutes' pipeline: DOCX, PDF, signed PDF, audio hash."""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from docx.document import Document

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.export.after_data import AfterConference, after_from_record, merge_rounds, previous_round
from minutes_tui.export.document import check_target, save_atomically
from minutes_tui.export.errors import ExportError
from minutes_tui.export.from_meeting import audio_sha256
from minutes_tui.export.pipeline import ExportResult, exports_dir
from minutes_tui.export.signing import Pkcs12Key, TokenKey
from minutes_tui.meeting import read_meeting
from minutes_tui.meeting.audio import meeting_audio

#: File stems inside the meeting's ``exports/``.
STEMS = {"notice": "thong-bao-ket-luan", "report": "bao-cao-ket-qua", "previous": "bao-cao-ky-truoc"}


@dataclass(frozen=True)
class AfterExportRequest:
    """Which documents of the aftermath to write, and how."""

    notice: bool = False
    """The Thông báo kết luận."""
    report: bool = False
    """The Báo cáo kết quả."""
    previous: Path | None = None
    """An earlier meeting whose petitions' results to report (Báo cáo kết quả giải quyết)."""
    make_pdf: bool = False
    """Render PDFs with LibreOffice."""
    key: Pkcs12Key | TokenKey | None = None
    """Sign each PDF with this key (PDF implied)."""
    force: bool = False
    """Replace an existing DOCX or PDF (a signed PDF is never replaced)."""
    issued: date | None = None
    """The documents' date (None: today)."""
    open_before: tuple[Path, ...] = ()
    """Instead of ``previous``: every meeting held before a date (``workflows.followups.meetings_before``);
    the report covers all their follow-ups."""
    open_before_day: date | None = None
    """That date (for the report's title)."""
    field_labels: tuple[tuple[str, str], ...] = ()
    """The ward's own field labels (code, label), from ``workflows.classify.ward_fields``."""


def load_after(folder: Path, issued: date, labels: dict[str, str] | None = None) -> AfterConference:
    """Read the meeting (read-only) and hash its recording alongside."""
    record = read_meeting(folder)
    audio = meeting_audio(folder, record.meeting)
    if audio is None or not audio.is_file():
        return after_from_record(record, issued, field_labels=labels)
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(audio_sha256, audio)
        after = after_from_record(record, issued, field_labels=labels)
        return replace(after, audio_sha256=digest.result())


def _documents(folder: Path, request: AfterExportRequest, issued: date) -> dict[str, tuple[Document, str, str]]:
    """Each asked document built: (the DOCX, its signer's name, the recording's digest)."""
    from minutes_tui.export.notice import build_notice
    from minutes_tui.export.report import build_previous_report, build_report

    built: dict[str, tuple[Document, str, str]] = {}
    labels = dict(request.field_labels)
    if request.notice or request.report:
        after = load_after(folder, issued, labels)
        if request.notice:
            built["notice"] = (build_notice(after), after.chair, after.audio_sha256)
        if request.report:
            built["report"] = (build_report(after), after.chair, after.audio_sha256)
    if request.previous is not None:
        if not (request.previous / "meeting.sqlite").is_file():
            raise ExportError("export_no_previous", "no previous meeting", path=str(request.previous))
        previous = load_after(request.previous, issued, labels)
        if folder.resolve() != request.previous.resolve():  # read at this meeting's conference
            previous = previous_round(load_after(folder, issued, labels), previous)
        built["previous"] = (build_previous_report(previous, issued), previous.chair, previous.audio_sha256)
    elif request.open_before_day is not None:
        own = load_after(folder, issued, labels)
        earlier = [after_from_record(read_meeting(f), issued, field_labels=labels) for f in request.open_before]
        merged = merge_rounds(own, earlier, request.open_before_day)
        built["previous"] = (build_previous_report(merged, issued), own.chair, own.audio_sha256)
    return built


def export_after(folder: Path, request: AfterExportRequest, step: Callable[[str], None] | None = None) -> list[ExportResult]:
    """Write the asked documents into the meeting's ``exports/``; ``step(path)`` after each file."""
    if not folder.is_dir():
        raise ExportError("export_no_meeting", "no meeting folder", path=str(folder))
    out = exports_dir(folder)
    want_pdf = request.make_pdf or request.key is not None
    kinds = [k for k in STEMS if (k == "notice" and request.notice) or (k == "report" and request.report)
             or (k == "previous" and (request.previous is not None or request.open_before_day is not None))]  # fmt: skip
    for kind in kinds:  # every refusal before any work
        check_target(out / f"{STEMS[kind]}.docx", request.force)
        if want_pdf:
            check_target(out / f"{STEMS[kind]}.pdf", request.force)
        if request.key is not None:
            check_target(out / f"{STEMS[kind]}-signed.pdf", force=False, signed=True)
    if request.key is not None:
        from minutes_tui.export.signing import check_key

        check_key(request.key)
    results = []
    for kind, (doc, signer, digest) in _documents(folder, request, request.issued or clock.today()).items():
        docx_path = out / f"{STEMS[kind]}.docx"
        save_atomically(functools.partial(_save, doc), docx_path)
        _tell(step, docx_path)
        pdf = signed = None
        if want_pdf:
            from minutes_tui.export.pdf import convert_to_pdf

            pdf = convert_to_pdf(docx_path, out / f"{STEMS[kind]}.pdf", force=request.force)
            _tell(step, pdf)
        if request.key is not None and pdf is not None:
            from minutes_tui.export.signing import sign_pdf

            signed = sign_pdf(pdf, out / f"{STEMS[kind]}-signed.pdf", request.key, signer_name=signer,
                              audio_digest=digest, anchor=texts.AFTER_DOC["signer_title"])  # fmt: skip
            _tell(step, signed)
        results.append(ExportResult(docx_path, pdf, signed, None, digest))
    return results


def _save(doc: Document, path: Path) -> None:
    doc.save(str(path))


def _tell(step: Callable[[str], None] | None, path: Path) -> None:
    if step:
        step(str(path))
