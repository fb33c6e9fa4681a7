"""Decoding study (issue 18): WER of decoding variants on the product's three paths, with paired
bootstrap confidence intervals over clips, decided on the even-indexed clips and reported on the
odd-indexed ones (held out).

    .venv/bin/python bench/decoding_study.py run clip cv,fosd,spk base vad_off notimes ...
    .venv/bin/python bench/decoding_study.py run batched human,dlg base pad200 ...
    .venv/bin/python bench/decoding_study.py run live human,dlg base fallback2 ...
    .venv/bin/python bench/decoding_study.py report clip cv,fosd,spk base vad_off notimes ...
    .venv/bin/python bench/decoding_study.py rover clip cv,fosd,spk a b c

Paths: ``clip`` decodes every clip alone, sequentially (``bienban eval``'s way,
``Transcriber.decode``); ``batched`` runs
``decode_long`` over the clips joined into one file (import, transcribe, the post-meeting pass);
``live`` runs the live pipeline over the same file at full speed (deterministic without sampled
temperatures). Corpora: ``cv`` (cv_vi_dev), ``fosd`` (fosd_dev), ``spk`` (speakers_dev's
sentences) — per clip; ``human`` (``bench/join_clips.py`` of cv + fosd, ``HUMAN``) and ``dlg``
(the rendered dialogue, ``DLG``) — joined files whose words are given to the turn they fall in.
Every run is cached as JSON under ``OUT`` (per-clip hypotheses, decode seconds); ``report``
scores cached runs against the first variant named.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jiwer
import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import CLIP_DECODE, DecodeOptions
from transcribe.evaluate import read_transcripts
from transcribe.live_types import LIVE_DECODE
from transcribe.normalize import normalize

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
OUT = Path(os.environ.get("STUDY_OUT", "/tmp/acc_study"))
HUMAN = Path(os.environ.get("STUDY_HUMAN", "/tmp/human_acc"))
DLG = Path(os.environ.get("STUDY_DLG", "/tmp/dlg_acc"))
BOOT = 2000


@dataclass(frozen=True)
class StudyOptions(DecodeOptions):
    """``DecodeOptions`` plus faster-whisper keywords it does not name (thresholds, patience)."""

    extra: tuple[tuple[str, Any], ...] = ()
    """More ``WhisperModel.transcribe`` keywords."""

    def kwargs(self) -> dict:
        kw = super().kwargs()
        del kw["extra"]
        kw.update(dict(self.extra))
        return kw


@dataclass(frozen=True)
class Variant:
    """One decoding variant of a path."""

    options: DecodeOptions
    """Decoding options."""
    loudness_dbfs: float | None = None
    """Raise (never lower) each clip or utterance to this RMS level before decoding."""
    pad_s: tuple[float, float] = (0.0, 0.0)
    """Silence added before and after a clip (clip path)."""
    vad_pad_ms: int | None = None
    """Batched path: the VAD's ``speech_pad_ms`` (faster-whisper's 400)."""
    note: str = ""
    how: dict = field(default_factory=dict)
    """Live path: ``LiveOptions`` fields other than ``decode``."""


def _o(base: DecodeOptions, **kw: Any) -> StudyOptions:
    extra = tuple(sorted((k, kw.pop(k)) for k in list(kw) if k not in DecodeOptions.__dataclass_fields__))
    fields = {k: getattr(base, k) for k in DecodeOptions.__dataclass_fields__}
    fields.update(kw)
    return StudyOptions(**fields, extra=extra)


D = DecodeOptions()
NT = (("without_timestamps", True),)
CLIP: dict[str, Variant] = {
    "base": Variant(_o(D)),
    "vad_off": Variant(_o(D, vad_filter=False)),
    "vad_pad800": Variant(_o(D, vad_parameters={"speech_pad_ms": 800})),
    "notimes": Variant(_o(D, vad_filter=False, without_timestamps=True)),
    "notimes_nowords": Variant(_o(D, vad_filter=False, without_timestamps=True, word_timestamps=False)),
    "nt_loud": Variant(_o(D, vad_filter=False, without_timestamps=True), loudness_dbfs=-20.0),
    "nt_pad": Variant(_o(D, vad_filter=False, without_timestamps=True), pad_s=(0.5, 0.5)),
    "nt_beam8": Variant(_o(D, vad_filter=False, without_timestamps=True, beam_size=8)),
    "nt_patience15": Variant(_o(D, vad_filter=False, without_timestamps=True, patience=1.5)),
    "nt_cr2": Variant(_o(D, vad_filter=False, without_timestamps=True, compression_ratio_threshold=2.0)),
    "nt_lp08": Variant(_o(D, vad_filter=False, without_timestamps=True, log_prob_threshold=-0.8)),
    "nt_lp06": Variant(_o(D, vad_filter=False, without_timestamps=True, log_prob_threshold=-0.6)),
    "nt_lp12": Variant(_o(D, vad_filter=False, without_timestamps=True, log_prob_threshold=-1.2)),
    "nt_ns": Variant(_o(D, vad_filter=False, without_timestamps=True, no_speech_threshold=None)),
    "nt_t02": Variant(_o(D, vad_filter=False, without_timestamps=True, temperature=(0.0, 0.2, 0.4, 0.6))),
    "nt_prompt": Variant(_o(D, vad_filter=False, without_timestamps=True, initial_prompt="Biên bản hội nghị.")),
    "nt_t0": Variant(_o(D, vad_filter=False, without_timestamps=True, temperature=(0.0,))),
    # on today's default (CLIP_DECODE: VAD off with the speech gate, no timestamp tokens)
    "cur": Variant(_o(CLIP_DECODE)),
    "cur_lp08": Variant(_o(CLIP_DECODE, log_prob_threshold=-0.8)),
    "cur_beam8": Variant(_o(CLIP_DECODE, beam_size=8)),
    "cur_nr4": Variant(_o(CLIP_DECODE, no_repeat_ngram_size=4)),
    "cur_bestof8": Variant(_o(CLIP_DECODE, best_of=8)),
    "cur_loud": Variant(_o(CLIP_DECODE), loudness_dbfs=-20.0),
    "cur_pad": Variant(_o(CLIP_DECODE), pad_s=(0.5, 0.5)),
}
LIVE: dict[str, Variant] = {
    "base": Variant(_o(LIVE_DECODE)),
    "fallback": Variant(_o(LIVE_DECODE, temperature=D.temperature)),
    "fallback2": Variant(_o(LIVE_DECODE, temperature=(0.0, 0.4))),
    "loud": Variant(_o(LIVE_DECODE), loudness_dbfs=-20.0),
    "notimes": Variant(_o(LIVE_DECODE, without_timestamps=True)),
    "pad4": Variant(_o(LIVE_DECODE, encoder_pad_s=4.0)),
    "lp08_f2": Variant(_o(LIVE_DECODE, temperature=(0.0, 0.4), log_prob_threshold=-0.8)),
    "tail08": Variant(_o(LIVE_DECODE), how={"tail_pad_s": 0.8}),
    "pre08": Variant(_o(LIVE_DECODE), how={"pre_roll_s": 0.8}),
    "vad04": Variant(_o(LIVE_DECODE), how={"threshold": 0.4, "neg_threshold": 0.25}),
    "vad04_notimes": Variant(_o(LIVE_DECODE, without_timestamps=True), how={"threshold": 0.4, "neg_threshold": 0.25}),
}
BATCHED: dict[str, Variant] = {
    "base": Variant(_o(D)),
    "vadpad200": Variant(_o(D), vad_pad_ms=200),
    "vadpad800": Variant(_o(D), vad_pad_ms=800),
    "beam8": Variant(_o(D, beam_size=8)),
    "beam3": Variant(_o(D, beam_size=3)),
    "beam4": Variant(_o(D, beam_size=4)),
    "patience15": Variant(_o(D, patience=1.5)),
    "greedy": Variant(_o(D, beam_size=1)),
    "t02": Variant(_o(D, temperature=(0.2,))),
    "rep11": Variant(_o(D, repetition_penalty=1.1)),
    "prompt": Variant(_o(D, initial_prompt="Biên bản hội nghị.")),
}
PATHS = {"clip": CLIP, "live": LIVE, "batched": BATCHED}


def clips(corpus: str) -> list[tuple[str, str, Path]]:
    """``(name, reference, file)`` of a per-clip corpus."""
    if corpus == "spk":
        folder = EVAL / "speakers_dev"
        with open(folder / "speakers.tsv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        return [(r["path"], r["sentence"], folder / r["path"]) for r in rows]
    folder = EVAL / {"cv": "cv_vi_dev", "fosd": "fosd_dev"}[corpus]
    return [(n, ref, folder / n) for n, ref in read_transcripts(folder)]


def louder(audio: np.ndarray, dbfs: float | None) -> np.ndarray:
    """Raise ``audio`` to ``dbfs`` RMS (never lower it; peaks limited to 0.99)."""
    if dbfs is None or not audio.size:
        return audio
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    if rms <= 1e-5:
        return audio
    gain = max(1.0, 10 ** (dbfs / 20) / rms)
    peak = float(np.max(np.abs(audio))) or 1.0
    return (audio * min(gain, 0.99 / peak)).astype(np.float32) if gain > 1 else audio


def by_turn(words: list[tuple[float, float, str]], turns: list[dict]) -> list[str]:
    """Words (start, end, text) given to the turn their middle falls in (or the nearest one)."""
    out: list[list[str]] = [[] for _ in turns]
    for a, b, text in sorted(words):
        mid = (a + b) / 2
        best = min(range(len(turns)), key=lambda i: max(turns[i]["start"] - mid, mid - turns[i]["end"], 0.0))
        out[best].append(text)
    return [" ".join(w).strip() for w in out]


def seg_words(segments) -> list[tuple[float, float, str]]:
    out = []
    for s in segments:
        if s.words:
            out += [(w.start, w.end, w.word) for w in s.words]
        else:
            out.append((s.start, s.end, s.text))
    return out


def run_clip(tr, corpus: str, v: Variant) -> tuple[list[tuple[str, str, str]], float]:
    items, took = [], 0.0
    for name, ref, path in clips(corpus):
        audio = louder(load_audio(path), v.loudness_dbfs)
        a, b = (np.zeros(int(p * SAMPLE_RATE), np.float32) for p in v.pad_s)
        audio = np.concatenate([a, audio, b])
        t0 = time.perf_counter()
        hyp = " ".join(s.text for s in tr.decode(audio, v.options)).strip()
        took += time.perf_counter() - t0
        items.append((name, ref, hyp))
    return items, took


def _joined(corpus: str) -> tuple[Path, list[dict]]:
    folder = {"human": HUMAN, "dlg": DLG}[corpus]
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return folder / "meeting.wav", truth["turns"]


def run_batched(tr, corpus: str, v: Variant) -> tuple[list[tuple[str, str, str]], float]:
    import faster_whisper.vad as fv

    wav, turns = _joined(corpus)
    keep = fv.VadOptions
    if v.vad_pad_ms is not None:
        pad = v.vad_pad_ms

        def vad_options(**kw: Any) -> Any:
            return keep(speech_pad_ms=pad, **kw)

        fv.VadOptions = vad_options  # type: ignore[misc,assignment]  # a study swaps the class for a padded factory, put back below
    try:
        t0 = time.perf_counter()
        result = tr.decode_long(str(wav), v.options)
        took = time.perf_counter() - t0
    finally:
        fv.VadOptions = keep  # type: ignore[misc]  # the class swapped above, put back
    hyps = by_turn(seg_words(result.segments), turns)
    return [(t.get("file", str(i)), t["text"], h) for i, (t, h) in enumerate(zip(turns, hyps))], took


def run_live(tr, corpus: str, v: Variant) -> tuple[list[tuple[str, str, str]], float]:
    from bienban_bench.live_feed import measure
    from transcribe.live import LiveOptions
    from transcribe.utterances import SegmenterOptions

    wav, turns = _joined(corpus)
    seg = SegmenterOptions()
    seg = replace(seg, **{k: val for k, val in v.how.items() if hasattr(seg, k)})
    options = LiveOptions(segmenter=seg, interim_every_s=None, decode=v.options)
    finals: list = []
    real = tr.decode
    if v.loudness_dbfs is not None:

        def decode(audio, options=DecodeOptions(), offset=0.0):  # type: ignore[no-untyped-def]  # stands in for tr.decode, whatever it accepts
            return real(louder(audio, v.loudness_dbfs), options, offset)

        tr.decode = decode
    try:
        report = measure(wav, tr, options, 0, {"turns": turns}, False, on_final=finals.append)
    finally:
        tr.decode = real
    hyps = by_turn(seg_words([s for f in finals for s in f.segments]), turns)
    took = sum(f.decode_s for f in finals)
    print(f"  live rtf {report.rtf} missed {report.missed_turns}", flush=True)
    return [(t.get("file", str(i)), t["text"], h) for i, (t, h) in enumerate(zip(turns, hyps))], took


RUNNERS = {"clip": run_clip, "batched": run_batched, "live": run_live}


def cache(path: str, corpus: str, name: str) -> Path:
    return OUT / f"{path}.{corpus}.{name}.json"


def counts(items: list[tuple[str, str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Per clip: syllable errors (S + D + I) and reference syllables."""
    err, n = [], []
    for _, ref, hyp in items:
        r, h = normalize(ref), normalize(hyp)
        if not r:
            err.append(0)
            n.append(0)
            continue
        o = jiwer.process_words(r, h or "<empty>") if h else None
        err.append(len(r.split()) if o is None else o.substitutions + o.deletions + o.insertions)
        n.append(len(r.split()))
    return np.array(err, float), np.array(n, float)


