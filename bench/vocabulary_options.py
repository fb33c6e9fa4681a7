"""The vocabulary pass's options: what each costs over the plain batched pass, and its WER.

    .venv/bin/python bench/vocabulary_options.py DIALOGUE_DIR HUMAN_DIR [--variants ...] [--repeat N]

Each folder holds ``meeting.wav`` + ``truth.json`` (``make_meeting.py``, ``bench/join_clips.py``);
both get the dialogue's meeting vocabulary. Every variant is ``transcribe.longform.decode_long``
on the file in one process, the variants alternating (``--repeat`` rounds), so the ratios hold
even when the machine is shared; the ratios are each variant's wall and CPU time (this
process's) over the plain pass of the same round.

- ``plain``: the batched pass alone;
- ``spotted_bN``: only the utterances whose first decoding holds words where a vocabulary phrase
  may have been said (``transcribe.vocabulary_spots``: all but one of its syllables written as
  they sound), decoded again with the glossary prompt (batched, short encoder window, beam N);
- ``half_bN``: the same, half of the phrase's syllables written as they sound;
- ``spans_bN``: only the stretches around those words (``SPAN_PAD_S`` either side);
- ``utterances_bN``: every utterance the first decoding heard anything in, decoded again with
  the prompt — the pass of ``LIVE_DECODE`` before;
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from bienban_bench.live_report import vocabulary_of_truth
from transcribe.engine import Transcriber
from transcribe.evaluate import score
from transcribe.longform import LongformOptions, decode_long
from transcribe.vocabulary import VocabularyPass, tokenizer_counter

VARIANTS = {
    "plain": None,
    "spotted_b2": LongformOptions(vocabulary_beam=2),
    "spotted_b5": LongformOptions(vocabulary_beam=5),
    "half_b2": LongformOptions(vocabulary_beam=2, vocabulary_spots="half"),
    "half_b5": LongformOptions(vocabulary_beam=5, vocabulary_spots="half"),
    "spans_b2": LongformOptions(vocabulary_unit="spans", vocabulary_beam=2),
    "utterances_b5": LongformOptions(vocabulary_beam=5, vocabulary_spots=None),
    "utterances_b2": LongformOptions(vocabulary_beam=2, vocabulary_spots=None),
    "utterances_b1": LongformOptions(vocabulary_beam=1, vocabulary_spots=None),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dialogue")
    ap.add_argument("human")
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    tr = Transcriber()
    folders = {"dialogue": Path(a.dialogue), "human": Path(a.human)}
    truths = {k: json.loads((f / "truth.json").read_text(encoding="utf-8")) for k, f in folders.items()}
    vpass = VocabularyPass.of(vocabulary_of_truth(truths["dialogue"]), tokenizer_counter(tr))
    rows: dict = {}
    for round_ in range(a.repeat):
        for kind, folder in folders.items():
            ref = " ".join(t["text"] for t in truths[kind]["turns"])
            plain_s = plain_cpu = 0.0
            for name in ["plain"] + [v for v in a.variants if v != "plain"]:
                longform = VARIANTS[name] or LongformOptions()
                t0, c0 = time.perf_counter(), time.process_time()
                out = decode_long(tr, folder / "meeting.wav", vocabulary=vpass if VARIANTS[name] else None, longform=longform)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                plain_s = wall if name == "plain" else plain_s
                plain_cpu = cpu if name == "plain" else plain_cpu
                row = rows.setdefault(
                    f"{kind}/{name}",
                    {
                        "wer": round(score([(ref, " ".join(s.text for s in out.segments))])[0], 4),
                        "seconds": [],
                        "ratio": [],
                        "cpu_seconds": [],
                        "cpu_ratio": [],
                        "decoded_again": out.vocabulary_utterances,
                    },
                )
                row["seconds"].append(round(wall, 1))
                row["ratio"].append(round(wall / plain_s, 2))
                row["cpu_seconds"].append(round(cpu, 1))
                row["cpu_ratio"].append(round(cpu / plain_cpu, 2))
                print(
                    round_,
                    kind,
                    name,
                    row["wer"],
                    round(wall, 1),
                    row["ratio"][-1],
                    "cpu",
                    round(cpu, 1),
                    row["cpu_ratio"][-1],
                    "again",
                    out.vocabulary_utterances,
                    "load",
                    os.getloadavg()[0],
                    file=sys.stderr,
                    flush=True,
                )
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
