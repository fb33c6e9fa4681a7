"""Choose the suggestion threshold and margin on half of the speakers, report the other half.

    .venv/bin/python bench/speaker_thresholds.py ../shared/eval/speakers_dev [--enroll 2]

Speakers are split by their order in ``speakers.tsv`` (first half tunes, second half tests; ``--reverse`` swaps them);
every speaker's profile competes in both halves. The rule: the widest coverage whose accuracy
on the tuning half is ≥ 0.95 (a safety margin over the 0.90 target), ties to the stricter pair.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bienban_bench import speakers as bench_speakers  # noqa: E402
from voices.model import load_encoder  # noqa: E402
from voices.profiles import SuggestOptions  # noqa: E402


def _rates(items, speakers):
    tested = [i for i in items if not i.enrolled and i.speaker in speakers]
    made = [i for i in tested if i.suggested]
    acc = sum(i.suggested == i.speaker for i in made) / len(made) if made else 1.0
    return acc, len(made) / len(tested), len(tested)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--enroll", type=int, default=2)
    ap.add_argument("--min-accuracy", type=float, default=0.95)
    ap.add_argument("--reverse", action="store_true", help="tune on the second half, test on the first")
    a = ap.parse_args()
    rows = bench_speakers.read_table(a.folder)
    samples, _, _ = bench_speakers.embed_clips(a.folder, rows, load_encoder())
    speakers = list(dict.fromkeys(sp for _, sp in rows))
    tune, test = set(speakers[: len(speakers) // 2]), set(speakers[len(speakers) // 2 :])
    if a.reverse:
        tune, test = test, tune
    best = None
    for threshold in np.arange(0.60, 0.86, 0.01):
        for margin in np.arange(0.0, 0.101, 0.005):
            options = replace(SuggestOptions(), threshold=round(float(threshold), 3), margin=round(float(margin), 3))
            items = bench_speakers.score(rows, samples, a.enroll, options)[0]
            acc, cov, _ = _rates(items, tune)
            key = (cov, threshold, margin)
            if acc >= a.min_accuracy and (best is None or key > best[0]):
                best = (key, options)
    options = best[1]
    items = bench_speakers.score(rows, samples, a.enroll, options)[0]
    report = {"threshold": options.threshold, "margin": options.margin}
    for name, group in (("tune", tune), ("test", test), ("all", tune | test)):
        acc, cov, n = _rates(items, group)
        report[name] = {"speakers": len(group), "clips": n, "accuracy": round(acc, 4), "coverage": round(cov, 4)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
