"""Opening a meeting's SQLite file safely: one writer, clear errors, every change its own commit."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from bienban_base.files import FILE_MODE, private_folder
from minutes_tui.meeting import schema, undo
from minutes_tui.meeting.errors import StoreError

STORE_FILE = "meeting.sqlite"
LOCK_FILE = ".meeting.lock"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: FULL: every commit is fsynced before the call returns, so not even a power cut loses an edit.
SYNCHRONOUS = "FULL"


log = logging.getLogger(__name__)


def _fail(exc: sqlite3.Error, path: Path) -> StoreError:
    """The store error for an SQLite failure."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError("store_locked", f"{path}: {exc}", path=str(path))
    if "readonly" in text or "full" in text or "disk i/o" in text or "unable to open" in text:
        return StoreError("store_write_failed", f"{path}: {exc}", path=str(path))
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreError("store_integrity", f"{path}: {exc}", path=str(path), detail=str(exc))
    return StoreError("store_corrupt", f"{path}: {exc}", path=str(path))


def remove_store(folder: Path) -> None:
    """Delete a store this process has just made and could not finish (never an existing one)."""
    for suffix in ("", "-wal", "-shm"):
        (folder / (STORE_FILE + suffix)).unlink(missing_ok=True)


class Database:
    """The SQLite connection of one meeting folder, with its writer lock."""

    def __init__(self, folder: Path, read_only: bool = False, new: bool = False) -> None:
        self.folder = folder
        self.path = folder / STORE_FILE
        self._lock: FileLock | None = None
        # the live recogniser's thread and the secretary's keys share one connection
        self.serial = threading.RLock()
        self._depth = 0
        """Nesting of ``transaction`` blocks on the thread holding ``serial``."""
        self._edit_open = False
        """Whether an undoable edit is being recorded (nested edits join it)."""
        if not new and not self.path.is_file():
            raise StoreError("store_missing", f"no {STORE_FILE} in {folder}", path=str(folder))
        if not new:
            with open(self.path, "rb") as f:
                if f.read(16) != _SQLITE_MAGIC:
                    raise StoreError("store_corrupt", f"{self.path}: not an SQLite file", path=str(self.path))
        if not read_only:
            self._take_lock()
        if new:
            try:  # SQLite's -wal and -shm files copy the database file's mode
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                self.close()
                raise StoreError("store_exists", f"{folder} already holds a meeting", path=str(folder)) from None
        try:
            uri = self.path.resolve().as_uri() + ("?mode=ro" if read_only else "")  # '#', '?', '%' in names are escaped
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=2.0, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if new:
                self.conn.execute("PRAGMA journal_mode = WAL")
                schema.create(self.conn)
            else:
                self._check(read_only)
            if not read_only:
                # a commit reaches the disk before the call returns: nothing typed is lost
                self.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
                undo.install(self.conn)
        except sqlite3.Error as exc:
            self.close()
            if new:
                remove_store(folder)
            raise _fail(exc, self.path) from exc
        except BaseException:
            self.close()
            if new:
                remove_store(folder)
            raise

    def _take_lock(self) -> None:
        try:
            private_folder(self.folder)  # owner only, like the recorder's audio: the store may name a denouncer
            lock = FileLock(self.folder / LOCK_FILE, mode=FILE_MODE, blocking=False)
            lock.acquire()
        except Timeout:
            raise StoreError("store_locked", f"{self.folder} is open in another process", path=str(self.folder)) from None
        except OSError as exc:  # a read-only folder (a CD, a write-protected stick): read it instead
            raise StoreError("store_write_failed", f"{self.folder}: {exc}", path=str(self.folder)) from exc
        self._lock = lock

    def _check(self, read_only: bool) -> None:
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        found = schema.version(self.conn)
        if app_id != schema.APPLICATION_ID:
            raise StoreError("store_foreign", f"{self.path}: application_id {app_id:#x}", path=str(self.path))
        if found > schema.SCHEMA_VERSION:
            raise StoreError(
                "store_newer", f"{self.path}: schema {found}", path=str(self.path), found=found, supported=schema.SCHEMA_VERSION
            )
        if read_only and found < schema.SCHEMA_VERSION:
            raise StoreError("store_needs_upgrade", f"{self.path}: schema {found}", path=str(self.path))
        check = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError("store_corrupt", f"{self.path}: {check}", path=str(self.path))
        if not read_only:
            self.conn.execute("PRAGMA journal_mode = WAL")
            schema.migrate(self.conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed change: all of it is on disk when the block ends, or none of it.

        Inside another transaction of this thread it is part of that one (one key press that
        changes several things commits, and is undone, as one).
        """
        with self.serial:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _fail(exc, self.path) from exc
            self._depth = 1
            try:
                yield self.conn
                if self.conn.in_transaction:  # an edit that changed nothing has rolled back already
                    self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _fail(exc, self.path) from exc
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def edit(self, action: str, summary: str) -> Iterator[sqlite3.Connection]:
        """One undoable edit by the secretary; an edit that changes nothing leaves no trace.

        Edits opened inside it (by the same thread) join it: they are undone together.
        """
        with self.transaction() as conn:
            if self._edit_open:
                yield conn
                return
            edit_id = undo.begin(conn, action, summary)
            self._edit_open = True
            try:
                yield conn
            finally:
                self._edit_open = False
                undo.end(conn)
            if not undo.changed_anything(conn, edit_id):
                conn.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection and release the writer lock."""
        conn: sqlite3.Connection | None = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            del self.conn
        if self._lock is not None:
            self._lock.release()
            self._lock = None
