"""Where the voice changes: between two segments, or inside one at a word boundary.

Adjacent 1.6 s windows are too noisy to compare (20 alarms for 4 real changes, design.md):
this module compares whole stretches instead. Between segments, the two segments' embeddings;
inside a segment, for each word boundary with enough speech on both sides, the mean of the
partial windows before it against the mean of those after it. The lowest-scoring boundary is
proposed as the split when it scores below the threshold.

Every embedding is non-negative, so any two voices share a large common part (different
speakers still score about 0.5). Comparisons therefore subtract the meeting's mean voice first
(``centre``: the mean embedding of the meeting's segments), which spreads the scores: on the
rendered dialogue's robotic voices, adjacent different-voice segments scored 0.51–0.90 raw
(same voice 0.75–0.95) and −0.54–0.37 centred (same voice mostly 0.22–0.87).

Once the secretary has tagged a few segments, the profiles say more than two segments' voices
alone (``find_changes``'s ``labels`` and ``profiles``): two segments named by her or confidently
suggested are one voice exactly when the names agree; a segment after one named X whose voice is
nearer another participant's profile than X's is a change; and a split inside a segment whose two
sides both sound like the same participant is dropped. On the rendered dialogue this took the
change F1 from 0.70 to 0.81 (mean of the three renderings tuned on) and from 0.64 to 0.80 on
three held out (docs/benchmarks.md, "Second audit").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from voices.encoder import Partials, normalized
from voices.profiles import VoiceProfile, VoiceSample


@dataclass(frozen=True)
class ChangeOptions:
    """Thresholds of the change detector (chosen on the rendered dialogue, docs/benchmarks.md)."""

    between: float = 0.10
    """Two adjacent segments whose centred embeddings score below this are different voices."""
    inside: float = 0.0
    """A split inside a segment whose two sides score (centred) below this is a change (lower than
    ``between``: the lowest of many candidate splits, each side shorter than a segment)."""
    pause_choice: float = 0.10
    """Boundaries scoring within this of the lowest are equally likely; the longest pause wins."""
    min_side_windows: int = 2
    """Partial windows (1.6 s each, every 0.77 s) each side of a split needs: ~2.4 s of speech."""
    min_speech_s: float = 1.0
    """Segments with less speech are not looked into for a split."""
    unnamed_short_s: float = 2.5
    """Once there are profiles, a segment with less speech and no name (neither tagged nor
    confidently suggested) is not compared with its neighbours; a change around it is placed at
    the longest pause before the next segment that is. Such short segments' voices gave most of
    the false changes on the rendered dialogue; without profiles they are compared (on human clips
    of 1.2–3.1 s, skipping them would miss most changes: ``tests/voices/test_voices_meeting.py``)."""
    same_known_voice: float = 0.71
    """A split inside a segment is dropped when both sides score at least this (raw cosine, the
    suggestions' threshold) with the same participant's profile, and nearer her than anyone else."""


@dataclass(frozen=True)
class SpeakerChange:
    """A place where the voice changes."""

    at: float
    """Seconds from the start of the audio (a word's start when inside a segment)."""
    score: float
    """Cosine score between the voices before and after."""
    inside: bool
    """True: inside a segment (a proposed split); False: at the start of a segment."""


def meeting_centre(samples: Sequence[VoiceSample]) -> np.ndarray:
    """The meeting's mean voice: the mean embedding of its segments (summed in float64, as the
    screens' running sum: ``minutes_tui.workflows.voices.VoiceRefresher``)."""
    return np.asarray(np.sum([s.embedding for s in samples], axis=0, dtype=np.float64) / len(samples), np.float32)


def _centred(v: np.ndarray, centre: np.ndarray | None) -> np.ndarray:
    return v if centre is None else normalized(v - centre)


def _nearest(embedding: np.ndarray, profiles: Mapping[str, VoiceProfile]) -> tuple[str, float]:
    scores = {k: float(embedding @ p.embedding) for k, p in profiles.items()}
    best = max(scores, key=lambda k: scores[k])
    return best, scores[best]


def split_sides(partials: Partials, at: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The mean voice before and after a split at ``at`` (None when a side has no window)."""
    left, right = partials.ends <= at + 0.2, partials.starts >= at - 0.2
    if not left.any() or not right.any():
        return None
    return partials.mean(left), partials.mean(right)


def one_known_voice_many(
    sides: Sequence[tuple[np.ndarray, np.ndarray] | None],
    profiles: Mapping[str, VoiceProfile],
    options: ChangeOptions = ChangeOptions(),
) -> list[bool]:
    """For each split's ``split_sides``: both sides sound like the same participant (nearest the
    same ready profile, each scoring at least ``options.same_known_voice``)."""
    out = [False] * len(sides)
    ready = [p.embedding for p in profiles.values() if p.ready]
    some = [(k, side) for k, side in enumerate(sides) if side is not None]
    if not ready or not some:
        return out
    matrix: np.ndarray = np.stack(ready).astype(np.float64)  # einsum: the same sums however many splits (as Suggester)
    left: np.ndarray = np.einsum("ij,kj->ik", np.stack([side[0] for _, side in some]).astype(np.float64), matrix)
    right: np.ndarray = np.einsum("ij,kj->ik", np.stack([side[1] for _, side in some]).astype(np.float64), matrix)
    same = (left.argmax(axis=1) == right.argmax(axis=1)) & (
        np.minimum(left.max(axis=1), right.max(axis=1)) >= options.same_known_voice
    )
    for (k, _), v in zip(some, same):
        out[k] = bool(v)
    return out


def one_known_voice(
    partials: Partials, at: float, profiles: Mapping[str, VoiceProfile], options: ChangeOptions = ChangeOptions()
) -> bool:
    """Both sides of a split at ``at`` sound like the same participant (``one_known_voice_many``)."""
    return one_known_voice_many([split_sides(partials, at)], profiles, options)[0]


def nearer_someone_else(sample: VoiceSample, speaker: str, profiles: Mapping[str, VoiceProfile]) -> bool:
    """The voice of ``sample`` is nearer another ready profile than ``speaker``'s."""
    ready = {k: p for k, p in profiles.items() if p.ready}
    if speaker not in ready or len(ready) < 2:
        return False
    return _nearest(sample.embedding, ready)[0] != speaker


def split_inside(
    partials: Partials, words: Sequence[tuple[float, float]], centre: np.ndarray | None, options: ChangeOptions = ChangeOptions()
) -> SpeakerChange | None:
    """The word boundary inside one segment where the voice changes, if any.

    ``partials`` and ``words`` (start, end) are in the same time base (seconds). Windows that
    straddle a boundary belong to neither side, so neighbouring boundaries often compare the same
    windows and the lowest score does not say which word starts the new voice; among the
    boundaries scoring below the threshold, the split goes before the word that follows the
    longest pause (a turn ends with a pause) among those scoring within ``pause_choice`` of the
    lowest.
    """
    candidates: list[tuple[float, float, float]] = []  # (score, pause before, time)
    n = options.min_side_windows
    for k in range(1, len(words)):
        t = words[k][0]
        left = partials.ends <= t + 0.2
        right = partials.starts >= t - 0.2
        if left.sum() < n or right.sum() < n:
            continue
        score = float(_centred(partials.mean(left), centre) @ _centred(partials.mean(right), centre))
        candidates.append((score, t - words[k - 1][1], float(t)))
    if not candidates or min(c[0] for c in candidates) >= options.inside:
        return None
    lowest = min(c[0] for c in candidates)
    near = [c for c in candidates if c[0] <= lowest + options.pause_choice]
    score, _, at = max(near, key=lambda c: (c[1], -c[0]))
    return SpeakerChange(at, score, True)


def find_changes(
    segments: Sequence[tuple[float, float, VoiceSample, Partials | None, Sequence[tuple[float, float]]]],
    centre: np.ndarray | None,
    options: ChangeOptions = ChangeOptions(),
    labels: Sequence[str | None] | None = None,
    profiles: Mapping[str, VoiceProfile] | None = None,
) -> list[SpeakerChange]:
    """Changes over a run of segments ``(start, end, sample, partials, words)`` in time order
    (``words``: their (start, end) times).

    A segment with too little speech is not compared; when the next one differs from the last
    compared, the change is placed at the longest pause between them.

    ``centre``: the meeting's mean voice (``meeting_centre``); None compares raw embeddings
    (then the thresholds must be raised, about 0.8 between segments).

    ``labels``: for each segment, who speaks in it as far as known (the name the secretary gave
    it, or a confident suggestion), else None; ``profiles``: the participants' profiles. Two
    labelled segments are a change exactly when their labels differ; an unlabelled segment after
    one labelled X is a change when its voice differs (centred score) or is nearer another
    profile than X's; a short unlabelled one is not compared (``unnamed_short_s``); a split
    inside a segment whose two sides sound like the same participant is dropped. Without them,
    only the voices are compared.
    """
    found: list[SpeakerChange] = []
    profiles = profiles or {}
    ready = any(p.ready for p in profiles.values())
    previous: int | None = None
    since: list[tuple[float, float]] = []  # (pause before, start) of segments after the last compared one
    last_end: float | None = None
    for i, (start, end, sample, partials, words) in enumerate(segments):
        since.append((start - last_end if last_end is not None else 0.0, start))
        last_end = end
        if sample.speech_s < options.min_speech_s:
            continue  # too short to judge; the change, if any, is placed at the longest pause
        if partials is not None:
            inside = split_inside(partials, words, centre, options)
            if inside is not None and not one_known_voice(partials, inside.at, profiles, options):
                found.append(inside)
        if ready and (labels is None or labels[i] is None) and sample.speech_s < options.unnamed_short_s:
            continue
        if previous is not None:
            before = segments[previous][2]
            score = float(_centred(before.embedding, centre) @ _centred(sample.embedding, centre))
            was = labels[previous] if labels is not None else None
            now = labels[i] if labels is not None else None
            if was is not None and now is not None:
                changed = was != now
            else:
                changed = score < options.between or (was is not None and nearer_someone_else(sample, was, profiles))
            if changed:
                found.append(SpeakerChange(max(since)[1], score, False))
        previous = i
        since = []
    found.sort(key=lambda c: c.at)
    return found


def match_changes(found: Sequence[float], truth: Sequence[float], tolerance: float = 1.0) -> tuple[int, int, int]:
    """(hits, false alarms, misses): each true change matched at most once within ``tolerance`` s."""
    used = set()
    hits = 0
    for t in sorted(found):
        candidates = [i for i, u in enumerate(truth) if i not in used and abs(u - t) <= tolerance]
        if candidates:
            used.add(min(candidates, key=lambda i: abs(truth[i] - t)))
            hits += 1
    return hits, len(found) - hits, len(truth) - hits
