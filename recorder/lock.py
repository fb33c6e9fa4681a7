"""One recorder per meeting: an exclusive lock held for the whole recording.

The lock is ``flock`` on ``.recording.lock`` in the meeting folder: the kernel releases it when
the recording process dies, so a crash never leaves a meeting locked. Everything that would
touch the live journal (``record --append``, ``recover``, an import, the app's "continue") takes
the lock first and refuses while another holder has it.
"""

from __future__ import annotations

import os
from pathlib import Path

from bienban_base.files import private_folder
from recorder.errors import RecorderError

LOCK_NAME = ".recording.lock"


class RecordingLock:
    """The meeting's recording lock; ``acquire`` never waits."""

    def __init__(self, meeting_dir: str | os.PathLike[str]) -> None:
        self.meeting_dir = Path(meeting_dir)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> RecordingLock:
        """Take the lock, or raise ``recording_busy`` when another process (or object) holds it."""
        import fcntl

        if self._fd is not None:
            return self
        private_folder(self.meeting_dir)
        fd = os.open(self.meeting_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RecorderError("recording_busy", f"{self.meeting_dir} is being recorded", path=str(self.meeting_dir)) from None
        self._fd = fd
        return self

    def release(self) -> None:
        """Give the lock back (closing the descriptor releases the ``flock``)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def __enter__(self) -> RecordingLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def recording_in_progress(meeting_dir: str | os.PathLike[str]) -> bool:
    """Whether a recorder holds ``meeting_dir``'s lock right now."""
    if not (Path(meeting_dir) / LOCK_NAME).exists():
        return False
    try:
        with RecordingLock(meeting_dir):
            return False
    except RecorderError:
        return True