def halves(size: int) -> dict[str, np.ndarray]:
    idx = np.arange(size)
    return {"decide": idx[idx % 2 == 0], "held-out": idx[idx % 2 == 1]}


def paired_ci(ea: np.ndarray, eb: np.ndarray, n: np.ndarray, seed: int = 18) -> tuple[float, float, float]:
    """WER(b) − WER(a) and its 95 % paired bootstrap interval over clips."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, n.size, (BOOT, n.size))
    d = (eb[pick].sum(1) - ea[pick].sum(1)) / n[pick].sum(1)
    lo, hi = np.percentile(d, [2.5, 97.5])
    return float((eb.sum() - ea.sum()) / n.sum()), float(lo), float(hi)


def load(path: str, corpora: list[str], name: str) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray], float]:
    """Errors and lengths over the corpora (concatenated), each corpus halved by its own index."""
    es, ns, sel, took, off = [], [], {"decide": [], "held-out": []}, 0.0, 0
    for c in corpora:
        data = json.loads(cache(path, c, name).read_text(encoding="utf-8"))
        e, n = counts([tuple(x) for x in data["items"]])
        es.append(e)
        ns.append(n)
        for k, ix in halves(e.size).items():
            sel[k].append(ix + off)
        off += e.size
        took += data["seconds"]
    return np.concatenate(es), np.concatenate(ns), {k: np.concatenate(v) for k, v in sel.items()}, took


def report(path: str, corpora: list[str], names: list[str]) -> None:
    base = load(path, corpora, names[0])
    print(f"path {path}, corpora {'+'.join(corpora)}, against {names[0]}; Δ = WER(variant) − WER(base), 95 % paired bootstrap CI")
    print("| variant | decide WER | Δ decide [CI] | held-out WER | Δ held-out [CI] | decode s |")
    print("|---|---|---|---|---|---|")
    for name in names:
        try:
            e, n, sel, took = load(path, corpora, name)
        except FileNotFoundError:
            continue
        cells = []
        for k in ("decide", "held-out"):
            ix = sel[k]
            wer = e[ix].sum() / n[ix].sum()
            d, lo, hi = paired_ci(base[0][ix], e[ix], n[ix])
            mark = "**" if hi < 0 or lo > 0 else ""
            cells += [f"{wer:.4f}", f"{mark}{d:+.4f} [{lo:+.4f}, {hi:+.4f}]{mark}"]
        print(f"| {name} | " + " | ".join(cells) + f" | {took:.0f} |")


def _align(pivot: list[str], other: list[str]) -> list[tuple[int, str]]:
    """``other``'s words placed against ``pivot`` (Levenshtein): ``(slot, word)`` with slot
    ``2 * i + 1`` for pivot word ``i`` and ``2 * i`` for an insertion before it ("" = deleted)."""
    n, m = len(pivot), len(other)
    cost = np.zeros((n + 1, m + 1), int)
    cost[:, 0], cost[0, :] = np.arange(n + 1), np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(cost[i - 1, j] + 1, cost[i, j - 1] + 1, cost[i - 1, j - 1] + (pivot[i - 1] != other[j - 1]))
    out: list[tuple[int, str]] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (pivot[i - 1] != other[j - 1]):
            out.append((2 * (i - 1) + 1, other[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            out.append((2 * (i - 1) + 1, ""))
            i -= 1
        else:
            out.append((2 * i, other[j - 1]))
            j -= 1
    return out[::-1]


def rover(hyps: list[str]) -> str:
    """ROVER-style vote over normalised hypotheses aligned to the first (the pivot): each slot
    takes the word most hypotheses put there; a tie keeps the pivot's."""
    words = [normalize(h).split() for h in hyps]
    pivot = words[0]
    slots: dict[int, list[str]] = {2 * i + 1: [w] for i, w in enumerate(pivot)}
    inserted: dict[int, list[list[str]]] = {}
    for other in words[1:]:
        got: dict[int, list[str]] = {}
        for slot, w in _align(pivot, other):
            got.setdefault(slot, []).append(w)
        for slot in range(2 * len(pivot) + 1):
            if slot % 2:
                slots[slot] += got.get(slot, [""])
            elif slot in got:
                inserted.setdefault(slot, []).append(got[slot])
    out: list[str] = []
    for slot in range(2 * len(pivot) + 1):
        if slot % 2:
            votes = slots[slot]
            best = max(set(votes), key=lambda w: (votes.count(w), w == votes[0]))
            if best:
                out.append(best)
        elif slot in inserted and 2 * len(inserted[slot]) > len(words):
            out += inserted[slot][0]  # inserted by a majority of all hypotheses
    return " ".join(out)


