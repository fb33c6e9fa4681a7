"""Known voices: officials' profiles kept for the next meetings, only by the secretary's consent.

One owner-only file in the user data folder (``voices/known.sqlite``). A profile enters it only
through ``keep`` (the secretary marked the participant as an official whose voice may be kept);
residents' voices never leave their meeting folder (``keep`` refuses a participant with a
residential group or no office: ``tally.is_resident``), and an anonymous participant's (a denouncer
must stay unidentifiable) is refused. ``forget`` erases a kept voice (``secure_delete``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from bienban_base import clock
from bienban_base.files import data_dir
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.model import Participant
from minutes_tui.meeting.tally import is_resident
from minutes_tui.meeting.voiceprints import voice_database
from voices.profiles import VoiceProfile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS known_voices (
    name TEXT NOT NULL, role TEXT NOT NULL, embedding BLOB NOT NULL, segments INTEGER NOT NULL,
    speech_s REAL NOT NULL, kept_at TEXT NOT NULL, PRIMARY KEY (name, role));
"""


def known_voices_path() -> Path:
    """Where kept voices live (the user data folder)."""
    return data_dir() / "voices" / "known.sqlite"


class KnownVoices:
    """Officials' voice profiles kept across meetings."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or known_voices_path()
        self._lock = threading.Lock()
        self._conn = voice_database(self.path, _SCHEMA)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    def keep(self, participant: Participant, profile: VoiceProfile) -> None:
        """Keep an official's profile for the next meetings (the secretary consented)."""
        if participant.anonymous:
            raise StoreError("voice_keep_anonymous", f"participant {participant.id} is anonymous", name=participant.name)
        if is_resident(participant):  # a residential group, or no office: her voice stays in the meeting
            raise StoreError("voice_keep_resident", f"participant {participant.id} is a resident", name=participant.name)
        if not profile.ready:
            raise StoreError("voice_keep_too_little", f"too little speech for {participant.name}", name=participant.name)
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO known_voices VALUES (?, ?, ?, ?, ?, ?)",
                (
                    participant.name,
                    participant.role,
                    np.asarray(profile.embedding, "<f4").tobytes(),
                    profile.segments,
                    profile.speech_s,
                    clock.local_now().isoformat(),
                ),
            )

    def forget(self, name: str, role: str) -> bool:
        """Erase a kept voice; True when there was one."""
        with self._lock:
            return self._conn.execute("DELETE FROM known_voices WHERE name = ? AND role = ?", (name, role)).rowcount > 0

    def profile_for(self, participant: Participant) -> VoiceProfile | None:
        """The kept profile of a participant with the same name and role (None: none kept)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT embedding, segments, speech_s FROM known_voices WHERE name = ? AND role = ?",
                (participant.name, participant.role),
            ).fetchone()
        if row is None:
            return None
        return VoiceProfile(str(participant.id), np.frombuffer(row[0], "<f4").copy(), row[1], row[2])

    def names(self) -> list[tuple[str, str]]:
        """(name, role) of every kept voice."""
        with self._lock:
            return list(self._conn.execute("SELECT name, role FROM known_voices ORDER BY name"))
