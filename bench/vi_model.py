"""Base and an adapted model side by side on the dev sets, through the product's own clip path (`bienban eval`).

    python bench/vi_model.py base-vi [--hall /tmp/unseen_hall] [--sets held ...]

The model is a name (``base-vi``, the shipped one) or a folder (``~/.cache/bienban-train/model``,
what ``python -m training export`` wrote). Sets: ``cv_vi_unseen`` (all 114 clips, what
``bienban eval ../shared/eval/cv_vi_unseen`` decodes), ``tune`` and ``held`` (its two halves, as
``training.data.dev_halves`` cuts them: the first decides, the second only reports), ``cv_vi_dev`` (all 40, and the 37 clips of
voices not in training), ``fosd_dev`` (another corpus), ``hall`` (the held-out half of the hall
copy made by ``bench/hall_copy.py``, whole and by halves). Each folder is decoded once per model. For each: WER, CER, and the words inserted (inventions).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import jiwer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from training.data import dev_halves, eval_clips  # noqa: E402
from transcribe.engine import Transcriber  # noqa: E402
from transcribe.evaluate import evaluate, score  # noqa: E402
from transcribe.normalize import normalize  # noqa: E402

SHARED = REPO.parent / "shared" / "eval"
TRAINED_VOICE_CLIPS = {"common_voice_vi_24440075.mp3", "common_voice_vi_25222884.mp3", "common_voice_vi_25258070.mp3"}
"""cv_vi_dev's clips of the three voices that are in training (v001–v003, one clip each; the shared
README does not name them): the clip nearest each voice's profile by the speaker encoder (cosine
0.82 to v001, 0.85 to v002; for v003 0.77, against 0.76 for the next clip: the least sure)."""


def _insertions(pairs: list[tuple[str, str]]) -> int:
    refs, hyps = zip(*[(normalize(r), normalize(h)) for r, h in pairs if normalize(r)])
    return jiwer.process_words(list(refs), list(hyps)).insertions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="the adapted model: a name (base-vi) or a folder")
    parser.add_argument("--hall", type=Path, default=None, help="the hall copy of cv_vi_unseen (bench/hall_copy.py)")
    parser.add_argument("--sets", nargs="+", default=["cv_vi_unseen", "cv_vi_dev", "fosd_dev", "hall"])
    parser.add_argument("--json", type=Path, default=None, help="also write every clip's text here")
    parser.add_argument("--no-base", action="store_true", help="only the adapted model (base's rows from an earlier run)")
    args = parser.parse_args()
    unseen = SHARED / "cv_vi_unseen"
    tune, held = dev_halves(eval_clips(unseen))
    halves = {"tune": {c.path.name for c in tune}, "held": {c.path.name for c in held}}
    folders = {"cv_vi_unseen": unseen, "cv_vi_dev": SHARED / "cv_vi_dev", "fosd_dev": SHARED / "fosd_dev"}
    if args.hall:
        folders["hall"] = args.hall
    # each folder is decoded once; its parts (the halves, the unseen voices) are scored from the same texts
    parts: dict[str, dict[str, set[str] | None]] = {
        "cv_vi_unseen": {"cv_vi_unseen": None, "tune": halves["tune"], "held": halves["held"]},
        "cv_vi_dev": {"cv_vi_dev": None, "cv_vi_dev (unseen voices)": None},
        "fosd_dev": {"fosd_dev": None},
        "hall": {
            "hall": None,
            "hall tune": {Path(n).with_suffix(".wav").name for n in halves["tune"]},
            "hall held": {Path(n).with_suffix(".wav").name for n in halves["held"]},
        },
    }
    texts: dict = {}
    print("| set | model | clips | WER | CER | inserted words |")
    print("|---|---|---|---|---|---|")
    for label, spec in ((("base", "base"),) if not args.no_base else ()) + ((args.model, args.model),):
        transcriber = Transcriber(spec)
        for name in args.sets:
            if name not in folders:
                continue
            result = evaluate(folders[name], transcriber)
            texts[f"{label}/{name}"] = [(c.filename, c.reference, c.hypothesis) for c in result.items]
            for part, names in parts[name].items():
                if part == "cv_vi_dev (unseen voices)":
                    names = {c.filename for c in result.items} - TRAINED_VOICE_CLIPS
                pairs = [(c.reference, c.hypothesis) for c in result.items if names is None or c.filename in names]
                wer, cer = score(pairs)
                print(f"| {part} | {label} | {len(pairs)} | {wer:.4f} | {cer:.4f} | {_insertions(pairs)} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(texts, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
