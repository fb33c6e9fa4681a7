"""Owner-only files and folders, whatever the umask: a meeting may name a denouncer.

Folders are 0700 and files 0600. ``mkdir(mode=…)`` alone is not enough: the umask still applies,
and ``parents=True`` creates the missing parents with the default mode.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents as 0700 folders (existing ones are left as they are)."""
    target = Path(path)
    missing, at = [], target
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made meanwhile by another process
            continue
        os.chmod(folder, DIR_MODE)
    return target


def open_private(path: Path, encoding: str = "utf-8", newline: str | None = None):
    """Open ``path`` for writing text as a 0600 file (an existing file is truncated and made 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "w", encoding=encoding, newline=newline)
