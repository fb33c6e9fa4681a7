"""Build the DOCX minutes from a ``Minutes`` and write it without ever clobbering silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.document import Document

from bienban_base.files import atomic_write
from minutes_tui import texts
from minutes_tui.export.appendix import add_appendix
from minutes_tui.export.body import add_closing, add_content, add_opening
from minutes_tui.export.errors import ExportError
from minutes_tui.export.header import add_header
from minutes_tui.export.minutes import Minutes
from minutes_tui.export.page import new_document
from minutes_tui.export.signatures import add_signatures
from minutes_tui.export.styles import xml_text

#: Prefix of the core-properties keyword that carries the recording's digest.
AUDIO_KEYWORD = "audio-sha256 "


def build_docx(minutes: Minutes, appendix: bool = False) -> Document:
    """The whole Biên bản as a python-docx document (nothing written yet)."""
    doc = new_document()
    add_header(doc, minutes)
    add_opening(doc, minutes)
    add_content(doc, minutes)
    add_closing(doc, minutes)
    add_signatures(doc, minutes)
    if appendix and minutes.transcript:
        add_appendix(doc, minutes)
    props = doc.core_properties
    props.title = xml_text(texts.MINUTES_DOC_TITLE.format(conference=minutes.conference))
    props.author = xml_text(minutes.secretary)
    props.last_modified_by = xml_text(minutes.secretary)
    props.subject = xml_text(minutes.office.issuing_body)
    props.language = "vi-VN"
    props.keywords = f"{AUDIO_KEYWORD}{minutes.audio_sha256}" if minutes.audio_sha256 else ""
    props.comments = props.keywords
    return doc


def check_target(path: Path, force: bool, signed: bool = False) -> None:
    """Refuse to replace an existing export unless ``force``; a signed one never."""
    if path.exists():
        if signed:
            raise ExportError("export_signed_exists", f"{path} exists and is signed", path=str(path))
        if not force:
            raise ExportError("export_exists", f"{path} exists", path=str(path))


def save_atomically(write: Callable[[Path], object], path: Path) -> None:
    """``bienban_base.files.atomic_write`` with the export's own error: an old file stays intact on failure."""
    try:
        atomic_write(path, write)
    except OSError as exc:
        raise ExportError("export_write_failed", f"cannot write {path}: {exc}", path=str(path)) from exc


def write_docx(minutes: Minutes, path: Path, *, appendix: bool = False, force: bool = False) -> Path:
    """Build and save the DOCX minutes at ``path``."""
    check_target(path, force)
    doc = build_docx(minutes, appendix)
    save_atomically(lambda tmp: doc.save(str(tmp)), path)
    return path
