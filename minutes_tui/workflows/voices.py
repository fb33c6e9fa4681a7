"""Who is speaking, for the screens and the command line: voiceprints of the segments, speaker
suggestions from the segments the secretary tagged, speaker changes, and forgetting a voice.

No Textual here. The embedding is slow work (about 6 ms of CPU per second of speech): callers
run ``embed_missing`` in a worker thread, never on the UI or the decoder's thread.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from bienban_base.errors import AudioError
from minutes_tui.meeting.audio import meeting_audio
from minutes_tui.meeting.errors import StoreError, missing_item
from minutes_tui.meeting.known_voices import KnownVoices, known_voices_path
from minutes_tui.meeting.model import MeetingRecord, Participant
from minutes_tui.meeting.store import MeetingStore
from minutes_tui.meeting.voiceprints import VOICES_FILE, Voiceprints
from recorder import audio_path
from voices.changes import ChangeOptions, SpeakerChange, find_changes, meeting_centre, split_inside
from voices.profiles import MIN_SEGMENTS, MIN_SPEECH_S, SuggestOptions, VoiceSample, build_profile, build_profiles, suggest


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


#: ``{segment id: (where the voice changes inside it in seconds, or None; how many segments the
#: meeting had when it was judged)}``
InsideSplits = dict[int, tuple[float | None, int]]


def inside_splits(
    record: MeetingRecord, prints: Voiceprints, known: InsideSplits | None = None, options: ChangeOptions = ChangeOptions()
) -> InsideSplits:
    """Where the voice changes inside each segment with a voiceprint (what the screens mark and
    propose to split), as ``speaker_changes`` finds it.

    A result in ``known`` is kept while the meeting has less than twice the segments it had when
    that segment was judged: every comparison is centred on the meeting's mean voice, which moves
    little as the meeting grows. So the live screen, which asks at every new segment, judges each
    segment a few times in a meeting, not at every segment (judging them all cost 0.23 s of CPU
    per new segment at 1,500 segments, docs/benchmarks.md)."""
    spans = _spans(record)
    partials, samples = prints.partials(spans), prints.samples(spans)
    rows = [s for s in record.segments if s.id in partials]
    if len(rows) < 2:
        return {}
    n = len(rows)
    centre = meeting_centre([samples[s.id] for s in rows])
    out: InsideSplits = {}
    for seg in rows:
        old = (known or {}).get(seg.id)
        if old is not None and n < 2 * old[1]:
            out[seg.id] = old
            continue
        p = partials[seg.id]
        change = (
            split_inside(p, [(w.start, w.end) for w in seg.words], centre, options)
            if p.speech_s >= options.min_speech_s
            else None
        )
        out[seg.id] = (change.at if change is not None else None, n)
    return out


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


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def find_participant(record: MeetingRecord, who: str) -> Participant:
    """The participant the secretary means: her number in the meeting (``bienban voices list``),
    or her name or one of her other names, letter case and extra spaces aside.

    Raises ``StoreError``: no such number, no such name, or a name several participants share."""
    who = who.strip()
    if who.isdigit():
        found = record.participant(int(who))
        if found is None:
            raise missing_item("participant", int(who))
        return found
    wanted = _folded(who)
    matches = [p for p in record.participants if wanted in {_folded(n) for n in (p.name, *p.aliases)}]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise StoreError("voice_person_unknown", f"no participant named {who!r}", name=who)
    ids = ", ".join(str(p.id) for p in matches)
    raise StoreError("voice_person_ambiguous", f"{len(matches)} participants named {who!r}", name=who, ids=ids)


@dataclass(frozen=True)
class VoiceRosterEntry:
    """One participant's voice in a meeting, for ``bienban voices list``."""

    participant: Participant
    """The participant (her ``id`` is the number ``keep`` and ``forget`` take)."""
    tagged: int
    """Segments tagged with her name."""
    heard: int
    """Of those, segments with a voiceprint (the voice the app has heard from her)."""
    speech_s: float
    """Seconds of her speech in those voiceprints."""
    forgotten: bool
    """Her voice was forgotten in this meeting."""
    kept: bool
    """A voice is kept for her (same name and role) for the next meetings."""

    @property
    def ready(self) -> bool:
        """Enough of her voice to suggest her name (2 segments or 4 s, as a profile needs)."""
        return not self.forgotten and (self.heard >= MIN_SEGMENTS or self.speech_s >= MIN_SPEECH_S)


def voice_roster(store: MeetingStore) -> list[VoiceRosterEntry]:
    """Every participant with her number and what is known of her voice. Reads only: no
    embedding, and no voice file is created where there is none."""
    record = store.load()
    samples: dict[int, VoiceSample] = {}
    forgotten: set[int] = set()
    if (store.folder / VOICES_FILE).is_file():
        with Voiceprints(store.folder) as prints:
            samples = prints.samples(_spans(record))
            forgotten = prints.forgotten()
    known = KnownVoices() if known_voices_path().is_file() else None
    try:
        out = []
        for p in record.participants:
            own = [s.id for s in record.segments if s.speaker_id == p.id]
            heard = [samples[i] for i in own if i in samples]
            kept = known is not None and known.profile_for(p) is not None
            out.append(
                VoiceRosterEntry(p, len(own), len(heard), round(sum(s.speech_s for s in heard), 1), p.id in forgotten, kept)
            )
        return out
    finally:
        if known is not None:
            known.close()
