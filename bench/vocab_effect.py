"""WER with and without the meeting-vocabulary prompt, decoding utterance by utterance as the
live pipeline does (``LIVE_DECODE``): the rendered dialogue's truth turns and the human clips.
"names" is the meeting's own data without the glossary (the same prompt as "meeting" when the
roster fills the budget, as in the rendered dialogue, so it is not scored by default);
"names_hotwords" gives it as hotwords.

    .venv/bin/python bench/vocab_effect.py DIALOGUE_DIR [--clips N] [--json]

DIALOGUE_DIR holds ``meeting.wav`` + ``truth.json`` (``make_meeting.py`` output).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from transcribe.audio import SAMPLE_RATE, load_audio
from transcribe.engine import Transcriber
from transcribe.live_types import LIVE_DECODE
from transcribe.evaluate import read_transcripts, score
from transcribe.vocabulary import MeetingVocabulary, build_prompt, tokenizer_counter

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def vocabulary_of(truth: dict) -> MeetingVocabulary:
    """What the app would know before this meeting: title, roster, agencies named in the plan."""
    people = tuple((s["name"], s["role"]) for s in truth["speakers"].values())
    agencies = tuple(sorted({t["agency"] for t in truth["turns"] if t.get("agency")}))
    return MeetingVocabulary(title=truth.get("title") or "", agencies=agencies, people=people)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dialogue")
    ap.add_argument("--clips", type=int, default=0, help="human clips per folder (0: all)")
    ap.add_argument("--prompts", nargs="+", default=["none", "glossary", "meeting", "names_hotwords"],
                    help="which prompts to score")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    tr = Transcriber()
    count = tokenizer_counter(tr)
    truth = json.loads((Path(a.dialogue) / "truth.json").read_text(encoding="utf-8"))
    audio = load_audio(Path(a.dialogue) / "meeting.wav")
    names = build_prompt(vocabulary_of(truth), False, count)
    prompts = {  # name: (initial_prompt, hotwords)
        "none": (None, None),
        "glossary": (build_prompt(None, True, count), None),
        "meeting": (build_prompt(vocabulary_of(truth), True, count), None),
        "names": (names, None),
        "names_hotwords": (None, names),
    }
    items = [(t["text"], audio[max(0, int((t["start"] - 0.3) * SAMPLE_RATE)) : int((t["end"] + 0.3) * SAMPLE_RATE)], "dialogue") for t in truth["turns"]]
    for folder in ("cv_vi_dev", "fosd_dev"):
        rows = read_transcripts(EVAL / folder)
        rows = rows[: a.clips] if a.clips else rows
        items += [(ref, load_audio(EVAL / folder / name), "human") for name, ref in rows]
    result = {"prompt_tokens": {k: count(p or h or "") for k, (p, h) in prompts.items()}}
    for name, (prompt, hotwords) in ((n, prompts[n]) for n in a.prompts):
        opts = replace(LIVE_DECODE, initial_prompt=prompt, hotwords=hotwords)
        pairs: dict[str, list] = {"dialogue": [], "human": []}
        t0 = time.perf_counter()
        for ref, clip, kind in items:
            hyp = " ".join(s.text for s in tr.decode(clip, opts)).strip()
            pairs[kind].append((ref, hyp))
        for kind, p in pairs.items():
            result[f"wer_{kind}_{name}"] = round(score(p)[0], 4)
        result[f"seconds_{name}"] = round(time.perf_counter() - t0, 1)
        print(name, {k: v for k, v in result.items() if name in k}, file=sys.stderr, flush=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
