"""Who is speaking, for the screens and the command line: voiceprints of the segments, speaker
suggestions from the segments the secretary tagged, speaker changes, and forgetting a voice.

No Textual here. The embedding is slow work (about 6 ms of CPU per second of speech): callers
run ``embed_missing`` in a worker thread, never on the UI or the decoder's thread.
"""

from __future__ import annotations

import heapq
import struct
import threading
import unicodedata
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from bienban_base.errors import AudioError
from minutes_tui.meeting.audio import meeting_audio
from minutes_tui.meeting.errors import StoreError, missing_item
from minutes_tui.meeting.known_voices import KnownVoices, known_voices_path
from minutes_tui.meeting.model import MeetingRecord, Participant, Segment
from minutes_tui.meeting.store import MeetingStore
from minutes_tui.meeting.voiceprints import VOICES_FILE, Voiceprints
from recorder import audio_path
from voices.changes import (
    ChangeOptions,
    SpeakerChange,
    find_changes,
    meeting_centre,
    one_known_voice_many,
    split_inside,
    split_sides,
)
from voices.encoder import Partials
from voices.profiles import (
    MIN_SEGMENTS,
    MIN_SPEECH_S,
    Suggester,
    Suggestion,
    SuggestOptions,
    VoiceProfile,
    VoiceSample,
    build_profile,
    build_profiles,
)


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


def meeting_profiles(
    record: MeetingRecord, samples: dict[int, VoiceSample], forgotten: AbstractSet[int], known: KnownVoices | None = None
) -> dict[str, VoiceProfile]:
    """``{str(participant id): profile}`` from the tagged segments' ``samples``; a participant with
    too little tagged speech uses her kept voice (``known``) when the secretary kept one."""
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
    return profiles


def _suggestion(segment_id: int, g: Suggestion) -> SpeakerSuggestion:
    return SpeakerSuggestion(
        segment_id, int(g.speaker) if g.speaker else None, int(g.nearest) if g.nearest else None, round(g.score, 3)
    )


def _drop_forgotten(record: MeetingRecord, prints: Voiceprints) -> set[int]:
    """The forgotten participants; the voiceprints of segments tagged with them are erased."""
    forgotten = prints.forgotten()
    stale = [s.id for s in record.segments if s.speaker_id in forgotten]
    if stale:
        prints.drop(stale)
    return forgotten


def suggest_speakers(
    record: MeetingRecord, prints: Voiceprints, known: KnownVoices | None = None, options: SuggestOptions = SuggestOptions()
) -> dict[int, SpeakerSuggestion]:
    """A suggestion for every untagged segment with a voiceprint.

    Profiles come from the tagged segments; a participant with too little tagged speech uses her
    kept voice (``known``) when the secretary kept one. Forgotten participants are never
    suggested, and the voiceprints of segments tagged with them are erased here.
    """
    forgotten = _drop_forgotten(record, prints)
    samples = prints.samples(_spans(record))
    suggester = Suggester(meeting_profiles(record, samples, forgotten, known).values(), options)
    return {
        s.id: _suggestion(s.id, suggester(samples[s.id])) for s in record.segments if s.speaker_id is None and s.id in samples
    }


def speaker_changes(
    record: MeetingRecord, prints: Voiceprints, known: KnownVoices | None = None, options: ChangeOptions = ChangeOptions()
) -> list[SpeakerChange]:
    """Where the voice changes: at a segment's start, or inside one at a word's start (a proposed split).

    Who speaks in a segment, where known (her tag, or a confident suggestion), and the
    participants' profiles help (``find_changes``)."""
    forgotten = _drop_forgotten(record, prints)
    spans = _spans(record)
    partials, samples = prints.partials(spans), prints.samples(spans)
    rows = [s for s in record.segments if s.id in partials]
    if len(rows) < 2:
        return []
    profiles = meeting_profiles(record, samples, forgotten, known)
    suggester = Suggester(profiles.values())
    guesses = suggester.many([samples[s.id] for s in rows])
    labels = [str(s.speaker_id) if s.speaker_id is not None else g.speaker for s, g in zip(rows, guesses)]
    centre = meeting_centre([samples[s.id] for s in rows])
    return find_changes(
        [(s.start, s.end, samples[s.id], partials[s.id], [(w.start, w.end) for w in s.words]) for s in rows],
        centre,
        options,
        labels,
        profiles,
    )


#: ``{segment id: (where the voice changes inside it in seconds, or None; how many segments the
#: meeting had when it was judged)}``
InsideSplits = dict[int, tuple[float | None, int]]


