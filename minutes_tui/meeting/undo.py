"""Undo and redo of the secretary's edits, kept in the store itself (they survive a restart).

Temporary triggers on the editable tables log, for each changed row, *data*: the table, the
row id, the operation and the old values of the changed columns (``edit_changes``). Undoing an
edit applies those changes backwards with statements built here, from a fixed list of tables and
the columns the schema really has, values always bound as parameters; meanwhile the triggers log
the reverse again, which is the redo. Nothing read from the file is ever run as SQL: a crafted
history is refused (``store_undo_refused``) and changes nothing. Changes made while no edit is
recorded (the recogniser's segments) are not logged.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from bienban_base import clock
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.model import Edit
from minutes_tui.meeting.schema import EDITABLE_TABLES


def _encoded(column: str) -> str:
    """SQL that turns ``OLD.column`` into a typed JSON pair (blobs as hex, reals at full precision)."""
    value = f"CASE typeof(OLD.{column}) WHEN 'blob' THEN hex(OLD.{column}) WHEN 'real' THEN printf('%!.17g', OLD.{column}) ELSE OLD.{column} END"
    return f"json_array(typeof(OLD.{column}), {value})"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]


def install(conn: sqlite3.Connection) -> None:
    """Create the logging triggers for this connection."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_recording (edit_id INTEGER)")
    conn.execute("DELETE FROM temp.undo_recording")
    for table in EDITABLE_TABLES:
        cols = _columns(conn, table)
        log = (
            "INSERT INTO edit_changes (edit_id, tbl, row_id, op, old_values) "
            "SELECT edit_id, '{table}', {row}, '{op}', {values} FROM undo_recording"
        )
        # only the changed columns: a tag must not copy the segment's word timings into the log
        changed_values = (
            "'{'||rtrim("
            + "||".join(f"CASE WHEN OLD.{c} IS NOT NEW.{c} THEN '\"{c}\":'||{_encoded(c)}||',' ELSE '' END" for c in cols)
            + ", ',')||'}'"
        )
        all_values = "json_object(" + ", ".join(f"'{c}', json({_encoded(c)})" for c in cols) + ")"
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)  # same-value updates log nothing
        for event, row, op, values, when in (
            ("INSERT", "NEW.id", "insert", "'{}'", ""),
            ("UPDATE", "OLD.id", "update", changed_values, f"WHEN {changed}"),
            ("DELETE", "OLD.id", "delete", all_values, ""),
        ):
            conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_{event.lower()}")
            conn.execute(
                f"CREATE TEMP TRIGGER undo_{table}_{event.lower()} AFTER {event} ON main.{table} {when} "
                f"BEGIN {log.format(table=table, row=row, op=op, values=values)}; END"
            )


def begin(conn: sqlite3.Connection, action: str, summary: str) -> int:
    """Start recording a new edit (inside the caller's transaction); the redo stack is dropped."""
    _finish(conn, "undone")
    cur = conn.execute(
        "INSERT INTO edits (at, action, summary, state) VALUES (?, ?, ?, 'done')",
        (clock.local_now().isoformat(), action, summary),
    )
    edit_id = cur.lastrowid
    assert edit_id is not None  # an INSERT always sets it
    _record(conn, edit_id)
    return edit_id


def end(conn: sqlite3.Connection) -> None:
    """Stop recording (changes after this are not undoable)."""
    conn.execute("DELETE FROM temp.undo_recording")


def changed_anything(conn: sqlite3.Connection, edit_id: int) -> bool:
    """Whether the edit logged at least one change."""
    return conn.execute("SELECT 1 FROM edit_changes WHERE edit_id = ? LIMIT 1", (edit_id,)).fetchone() is not None


def finalize_all(conn: sqlite3.Connection) -> None:
    """Make every edit permanent (after a change that undo could not reverse cleanly)."""
    _finish(conn, "done")
    _finish(conn, "undone")


def _refuse(edit_id: int, why: str) -> StoreError:
    return StoreError("store_undo_refused", f"edit {edit_id}: {why}", id=edit_id)


def _decode(pair: object) -> object:
    if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in ("null", "integer", "real", "text", "blob")):
        raise ValueError(f"not a typed value: {pair!r}")
    kind, value = pair
    if kind == "blob":
        return bytes.fromhex(value)
    if kind == "real":
        return float(value)
    if kind == "integer" and not isinstance(value, int):
        raise ValueError(f"not an integer: {value!r}")
    return value


def _statements(conn: sqlite3.Connection, edit_id: int) -> list[tuple[str, tuple]]:
    """The statements that reverse ``edit_id``, built from checked data (raises ``store_undo_refused``)."""
    columns = {table: set(_columns(conn, table)) for table in EDITABLE_TABLES}
    built: list[tuple[str, tuple[object, ...]]] = []
    rows = conn.execute("SELECT tbl, row_id, op, old_values FROM edit_changes WHERE edit_id = ? ORDER BY id DESC", (edit_id,))
    for table, row_id, op, old_values in rows:
        if table not in columns or not isinstance(row_id, int) or op not in ("insert", "update", "delete"):
            raise _refuse(edit_id, f"unknown change {table!r} {op!r}")
        try:
            values = {name: _decode(pair) for name, pair in json.loads(old_values).items()}
        except (ValueError, TypeError, AttributeError) as exc:
            raise _refuse(edit_id, str(exc)) from exc
        if not set(values) <= columns[table]:
            raise _refuse(edit_id, f"unknown columns {sorted(set(values) - columns[table])}")
        if op == "insert":
            built.append((f"DELETE FROM main.{table} WHERE id = ?", (row_id,)))
        elif op == "update" and values:
            names = sorted(values)
            sets = ", ".join(f"{name} = ?" for name in names)
            built.append((f"UPDATE main.{table} SET {sets} WHERE id = ?", (*(values[n] for n in names), row_id)))
        elif op == "delete":
            if values.get("id") != row_id:
                raise _refuse(edit_id, "deleted row without its id")
            names = sorted(values)
            marks = ", ".join("?" for _ in names)
            built.append((f"INSERT INTO main.{table} ({', '.join(names)}) VALUES ({marks})", tuple(values[n] for n in names)))
    return built


def step(conn: sqlite3.Connection, undo: bool) -> Edit | None:
    """Undo the latest edit, or redo the latest undone one (None: nothing to do)."""
    if undo:
        row = conn.execute("SELECT id FROM edits WHERE state = 'done' ORDER BY id DESC LIMIT 1").fetchone()
    else:
        row = conn.execute("SELECT id FROM edits WHERE state = 'undone' ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    edit_id = row[0]
    statements = _statements(conn, edit_id)  # every change checked before the first one is applied
    conn.execute("DELETE FROM edit_changes WHERE edit_id = ?", (edit_id,))
    _record(conn, edit_id)
    for sql, params in statements:
        conn.execute(sql, params)
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
    # edits that can no longer be undone (or redone) stay in the history without their changes
    conn.execute("DELETE FROM edit_changes WHERE edit_id IN (SELECT id FROM edits WHERE state = ?)", (state,))
    conn.execute("UPDATE edits SET state = ? WHERE state = ?", ("final" if state == "done" else "dropped", state))


def _edit(row: sqlite3.Row) -> Edit:
    return Edit(
        id=row["id"],
        at=datetime.fromisoformat(row["at"]),
        action=row["action"],
        summary=row["summary"],
        undone=row["state"] in ("undone", "dropped"),
    )
