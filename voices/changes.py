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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voices.encoder import Partials, normalized
from voices.profiles import VoiceSample


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
    """Segments with less speech are not compared with their neighbours."""


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
    """The meeting's mean voice: the mean embedding of its segments."""
    return np.mean([s.embedding for s in samples], axis=0).astype(np.float32)


def _centred(v: np.ndarray, centre: np.ndarray | None) -> np.ndarray:
    return v if centre is None else normalized(v - centre)


def changed_between(
    before: VoiceSample, after: VoiceSample, centre: np.ndarray | None, options: ChangeOptions = ChangeOptions()
) -> float | None:
    """The score of two adjacent segments when their voices differ, else None."""
    if min(before.speech_s, after.speech_s) < options.min_speech_s:
        return None
    score = float(_centred(before.embedding, centre) @ _centred(after.embedding, centre))
    return score if score < options.between else None


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
) -> list[SpeakerChange]:
    """Changes over a run of segments ``(start, end, sample, partials, words)`` in time order
    (``words``: their (start, end) times).

    A segment with too little speech is not compared; when the next one differs from the last
    compared, the change is placed at the longest pause between them.

    ``centre``: the meeting's mean voice (``meeting_centre``); None compares raw embeddings
    (then the thresholds must be raised, about 0.8 between segments).
    """
    found: list[SpeakerChange] = []
    previous: VoiceSample | None = None
    since: list[tuple[float, float]] = []  # (pause before, start) of segments after the last compared one
    last_end: float | None = None
    for start, end, sample, partials, words in segments:
        since.append((start - last_end if last_end is not None else 0.0, start))
        last_end = end
        if sample.speech_s < options.min_speech_s:
            continue  # too short to judge; the change, if any, is placed at the longest pause
        if previous is not None:
            score = changed_between(previous, sample, centre, options)
            if score is not None:
                found.append(SpeakerChange(max(since)[1], score, False))
        if partials is not None:
            inside = split_inside(partials, words, centre, options)
            if inside is not None:
                found.append(inside)
        previous = sample
        since = []
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
