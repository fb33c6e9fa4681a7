"""Undo and redo of the secretary's edits, kept in the store itself (they survive a restart).

The method of sqlite.org/undoredo.html: temporary triggers on the editable tables write, for
each changed row, the SQL statement that reverses the change into ``edit_steps``, under the edit
that is being recorded. Undoing an edit runs its statements backwards while the triggers record
the reverse again, which is the redo. Changes made while no edit is recorded (the recogniser's
segments) are not logged.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from minutes_tui.meeting.model import Edit
from minutes_tui.meeting.schema import EDITABLE_TABLES


def install(conn: sqlite3.Connection) -> None:
    """Create the logging triggers for this connection."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_recording (edit_id INTEGER)")
    conn.execute("DELETE FROM temp.undo_recording")
    for table in EDITABLE_TABLES:
        cols = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
        log = "INSERT INTO edit_steps (edit_id, sql) SELECT edit_id, {expr} FROM undo_recording"
        # only the changed columns: a tag must not copy the segment's word timings into the log
        sets = "rtrim(" + "||".join(f"CASE WHEN OLD.{c} IS NOT NEW.{c} THEN '{c}='||quote(OLD.{c})||',' ELSE '' END" for c in cols) + ", ',')"
        values = "||','||".join(f"quote(OLD.{c})" for c in cols)
        undo_insert = f"'DELETE FROM {table} WHERE id='||NEW.id"
        undo_update = f"'UPDATE {table} SET '||{sets}||' WHERE id='||OLD.id"
        undo_delete = f"'INSERT INTO {table} ({','.join(cols)}) VALUES ('||{values}||')'"
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)  # same-value updates log nothing
        for event, expr, when in (
            ("INSERT", undo_insert, ""),
            ("UPDATE", undo_update, f"WHEN {changed}"),
            ("DELETE", undo_delete, ""),
        ):
            conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_{event.lower()}")
            conn.execute(
                f"CREATE TEMP TRIGGER undo_{table}_{event.lower()} AFTER {event} ON main.{table} {when} "
                f"BEGIN {log.format(expr=expr)}; END"
            )


def begin(conn: sqlite3.Connection, action: str, summary: str) -> int:
    """Start recording a new edit (inside the caller's transaction); the redo stack is dropped."""
    _finish(conn, "undone")
    cur = conn.execute(
        "INSERT INTO edits (at, action, summary, state) VALUES (?, ?, ?, 'done')",
        (datetime.now().isoformat(timespec="seconds"), action, summary),
    )
    edit_id = cur.lastrowid
    assert edit_id is not None  # an INSERT always sets it
    _record(conn, edit_id)
    return edit_id


def end(conn: sqlite3.Connection) -> None:
    """Stop recording (changes after this are not undoable)."""
    conn.execute("DELETE FROM temp.undo_recording")


def finalize_all(conn: sqlite3.Connection) -> None:
    """Make every edit permanent (after a change that undo could not reverse cleanly)."""
    _finish(conn, "done")
    _finish(conn, "undone")


def step(conn: sqlite3.Connection, undo: bool) -> Edit | None:
    """Undo the latest edit, or redo the latest undone one (None: nothing to do)."""
    if undo:
        row = conn.execute("SELECT id FROM edits WHERE state = 'done' ORDER BY id DESC LIMIT 1").fetchone()
    else:
        row = conn.execute("SELECT id FROM edits WHERE state = 'undone' ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    edit_id = row[0]
    statements = [r[0] for r in conn.execute("SELECT sql FROM edit_steps WHERE edit_id = ? ORDER BY id DESC", (edit_id,))]
    conn.execute("DELETE FROM edit_steps WHERE edit_id = ?", (edit_id,))
    _record(conn, edit_id)
    for sql in statements:
        conn.execute(sql)
    end(conn)
    conn.execute("UPDATE edits SET state = ? WHERE id = ?", ("undone" if undo else "done", edit_id))
    return _edit(conn.execute("SELECT * FROM edits WHERE id = ?", (edit_id,)).fetchone())


def available(conn: sqlite3.Connection, undo: bool) -> bool:
    """Whether ``step(conn, undo)`` would do something."""
    state = "done" if undo else "undone"
    return conn.execute("SELECT 1 FROM edits WHERE state = ? LIMIT 1", (state,)).fetchone() is not None


def history(conn: sqlite3.Connection) -> list[Edit]:
    """Every recorded edit, oldest first."""
    return [_edit(row) for row in conn.execute("SELECT * FROM edits ORDER BY id")]


def _record(conn: sqlite3.Connection, edit_id: int) -> None:
    conn.execute("DELETE FROM temp.undo_recording")
    conn.execute("INSERT INTO temp.undo_recording (edit_id) VALUES (?)", (edit_id,))


def _finish(conn: sqlite3.Connection, state: str) -> None:
    # edits that can no longer be undone (or redone) stay in the history without their steps
    conn.execute("DELETE FROM edit_steps WHERE edit_id IN (SELECT id FROM edits WHERE state = ?)", (state,))
    conn.execute("UPDATE edits SET state = ? WHERE state = ?", ("final" if state == "done" else "dropped", state))


def _edit(row: sqlite3.Row) -> Edit:
    return Edit(
        id=row["id"],
        at=datetime.fromisoformat(row["at"]),
        action=row["action"],
        summary=row["summary"],
        undone=row["state"] in ("undone", "dropped"),
    )
