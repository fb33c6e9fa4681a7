"""PAdES signing with pyHanko, from a PKCS#12 file or a PKCS#11 token (the officials' USB token).

Passwords and PINs are taken as arguments for the duration of one call and never written
anywhere. The signed file is written next to its target and renamed into place; an existing
signed file is never replaced.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from minutes_tui.export.document import check_target, save_atomically
from minutes_tui.export.errors import ExportError
from minutes_tui.export.sigfield import FieldPlace, locate_chair_block
from minutes_tui.export.stamp import stamp_style

FIELD_NAME = "ChuToa"


@dataclass(frozen=True)
class Pkcs12Key:
    """A certificate and key in a PKCS#12 file (.p12/.pfx)."""

    path: Path
    """The file."""
    password: bytes | None
    """Its password, asked at signing time and never stored."""


@dataclass(frozen=True)
class TokenKey:
    """A key on a PKCS#11 token."""

    library: Path
    """The token's PKCS#11 module, e.g. ``/usr/lib/softhsm/libsofthsm2.so``."""
    token_label: str | None
    """The token's label (None: the first token present)."""
    pin: str | None
    """The user PIN, asked at signing time and never stored."""
    slot: int | None = None
    """A slot number, instead of or besides the label."""
    key_label: str | None = None
    """The key's (and certificate's) label; None when the token holds just one."""


def _p12_signer(key: Pkcs12Key):
    from pyhanko.sign import signers

    if not key.path.is_file():
        raise ExportError("sign_p12_missing", "no PKCS#12 file", path=str(key.path))
    signer = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=key.password)
    if signer is None:  # pyHanko returns None for a wrong password or a file that is not PKCS#12
        raise ExportError("sign_p12_unreadable", "cannot load PKCS#12", path=str(key.path))
    return signer


@contextlib.contextmanager
def _token_signer(key: TokenKey):
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as p11

    label = key.token_label or ""
    try:
        session = p11.open_pkcs11_session(
            str(key.library), slot_no=key.slot, token_criteria=TokenCriteria(label=key.token_label), user_pin=key.pin
        )
    except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.PinLocked) as exc:
        raise ExportError("sign_token_pin", "bad PIN", label=label) from exc
    except pkcs11.PKCS11Error as exc:
        if not key.library.is_file() or "loading" in str(exc):  # the module itself did not load
            raise ExportError("sign_pkcs11_library", str(exc), path=str(key.library)) from exc
        raise ExportError("sign_token_missing", f"{type(exc).__name__} {exc}", label=label) from exc
    try:
        yield p11.PKCS11Signer(session, cert_label=key.key_label, key_label=key.key_label)
    finally:
        session.close()


def check_key(key: Pkcs12Key | TokenKey) -> None:
    """Fail now, before any export work, on a wrong password or PIN, a missing file or token."""
    if isinstance(key, Pkcs12Key):
        _p12_signer(key)
    else:
        with _token_signer(key):
            pass


def _sign(source: Path, target: Path, signer, place: FieldPlace, signer_name: str, audio_digest: str = "") -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES, name=signer_name or None
    )
    with open(source, "rb") as f, tempfile.TemporaryDirectory(prefix="bienban-sign-") as work:
        writer = IncrementalPdfFileWriter(f, strict=False)
        if audio_digest:  # inside the signed revision, where verify reads it (/Info or XMP)
            from minutes_tui.export.document import AUDIO_KEYWORD

            writer.document_meta.keywords = [f"{AUDIO_KEYWORD}{audio_digest}"]
        fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=place.page, box=place.box))
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style(Path(work)))
        with open(target, "wb") as out:
            pdf_signer.sign_pdf(writer, output=out)


def sign_pdf(
    source: Path, target: Path, key: Pkcs12Key | TokenKey, signer_name: str = "", audio_digest: str = "", anchor: str = ""
) -> Path:
    """Sign ``source`` as PAdES into ``target`` with a visible field in the CHỦ TỌA block.

    ``audio_digest`` (the recording's SHA-256) is written into the signed revision's metadata.
    """
    from pyhanko.sign.general import SigningError

    check_target(target, force=False, signed=True)
    place = locate_chair_block(source, anchor)

    def write(tmp: Path) -> None:
        try:
            if isinstance(key, Pkcs12Key):
                _sign(source, tmp, _p12_signer(key), place, signer_name, audio_digest)
            else:
                with _token_signer(key) as signer:
                    _sign(source, tmp, signer, place, signer_name, audio_digest)
        except SigningError as exc:
            code = "sign_key_missing" if "Could not find" in str(exc) else "sign_failed"
            raise ExportError(code, str(exc), label=getattr(key, "token_label", "") or "", detail=str(exc)) from exc

    save_atomically(write, target)
    return target


#: PKCS#11 modules looked for when the secretary names none: the tokens Vietnamese CAs hand out
#: (ePass2003 and its relatives), OpenSC's generic module, and SoftHSM (a token kept in a folder).
PKCS11_LIBRARIES = (
    r"C:\Windows\System32\eps2003csp11.dll",
    "/usr/lib/libcastle.so.1.0.0",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/Library/OpenSC/lib/opensc-pkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",
)


def find_pkcs11_library(given: str = "") -> Path:
    """The PKCS#11 module to use: the one given, else the first of ``PKCS11_LIBRARIES`` on this machine."""
    if given.strip():
        return Path(given.strip()).expanduser()
    found = next((Path(p) for p in PKCS11_LIBRARIES if Path(p).is_file()), None)
    if found is None:
        raise ExportError("sign_pkcs11_library", "no PKCS#11 module given or found", path="")
    return found


def signed_name(source: Path) -> Path:
    """Where ``bienban sign FILE.pdf`` writes by default: ``FILE-signed.pdf`` beside it."""
    return source.with_name(f"{source.stem}-signed.pdf")


def sign_own_pdf(source: Path, key: Pkcs12Key | TokenKey, target: Path | None = None) -> tuple[Path, str]:
    """Sign a PDF the chairman saved himself (from Word): the same PAdES signature and checks.

    The recording's SHA-256 is taken from the PDF's own text (the minutes' integrity line) and
    written into the signed revision, so ``verify`` treats it like an exported one. A PDF whose
    text states no recording hash is refused: its signature could not tie it to a recording.
    """
    from minutes_tui.export.revisions import digest_in_text

    if not source.is_file():
        raise ExportError("verify_missing", "no such file", path=str(source))
    target = target or signed_name(source)
    check_target(target, force=False, signed=True)
    check_key(key)
    digest = digest_in_text(source.read_bytes())
    if not digest:
        raise ExportError("sign_no_digest", "no recording hash in the PDF's text", path=str(source))
    return sign_pdf(source, target, key, audio_digest=digest), digest
