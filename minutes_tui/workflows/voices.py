"""Who is speaking, for the screens and the command line: voiceprints of the segments, speaker
suggestions from the segments the secretary tagged, speaker changes, and forgetting a voice.

No Textual here. The embedding is slow work (about 6 ms of CPU per second of speech): callers
run ``embed_missing`` in a worker thread, never on the UI or the decoder's thread.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from bienban_base.errors import AudioError
from minutes_tui.meeting.audio import meeting_audio
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.known_voices import KnownVoices
from minutes_tui.meeting.model import MeetingRecord
from minutes_tui.meeting.store import MeetingStore
from minutes_tui.meeting.voiceprints import Voiceprints
from recorder import audio_path
from voices.changes import ChangeOptions, SpeakerChange, find_changes, meeting_centre
from voices.profiles import SuggestOptions, VoiceSample, build_profile, build_profiles, suggest


@dataclass(frozen=True)
class SpeakerSuggestion:
    """The voice's guess for one untagged segment."""

    segment_id: int
    """The segment."""
    participant_id: int | None
    """The suggested participant (None: the suggestion abstains)."""
    nearest_id: int | None
    """The nearest profile's participant, suggested or not."""
    score: float
    """Cosine score to the nearest profile."""


def _spans(record: MeetingRecord) -> dict[int, tuple[float, float]]:
    return {s.id: (s.start, s.end) for s in record.segments}


def _read_first(names: tuple[Path, ...], at: int, size: int) -> bytes:
    """``size`` bytes from ``at`` of the first of ``names`` that exists."""
    for name in names:
        try:
            with open(name, "rb") as f:
                f.seek(at)
                return f.read(size)
        except FileNotFoundError:
            continue
    raise FileNotFoundError(names[0])


