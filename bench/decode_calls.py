"""Where ``decode_long``'s time and memory go: every CTranslate2 call (encode, generate, align)
with its batch, its decoding steps, its wall and CPU time, and the process's peak RSS while it
ran (issue 16).

    .venv/bin/python bench/decode_calls.py AUDIO [--workers N] [--batch B] [--stop-after S]

RSS is sampled every 5 ms from /proc (Linux); with two decoders side by side a call's peak
includes what the other decoder held at the time.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from bienban_bench.live_report import vocabulary_of_truth
from transcribe.engine import Transcriber
from transcribe.longform import LongformOptions, cap_arenas, decode_long
from transcribe.vocabulary import VocabularyPass, tokenizer_counter


class _Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        with open("/proc/self/statm") as f:
            while True:
                f.seek(0)
                self.samples.append((time.perf_counter(), int(f.read().split()[1]) * page // 2**20))
                time.sleep(0.005)

    def peak(self, a: float, b: float) -> int:
        return max([r for t, r in self.samples if a <= t <= b] or [0])


def _watch(transcriber: Transcriber, calls: list) -> None:
    """Record every call of the model's encode, generate and align."""
    inner = transcriber.model.model

    class Watched:
        def __getattr__(self, name):
            return getattr(inner, name)

    def timed(name, fn):
        def call(*args, **kwargs):
            began, cpu = time.perf_counter(), time.thread_time()
            result = fn(*args, **kwargs)
            if name == "generate":
                detail = (
                    f"batch {len(args[1])}, {max(len(r.sequences_ids[0]) for r in result)} steps, beam {kwargs.get('beam_size')}"
                )
            elif name == "align":
                detail = f"batch {len(args[2])}, {max(len(t) for t in args[2])} tokens"
            else:
                detail = f"shape {tuple(result.shape)}"
            calls.append((name, began, time.perf_counter(), time.thread_time() - cpu, detail, threading.current_thread().name))
            return result

        return call

    watched = Watched()
    for name in ("encode", "generate", "align"):
        setattr(watched, name, timed(name, getattr(inner, name)))
    transcriber.model.model = watched


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("audio")
    ap.add_argument("--workers", type=int, default=None, help="default: Transcriber.for_recordings()")
    ap.add_argument("--batch", type=int, default=LongformOptions().batch_size)
    ap.add_argument(
        "--vocabulary", metavar="TRUTH_JSON", help="with the vocabulary pass, the meeting's vocabulary taken from this truth.json"
    )
    ap.add_argument("--stop-after", type=float, default=None, help="seconds, then stop after the batch")
    a = ap.parse_args()
    sampler = _Sampler()
    sampler.start()
    if a.workers is None:
        transcriber = Transcriber.for_recordings()
    else:
        if a.workers > 1:
            cap_arenas()
        transcriber = Transcriber(workers=a.workers)
    calls: list = []
    _watch(transcriber, calls)
    stop = threading.Event()
    if a.stop_after:
        threading.Timer(a.stop_after, stop.set).start()
    began, cpu = time.perf_counter(), time.process_time()
    vocabulary = None
    if a.vocabulary:
        truth = json.loads(Path(a.vocabulary).read_text(encoding="utf-8"))
        vocabulary = VocabularyPass.of(vocabulary_of_truth(truth), tokenizer_counter(transcriber))
    out = decode_long(transcriber, a.audio, vocabulary=vocabulary, longform=LongformOptions(batch_size=a.batch), stop=stop)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    for name, t0, t1, thread_cpu, detail, thread in calls:
        print(
            f"{t0 - began:7.2f} {thread:9} {name:8} {t1 - t0:6.2f} s wall {thread_cpu:6.2f} s CPU of its thread  peak {sampler.peak(t0, t1)} MiB  {detail}"
        )
    for name in ("encode", "generate", "align"):
        mine = [c for c in calls if c[0] == name]
        print(f"{name}: {len(mine)} calls, {sum(c[2] - c[1] for c in mine):.2f} s wall")
    print(
        f"workers {transcriber.workers}, batch {a.batch}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak {max(r for _, r in sampler.samples)} MiB, {len(out.segments)} segments, rescued {out.rescued}"
    )


if __name__ == "__main__":
    main()
