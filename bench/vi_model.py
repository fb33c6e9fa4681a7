"""Base and an adapted model side by side on the dev sets, through the product's own clip path (`bienban eval`).

    python bench/vi_model.py ~/.cache/bienban-train/model [--hall /tmp/unseen_hall] [--sets held ...]

Sets: ``tune`` and ``held`` (the two halves of ``cv_vi_unseen``, as ``training.data.dev_halves``
cuts them: the first decides, the second only reports), ``cv_vi_dev`` (all 40, and the 37 clips of
voices not in training), ``fosd_dev`` (another corpus), ``hall`` (the held-out half of the hall
copy made by ``bench/hall_copy.py``). For each: WER, CER, and the words inserted (inventions).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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


def _subset(names: list[str], source: Path, into: Path) -> Path:
    """A folder holding links to some clips of ``source`` and their transcripts."""
    into.mkdir(parents=True)
    lines = (source / "transcripts.tsv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [line for line in lines[1:] if line.split("\t", 1)[0] in names]
    for name in names:
        (into / name).symlink_to(source / name)
    (into / "transcripts.tsv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    return into


def _insertions(pairs: list[tuple[str, str]]) -> int:
    refs, hyps = zip(*[(normalize(r), normalize(h)) for r, h in pairs if normalize(r)])
    return jiwer.process_words(list(refs), list(hyps)).insertions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="the adapted model's folder")
    parser.add_argument("--hall", type=Path, default=None, help="the hall copy of cv_vi_unseen (bench/hall_copy.py)")
    parser.add_argument("--sets", nargs="+", default=["tune", "held", "cv_vi_dev", "fosd_dev", "hall"])
    args = parser.parse_args()
    unseen = SHARED / "cv_vi_unseen"
    tune, held = dev_halves(eval_clips(unseen))
    with tempfile.TemporaryDirectory() as tmp:
        folders = {
            "tune": _subset([c.path.name for c in tune], unseen, Path(tmp) / "tune"),
            "held": _subset([c.path.name for c in held], unseen, Path(tmp) / "held"),
            "cv_vi_dev": SHARED / "cv_vi_dev",
            "fosd_dev": SHARED / "fosd_dev",
        }
        if args.hall:
            folders["hall"] = _subset([c.path.with_suffix(".wav").name for c in held], args.hall, Path(tmp) / "hall")
        print("| set | model | clips | WER | CER | inserted words |")
        print("|---|---|---|---|---|---|")
        for label, spec in (("base", None), ("adapted", args.model)):
            transcriber = Transcriber(spec)
            for name in args.sets:
                if name not in folders:
                    continue
                result = evaluate(folders[name], transcriber)
                pairs = [(c.reference, c.hypothesis) for c in result.items]
                print(
                    f"| {name} | {label} | {result.clips} | {result.wer:.4f} | {result.cer:.4f} | {_insertions(pairs)} |",
                    flush=True,
                )
                if name == "cv_vi_dev":
                    kept = [p for c, p in zip(result.items, pairs) if c.filename not in TRAINED_VOICE_CLIPS]
                    wer, cer = score(kept)
                    print(
                        f"| cv_vi_dev (unseen voices) | {label} | {len(kept)} | {wer:.4f} | {cer:.4f} | {_insertions(kept)} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
