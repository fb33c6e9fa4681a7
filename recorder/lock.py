"""One recorder per meeting: an exclusive lock held for the whole recording.

The lock is ``filelock`` (``flock`` on Unix, ``LockFileEx`` on Windows) on ``.recording.lock`` in the meeting folder: the kernel releases it when
the recording process dies, so a crash never leaves a meeting locked. Everything that would
touch the live journal (``record --append``, ``recover``, an import, the app's "continue") takes
the lock first and refuses while another holder has it.
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from bienban_base.files import FILE_MODE, private_folder
from recorder.errors import RecorderError

LOCK_NAME = ".recording.lock"


class RecordingLock:
    """The meeting's recording lock; ``acquire`` never waits."""

    def __init__(self, meeting_dir: str | os.PathLike[str]) -> None:
        self.meeting_dir = Path(meeting_dir)
        # not thread-local: a recording starts on one thread and may be stopped from another
        self._lock = FileLock(self.meeting_dir / LOCK_NAME, mode=FILE_MODE, blocking=False, thread_local=False)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock.is_locked

    def acquire(self) -> RecordingLock:
        """Take the lock, or raise ``recording_busy`` when another process (or object) holds it."""
        if self._lock.is_locked:
            return self
        private_folder(self.meeting_dir)
        try:
            self._lock.acquire()
        except Timeout:
            raise RecorderError("recording_busy", f"{self.meeting_dir} is being recorded", path=str(self.meeting_dir)) from None
        return self

    def release(self) -> None:
        """Give the lock back."""
        if self._lock.is_locked:
            self._lock.release(force=True)

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
