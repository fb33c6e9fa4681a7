"""``bienban verify``: is the signed PDF untouched, and were its minutes made from this recording?"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from minutes_tui.export.errors import ExportError

_DIGEST = re.compile(r"\b[0-9a-f]{64}\b")
# pyHanko logs an untrusted chain (every self-issued or unknown certificate) with a traceback;
# the verdict already says it in Vietnamese, so only real errors reach the log.
logging.getLogger("pyhanko.sign.validation").setLevel(logging.ERROR)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one embedded signature."""

    signer: str
    """The signer certificate's subject, readable."""
    signed_at: datetime | None
    """The signing time the signer claims."""
    intact: bool
    """The signed bytes are unchanged and the cryptographic signature holds."""
    untouched: bool
    """Nothing changed after signing, except what signing allows (a later signature, timestamps)."""
    trusted: bool
    """The certificate chains to a trust root given with ``--trust`` (or the system's)."""
    detail: str = ""
    """pyHanko's summary, for the log."""

    @property
    def valid(self) -> bool:
        """Intact and untouched since."""
        return self.intact and self.untouched


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found."""

    signatures: list[SignatureCheck]
    """Every embedded signature, in file order."""
    recorded_sha256: str
    """The recording's SHA-256 written in the minutes (empty: none)."""
    audio_path: Path | None = None
    """The recording it was compared with."""
    audio_sha256: str = ""
    """That recording's SHA-256."""
    problems: list[str] = field(default_factory=list)
    """Structural problems that make the file unreadable as signed (English, for the log)."""

    @property
    def signature_valid(self) -> bool:
        """At least one signature, and all of them valid."""
        return bool(self.signatures) and all(s.valid for s in self.signatures) and not self.problems

    @property
    def audio_matches(self) -> bool | None:
        """True/False once compared with a recording; None when there was nothing to compare."""
        if self.audio_path is None or not self.recorded_sha256:
            return None
        return self.audio_sha256 == self.recorded_sha256


def recorded_digest(reader) -> str:
    """The recording's SHA-256 from the PDF's keywords (LibreOffice carries the DOCX's over)."""
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if hasattr(info, "get_object") else info
    keywords = str(info.get("/Keywords", "")) if info is not None else ""
    found = _DIGEST.search(keywords.lower())
    return found.group(0) if found else ""


def _check(embedded, trust: list) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # only the roots given: the system store knows no Vietnamese CA, and relying on it is deprecated
    context = ValidationContext(trust_roots=trust, allow_fetching=False)
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    status = validate_pdf_signature(embedded, context)
    allowed = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    later_ok = status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and bool(status.docmdp_ok)
    return SignatureCheck(
        signer=status.signing_cert.subject.native.get("common_name") or status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        untouched=status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (later_ok and status.modification_level in allowed),
        trusted=bool(status.trusted),
        detail=status.summary(),
    )


def verify_pdf(pdf: Path, audio: Path | None = None, trust_roots: list[Path] | None = None) -> Verdict:
    """Check every signature of ``pdf`` and, given ``audio``, that the minutes were made from it."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    from minutes_tui.export.from_meeting import audio_sha256

    if not pdf.is_file():
        raise ExportError("verify_missing", "no such file", path=str(pdf))
    trust = []
    for root in trust_roots or []:
        data = root.read_bytes()
        trust.append(x509.Certificate.load(pem.unarmor(data)[2] if pem.detect(data) else data))
    with open(pdf, "rb") as f:
        try:
            reader = PdfFileReader(f, strict=False)
            recorded = recorded_digest(reader)
            embedded = list(reader.embedded_signatures)
        except (PdfReadError, ValueError, KeyError) as exc:
            raise ExportError("verify_not_pdf", str(exc), path=str(pdf)) from exc
        checks, problems = [], []
        for sig in embedded:
            try:
                checks.append(_check(sig, trust))
            except Exception as exc:  # a damaged signature dictionary is a failed check, not a crash
                problems.append(f"{type(exc).__name__}: {exc}")
    digest = audio_sha256(audio) if audio is not None else ""
    return Verdict(checks, recorded, audio, digest, problems)
