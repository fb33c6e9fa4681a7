"""The store's SQLite schema, its version, and the migrations from the first schema on.

``PRAGMA application_id`` marks a bienban meeting; ``PRAGMA user_version`` is the schema version.
Every migration runs in one transaction, so a failed one leaves the file as it was.
"""

from __future__ import annotations

import sqlite3

#: "BBan" as a 32-bit big-endian integer.
APPLICATION_ID = 0x4242616E

_FK = "DEFERRABLE INITIALLY DEFERRED"  # undo replays rows in any order; checked at commit

#: The first schema (version 1), kept verbatim so that migrations can be tested from it.
SCHEMA_V1 = f"""
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL, parent_body TEXT NOT NULL, issuing_body TEXT NOT NULL, number TEXT NOT NULL,
    place TEXT NOT NULL, planned_start TEXT, planned_end TEXT, actual_start TEXT, actual_end TEXT,
    chair TEXT NOT NULL, chair_title TEXT NOT NULL, co_chair TEXT NOT NULL, co_chair_title TEXT NOT NULL,
    secretary TEXT NOT NULL, secretary_title TEXT NOT NULL, agenda TEXT NOT NULL,
    report_summary TEXT NOT NULL, recipients TEXT NOT NULL, audio_file TEXT NOT NULL);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, role TEXT NOT NULL,
    grp TEXT NOT NULL, anonymous INTEGER NOT NULL);
CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, start REAL NOT NULL, end REAL NOT NULL,
    text TEXT NOT NULL, original_text TEXT NOT NULL,
    speaker_id INTEGER REFERENCES participants(id) {_FK},
    confidence REAL, words TEXT NOT NULL, edited INTEGER NOT NULL, tags TEXT NOT NULL);
CREATE INDEX segments_by_start ON segments(start);
CREATE TABLE petitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL,
    raised_by INTEGER REFERENCES participants(id) {_FK}, field TEXT NOT NULL,
    outcome_kind TEXT, answer TEXT NOT NULL, answered_by INTEGER REFERENCES participants(id) {_FK},
    responsible TEXT NOT NULL, agency TEXT NOT NULL, deadline TEXT, status TEXT NOT NULL,
    notify INTEGER NOT NULL);
CREATE TABLE petition_segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    petition_id INTEGER NOT NULL REFERENCES petitions(id) {_FK},
    segment_id INTEGER NOT NULL REFERENCES segments(id) {_FK},
    part TEXT NOT NULL CHECK (part IN ('petition', 'answer')),
    UNIQUE (petition_id, segment_id, part));
CREATE INDEX petition_segments_by_segment ON petition_segments(segment_id);
CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, time REAL);
CREATE TABLE edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    summary TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'final', 'dropped')));
CREATE TABLE edit_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT, edit_id INTEGER NOT NULL REFERENCES edits(id) {_FK},
    sql TEXT NOT NULL);
CREATE INDEX edit_steps_by_edit ON edit_steps(edit_id);
"""

