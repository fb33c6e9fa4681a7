"""Files written so that a crash never leaves half of one, readable by the owner only.

A meeting folder may name a denouncer and holds residents' voices: everything bienban creates
there, in its data folder and in exports is 0600 (files) or 0700 (folders), whatever the umask.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

FILE_MODE = 0o600
"""Mode of every file bienban creates."""
FOLDER_MODE = 0o700
"""Mode of every folder bienban creates."""


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only; an existing folder is left as it is."""
    path = Path(path)
    missing = []
    for parent in (path, *path.parents):
        if parent.exists():
            break
        missing.append(parent)
    path.mkdir(parents=True, exist_ok=True)
    for made in missing:
        os.chmod(made, FOLDER_MODE)  # mkdir's mode is cut by the umask; chmod is not
    return path


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` survive a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are durable without this
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, write: Callable[[Path], object] | bytes | str, replace: bool = True) -> Path:
    """Write ``path`` whole or not at all: into a temporary file beside it, fsync, rename, fsync the folder.

    ``write`` is the content (bytes, or text written as UTF-8) or a function that writes a
    given path (python-docx's ``save``, LibreOffice's output copied in). The file is owner-only.
    An old file at ``path`` stays intact when anything fails. With ``replace=False`` an existing
    ``path`` is never replaced (``FileExistsError``), even by a writer racing this one: the
    finished file is linked into place, which unlike a rename fails when the name is taken.
    """
    path = Path(path)
    private_folder(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        if isinstance(write, (bytes, str)):
            with os.fdopen(fd, "wb") as f:
                f.write(write.encode("utf-8") if isinstance(write, str) else write)
        else:
            os.close(fd)
            write(tmp)
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_folder(path.parent)
    return path


@contextlib.contextmanager
def private_file(path: Path, mode: str = "w", **open_args: object) -> Iterator:
    """Open a new file for writing, owner-only from its first byte (``open``'s arguments)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.chmod(path, FILE_MODE)  # an existing file keeps its old mode through O_CREAT
    with os.fdopen(fd, mode, **open_args) as f:  # type: ignore[call-overload]  # mode and open_args are open()'s own
        yield f


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, hex."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def data_dir() -> Path:
    """The app's data folder (``BIENBAN_DATA_DIR`` overrides the platform default)."""
    import platformdirs

    override = os.environ.get("BIENBAN_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("bienban", appauthor=False))
