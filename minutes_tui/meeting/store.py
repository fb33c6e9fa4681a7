"""The meeting store: one SQLite file in the meeting folder, every change committed at once.

Public interface (stable; the terminal app, the exporter and the CLI use it). The implementation
follows in the next commits; the signatures below are the contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from minutes_tui.meeting.model import (
    Edit,
    Field,
    Meeting,
    MeetingRecord,
    Note,
    Outcome,
    Participant,
    Petition,
    Segment,
    Word,
)

#: File names inside a meeting folder.
STORE_FILE = "meeting.sqlite"
EXPORTS_DIR = "exports"


class MeetingStore:
    """An open meeting folder. Not thread-safe: use it from one thread (the app's worker or main)."""

    folder: Path
    """The meeting folder."""

    @classmethod
    def create(cls, folder: str | Path, meeting: Meeting) -> MeetingStore:
        """Make a new meeting in ``folder`` (created if missing; must not hold a store yet)."""
        raise NotImplementedError

    @classmethod
    def open(cls, folder: str | Path) -> MeetingStore:
        """Open an existing meeting for writing (one writer at a time: others get ``store_locked``)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the store (every change is already committed)."""

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reading
    def load(self) -> MeetingRecord:
        """The whole meeting at once."""
        raise NotImplementedError

    def meeting(self) -> Meeting:
        """The header."""
        raise NotImplementedError

    def segment(self, segment_id: int) -> Segment:
        """One segment."""
        raise NotImplementedError

    def audio_path(self) -> Path | None:
        """The meeting audio file (None when the meeting has none yet)."""
        raise NotImplementedError

    # the header
    def update_meeting(self, **changes: object) -> Meeting:
        """Change header fields (``Meeting`` field names), as one undoable edit."""
        raise NotImplementedError

    def set_audio_file(self, name: str) -> None:
        """Record the audio file's name inside the folder (not an undoable edit)."""
        raise NotImplementedError

    # participants
    def add_participant(self, name: str, role: str = "", group: str = "", anonymous: bool = False) -> Participant:
        """Add a participant."""
        raise NotImplementedError

    def update_participant(self, participant_id: int, **changes: object) -> Participant:
        """Change a participant's name, role, group or anonymous flag."""
        raise NotImplementedError

    # segments from the recogniser (not undoable: they are not the secretary's edits)
    def add_segment(
        self,
        start: float,
        end: float,
        text: str,
        confidence: float | None = None,
        words: Sequence[Word] = (),
        speaker_id: int | None = None,
    ) -> Segment:
        """Append a recognised segment."""
        raise NotImplementedError

    def add_recognised(self, segment: object) -> Segment:
        """Append a ``transcribe.engine.Segment`` (confidence from its mean log-probability)."""
        raise NotImplementedError

    def replace_segments(self, new: Sequence[object], sources: Sequence[Sequence[int]] | None = None) -> list[Segment]:
        """Replace recogniser segments with a re-transcription, in one transaction.

        ``new`` are ``transcribe.engine.Segment``; ``sources[i]`` the old segment ids the i-th
        overlaps (computed from times when None). Speakers, tags and petition links move to the
        new segments by overlap; hand-edited segments are kept, with the new text offered in
        ``proposed_text``. Clears undo and redo.
        """
        raise NotImplementedError

    # the secretary's edits (each one undoable)
    def edit_text(self, segment_id: int, text: str) -> Segment:
        """Correct a segment's text (the original stays recoverable)."""
        raise NotImplementedError

    def restore_original(self, segment_id: int) -> Segment:
        """Put the recogniser's text back."""
        raise NotImplementedError

    def accept_proposed(self, segment_id: int) -> Segment:
        """Take the re-transcription's proposed text instead of the hand-edited one."""
        raise NotImplementedError

    def merge_segments(self, first_id: int, second_id: int) -> Segment:
        """Join two segments into the earlier one (texts, words, tags and petition links)."""
        raise NotImplementedError

    def split_segment(self, segment_id: int, at_char: int, at_time: float | None = None) -> tuple[Segment, Segment]:
        """Cut a segment at a character offset of its text; the time comes from the words if not given."""
        raise NotImplementedError

    def set_speaker(self, segment_ids: int | Iterable[int], participant_id: int | None) -> None:
        """Assign segments to a participant (None: unassigned)."""
        raise NotImplementedError

    def tag(self, segment_id: int, tag: str, on: bool = True) -> Segment:
        """Set or clear a tag on a segment."""
        raise NotImplementedError

    def add_petition(
        self, text: str, raised_by: int | None = None, field: Field = Field.OTHER, segment_ids: Sequence[int] = ()
    ) -> Petition:
        """Record a petition."""
        raise NotImplementedError

    def update_petition(self, petition_id: int, **changes: object) -> Petition:
        """Change a petition's text, raised_by, field or segment_ids."""
        raise NotImplementedError

    def delete_petition(self, petition_id: int) -> None:
        """Remove a petition (undoable)."""
        raise NotImplementedError

    def set_outcome(self, petition_id: int, outcome: Outcome | None) -> Petition:
        """Set (or clear) what became of a petition; a promise without deadline gets the 30-day one."""
        raise NotImplementedError

    def add_note(self, text: str, time: float | None = None) -> Note:
        """Add a note."""
        raise NotImplementedError

    def update_note(self, note_id: int, text: str) -> Note:
        """Change a note's text."""
        raise NotImplementedError

    # undo and history
    def undo(self) -> Edit | None:
        """Undo the latest edit (None: nothing to undo)."""
        raise NotImplementedError

    def redo(self) -> Edit | None:
        """Redo the latest undone edit (None: nothing to redo)."""
        raise NotImplementedError

    def can_undo(self) -> bool:
        """Whether ``undo`` would do something."""
        raise NotImplementedError

    def can_redo(self) -> bool:
        """Whether ``redo`` would do something."""
        raise NotImplementedError

    def history(self) -> list[Edit]:
        """Every edit, oldest first."""
        raise NotImplementedError


def read_meeting(folder: str | Path) -> MeetingRecord:
    """Load a meeting read-only (no writer lock: works while the app has it open)."""
    raise NotImplementedError


def default_meetings_dir() -> Path:
    """Where meetings live by default: ``<user data dir>/meetings``."""
    from transcribe.model import data_dir

    return data_dir() / "meetings"