def _judge(seg: Segment, p: Partials, centre: np.ndarray, n: int, options: ChangeOptions) -> tuple[float | None, int]:
    change = (
        split_inside(p, [(w.start, w.end) for w in seg.words], centre, options) if p.speech_s >= options.min_speech_s else None
    )
    return (change.at if change is not None else None, n)


def inside_splits(
    record: MeetingRecord, prints: Voiceprints, known: InsideSplits | None = None, options: ChangeOptions = ChangeOptions()
) -> InsideSplits:
    """Where the voice changes inside each segment with a voiceprint, by the voice alone (the
    screens mark and propose to split those ``proposed_splits`` keeps), as ``speaker_changes``
    finds it.

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
        out[seg.id] = old if old is not None and n < 2 * old[1] else _judge(seg, partials[seg.id], centre, n, options)
    return out


def proposed_splits(
    judged: InsideSplits,
    partials: dict[int, Partials],
    profiles: dict[str, VoiceProfile],
    options: ChangeOptions = ChangeOptions(),
) -> dict[int, float]:
    """``{segment id: seconds}``: the splits of ``judged`` the screens propose — those whose two
    sides do not both sound like the same participant (``one_known_voice``)."""
    found = [(i, at) for i, (at, _) in judged.items() if at is not None and i in partials]
    same = one_known_voice_many([split_sides(partials[i], at) for i, at in found], profiles, options)
    return {i: at for (i, at), drop in zip(found, same) if not drop}


class VoiceRefresher:
    """What the screens' voice worker keeps from one refresh to the next, so that a refresh costs
    about the same at the 1,500th segment of a meeting as at the 15th.

    A refresh looks at what changed since the last one (new segments, changed spans, new tags,
    a forgotten participant): only new segments are embedded and read from the voiceprints file;
    profiles are rebuilt, and every untagged segment scored again, only when a tag changed;
    otherwise only the new segments are scored. The meeting's mean voice is a running sum, and a
    segment's split is judged again when the meeting has twice the segments it had then (as
    ``inside_splits``). The results equal ``suggest_speakers`` and, for the splits,
    ``inside_splits`` given the same earlier judgements (tests/voices/test_voices_refresh.py).
    Still proportional to the meeting: one pass over its segments comparing spans and tags
    (measured in docs/benchmarks.md). One follower per screen; refreshes may come from several
    worker threads, one at a time.
    """

    def __init__(self, options: SuggestOptions = SuggestOptions(), change_options: ChangeOptions = ChangeOptions()) -> None:
        self.options, self.change_options = options, change_options
        self._lock = threading.Lock()
        self._seen: dict[int, tuple[float, float, bool]] = {}
        """``{segment id: (start, end, tagged with a forgotten participant)}`` as last looked at."""
        self._segments: dict[int, Segment] = {}
        """The segments of ``_seen`` as last looked at (the same object again: nothing changed)."""
        self._forgotten: frozenset[int] = frozenset()
        self._retagged = False
        """A tag changed since the profiles were last built."""
        self._partials: dict[int, Partials] = {}
        self._samples: dict[int, VoiceSample] = {}
        self._sum = np.zeros(256, np.float64)
        """Sum of ``_samples``' embeddings (the meeting's mean voice times their number)."""
        self._tags: dict[int, int | None] = {}
        self._context: tuple = ()
        """What the profiles depend on besides the tags: participants, forgotten ones."""
        self._profiles: dict[str, VoiceProfile] = {}
        self._suggester = Suggester((), options)
        self.suggestions: dict[int, SpeakerSuggestion] = {}
        self.judged: InsideSplits = {}
        self._due: list[tuple[int, int]] = []
        """Heap of (segment count at which a judgement is due again, segment id)."""
        self._sides: dict[int, tuple[float, tuple[np.ndarray, np.ndarray] | None]] = {}
        """Each judged split's time and its two sides' mean voices (``split_sides``)."""
        self.splits: dict[int, float] = {}
        """The splits proposed (``proposed_splits`` of ``judged``)."""

    def _forget(self, segment_id: int) -> None:
        sample = self._samples.pop(segment_id, None)
        if sample is not None:
            self._sum -= sample.embedding
        self._partials.pop(segment_id, None)
        self._seen.pop(segment_id, None)
        self._segments.pop(segment_id, None)
        self._tags.pop(segment_id, None)
        self.suggestions.pop(segment_id, None)
        self.judged.pop(segment_id, None)
        self._sides.pop(segment_id, None)
        self.splits.pop(segment_id, None)

    def refresh(
        self,
        record: MeetingRecord,
        prints: Voiceprints,
        encoder,
        cut: Callable[[float, float], np.ndarray],
        known: KnownVoices | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> tuple[dict[int, SpeakerSuggestion], dict[int, float]] | None:
        """Embed the new segments, then ``(suggestions, proposed splits)`` for the whole meeting
        (None when ``cancelled`` interrupted the embedding: the next refresh takes it up)."""
        with self._lock:
            forgotten = frozenset(prints.forgotten())
            same_forgotten = forgotten == self._forgotten
            fresh: list[Segment] = []
            retagged, kept, last = False, 0, self._segments
            for seg in record.segments:
                if same_forgotten and last.get(seg.id) is seg:  # the same segment as last time
                    kept += 1
                    continue
                key = (seg.start, seg.end, seg.speaker_id in forgotten)
                if self._seen.get(seg.id) != key:
                    fresh.append(seg)
                    continue
                kept += 1
                last[seg.id] = seg
                if self._tags.get(seg.id, seg.speaker_id) != seg.speaker_id:
                    retagged = True
                    self._tags[seg.id] = seg.speaker_id
                    self.suggestions.pop(seg.id, None)
            if kept + sum(s.id in self._seen for s in fresh) != len(self._seen):  # some segments are gone
                present = {s.id for s in record.segments}
                for i in [i for i in self._seen if i not in present]:
                    retagged |= self._tags.get(i) is not None
                    self._forget(i)
            self._forgotten = forgotten
            for seg in fresh:
                retagged |= self._tags.get(seg.id) is not None or seg.speaker_id is not None
                self._forget(seg.id)
            self._retagged |= retagged  # kept if this refresh is cancelled below
            stale = [s.id for s in fresh if s.speaker_id in forgotten]
            if stale:
                prints.drop(stale)
            wanted = [s for s in fresh if s.speaker_id not in forgotten]
            embed_missing(MeetingRecord(record.meeting, record.participants, tuple(wanted)), prints, encoder, cut, cancelled)
            if cancelled():
                return None
            got = prints.partials({s.id: (s.start, s.end) for s in wanted})
            for seg in fresh:
                p = got.get(seg.id)
                if p is None and seg.speaker_id not in forgotten:
                    continue  # no voiceprint (yet): looked at again next time
                self._seen[seg.id] = (seg.start, seg.end, seg.speaker_id in forgotten)
                self._segments[seg.id] = seg
                self._tags[seg.id] = seg.speaker_id
                if p is not None:
                    self._partials[seg.id] = p
                    sample = self._samples[seg.id] = VoiceSample(p.mean(), p.speech_s)
                    self._sum += sample.embedding
            context = (record.participants, forgotten)
            rebuilt = self._retagged or context != self._context
            self._retagged = False
            if rebuilt:
                self._context = context
                self._profiles = meeting_profiles(record, self._samples, forgotten, known)
                self._suggester = Suggester(self._profiles.values(), self.options)
                self.suggestions = {}
                unscored = [s.id for s in record.segments if s.speaker_id is None and s.id in self._samples]
            else:
                unscored = [s.id for s in fresh if s.speaker_id is None and s.id in self._samples]
            for i, g in zip(unscored, self._suggester.many([self._samples[i] for i in unscored])):
                self.suggestions[i] = _suggestion(i, g)
            changed = self._judge_due(fresh)
            # the splits to propose: all again when the profiles changed, else the new judgements
            again = list(self._sides) if rebuilt else changed
            same = one_known_voice_many([self._sides[i][1] for i in again], self._profiles, self.change_options)
            for i, drop in zip(again, same):
                if drop:
                    self.splits.pop(i, None)
                else:
                    self.splits[i] = self._sides[i][0]
            return dict(self.suggestions), dict(self.splits)

    def _judge_due(self, fresh: list[Segment]) -> list[int]:
        """Judge the new segments' splits and those due again; return the segments with a split now."""
        n = len(self._samples)
        if n < 2:
            self.judged, self._due, self._sides, self.splits = {}, [], {}, {}
            return []
        centre = (self._sum / n).astype(np.float32)
        by_id = {s.id: s for s in fresh if s.id in self._partials}
        if not self.judged:  # the first time there are two: every segment
            by_id = {i: s for i, s in self._segments.items() if i in self._partials}
        while self._due and self._due[0][0] <= n:
            _, i = heapq.heappop(self._due)
            old = self.judged.get(i)
            if old is not None and n >= 2 * old[1] and i in self._partials:
                by_id[i] = self._segments[i]
        split = []
        for i, seg in by_id.items():
            at, _ = self.judged[i] = _judge(seg, self._partials[i], centre, n, self.change_options)
            heapq.heappush(self._due, (2 * n, i))
            self.splits.pop(i, None)
            self._sides.pop(i, None)
            if at is not None:
                self._sides[i] = (at, split_sides(self._partials[i], at))
                split.append(i)
        return split


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
