"""Voice profiles and speaker suggestions.

A participant's profile is the mean embedding of the segments the secretary tagged with that
name; it is used once it holds enough speech (2 segments, or 4 s). An untagged segment is
suggested the nearest profile only when the cosine score clears a threshold *and* beats the
runner-up by a margin: a wrong name in the minutes is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from voices.encoder import normalized


@dataclass(frozen=True)
class VoiceSample:
    """One tagged (or untagged) stretch of speech, embedded."""

    embedding: np.ndarray
    """Unit-length embedding (256 floats)."""
    speech_s: float
    """Seconds of speech the encoder heard."""


@dataclass(frozen=True)
class VoiceProfile:
    """What a participant's voice sounds like, from the segments tagged with her name."""

    speaker: str
    """The participant (a name or an id)."""
    embedding: np.ndarray
    """Unit-length mean of the tagged segments' embeddings."""
    segments: int
    """How many tagged segments it was built from."""
    speech_s: float
    """Seconds of speech in them."""

    @property
    def ready(self) -> bool:
        """Enough speech to suggest this speaker: 2 segments, or 4 s."""
        return self.segments >= MIN_SEGMENTS or self.speech_s >= MIN_SPEECH_S


MIN_SEGMENTS = 2
MIN_SPEECH_S = 4.0


def build_profile(speaker: str, samples: Iterable[VoiceSample]) -> VoiceProfile:
    """The profile of ``speaker`` from her tagged samples."""
    samples = list(samples)
    if not samples:
        raise ValueError("a profile needs at least one sample")
    mean = normalized(np.mean([s.embedding for s in samples], axis=0))
    return VoiceProfile(speaker, mean, len(samples), float(sum(s.speech_s for s in samples)))


def build_profiles(tagged: Iterable[tuple[str, VoiceSample]]) -> dict[str, VoiceProfile]:
    """Profiles of every speaker among ``(speaker, sample)`` pairs."""
    by_speaker: dict[str, list[VoiceSample]] = {}
    for speaker, sample in tagged:
        by_speaker.setdefault(speaker, []).append(sample)
    return {speaker: build_profile(speaker, samples) for speaker, samples in by_speaker.items()}


@dataclass(frozen=True)
class SuggestOptions:
    """When a suggestion is confident enough to show (chosen on half of ``speakers_dev``, held on the
    other half: ``bench/speaker_thresholds.py``)."""

    threshold: float = 0.71
    """Lowest cosine score to the nearest profile."""
    margin: float = 0.02
    """Lowest lead of the nearest profile over the runner-up."""
    min_speech_s: float = 1.0
    """Shorter segments get no suggestion (too little voice to tell)."""


@dataclass(frozen=True)
class Suggestion:
    """The nearest profile to a segment, and whether it is safe to suggest."""

    nearest: str | None
    """The nearest ready profile (None when there is none)."""
    score: float
    """Cosine score to it."""
    margin: float
    """Its lead over the runner-up (the score itself when there is no runner-up)."""
    confident: bool
    """True when score, margin and speech length clear the options."""

    @property
    def speaker(self) -> str | None:
        """The suggested speaker, or None when the suggestion abstains."""
        return self.nearest if self.confident else None


class Suggester:
    """``suggest`` for many segments against one set of profiles (their matrix built once).

    Each score is summed in float64 the same way whether one segment or many are scored at once
    (``einsum``, not a BLAS product whose summation order depends on the batch), so scoring the
    segments one by one or all together gives exactly the same suggestions."""

    def __init__(self, profiles: Iterable[VoiceProfile], options: SuggestOptions = SuggestOptions()) -> None:
        self.ready = [p for p in profiles if p.ready]
        self.options = options
        self._matrix = np.stack([p.embedding for p in self.ready]).astype(np.float64) if self.ready else None

    def many(self, samples: Sequence[VoiceSample]) -> list[Suggestion]:
        """The suggestion for each of ``samples``."""
        if self._matrix is None or not samples:
            return [Suggestion(None, 0.0, 0.0, False) for _ in samples]
        scores = np.einsum("ij,kj->ik", np.stack([s.embedding for s in samples]).astype(np.float64), self._matrix)
        rows = np.arange(len(samples))
        if len(self.ready) > 1:
            top2 = np.argsort(-scores, axis=1, kind="stable")[:, :2]
            first, best = top2[:, 0], scores[rows, top2[:, 0]]
            margin = best - scores[rows, top2[:, 1]]
        else:
            first, best = np.zeros(len(samples), int), scores[:, 0]
            margin = best
        o = self.options
        speech = np.array([s.speech_s for s in samples])
        confident = (best >= o.threshold) & (margin >= o.margin) & (speech >= o.min_speech_s)
        names = [p.speaker for p in self.ready]
        return [
            Suggestion(names[k], b, m, c)
            for k, b, m, c in zip(first.tolist(), best.tolist(), margin.tolist(), confident.tolist())
        ]

    def __call__(self, sample: VoiceSample) -> Suggestion:
        """The suggestion for one segment."""
        return self.many([sample])[0]


def suggest(sample: VoiceSample, profiles: Iterable[VoiceProfile], options: SuggestOptions = SuggestOptions()) -> Suggestion:
    """The suggestion for one segment among the ready ``profiles``."""
    return Suggester(profiles, options)(sample)
