"""``bienban bench speakers DIR``: enrol the first N clips of every speaker, suggest the rest.

``DIR/speakers.tsv`` has a header and the columns ``path`` and ``speaker`` (others ignored).
Accuracy counts right suggestions among those made; coverage is the share of clips given one;
the equal error rate is over every (clip, profile) score, own speaker versus others.
"""

from __future__ import annotations

import csv
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from voices.errors import VoiceError
from voices.profiles import SuggestOptions, VoiceSample, build_profiles, suggest


@dataclass(frozen=True)
class SpeakerItem:
    """One clip of the benchmark."""

    path: str
    """File name as in ``speakers.tsv``."""
    speaker: str
    """The true speaker."""
    enrolled: bool
    """True when the clip built its speaker's profile."""
    suggested: str | None
    """The suggestion (None: abstained, or an enrolment clip)."""
    score: float | None
    """Cosine score to the nearest profile (None for enrolment clips)."""
    nearest: str | None = None
    """The nearest profile, suggested or not."""
    margin: float | None = None
    """The nearest profile's lead over the runner-up."""
    speech_s: float = 0.0
    """Seconds of speech the encoder heard."""


@dataclass
class SpeakerReport:
    """What ``bench speakers`` prints."""

    items: list[SpeakerItem]
    """Every clip."""
    accuracy: float | None
    """Right suggestions / suggestions made (None when none were made)."""
    coverage: float
    """Suggestions made / clips that were not enrolled."""
    eer: float
    """Equal error rate of own-profile versus other-profile scores."""
    eer_threshold: float
    """The score where the two error rates meet."""
    ms_per_audio_s: float
    """CPU milliseconds of the encoder (preprocessing included) per second of audio."""
    audio_s: float
    """Seconds of audio embedded."""
    options: dict = field(default_factory=dict)
    """The suggestion options used."""

    def to_dict(self) -> dict:
        """The JSON shape of ``--json``."""
        return asdict(self)


def read_table(folder: Path) -> list[tuple[str, str]]:
    """``(path, speaker)`` rows of ``folder/speakers.tsv`` in file order."""
    table = folder / "speakers.tsv"
    if not table.is_file():
        raise VoiceError("bench_no_speakers", f"no speakers.tsv in {folder}", path=str(folder))
    with open(table, encoding="utf-8", newline="") as f:
        rows = [(r["path"], r["speaker"]) for r in csv.DictReader(f, delimiter="\t") if r.get("path") and r.get("speaker")]
    if not rows:
        raise VoiceError("bench_no_speakers", f"speakers.tsv in {folder} lists no clips", path=str(folder))
    return rows


def equal_error_rate(target: np.ndarray, nontarget: np.ndarray) -> tuple[float, float]:
    """(EER, threshold) where false rejections of ``target`` meet false acceptances of ``nontarget``."""
    if len(target) == 0 or len(nontarget) == 0:
        return float("nan"), float("nan")
    thresholds = np.unique(np.concatenate([target, nontarget]))
    frr = np.array([(target < t).mean() for t in thresholds])
    far = np.array([(nontarget >= t).mean() for t in thresholds])
    i = int(np.argmin(np.abs(frr - far)))
    return float((frr[i] + far[i]) / 2), float(thresholds[i])


def embed_clips(folder: Path, rows: list[tuple[str, str]], encoder) -> tuple[list[VoiceSample], float, float]:
    """Embed every clip; return the samples, the audio seconds and the encoder's CPU seconds."""
    from bienban_base.audio import load_audio

    samples, audio_s, cpu_s = [], 0.0, 0.0
    for path, _ in rows:
        audio = load_audio(folder / path)
        t0 = time.process_time()
        partials = encoder.partials(audio)
        cpu_s += time.process_time() - t0
        audio_s += len(audio) / 16000
        samples.append(VoiceSample(partials.mean(), partials.speech_s))
    return samples, audio_s, cpu_s


def score(
    rows: list[tuple[str, str]], samples: list[VoiceSample], enroll: int, options: SuggestOptions = SuggestOptions()
) -> tuple[list[SpeakerItem], float | None, float, float, float]:
    """Items, accuracy, coverage, EER and its threshold for embedded clips."""
    seen: dict[str, int] = {}
    enrolled = []
    for _, speaker in rows:
        enrolled.append(seen.get(speaker, 0) < enroll)
        seen[speaker] = seen.get(speaker, 0) + 1
    profiles = build_profiles((sp, s) for (_, sp), s, e in zip(rows, samples, enrolled) if e)
    items: list[SpeakerItem] = []
    target: list[float] = []
    nontarget: list[float] = []
    for (path, speaker), sample, is_enrolled in zip(rows, samples, enrolled):
        if is_enrolled:
            items.append(SpeakerItem(path, speaker, True, None, None, speech_s=round(sample.speech_s, 3)))
            continue
        s = suggest(sample, profiles.values(), options)
        items.append(
            SpeakerItem(
                path, speaker, False, s.speaker, round(s.score, 4), s.nearest, round(s.margin, 4), round(sample.speech_s, 3)
            )
        )
        for p in profiles.values():
            (target if p.speaker == speaker else nontarget).append(float(sample.embedding @ p.embedding))
    tested = [i for i in items if not i.enrolled]
    made = [i for i in tested if i.suggested is not None]
    accuracy = sum(i.suggested == i.speaker for i in made) / len(made) if made else None
    coverage = len(made) / len(tested) if tested else 0.0
    eer, at = equal_error_rate(np.array(target), np.array(nontarget))
    return items, accuracy, coverage, eer, at


def run(folder: Path, encoder, enroll: int = 2, options: SuggestOptions = SuggestOptions()) -> SpeakerReport:
    """The whole benchmark on ``folder``."""
    rows = read_table(folder)
    samples, audio_s, cpu_s = embed_clips(folder, rows, encoder)
    items, accuracy, coverage, eer, at = score(rows, samples, enroll, options)
    return SpeakerReport(
        items,
        None if accuracy is None else round(accuracy, 4),
        round(coverage, 4),
        round(eer, 4),
        round(at, 4),
        round(1000 * cpu_s / audio_s, 2) if audio_s else 0.0,
        round(audio_s, 2),
        asdict(options),
    )