#: Migrations: ``MIGRATIONS[v]`` takes a store from version ``v`` to ``v + 1``.
MIGRATIONS: dict[int, str] = {
    # 2: a re-transcription offers its text beside the secretary's hand-edited one; undo finds
    #    its edits by state without reading the whole history
    1: "ALTER TABLE segments ADD COLUMN proposed_text TEXT; CREATE INDEX edits_by_state ON edits(state);",
    # 3: the undo history as data (table, row id, old column values), never SQL text: a meeting
    #    folder received from elsewhere must not be able to make "undo" run a statement. Older
    #    histories hold SQL, so their edits become permanent (not undoable). Participants get
    #    the aliases the secretary adds so that anonymity masks every name a person goes by.
    2: f"""
        CREATE TABLE edit_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT, edit_id INTEGER NOT NULL REFERENCES edits(id) {_FK},
            tbl TEXT NOT NULL, row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')), old_values TEXT NOT NULL);
        CREATE INDEX edit_changes_by_edit ON edit_changes(edit_id);
        UPDATE edits SET state = CASE state WHEN 'done' THEN 'final' WHEN 'undone' THEN 'dropped' ELSE state END;
        DROP TABLE edit_steps;
        ALTER TABLE participants ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
    """,
    # 4: after the conference (issue 14): a petition's authority (the ward's or a higher level's,
    #    NULL: read from its outcome) and channel (spoken or in writing); a follow-up's result,
    #    date done, reference of the written answer, extension reason and the body it was passed
    #    on to; attendance counts by group on the header; the secretary's own paragraphs of the
    #    notice and the report (JSON), kept across re-exports
    3: """
        ALTER TABLE petitions ADD COLUMN authority TEXT CHECK (authority IN ('ward', 'higher'));
        ALTER TABLE petitions ADD COLUMN channel TEXT NOT NULL DEFAULT 'spoken' CHECK (channel IN ('spoken', 'written'));
        ALTER TABLE petitions ADD COLUMN result TEXT NOT NULL DEFAULT '';
        ALTER TABLE petitions ADD COLUMN done_on TEXT;
        ALTER TABLE petitions ADD COLUMN reference TEXT NOT NULL DEFAULT '';
        ALTER TABLE petitions ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE petitions ADD COLUMN passed_to TEXT NOT NULL DEFAULT '';
        ALTER TABLE meeting ADD COLUMN attendance TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE meeting ADD COLUMN document_texts TEXT NOT NULL DEFAULT '{}';
    """,
    # 5: a petition's text and its answer follow the corrected transcript until the secretary
    #    writes them herself; texts still equal to a linked segment's text were copied, not written
    4: """
        ALTER TABLE petitions ADD COLUMN text_follows INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE petitions ADD COLUMN answer_follows INTEGER NOT NULL DEFAULT 0;
        UPDATE petitions SET text_follows = 1 WHERE EXISTS (
            SELECT 1 FROM petition_segments AS l JOIN segments AS s ON s.id = l.segment_id
            WHERE l.petition_id = petitions.id AND l.part = 'petition' AND petitions.text IN (s.text, s.original_text));
        UPDATE petitions SET answer_follows = 1 WHERE outcome_kind IS NOT NULL AND EXISTS (
            SELECT 1 FROM petition_segments AS l JOIN segments AS s ON s.id = l.segment_id
            WHERE l.petition_id = petitions.id AND l.part = 'answer' AND petitions.answer IN (s.text, s.original_text));
    """,
    # 6: the deadline promised at the conference, kept when the register extends it, so that the
    #    minutes (the record of the conference) print the same deadline before and after (NULL: never
    #    extended; ``deadline`` is still the conference's)
    5: "ALTER TABLE petitions ADD COLUMN conference_deadline TEXT;",
    # 7: the model that wrote a segment's recognised text (``transcribe.model.resolve``'s display
    #    name, e.g. "base", "base-vi"), and the one that wrote the text a re-transcription offers
    #    beside a hand edit, so a text by a new model shows in review. NULL: written before bienban
    #    recorded it, or by no model (the sample meeting's scripted turns); '' never
    6: "ALTER TABLE segments ADD COLUMN model TEXT; ALTER TABLE segments ADD COLUMN proposed_model TEXT;",
}

SCHEMA_VERSION = 1 + len(MIGRATIONS)

#: Tables whose changes are the secretary's edits (undo/redo replays them).
EDITABLE_TABLES = ("meeting", "participants", "segments", "petitions", "petition_segments", "notes")


def version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the file."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def create(conn: sqlite3.Connection) -> None:
    """Lay out a new store: the first schema, then every migration (so both paths are the same)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run(conn, SCHEMA_V1, 1)
    migrate(conn)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a store up to ``SCHEMA_VERSION``, one transaction per step."""
    while (current := version(conn)) < SCHEMA_VERSION:
        _run(conn, MIGRATIONS[current], current + 1)


def _run(conn: sqlite3.Connection, script: str, new_version: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in filter(str.strip, script.split(";")):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {new_version}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
