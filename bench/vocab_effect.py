"""WER with and without the meeting vocabulary, on the rendered dialogue and on the human clips.

    .venv/bin/python bench/vocab_effect.py DIALOGUE_DIR HUMAN_DIR [--variants ...] [--json] [--model base-vi]

Each folder holds ``meeting.wav`` + ``truth.json`` (``make_meeting.py`` and ``bench/join_clips.py``
output). Both files get the vocabulary of the dialogue's meeting (title, roster, agencies, plus
the glossary), so the human clips show what it does to speech it does not describe.

Variants (deterministic, run at full speed):
- ``live`` / ``live_glossary_prompt`` / ``live_meeting_prompt``: the live pipeline (VAD
  utterances, ``LIVE_DECODE``, the guard) without a prompt, with the glossary alone as
  ``initial_prompt``, with the app's prompt (``build_prompt``);
- ``live_merged``: the live pipeline with ``LiveOptions.vocabulary`` (each utterance decoded
  again with the app's prompt, its vocabulary merged in);
- ``post`` / ``post_merged``: the post-meeting pass (``post_meeting_pass``, batched), without
  and with the vocabulary pass; without temperature retries (``STEADY``: they sample at random,
  so two runs would differ by more than the vocabulary does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from bienban_base.audio import load_audio
from bienban_bench.live_feed import measure
from bienban_bench.live_report import vocabulary_of_truth
from transcribe.decoding import DecodeOptions
from transcribe.engine import Transcriber
from transcribe.evaluate import score
from transcribe.live import LIVE_DECODE, LiveOptions
from transcribe.repass import post_meeting_pass
from transcribe.vocabulary import VocabularyPass, build_prompt, tokenizer_counter

STEADY = DecodeOptions(temperature=(0.0,))
VARIANTS = ("live", "live_glossary_prompt", "live_meeting_prompt", "live_merged", "post", "post_merged")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dialogue")
    ap.add_argument("human")
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model", default=None, help="base, base-vi or a folder (default: bienban's default)")
    a = ap.parse_args()
    tr = Transcriber(a.model)
    count = tokenizer_counter(tr)
    folders = {"dialogue": Path(a.dialogue), "human": Path(a.human)}
    truths = {k: json.loads((f / "truth.json").read_text(encoding="utf-8")) for k, f in folders.items()}
    vocabulary = vocabulary_of_truth(truths["dialogue"])
    vpass = VocabularyPass.of(vocabulary, count)
    glossary = build_prompt(None, True, count)
    result: dict = {
        "prompt_tokens": {"glossary": count(glossary), "meeting": count(vpass.prompt)},
        "phrases": len(vpass.phrases),
        "prompt": vpass.prompt,
    }
    live = LiveOptions(interim_every_s=None)
    for name in a.variants:
        t0 = time.perf_counter()
        for kind, folder in folders.items():
            truth = truths[kind]
            if name.startswith("live"):
                options = {
                    "live": live,
                    "live_glossary_prompt": replace(live, decode=replace(LIVE_DECODE, initial_prompt=glossary)),
                    "live_meeting_prompt": replace(live, decode=replace(LIVE_DECODE, initial_prompt=vpass.prompt)),
                    "live_merged": replace(live, vocabulary=vpass),
                }[name]
                wer = measure(folder / "meeting.wav", tr, options, 0, truth, False).wer_live
            else:
                audio = load_audio(folder / "meeting.wav")
                new, _ = post_meeting_pass(tr, audio, [], "batched", STEADY, vocabulary=vpass if name == "post_merged" else None)
                ref = " ".join(t["text"] for t in truth["turns"])
                wer = round(score([(ref, " ".join(s.text for s in new))])[0], 4)
            result[f"wer_{kind}_{name}"] = wer
        result[f"seconds_{name}"] = round(time.perf_counter() - t0, 1)
        print(name, {k: v for k, v in result.items() if k.endswith("_" + name)}, file=sys.stderr, flush=True)
    print(json.dumps(result, ensure_ascii=False, indent=1) if a.json else result)


if __name__ == "__main__":
    main()
