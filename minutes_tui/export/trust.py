"""Trust roots for ``verify``: the certificates given with ``--trust`` and the ward's root folder.

Only these roots count: the system store knows no Vietnamese government CA, and a certificate
that merely carries the chairman's name proves nothing (anyone can make one).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from minutes_tui.export.errors import ExportError

#: Certificate files the ward's root folder may hold.
ROOT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def ward_roots_dir() -> Path:
    """The folder of the ward's trusted root certificates (``~/.config/bienban/trust-roots`` on Linux)."""
    return Path(platformdirs.user_config_dir("bienban", appauthor=False)) / "trust-roots"


def _load(path: Path) -> list:
    from asn1crypto import pem, x509

    try:
        data = path.read_bytes()
        if pem.detect(data):
            return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        return [x509.Certificate.load(data)]
    except OSError as exc:
        raise ExportError("verify_missing", str(exc), path=str(path)) from exc
    except ValueError as exc:
        raise ExportError("verify_bad_root", str(exc), path=str(path)) from exc


def trust_roots(given: list[Path]) -> list:
    """The certificates of ``given`` files plus every certificate in ``ward_roots_dir()``."""
    roots = []
    for path in given:
        roots.extend(_load(path))
    folder = ward_roots_dir()
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in ROOT_SUFFIXES and path.is_file():
                roots.extend(_load(path))
    return roots
