"""``python -m training``: adapt the bundled Whisper base to Vietnamese, resumably.

    python -m training cache      # encoder outputs of the balanced training draw and the dev half
    python -m training train      # fine-tune the decoder on them (checkpoints; stops early on the dev half)
    python -m training export     # write the shipped decoder file and a complete CTranslate2 model folder
    python -m training all        # the three in order (each skips what is already done)

Every stage resumes where an interrupted run stopped. See README "How the Vietnamese model was made".
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_WORK = Path(os.environ.get("BIENBAN_TRAIN_WORK", Path.home() / ".cache" / "bienban-train"))
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _progress(label: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    return bar


def cache(args: argparse.Namespace) -> None:
    """Encoder outputs of the dev half and the balanced training draw (and, with ``--rooms``, of the
    draw as rooms and microphones hear it: ``training.augment``)."""
    from training.augment import Augmenter
    from training.data import balanced, dev_halves, eval_clips, training_clips
    from training.features import fill, open_set
    from transcribe.model import ensure_bundled

    model_dir = str(ensure_bundled())
    tune, _ = dev_halves(eval_clips(args.shared / "eval" / "cv_vi_unseen"))
    train = balanced(training_clips(args.shared / "train" / "cv_vi"), args.per_speaker, args.seed)
    sets = [("dev-tune", tune, None, None), ("train", train, args.clips, None)]
    if args.rooms:
        sets.append(("train-rooms", train, args.clips, Augmenter([c.path for c in train], args.seed)))
    for name, clips, limit, transform in sets:
        cache_set = open_set(args.work / name, clips)
        with _progress(f"encoder · {name}") as bar:
            task = bar.add_task(name, total=len(clips[:limit]), completed=int(cache_set.done[:limit].sum()))
            fill(
                cache_set,
                model_dir,
                args.threads,
                transform,
                progress=lambda n, total, t=task: bar.update(t, completed=n),
                limit=limit,
            )


def train(args: argparse.Namespace) -> None:
    """Fine-tune the decoder on the cached outputs (resumes from ``WORK/run/state.pt``)."""
    import torch

    from training.train import TrainOptions
    from training.train import train as run
    from transcribe.model import ensure_bundled

    torch.set_num_threads(args.threads)
    options = TrainOptions(
        epochs=args.epochs,
        lr=args.lr,
        batch=args.batch,
        eval_every=args.eval_every,
        clips=args.clips,
        rooms=args.room_share if args.rooms else 0.0,
        keep=args.keep,
    )
    with _progress("decoder") as bar:
        task = bar.add_task("train", total=None)

        def report(step: int, total: int, loss: float, left: float) -> None:
            bar.update(task, completed=step, total=total, description=f"loss {loss:.3f}")

        best = run(args.work, ensure_bundled(), options, report)
    print(f"best: step {best['step']}, dev-tune greedy WER {best['wer']} CER {best['cer']}")


def export(args: argparse.Namespace) -> None:
    """The shipped decoder file and a whole model folder from the best checkpoint."""
    from training.export import export as run
    from transcribe.model import ensure_bundled

    delta = args.delta or args.work / "base-vi.decoder.bin"
    sums = run(args.work / "run" / "best.pt", ensure_bundled(), delta, args.work / "model", args.mix)
    print(f"{delta}: sha256 {sums['delta']}")
    print(f"{args.work / 'model'}: model.bin sha256 {sums['model.bin']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stage", choices=["cache", "train", "export", "all"])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="cache and checkpoints (~5 GB; never in git)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the project's shared folder (train/, eval/)")
    parser.add_argument("--per-speaker", type=int, default=600, help="at most this many clips of one voice")
    parser.add_argument(
        "--clips", type=int, default=None, help="only the first N clips of the draw (any prefix is balanced); default: all"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--rooms",
        action="store_true",
        help="cache: also the draw as rooms and microphones hear it (reverberation, band, noise, murmur); "
        "train: each clip is taken from that copy with probability --room-share",
    )
    parser.add_argument("--room-share", type=float, default=0.5, help="with --rooms: share of clips taken from the rooms copy")
    parser.add_argument("--keep", type=float, default=0.0, help="weight of KL(base ‖ model) beside the cross-entropy (0: off)")
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--eval-every", type=int, default=60)
    parser.add_argument(
        "--delta",
        type=Path,
        default=None,
        help="where export writes the shipped decoder file (default: WORK/base-vi.decoder.bin)",
    )
    parser.add_argument(
        "--mix",
        type=float,
        default=1.0,
        help="export base + MIX × (trained − base) (1.0: the trained decoder; 0.5: halfway, WiSE-FT)",
    )
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    stages = ["cache", "train", "export"] if args.stage == "all" else [args.stage]
    for stage in stages:
        globals()[stage](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
