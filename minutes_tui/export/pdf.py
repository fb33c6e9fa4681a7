"""DOCX → PDF through LibreOffice headless, with a private profile per run.

LibreOffice refuses to start a second instance on a profile that is in use, so parallel exports
(or an export while the secretary has LibreOffice open) would fail or hang on a shared profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from minutes_tui.export.document import check_target, save_atomically
from minutes_tui.export.errors import ExportError

#: A cold start with a fresh profile takes ~6 s here; a loaded machine may need many times that.
CONVERT_TIMEOUT_S = 180


def find_soffice() -> str:
    """The LibreOffice executable, or a coded error saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ExportError("pdf_no_libreoffice", "LibreOffice (soffice) is not installed")


def convert_to_pdf(docx: Path, pdf: Path, *, force: bool = False, timeout: float = CONVERT_TIMEOUT_S) -> Path:
    """Render ``docx`` to ``pdf`` with LibreOffice; an existing ``pdf`` needs ``force``."""
    check_target(pdf, force)
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="bienban-lo-") as work:
        work_dir = Path(work)
        source = work_dir / "bien-ban.docx"  # a plain name: LibreOffice names the output after it
        shutil.copyfile(docx, source)
        command = [
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work_dir), str(source),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise ExportError("pdf_convert_timeout", "soffice timed out", path=str(docx), seconds=int(timeout)) from exc
        produced = work_dir / "bien-ban.pdf"
        if done.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise ExportError("pdf_convert_failed", "soffice failed", path=str(docx), detail=detail[0])
        save_atomically(lambda tmp: shutil.copyfile(produced, tmp), pdf)
    return pdf
