"""Decoding a meeting's recording again (a better model, the post-meeting pass): one path for ``bienban
retranscribe`` and review's ``R``.

Speakers, tags and petition links move to the new segments by time overlap; segments the secretary
edited keep her text with the new text offered beside them (``minutes_tui.meeting.retranscription``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bienban_base.errors import CodedError
from minutes_tui.meeting import MeetingStore, Segment
from minutes_tui.meeting.audio import meeting_audio
from minutes_tui.meeting.retranscription import meeting_vocabulary, old_segments
from minutes_tui.workflows.importing import PROGRESS_FILE
from transcribe.decoding import DecodeOptions
from transcribe.recogniser import Recogniser
from transcribe.repass import post_meeting_pass
from transcribe.vocabulary import VocabularyPass


@dataclass(frozen=True)
class Retranscription:
    """What a re-transcription changed."""

    segments: list[Segment]
    """The transcript afterwards."""
    kept_edits: int
    """Segments whose hand-typed text was kept (the new text is offered beside them)."""


def retranscribe(
    store: MeetingStore,
    recogniser: Recogniser,
    mode: str = "batched",
    vocabulary: bool = True,
    progress: Callable[[float, float], None] | None = None,
    options: DecodeOptions = DecodeOptions(),
) -> Retranscription:
    """Decode the meeting's audio again and put the result in place of its transcript (the new
    segments, and the texts offered beside hand edits, record ``recogniser.name`` as their model).

    ``mode`` is the post-meeting pass's (``utterances``, ``batched`` or ``sequential``);
    ``vocabulary`` adds the second decoding primed with the meeting's names and terms;
    ``options`` are the decoding's (the defaults: ``transcribe.engine.DecodeOptions``).
    """
    audio_file = meeting_audio(store.folder, store.meeting())
    if audio_file is None:
        raise CodedError("retranscribe_no_audio", f"no audio in {store.folder}", path=str(store.folder))
    record = store.load()
    primed = VocabularyPass.of(meeting_vocabulary(record), recogniser.count_tokens) if vocabulary else None
    new, mapping = post_meeting_pass(
        recogniser, audio_file, old_segments(record), mode, options, progress=progress, vocabulary=primed
    )
    segments = store.replace_segments(new, mapping, model=recogniser.name)
    (store.folder / PROGRESS_FILE).unlink(missing_ok=True)  # an unfinished import is whole now
    return Retranscription(segments, sum(1 for s in segments if s.edited))
