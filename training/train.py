"""Fine-tune the decoder on cached encoder outputs: balanced batches, early stopping on the dev half, resumable.

Targets keep Whisper's output style (the sentence as Common Voice writes it, after a space); a
quarter of them carry timestamps (the speech's first and last second, from Silero VAD) so that
the batched import, which decodes with timestamps, keeps writing them. The dev half is decoded
every ``eval_every`` steps by CTranslate2 itself (int8, beam 5: what the product will run); the
checkpoint with the lowest WER is kept.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from training.decoder import Decoder
from training.features import FeatureSet, load_set
from transcribe import ctmodel
from transcribe.evaluate import score


@dataclass(frozen=True)
class TrainOptions:
    """Hyperparameters of one run (written beside its checkpoints)."""

    epochs: float = 3.0
    """Passes over the cached training clips (early stopping may end sooner)."""
    batch: int = 8
    """Clips per step."""
    lr: float = 3e-5
    """Peak learning rate (AdamW)."""
    warmup: float = 0.1
    """Share of the steps spent warming up; the rate then falls linearly to zero."""
    weight_decay: float = 0.01
    """AdamW weight decay."""
    timestamp_share: float = 0.25
    """Share of targets written with timestamps."""
    eval_every: int = 100
    """Steps between two greedy decodings of the dev half."""
    patience: int = 3
    """Evaluations without a better WER before stopping (from the second epoch on)."""
    seed: int = 0
    """Seed of the batch order and the timestamp draw."""
    clips: int | None = None
    """Train on the first ``clips`` clips of the draw only (None: every cached clip)."""
    rooms: float = 0.0
    """Share of the clips taken from the rooms copy (``training.augment``) instead of the clean one."""
    keep: float = 0.0
    """Weight of KL(base ‖ model) on the target tokens beside the cross-entropy: keeps the base's
    behaviour where the Vietnamese data says nothing (learning without forgetting; 0: off)."""


class Targets:
    """Token sequences of the targets, as faster-whisper's tokenizer writes them."""

    def __init__(self, model_dir: Path) -> None:
        import tokenizers
        from faster_whisper.tokenizer import Tokenizer

        self.tok = Tokenizer(tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json")), True, "transcribe", "vi")

    def prefix(self, timestamps: bool) -> list[int]:
        """The decoding prompt: start of transcript, Vietnamese, transcribe (and no timestamps)."""
        return list(self.tok.sot_sequence) + ([] if timestamps else [self.tok.no_timestamps])

    def sequence(self, text: str, speech: tuple[float, float] | None) -> tuple[list[int], int]:
        """(whole token sequence, length of the prompt the loss skips)."""
        words = self.tok.encode(" " + text)
        if speech is None:
            prefix = self.prefix(False)
            return prefix + words + [self.tok.eot], len(prefix)
        prefix = self.prefix(True)
        first, last = (self.tok.timestamp_begin + round(min(max(t, 0.0), 30.0) / 0.02) for t in speech)
        return prefix + [first, *words, last, self.tok.eot], len(prefix)

    def text(self, tokens: list[int]) -> str:
        """Text of generated tokens, up to the end token."""
        if self.tok.eot in tokens:
            tokens = tokens[: tokens.index(self.tok.eot)]
        return self.tok.decode([t for t in tokens if t < self.tok.eot]).strip()


def _encoded(sources: list[tuple[FeatureSet, int]]) -> torch.Tensor:
    """The cached encoder outputs of (cache, row) pairs, each cache read in file order."""
    out = np.empty((len(sources), *sources[0][0].features.shape[1:]), np.float32)
    for cache in {id(c): c for c, _ in sources}.values():
        places = [(row, i) for i, (c, row) in enumerate(sources) if c is cache]
        places.sort()
        out[[i for _, i in places]] = cache.features[[row for row, _ in places]]
    return torch.from_numpy(out)


def _batch(sources: list[tuple[FeatureSet, int]], seqs: list[tuple[list[int], int]]) -> tuple[torch.Tensor, ...]:
    encoded = _encoded(sources)
    width = max(len(s) for s, _ in seqs)
    tokens = torch.zeros(len(seqs), width, dtype=torch.long)
    labels = torch.full((len(seqs), width), -100, dtype=torch.long)
    pad = torch.ones(len(seqs), width, dtype=torch.bool)
    for i, (seq, skip) in enumerate(seqs):
        tokens[i, : len(seq)] = torch.tensor(seq)
        pad[i, : len(seq)] = False
        labels[i, skip - 1 : len(seq) - 1] = torch.tensor(seq[skip:])
    return encoded, tokens, labels, pad


def decode(model_dir: Path, targets: Targets, cache: FeatureSet, rows: list[int], beam: int = 5) -> list[str]:
    """Decode cached encoder outputs with CTranslate2 (int8, as the product runs it), without timestamps."""
    import ctranslate2

    whisper = ctranslate2.models.Whisper(str(model_dir), device="cpu", compute_type="int8", intra_threads=torch.get_num_threads())
    out: list[str] = []
    for start in range(0, len(rows), 8):
        part = rows[start : start + 8]
        features = ctranslate2.StorageView.from_array(np.ascontiguousarray(cache.features[part], dtype=np.float32))
        results = whisper.generate(
            features, [targets.prefix(False)] * len(part), beam_size=beam, max_length=224, repetition_penalty=1.0
        )
        out.extend(targets.text(r.sequences_ids[0]) for r in results)
    return out


def write_model(decoder: Decoder, base: ctmodel.CTModel, base_dir: Path, folder: Path) -> None:
    """A whole CTranslate2 model folder with the decoder's current weights."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "model.bin", "wb") as f:
        ctmodel.write(ctmodel.replace(base, decoder.trained_variables()), f)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(base_dir / name, folder / name)


def evaluate(decoder: Decoder, base: ctmodel.CTModel, base_dir: Path, targets: Targets, cache: FeatureSet, work: Path) -> dict:
    """WER/CER on a cached dev set through CTranslate2 (beam 5, int8), and how many outputs ran away (loops)."""
    folder = work / "eval-model"
    write_model(decoder, base, base_dir, folder)
    rows = [int(i) for i in np.flatnonzero(cache.done)]
    hyps = decode(folder, targets, cache, rows)
    wer, cer = score([(cache.clips[i].text, h) for i, h in zip(rows, hyps)])
    loops = sum(1 for i, h in zip(rows, hyps) if len(h.split()) > 2 * len(cache.clips[i].text.split()) + 10)
    return {"wer": round(wer, 4), "cer": round(cer, 4), "loops": loops, "clips": len(rows)}


def _save(path: Path, state: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    torch.save(state, tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def train(work: Path, model_dir: Path, options: TrainOptions, progress=None) -> dict:
    """Run (or resume) a fine-tuning in ``work/run``; returns the summary of the best checkpoint."""
    torch.manual_seed(options.seed)
    run = work / "run"
    run.mkdir(parents=True, exist_ok=True)
    base = ctmodel.read(model_dir / "model.bin")
    decoder = Decoder(base.variables)
    targets = Targets(model_dir)
    cache, dev = load_set(work / "train"), load_set(work / "dev-tune")
    rows = [int(i) for i in np.flatnonzero(cache.done[: options.clips])]
    if options.clips is not None and len(rows) < options.clips:
        raise SystemExit(
            f"only {len(rows)} of the first {options.clips} clips are cached: run `python -m training cache --clips {options.clips}`"
        )
    rooms = None
    if options.rooms > 0:
        rooms = load_set(work / "train-rooms")
        missing = [i for i in rows if not rooms.done[i]]
        if missing:
            raise SystemExit(
                f"{len(missing)} clips have no rooms copy: run `python -m training cache --rooms --clips {options.clips or len(rows)}`"
            )
    reference = None
    if options.keep > 0:
        reference = Decoder(base.variables).eval()
        reference.requires_grad_(False)
    rng = random.Random(options.seed)
    stamped = {i: rng.random() < options.timestamp_share for i in rows}
    seqs = {i: targets.sequence(cache.clips[i].text, tuple(cache.speech[i]) if stamped[i] else None) for i in rows}
    steps_per_epoch = len(rows) // options.batch
    total = int(steps_per_epoch * options.epochs)
    params = [p for p in decoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=options.lr, weight_decay=options.weight_decay)
    warm = max(1, int(total * options.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    state_path, history_path = run / "state.pt", run / "history.json"
    history: list[dict] = json.loads(history_path.read_text()) if history_path.exists() else []
    step = 0
    if state_path.exists():
        state = torch.load(state_path, weights_only=False)
        if state["rows"] != rows or state["options"] != asdict(options):
            raise SystemExit(f"{run} was trained on other clips or options: remove it to start again")
        decoder.load_state_dict(state["decoder"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        step = state["step"]
    else:
        first = {"step": 0, **evaluate(decoder, base, model_dir, targets, dev, run)}
        history = [first]
        _save(run / "best.pt", {"decoder": decoder.state_dict(), "step": 0, **first})
        (run / "options.json").write_text(json.dumps({"options": asdict(options), "clips": len(rows)}, indent=1))
    best = min(history, key=lambda h: h["wer"])
    order_rng = np.random.default_rng(options.seed)
    orders = [order_rng.permutation(rows) for _ in range(math.ceil(options.epochs) + 1)]
    started, done_here = time.monotonic(), 0
    while step < total:
        # the first epoch adapts the output style (its WER rises before it falls): no stopping in it
        if step >= steps_per_epoch and len([h for h in history if h["step"] > best["step"]]) >= options.patience:
            break
        epoch, k = divmod(step, steps_per_epoch)
        batch_rows = [int(i) for i in orders[epoch][k * options.batch : (k + 1) * options.batch]]
        pick = np.random.default_rng([options.seed, step]).random(len(batch_rows)) < options.rooms
        sources = [(rooms if rooms is not None and p else cache, i) for i, p in zip(batch_rows, pick)]
        encoded, tokens, labels, pad = _batch(sources, [seqs[i] for i in batch_rows])
        decoder.train()
        memories = decoder.memories(encoded)  # the base's: the cross-attention keys and values are not trained
        logits = decoder(tokens, memories, pad)
        loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100)
        if reference is not None:
            with torch.no_grad():
                kept = F.log_softmax(reference(tokens, memories, pad), -1)[labels != -100]
            loss = loss + options.keep * F.kl_div(
                F.log_softmax(logits, -1)[labels != -100], kept, log_target=True, reduction="batchmean"
            )
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        done_here += 1
        if progress:
            left = (time.monotonic() - started) / done_here * (total - step)
            progress(step, total, loss.item(), left)
        if step % options.eval_every == 0 or step == total:
            decoder.eval()
            entry = {
                "step": step,
                "epoch": round(step / steps_per_epoch, 2),
                "loss": round(loss.item(), 4),
                **evaluate(decoder, base, model_dir, targets, dev, run),
            }
            history.append(entry)
            if entry["wer"] < best["wer"]:
                best = entry
                _save(run / "best.pt", {"decoder": decoder.state_dict(), **entry})
            history_path.write_text(json.dumps(history, indent=1))
            state = {
                "decoder": decoder.state_dict(),
                "optimizer": optimizer.state_dict(),
                "schedule": schedule.state_dict(),
                "step": step,
                "rows": rows,
                "options": asdict(options),
            }
            _save(state_path, state)
    history_path.write_text(json.dumps(history, indent=1))
    return best
