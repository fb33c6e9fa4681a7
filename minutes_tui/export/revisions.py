"""What a signature actually signed: its revision's bytes, and what changed in the file after it.

The recording's hash is read from the signed revision only (its /Info, its XMP metadata, its
text), never from the latest /Info: an incremental update after signing can rewrite /Info and
pyHanko's difference policy lets that pass as a long-term-validation update.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_DIGEST = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
_MARK = "sha-256"


def signed_bytes(data: bytes, embedded) -> bytes:
    """The file as it was when ``embedded`` was signed (the revision its byte range ends with)."""
    byte_range = [int(v) for v in embedded.sig_object["/ByteRange"]]
    return data[: byte_range[2] + byte_range[3]]


def _info(reader) -> dict[str, str]:
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if hasattr(info, "get_object") else info
    return {str(k): str(v.get_object() if hasattr(v, "get_object") else v) for k, v in (info or {}).items()}


def _xmp(reader) -> bytes:
    meta = reader.root.get("/Metadata")
    meta = meta.get_object() if hasattr(meta, "get_object") else meta
    return bytes(meta.data) if meta is not None else b""


def digest_in_text(data: bytes) -> str:
    """The recording's SHA-256 as a PDF's visible text states it (empty: none, or no ``pdftotext``)."""
    return _in_text(pdf_text(data))


def _in_text(text: str) -> str:
    """The digest after the first "SHA-256" in ``text`` (line breaks inside it ignored)."""
    at = text.lower().find(_MARK)
    if at < 0:
        return ""
    found = _DIGEST.search(re.sub(r"\s+", "", text[at + len(_MARK) :]))
    return found.group(0) if found else ""


def pdf_text(data: bytes) -> str:
    """The text of a PDF given as bytes, through poppler's ``pdftotext`` (empty without it)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return ""
    with tempfile.TemporaryDirectory(prefix="bienban-text-") as work:
        source = Path(work) / "revision.pdf"
        source.write_bytes(data)
        done = subprocess.run([exe, "-enc", "UTF-8", str(source), "-"], capture_output=True, timeout=120)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def recorded_digest(revision: bytes) -> str:
    """The recording's SHA-256 as the revision states it: /Info keywords, else XMP, else its text."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(revision), strict=False)
    for source in (_info(reader).get("/Keywords", "").lower(), _xmp(reader).decode("utf-8", "replace").lower()):
        if _MARK in source or "audio-sha256" in source:
            found = _DIGEST.search(source)
            if found:
                return found.group(0)
    return _in_text(pdf_text(revision))


#: /Info entries a later signature or timestamp rewrites by itself; they carry no meaning.
_BOOKKEEPING = ("/ModDate", "/Producer")


def metadata_changed(revision: bytes, current) -> bool:
    """Whether the file's /Info (beyond bookkeeping) or XMP metadata differ from the signed revision's."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = PdfFileReader(io.BytesIO(revision), strict=False)
    meaning = lambda info: {k: v for k, v in info.items() if k not in _BOOKKEEPING}  # noqa: E731
    return meaning(_info(signed)) != meaning(_info(current)) or _xmp(signed) != _xmp(current)