def audio_cutter(path: str | Path) -> Callable[[float, float], np.ndarray]:
    """``cut(start_s, end_s)``: 16 kHz float audio of a stretch of the meeting's recording.

    The recorder's 16-bit mono WAV (final or still being written) is read by seeking, so a
    three-hour meeting is never decoded whole; any other file is decoded once.
    """
    path = Path(path)
    # the journal being written becomes the meeting's audio file when the recording stops: the
    # same bytes under the recorder's final name (its header is rewritten in place)
    names = (path, audio_path(path.parent))
    head = _read_first(names, 0, 4096)
    data_at = head.find(b"data")
    if (
        head[:4] == b"RIFF"
        and head[8:12] == b"WAVE"
        and data_at > 0
        and head[20:24] == struct.pack("<HH", 1, 1)
        and struct.unpack("<I", head[24:28])[0] == SAMPLE_RATE
        and struct.unpack("<H", head[34:36])[0] == 16
    ):
        offset = data_at + 8

        def cut_wav(start_s: float, end_s: float) -> np.ndarray:
            lo, hi = max(0, int(start_s * SAMPLE_RATE)), max(0, int(end_s * SAMPLE_RATE))
            raw = _read_first(names, offset + 2 * lo, 2 * (hi - lo))
            return np.frombuffer(raw[: len(raw) // 2 * 2], "<i2").astype(np.float32) / 32768.0

        return cut_wav
    from bienban_base.audio import load_audio

    audio = load_audio(path)
    return lambda start_s, end_s: audio[int(start_s * SAMPLE_RATE) : int(end_s * SAMPLE_RATE)]


def embed_missing(
    record: MeetingRecord,
    prints: Voiceprints,
    encoder,
    cut: Callable[[float, float], np.ndarray],
    cancelled: Callable[[], bool] = lambda: False,
) -> list[int]:
    """Embed every segment without a voiceprint (not those of a forgotten participant); return their ids.

    ``cut(start_s, end_s)`` gives a stretch of the meeting's audio (``audio_cutter``)."""
    forgotten = prints.forgotten()
    by_id = {s.id: s for s in record.segments}
    done = []
    for segment_id in prints.missing(_spans(record)):
        if cancelled():
            break
        seg = by_id[segment_id]
        if seg.speaker_id in forgotten:
            continue
        audio = cut(seg.start, seg.end)
        if audio.size < SAMPLE_RATE // 2:
            continue  # under half a second: nothing the encoder can tell
        p = encoder.partials(audio)
        prints.put(segment_id, seg.start, seg.end, type(p)(p.embeddings, p.starts + seg.start, p.ends + seg.start, p.speech_s))
        done.append(segment_id)
    return done


def suggest_speakers(
    record: MeetingRecord, prints: Voiceprints, known: KnownVoices | None = None, options: SuggestOptions = SuggestOptions()
) -> dict[int, SpeakerSuggestion]:
    """A suggestion for every untagged segment with a voiceprint.

    Profiles come from the tagged segments; a participant with too little tagged speech uses her
    kept voice (``known``) when the secretary kept one. Forgotten participants are never
    suggested, and the voiceprints of segments tagged with them are erased here.
    """
    forgotten = prints.forgotten()
    stale = [s.id for s in record.segments if s.speaker_id in forgotten]
    if stale:
        prints.drop(stale)
    samples = prints.samples(_spans(record))
    tagged = [
        (str(s.speaker_id), samples[s.id])
        for s in record.segments
        if s.speaker_id is not None and s.speaker_id not in forgotten and s.id in samples
    ]
    profiles = build_profiles(tagged)
    if known is not None:
        for p in record.participants:
            own = profiles.get(str(p.id))
            if p.id not in forgotten and (own is None or not own.ready):
                kept = known.profile_for(p)
                if kept is not None:
                    profiles[str(p.id)] = kept
    out = {}
    for s in record.segments:
        if s.speaker_id is None and s.id in samples:
            g = suggest(samples[s.id], profiles.values(), options)
            out[s.id] = SpeakerSuggestion(
                s.id, int(g.speaker) if g.speaker else None, int(g.nearest) if g.nearest else None, round(g.score, 3)
            )
    return out


def speaker_changes(record: MeetingRecord, prints: Voiceprints, options: ChangeOptions = ChangeOptions()) -> list[SpeakerChange]:
    """Where the voice changes: at a segment's start, or inside one at a word's start (a proposed split)."""
    partials = prints.partials(_spans(record))
    rows = [(s.start, s.end, partials[s.id], [(w.start, w.end) for w in s.words]) for s in record.segments if s.id in partials]
    if len(rows) < 2:
        return []
    samples = [VoiceSample(p.mean(), p.speech_s) for _, _, p, _ in rows]
    centre = meeting_centre(samples)
    return find_changes([(a, b, smp, p, w) for (a, b, p, w), smp in zip(rows, samples)], centre, options)


def confident_assignments(suggestions: dict[int, SpeakerSuggestion]) -> dict[int, int]:
    """``{segment id: participant id}`` of every suggestion that does not abstain."""
    return {i: s.participant_id for i, s in suggestions.items() if s.participant_id is not None}


def keep_voice(record: MeetingRecord, prints: Voiceprints, known: KnownVoices, participant_id: int) -> None:
    """Keep an official's profile for the next meetings (the secretary's consent is this call)."""
    p = record.participant(participant_id)
    if p is None:
        raise ValueError(f"no participant {participant_id}")
    samples = prints.samples(_spans(record))
    own = [samples[s.id] for s in record.segments if s.speaker_id == participant_id and s.id in samples]
    if not own:
        raise StoreError("voice_keep_too_little", f"no voiceprint for {p.name}", name=p.name)
    known.keep(p, build_profile(str(p.id), own))


def forget_voice(record: MeetingRecord, prints: Voiceprints, participant_id: int, known: KnownVoices | None = None) -> None:
    """Erase a participant's voice: her segments' voiceprints here, and her kept voice if any."""
    prints.forget(participant_id, [s.id for s in record.segments if s.speaker_id == participant_id])
    p = record.participant(participant_id)
    if known is not None and p is not None:
        known.forget(p.name, p.role)


def suggest_in_meeting(store: MeetingStore, accept: bool = False) -> tuple[MeetingRecord, dict[int, SpeakerSuggestion], int]:
    """``bienban voices suggest``: embed what needs it, suggest, and (``accept``) assign every
    confident suggestion as one undo step. Returns the record, the suggestions, how many were assigned."""
    from voices.model import load_encoder

    audio = meeting_audio(store.folder, store.meeting())
    if audio is None:
        raise AudioError("voices_no_audio", f"no audio in {store.folder}", path=str(store.folder))
    known = KnownVoices()
    try:
        with Voiceprints(store.folder) as prints:
            embed_missing(store.load(), prints, load_encoder(), audio_cutter(audio))
            record = store.load()
            suggestions = suggest_speakers(record, prints, known)
    finally:
        known.close()
    chosen = confident_assignments(suggestions) if accept else {}
    if chosen:
        from minutes_tui.workflows.draft import MinutesDraft

        MinutesDraft(store).set_speakers(chosen)
    return record, suggestions, len(chosen)


def voice_consent(store: MeetingStore, participant_id: int, keep: bool) -> str:
    """Keep a participant's voice for the next meetings (the secretary's consent), or forget it
    everywhere. Returns her name. Raises ``StoreError`` for an anonymous participant or too little speech."""
    record = store.load()
    person = store.participant(participant_id)
    known = KnownVoices()
    try:
        with Voiceprints(store.folder) as prints:
            if keep:
                keep_voice(record, prints, known, participant_id)
            else:
                forget_voice(record, prints, participant_id, known)
    finally:
        known.close()
    return person.name
