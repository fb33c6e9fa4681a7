"""``bienban verify``: is the signed PDF untouched, by a trusted signer, made from this recording?

A verdict passes only when every signature is intact, covers the whole file or is followed only
by what long-term validation or a later signature adds (never a change of content, metadata or
annotations), chains to a trust root (``--trust`` or the ward's root folder), and the recording's
SHA-256 written in the signed revision matches the recording given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from minutes_tui.export.errors import ExportError

# pyHanko logs an untrusted chain (every self-issued or unknown certificate) with a traceback;
# the verdict already says it in Vietnamese, so only real errors reach the log.
logging.getLogger("pyhanko.sign.validation").setLevel(logging.ERROR)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one embedded signature."""

    signer: str
    """The signer certificate's subject, readable (anyone can put any name there)."""
    signed_at: datetime | None
    """The signing time the signer claims."""
    intact: bool
    """The signed bytes are unchanged and the cryptographic signature holds."""
    untouched: bool
    """Nothing after the signed revision changes content, metadata or annotations."""
    later_revisions: bool
    """Revisions were appended after this signature (later signatures, validation data)."""
    trusted: bool
    """The certificate chains to one of the trust roots."""
    metadata_changed: bool = False
    """The document's /Info or XMP metadata was changed after signing."""
    appended: bool = False
    """Bytes that no revision explains follow the file's last revision (never "untouched")."""
    detail: str = ""
    """pyHanko's summary, for the log."""

    @property
    def valid(self) -> bool:
        """Intact, untouched since, and by a trusted signer."""
        return self.intact and self.untouched and self.trusted


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found."""

    signatures: list[SignatureCheck]
    """Every embedded signature, in file order."""
    recorded_sha256: str
    """The recording's SHA-256 written in the first signature's signed revision (empty: none)."""
    audio_path: Path | None = None
    """The recording it was compared with."""
    audio_sha256: str = ""
    """That recording's SHA-256."""
    problems: list[str] = field(default_factory=list)
    """Structural problems that make the file unreadable as signed (English, for the log)."""
    roots: int = 0
    """How many trust roots were available."""

    @property
    def signature_valid(self) -> bool:
        """At least one signature, and all of them valid (intact, untouched, trusted)."""
        return bool(self.signatures) and all(s.valid for s in self.signatures) and not self.problems

    @property
    def audio_matches(self) -> bool | None:
        """True/False once compared with a recording; None when there was nothing to compare."""
        if self.audio_path is None or not self.recorded_sha256:
            return None
        return self.audio_sha256 == self.recorded_sha256

    @property
    def passed(self) -> bool:
        """Everything holds: ``verify`` exits 0 only then."""
        compared = self.audio_path is None or self.audio_matches is True
        return self.signature_valid and compared


def _untouched(status, embedded, later_signed: set[int], last_revision: int) -> bool:
    """Whether what follows the signed revision is only validation data or later signatures."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION or not status.docmdp_ok:
        return False
    level = status.modification_level
    if level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
        return True
    # FORM_FILLING is also what a later signature looks like; accept it only when every later
    # revision up to the last signature is that signature's own (no free-standing form edits)
    if level == ModificationLevel.FORM_FILLING and later_signed:
        return all(rev in later_signed for rev in range(embedded.signed_revision + 1, max(later_signed) + 1))
    return False


def unexplained_tail(data: bytes, embedded, last_revision: int) -> bool:
    """Whether bytes other than white space follow the file's last revision.

    pyHanko calls a file with anything appended "covered up to the signed revision" and, when no
    revision follows, finds nothing modified: the tail is outside every check. After the signed
    revision only a later revision may follow; after the last revision only line ends.
    """
    if embedded.signed_revision == last_revision:
        byte_range = [int(v) for v in embedded.sig_object["/ByteRange"]]
        tail = data[byte_range[2] + byte_range[3] :]
    else:
        at = data.rfind(b"%%EOF")
        tail = data[at + 5 :] if at >= 0 else data
    return bool(tail.strip(b" \t\r\n\x00"))


def _check(embedded, data: bytes, reader, roots: list, signed_revisions: set[int]) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from minutes_tui.export.revisions import metadata_changed, signed_bytes

    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    last = reader.xrefs.total_revisions - 1
    later = {r for r in signed_revisions if r > embedded.signed_revision}
    changed = embedded.signed_revision < last and metadata_changed(signed_bytes(data, embedded), reader)
    appended = unexplained_tail(data, embedded, last)
    return SignatureCheck(
        signer=status.signing_cert.subject.native.get("common_name") or status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        untouched=not changed and not appended and _untouched(status, embedded, later, last),
        later_revisions=embedded.signed_revision < last,
        trusted=bool(roots) and bool(status.trusted),
        metadata_changed=changed,
        appended=appended,
        detail=status.summary(),
    )


def verify_pdf(pdf: Path, audio: Path | None = None, trust_roots: list[Path] | None = None) -> Verdict:
    """Check every signature of ``pdf`` and, given ``audio``, that the minutes were made from it."""
    import io

    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    from minutes_tui.export.from_meeting import audio_sha256
    from minutes_tui.export.revisions import recorded_digest, signed_bytes
    from minutes_tui.export.trust import trust_roots as load_roots

    if not pdf.is_file():
        raise ExportError("verify_missing", "no such file", path=str(pdf))
    roots = load_roots(list(trust_roots or []))
    data = pdf.read_bytes()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ExportError("verify_not_pdf", str(exc), path=str(pdf)) from exc
    checks, problems, recorded = [], [], ""
    signed_revisions = {sig.signed_revision for sig in embedded}
    for sig in embedded:
        if sig.sig_object_type == "/DocTimeStamp":
            continue  # a document timestamp is long-term validation data, not a signer; its revision is allowed
        try:
            checks.append(_check(sig, data, reader, roots, signed_revisions))
            if not recorded:
                recorded = recorded_digest(signed_bytes(data, sig))
        except Exception as exc:  # a damaged signature dictionary is a failed check, not a crash
            problems.append(f"{type(exc).__name__}: {exc}")
    digest = audio_sha256(audio) if audio is not None else ""
    return Verdict(checks, recorded, audio, digest, problems, len(roots))
