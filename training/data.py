"""The clips the recipe reads: the training corpus, drawn so that no voice dominates, and the dev halves."""

from __future__ import annotations

import csv
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Clip:
    """One clip with its transcript."""

    path: Path
    """The audio file."""
    text: str
    """The sentence as published (case and punctuation kept, NFC)."""
    speaker: str
    """Speaker label (``v001`` …) or the clip's set for dev clips."""
    duration_s: float
    """Length in seconds (0 where the set does not give it)."""


def training_clips(folder: Path) -> list[Clip]:
    """Every clip of ``train/cv_vi`` (``transcripts.tsv``: path, speaker, gender, duration_s, sentence)."""
    with open(folder / "transcripts.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Clip(folder / r["path"], unicodedata.normalize("NFC", r["sentence"].strip()), r["speaker"], float(r["duration_s"]))
        for r in rows
    ]


def eval_clips(folder: Path) -> list[Clip]:
    """The clips of an evaluation folder (``transcripts.tsv``: filename, reference), sorted by name."""
    with open(folder / "transcripts.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    clips = [Clip(folder / name, unicodedata.normalize("NFC", ref.strip()), folder.name, 0.0) for name, ref in rows]
    return sorted(clips, key=lambda c: c.path.name)


def balanced(clips: list[Clip], per_speaker: int, seed: int = 0) -> list[Clip]:
    """At most ``per_speaker`` clips of each voice (a random draw), in a shuffled order.

    Three voices hold 9.6 of the 10.7 hours: uncapped, one voice would be half of every batch
    and the model would learn that voice. The order is shuffled so that any prefix of the list
    (what an interrupted feature cache holds) is itself balanced.
    """
    rng = random.Random(seed)
    by_speaker: dict[str, list[Clip]] = {}
    for c in clips:
        by_speaker.setdefault(c.speaker, []).append(c)
    chosen: list[Clip] = []
    for speaker in sorted(by_speaker):
        own = sorted(by_speaker[speaker], key=lambda c: c.path.name)
        rng.shuffle(own)
        chosen.extend(own[:per_speaker])
    rng.shuffle(chosen)
    return chosen


def dev_halves(clips: list[Clip]) -> tuple[list[Clip], list[Clip]]:
    """``cv_vi_unseen`` split in two by name: the first half decides (early stopping, choices), the second only reports.

    Common Voice numbers a speaker's clips consecutively, so cutting the sorted list keeps most
    speakers on one side: the reported half is mostly voices no choice was made on.
    """
    ordered = sorted(clips, key=lambda c: c.path.name)
    middle = len(ordered) // 2

    def number(c: Clip) -> int:
        digits = "".join(ch for ch in c.path.stem if ch.isdigit())
        return int(digits) if digits else 0

    # cut at the widest gap in clip numbers near the middle: a speaker's session is not split
    near = range(max(1, middle - 6), min(len(ordered), middle + 7))
    cut = max(near, key=lambda i: (number(ordered[i]) - number(ordered[i - 1]), -abs(i - middle)))
    return ordered[:cut], ordered[cut:]