def rover_run(path: str, corpora: list[str], names: list[str]) -> None:
    """Cache a ROVER combination of cached runs as the variant ``rover:a+b+c``."""
    for c in corpora:
        runs = [json.loads(cache(path, c, n).read_text(encoding="utf-8")) for n in names]
        items = [(x[0], x[1], rover([r["items"][k][2] for r in runs])) for k, x in enumerate(runs[0]["items"])]
        out = {"items": items, "seconds": sum(r["seconds"] for r in runs)}
        cache(path, c, "rover:" + "+".join(names)).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    cmd, path, corpora, names = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
    if cmd == "report":
        report(path, corpora, names)
        return
    if cmd == "rover":
        rover_run(path, corpora, names)
        return
    import transcribe.engine as engine

    tr = engine.Transcriber()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        for corpus in corpora:
            out = cache(path, corpus, name)
            if out.exists():
                continue
            cpu0 = time.process_time()
            items, took = RUNNERS[path](tr, corpus, PATHS[path][name])
            cpu = time.process_time() - cpu0
            out.write_text(json.dumps({"items": items, "seconds": took, "cpu_s": cpu}, ensure_ascii=False), encoding="utf-8")
            e, n = counts(items)
            load = os.getloadavg()[0]
            print(
                f"{path} {corpus} {name}: WER {e.sum() / n.sum():.4f}  {took:.1f} s, {cpu:.1f} s CPU  load {load:.1f}", flush=True
            )


if __name__ == "__main__":
    main()
