"""Voiceprints: what the speaker encoder heard in each segment, kept in the meeting folder.

Personal data, so: one owner-only file (``voices.sqlite``, mode 0600) beside the meeting's store,
deleted rows overwritten on disk (``secure_delete``), and a participant's voice can be
forgotten: her segments' voiceprints are erased and none is kept for her again in this meeting.
Profiles are not stored: they are rebuilt from the voiceprints of the segments tagged with her
name, so a changed tag changes the profile at once. Segment ids change when segments are split,
merged or re-transcribed; a voiceprint is used only while its segment keeps the same span.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import numpy as np

from bienban_base.files import FILE_MODE, private_folder
from voices.encoder import Partials
from voices.profiles import VoiceSample

VOICES_FILE = "voices.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS voiceprints (
    segment_id INTEGER PRIMARY KEY, start REAL NOT NULL, end REAL NOT NULL, speech_s REAL NOT NULL,
    partials BLOB NOT NULL, partial_starts BLOB NOT NULL, partial_ends BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS forgotten (participant_id INTEGER PRIMARY KEY);
"""
_SPAN_TOLERANCE_S = 0.05
_READ_ALL_ABOVE = 200
"""Asked for more segments than this, the whole file is read at once (one query)."""


def voice_database(path: Path, schema: str) -> sqlite3.Connection:
    """Open (creating it owner-only) an SQLite file of voiceprints: deleted prints are overwritten
    on disk, every write reaches the disk before the call returns."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    os.chmod(path, FILE_MODE)  # an existing file too: voices are personal data
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.executescript(schema)
    return conn


class Voiceprints:
    """The voiceprints of one meeting. Threads may share it."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / VOICES_FILE
        self._lock = threading.Lock()
        self._conn = voice_database(self.path, _SCHEMA)
        self._rows: dict[int, tuple[float, float, Partials]] | None = None
        """Every voiceprint, decoded once and kept up to date by this object's writes."""
        self._means: dict[int, VoiceSample] = {}
        """Each segment's mean embedding, computed once."""

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    @staticmethod
    def _decoded(row: tuple) -> tuple[int, tuple[float, float, Partials]]:
        segment_id, start, end, speech_s, emb, starts, ends = row
        partials = Partials(
            np.frombuffer(emb, "<f4").reshape(-1, 256), np.frombuffer(starts, "<f8"), np.frombuffer(ends, "<f8"), speech_s
        )
        return segment_id, (start, end, partials)

    def _all(self) -> dict[int, tuple[float, float, Partials]]:
        """Every stored voiceprint (read from the file once per object: a screen's worker asks
        several times in one run, and a long meeting holds thousands)."""
        with self._lock:
            if self._rows is None:
                self._rows = dict(self._decoded(r) for r in self._conn.execute("SELECT * FROM voiceprints"))
            return self._rows

    def _some(self, segment_ids: list[int]) -> dict[int, tuple[float, float, Partials]]:
        """The stored voiceprints of a few segments: only they are read (the screens' refresh asks
        for the new segments of a long meeting, not all of them), unless all are read already."""
        if self._rows is not None or len(segment_ids) > _READ_ALL_ABOVE:
            rows = self._all()
            return {i: rows[i] for i in segment_ids if i in rows}
        with self._lock:
            out: dict[int, tuple[float, float, Partials]] = {}
            for k in range(0, len(segment_ids), 500):
                chunk = segment_ids[k : k + 500]
                marks = ",".join("?" * len(chunk))
                out.update(
                    self._decoded(r)
                    for r in self._conn.execute(f"SELECT * FROM voiceprints WHERE segment_id IN ({marks})", chunk)  # noqa: S608
                )
            return out

    def _forget_rows(self, segment_ids: list[int]) -> None:
        for i in segment_ids:
            if self._rows is not None:
                self._rows.pop(i, None)
            self._means.pop(i, None)

    def __enter__(self) -> Voiceprints:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def put(self, segment_id: int, start: float, end: float, partials: Partials) -> None:
        """Keep what the encoder heard in a segment (absolute times on the meeting audio)."""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO voiceprints VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    segment_id,
                    start,
                    end,
                    partials.speech_s,
                    np.ascontiguousarray(partials.embeddings, "<f4").tobytes(),
                    np.ascontiguousarray(partials.starts, "<f8").tobytes(),
                    np.ascontiguousarray(partials.ends, "<f8").tobytes(),
                ),
            )
            self._forget_rows([segment_id])
            if self._rows is not None:
                self._rows[segment_id] = (start, end, partials)

    def partials(self, spans: dict[int, tuple[float, float]]) -> dict[int, Partials]:
        """Voiceprints of the segments ``{id: (start, end)}`` that still have the span they had."""
        out = {}
        for segment_id, (start, end, partials) in self._some(list(spans)).items():
            span = spans[segment_id]
            if abs(span[0] - start) > _SPAN_TOLERANCE_S or abs(span[1] - end) > _SPAN_TOLERANCE_S:
                continue
            out[segment_id] = partials
        return out

    def samples(self, spans: dict[int, tuple[float, float]]) -> dict[int, VoiceSample]:
        """One embedding per segment (the mean of its partial windows)."""
        out = {}
        for i, p in self.partials(spans).items():
            sample = self._means.get(i)
            if sample is None:
                sample = self._means[i] = VoiceSample(p.mean(), p.speech_s)
            out[i] = sample
        return out

    def missing(self, spans: dict[int, tuple[float, float]]) -> list[int]:
        """Segments with no usable voiceprint (new, or split/merged since)."""
        have = self.partials(spans)
        return [i for i in spans if i not in have]

    def forget(self, participant_id: int, segment_ids: list[int]) -> None:
        """Erase the voiceprints of a participant's segments and keep none for her again."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("DELETE FROM voiceprints WHERE segment_id = ?", [(i,) for i in segment_ids])
            self._conn.execute("INSERT OR IGNORE INTO forgotten VALUES (?)", (participant_id,))
            self._conn.execute("COMMIT")
            self._forget_rows(segment_ids)

    def drop(self, segment_ids: list[int]) -> None:
        """Erase the voiceprints of these segments (tagged with a forgotten participant)."""
        with self._lock:
            self._conn.executemany("DELETE FROM voiceprints WHERE segment_id = ?", [(i,) for i in segment_ids])
            self._forget_rows(segment_ids)

    def forgotten(self) -> set[int]:
        """Participants whose voice was forgotten."""
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT participant_id FROM forgotten")}
