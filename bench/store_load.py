"""Meeting store: load time of a long meeting and commit time of single edits.

    .venv/bin/python bench/store_load.py [--segments 2500] [--petitions 60] [--edits 300] [--json]

Builds a meeting like a three-hour dialogue conference (2,500 segments of ~15 words with word
timings, 80 participants, 60 petitions with outcomes, 40 notes, 500 edits of history) in a
temporary folder, then measures:
- ``MeetingStore.load()`` on the open store and ``read_meeting`` (open + load), 20 times each;
- single edits as the secretary makes them (text, tag, speaker, outcome, merge, split), each
  one committed to disk (WAL, synchronous=FULL) before the call returns; and undo.
Targets (issue 5): load <= 0.3 s, single edit <= 5 ms median.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes_tui.meeting import Field, Meeting, MeetingStore, Outcome, OutcomeKind, connection, read_meeting  # noqa: E402

WORDS = "ông bà con tổ dân phố đề nghị phường xem xét giải quyết việc đường ngập nước mỗi khi mưa to".split()


def build(folder: Path, n_segments: int, n_petitions: int, rng: random.Random) -> MeetingStore:
    """A long meeting with everything the secretary would have entered."""
    store = MeetingStore.create(folder, Meeting("Hội nghị đối thoại", planned_start=datetime(2026, 3, 7, 8)))
    people = [store.add_participant(f"Người {i}", group=f"Tổ dân phố {i % 12}") for i in range(80)]
    recognised = []
    t = 0.0
    for _ in range(n_segments):
        n = rng.randint(8, 22)
        words = [
            SimpleNamespace(start=t + k * 0.3, end=t + k * 0.3 + 0.28, word=" " + rng.choice(WORDS), probability=rng.random())
            for k in range(n)
        ]
        recognised.append(
            SimpleNamespace(start=t, end=t + n * 0.3, text="".join(w.word for w in words), avg_logprob=-0.4, words=words)
        )
        t += n * 0.3 + 0.5
    store.add_recognised_many(recognised, "base")
    ids = [s.id for s in store.load().segments]
    for i in range(0, n_segments, 3):
        store.set_speaker(ids[i], rng.choice(people).id)
    kinds = list(OutcomeKind)
    for i in range(n_petitions):
        at = rng.randrange(len(ids) - 3)
        p = store.add_petition(
            f"Kiến nghị {i}", raised_by=rng.choice(people).id, field=rng.choice(list(Field)), segment_ids=ids[at : at + 2]
        )
        store.set_outcome(p.id, Outcome(rng.choice(kinds), answer="Trả lời", responsible="Địa chính", segment_ids=(ids[at + 2],)))
    for i in range(40):
        store.add_note(f"Ghi chú {i}", time=rng.random() * t)
    return store


CPU: dict[str, list[float]] = {}


def timed(fn, repeat: int, label: str = "") -> list[float]:
    """Wall times of ``repeat`` calls; the process CPU times go to ``CPU[label]`` (the machine is shared)."""
    out = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        out.append(time.perf_counter() - t0)
        CPU.setdefault(label, []).append(time.process_time() - c0)
    return out


def edits(store: MeetingStore, n: int, rng: random.Random) -> dict[str, list[float]]:
    """Time single edits of each kind."""
    ids = [s.id for s in store.load().segments]
    people = [p.id for p in store.load().participants]
    petitions = [p.id for p in store.load().petitions]
    untagged = rng.sample(ids, len(ids))
    ops = {
        "edit_text": lambda: store.edit_text(rng.choice(ids), f"sửa {rng.random()}"),
        "tag": lambda: store.tag(untagged.pop(), "important"),  # always a change, never a no-op
        "set_speaker": lambda: store.set_speaker(rng.choice(ids), rng.choice(people)),
        "set_outcome": lambda: store.set_outcome(
            rng.choice(petitions), Outcome(OutcomeKind.PROMISED, responsible=str(rng.random()))
        ),
        "undo": store.undo,
    }
    times: dict[str, list[float]] = {k: [] for k in (*ops, "split", "merge")}
    for _ in range(n // len(ops)):
        for name, op in ops.items():
            times[name].extend(timed(op, 1, "edit"))
    for _ in range(n // 10):
        seg = store.segment(rng.choice(ids))
        pair: list = []
        times["split"].extend(
            timed(lambda seg=seg, pair=pair: pair.extend(store.split_segment(seg.id, len(seg.text) // 2)), 1, "edit")
        )
        times["merge"].extend(timed(lambda pair=pair: store.merge_segments(pair[0].id, pair[1].id), 1, "edit"))
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=2500)
    ap.add_argument("--petitions", type=int, default=60)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument(
        "--synchronous",
        choices=["FULL", "NORMAL"],
        default=connection.SYNCHRONOUS,
        help="SQLite synchronous mode (the store uses FULL)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    connection.SYNCHRONOUS = args.synchronous
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "meeting"
        store = build(folder, args.segments, args.petitions, rng)
        for _ in range(500 // 4):  # history as after a morning's review
            store.tag(rng.choice([s.id for s in store.load().segments[:50]]), "question", on=rng.random() < 0.5)
        size = sum(f.stat().st_size for f in folder.iterdir())
        load = timed(store.load, 20, "load")
        edit_times = edits(store, args.edits, rng)
        store.close()
        cold = timed(lambda: read_meeting(folder), 20, "read_meeting")
        reopen = timed(lambda: MeetingStore.open(folder).close(), 10)
    result = {
        "segments": args.segments,
        "petitions": args.petitions,
        "store_bytes": size,
        "load_median_s": statistics.median(load),
        "load_max_s": max(load),
        "read_meeting_median_s": statistics.median(cold),
        "read_meeting_max_s": max(cold),
        "open_for_writing_median_s": statistics.median(reopen),
        "edits_ms": {
            k: {"median": 1000 * statistics.median(v), "p95": 1000 * sorted(v)[int(0.95 * (len(v) - 1))], "n": len(v)}
            for k, v in edit_times.items()
        },
    }
    all_edits = [t for k, v in edit_times.items() for t in v]
    result["all_edits_median_ms"] = 1000 * statistics.median(all_edits)
    result["cpu_median_ms"] = {k: 1000 * statistics.median(v) for k, v in CPU.items()}
    result["synchronous"] = args.synchronous
    result["load_average"] = os.getloadavg()
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"meeting: {args.segments} segments, {args.petitions} petitions, store {size / 1e6:.1f} MB, "
        f"synchronous={args.synchronous}, load average {result['load_average'][0]:.1f}"
    )
    print(f"load (open store):   median {result['load_median_s']:.3f} s, max {result['load_max_s']:.3f} s   (target <= 0.3 s)")
    print(f"read_meeting (cold): median {result['read_meeting_median_s']:.3f} s, max {result['read_meeting_max_s']:.3f} s")
    print(f"open for writing:    median {result['open_for_writing_median_s']:.3f} s")
    print(f"single edit, all kinds: median {result['all_edits_median_ms']:.1f} ms   (target <= 5 ms)")
    for k, v in result["edits_ms"].items():
        print(f"  {k:12s} median {v['median']:5.1f} ms  p95 {v['p95']:5.1f} ms  (n={v['n']})")
    cpu = result["cpu_median_ms"]
    print(f"CPU time, median: load {cpu['load']:.0f} ms, read_meeting {cpu['read_meeting']:.0f} ms, edit {cpu['edit']:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
