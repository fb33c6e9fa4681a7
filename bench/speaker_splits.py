"""Splits inside a segment on human voices: two speakers' clips joined into one segment.

    .venv/bin/python bench/speaker_splits.py ../shared/eval/speakers_dev

For every speaker (in ``speakers.tsv`` order) with the next one: segment = her clips 1+2 then
the next speaker's clips 1+2 (a change), and her clips 3+4 after her clips 1+2 (no change).
Word times are laid every 0.5 s over the VAD's speech. The meeting's mean voice is the mean of
all clips. Prints, per threshold, the changes found within 1 s of the join and the false splits.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bienban_base.audio import load_audio  # noqa: E402
from bienban_bench import speakers as bench_speakers  # noqa: E402
from voices.changes import ChangeOptions, meeting_centre, split_inside  # noqa: E402
from voices.features import speech_regions  # noqa: E402
from voices.model import load_encoder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    a = ap.parse_args()
    rows = bench_speakers.read_table(a.folder)
    encoder = load_encoder()
    samples, _, _ = bench_speakers.embed_clips(a.folder, rows, encoder)
    centre = meeting_centre(samples)
    clips: dict[str, list[np.ndarray]] = {}
    for path, speaker in rows:
        clips.setdefault(speaker, []).append(load_audio(a.folder / path))
    speakers = list(clips)
    cases = []
    for i, sp in enumerate(speakers):
        mine = np.concatenate(clips[sp][:2])
        for other, changed in (
            (np.concatenate(clips[speakers[(i + 1) % len(speakers)]][:2]), True),
            (np.concatenate(clips[sp][2:4]), False),
        ):
            audio = np.concatenate([mine, other])
            words = [
                (x / 16000 + k * 0.5, x / 16000 + k * 0.5 + 0.45)
                for x, y in speech_regions(audio)
                for k in range(int((y - x) / 8000))
            ]
            cases.append((encoder.partials(audio), words, len(mine) / 16000, changed))
    for inside in (-0.1, 0.0, 0.1, 0.2):
        for sides in (0.0, 0.05, 0.1, 0.2, 9.0):
            options = replace(ChangeOptions(), inside=inside, pause_choice=sides)
            found = false = anywhere = 0
            for partials, words, join, changed in cases:
                got = split_inside(partials, words, centre, options)
                if changed:
                    found += got is not None and abs(got.at - join) <= 1.0
                    anywhere += got is not None
                else:
                    false += got is not None
            n = sum(c[3] for c in cases)
            print(
                f"inside {inside:+.2f} pause choice {sides}: found {found}/{n} ({anywhere} anywhere), false splits {false}/{len(cases) - n}"
            )


if __name__ == "__main__":
    main()
