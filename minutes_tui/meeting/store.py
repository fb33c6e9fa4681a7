"""The meeting store: a meeting folder with ``meeting.sqlite``, every change committed at once.

A meeting is one folder: the audio, ``meeting.sqlite`` (WAL, foreign keys on, versioned schema)
and ``exports/``. Copying the folder moves the whole meeting. One process writes a meeting at a
time (a lock file); ``read_meeting`` reads without the lock, e.g. for ``bienban followups`` or an
export while the app has the meeting open.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.meeting import rows, undo
from minutes_tui.meeting.connection import STORE_FILE, Database, remove_store
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.items import ItemEditing
from minutes_tui.meeting.model import Edit, Meeting, MeetingRecord, Segment
from minutes_tui.meeting.retranscription import replace_segments
from minutes_tui.meeting.transcript import TranscriptEditing

if TYPE_CHECKING:
    from transcribe.decoding import RecognisedSegment

EXPORTS_DIR = "exports"

__all__ = ["EXPORTS_DIR", "STORE_FILE", "MeetingStore", "default_meetings_dir", "read_meeting"]


class MeetingStore(TranscriptEditing, ItemEditing):
    """An open meeting folder. Threads may share it: each change and each ``load`` runs alone."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.folder: Path = db.folder
        """The meeting folder."""

    @classmethod
    def create(cls, folder: str | Path, meeting: Meeting) -> MeetingStore:
        """Make a new meeting in ``folder`` (created if missing; must not hold a store yet)."""
        folder = Path(folder)
        if (folder / STORE_FILE).exists():
            raise StoreError("store_exists", f"{folder} already holds a meeting", path=str(folder))
        db = Database(folder, new=True)
        try:
            values = rows.meeting_values(meeting)
            with db.transaction() as conn:
                conn.execute(
                    f"INSERT INTO meeting (id, {','.join(values)}) VALUES (1, {','.join('?' * len(values))})",
                    tuple(values.values()),
                )
        except BaseException:
            db.close()
            remove_store(folder)  # a half-made store would read as a damaged meeting
            raise
        return cls(db)

    @classmethod
    def open(cls, folder: str | Path) -> MeetingStore:
        """Open an existing meeting for writing (one writer at a time: others get ``store_locked``)."""
        return cls(Database(Path(folder)))

    def close(self) -> None:
        """Close the store (every change is already committed)."""
        self._db.close()

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._db.path

    def load(self) -> MeetingRecord:
        """The whole meeting at once."""
        return _load(self)

    def replace_segments(
        self, new: Sequence[RecognisedSegment], sources: Sequence[Sequence[int]] | None = None, *, model: str
    ) -> list[Segment]:
        """Replace recogniser segments with a re-transcription, in one transaction.

        ``new`` are ``transcribe.decoding.RecognisedSegment`` that ``model`` (``Recogniser.name``)
        wrote; ``sources[i]`` the old segment ids the i-th takes its work from, most overlapping
        first (``transcribe.realign.sources``, which is also used when None). Speakers, tags and
        petition links move to the new segments by overlap; hand-edited segments are kept, with
        the new text offered in ``proposed_text`` (and ``model`` in ``proposed_model``). Clears
        undo and redo.
        """
        replace_segments(self._db, new, sources, model)
        return list(self.load().segments)

    @contextlib.contextmanager
    def one_edit(self, action: str, summary: str) -> Iterator[None]:
        """Group the changes made inside the block into one undo step (one key, one undo)."""
        with self._db.edit(action, summary):
            yield

    # undo and history
    def undo(self) -> Edit | None:
        """Undo the latest edit (None: nothing to undo)."""
        with self._db.transaction() as conn:
            return undo.step(conn, undo=True)

    def redo(self) -> Edit | None:
        """Redo the latest undone edit (None: nothing to redo)."""
        with self._db.transaction() as conn:
            return undo.step(conn, undo=False)

    def can_undo(self) -> bool:
        """Whether ``undo`` would do something."""
        return undo.available(self._db.conn, undo=True)

    def can_redo(self) -> bool:
        """Whether ``redo`` would do something."""
        return undo.available(self._db.conn, undo=False)

    def history(self) -> list[Edit]:
        """Every edit, oldest first."""
        return undo.history(self._db.conn)

    def settle_history(self) -> None:
        """Make every edit so far permanent: undo stops here (what made a sample or a demo
        meeting is not hers to undo; it stays in the history, marked final)."""
        with self._db.transaction() as conn:
            undo.finalize_all(conn)


class _Reader(ItemEditing, TranscriptEditing):
    """Read-only access used by ``read_meeting``."""

    def __init__(self, db: Database) -> None:
        self._db = db


def _load(store: ItemEditing) -> MeetingRecord:
    conn = store._db.conn
    with store._db.serial:
        conn.execute("BEGIN")  # one consistent snapshot even while a writer commits
        try:
            return _record(store, conn)
        finally:
            conn.execute("COMMIT")


def _record(store: ItemEditing, conn: sqlite3.Connection) -> MeetingRecord:
    return MeetingRecord(
        meeting=store.meeting(),
        participants=tuple(rows.participant(r) for r in conn.execute("SELECT * FROM participants ORDER BY id")),
        segments=tuple(rows.segment(r) for r in conn.execute("SELECT * FROM segments ORDER BY start, id")),
        petitions=tuple(store._petitions()),
        notes=tuple(rows.note(r) for r in conn.execute("SELECT * FROM notes ORDER BY id")),
    )


def read_meeting(folder: str | Path) -> MeetingRecord:
    """Load a meeting read-only (no writer lock: works while the app has it open)."""
    db = Database(Path(folder), read_only=True)
    try:
        return _load(_Reader(db))
    finally:
        db.close()


def default_meetings_dir() -> Path:
    """Where meetings live by default: ``<user data dir>/meetings``."""
    from bienban_base.files import data_dir

    return data_dir() / "meetings"
