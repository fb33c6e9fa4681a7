"""Terminal app speed: opening a long meeting in review, and key-to-screen while live transcription runs.

    .venv/bin/python bench/tui_speed.py [--segments 2500] [--repeat 5] [--keys 120] [--json]

1. Review open: a meeting of 2,500 segments (built with bench/store_load.py's builder: word
   timings, petitions, participants) opened in the review screen; time from pushing the screen
   until the transcript holds every segment and the app is idle (rendered). Target ≤ 1.5 s.
2. Key-to-screen: ``bienban demo`` (the bundled recording replayed in real time, the real Whisper
   base model transcribing it live); keys the secretary uses (arrows, speaker digits, petition /
   promise tags) pressed one by one; time from the key press until the app is idle again (the
   handler ran, the store write committed and the screen refreshed). Target p95 ≤ 50 ms. The same
   keys on the review screen with nothing running give the baseline of this machine.
Headless (Textual's test driver): the compositor renders, output is discarded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from minutes_tui import messages  # noqa: E402
from minutes_tui.app import build_app  # noqa: E402
from minutes_tui.app_config import AppConfig  # noqa: E402
from minutes_tui.screens.review import ReviewScreen  # noqa: E402
from minutes_tui.widgets.transcript import TranscriptView  # noqa: E402

KEYS = ["up", "up", "3", "p", "down", "1", "h", "up", "2", "down", "p", "p", "down", "4", "up", "a", "a"]


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


async def review_open(root: Path, folder: Path, repeat: int) -> list[float]:
    """Seconds from pushing the review screen to a rendered, idle transcript."""
    app = build_app(AppConfig(meetings_dir=root, play_audio=False))
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            await app.push_screen(ReviewScreen(folder))
            view = app.screen.query_one(TranscriptView)
            await pilot.pause()
            times.append(time.perf_counter() - t0)
            CPU.setdefault("review_open", []).append(time.process_time() - c0)
            assert len(view.segments) >= 2500 and view.option_count, len(view.segments)
            await app.pop_screen()
            await pilot.pause()
    return times


#: Process CPU seconds per measurement, by kind (the machine is shared: wall time is noisy).
CPU: dict[str, list[float]] = {}


async def press_keys(pilot, view: TranscriptView, n: int, label: str) -> list[float]:
    """Press ``n`` keys from KEYS; seconds from each press until the app is idle again."""
    times = []
    for i in range(n):
        key = KEYS[i % len(KEYS)]
        t0, c0 = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - t0)
        CPU.setdefault(label, []).append(time.process_time() - c0)
    return times


async def keys_while_live(root: Path, n: int) -> tuple[list[float], int]:
    """Key-to-screen times during ``bienban demo`` with the real model; also how many segments arrived."""
    finals = []
    app = build_app(AppConfig(meetings_dir=root, demo=True, play_audio=False))
    async with app.run_test(size=(100, 30), message_hook=lambda m: finals.append(1) if isinstance(m, messages.FinalSegment) else None) as pilot:
        view = app.screen.query_one(TranscriptView)
        while view.option_count < 4:  # wait until the model is loaded and text flows
            await asyncio.sleep(0.2)
        times = await press_keys(pilot, view, n, "keys_live")
        await app.action_quit()
    return times, len(finals)


async def keys_idle(root: Path, folder: Path, n: int) -> list[float]:
    """The same keys on the review screen with nothing running in the background."""
    app = build_app(AppConfig(meetings_dir=root, play_audio=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ReviewScreen(folder))
        await pilot.pause()
        return await press_keys(pilot, app.screen.query_one(TranscriptView), n, "keys_idle")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=2500)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keys", type=int, default=120)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    from store_load import build

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "meetings"
        folder = root / "long"
        build(folder, a.segments, 60, random.Random(7)).close()
        opened = asyncio.run(review_open(root, folder, a.repeat))
        idle = asyncio.run(keys_idle(root, folder, a.keys))
        live, finals = asyncio.run(keys_while_live(root, a.keys))
    result = {
        "load_avg": os.getloadavg()[0],
        "review_open_s": {"median": statistics.median(opened), "max": max(opened), "runs": len(opened)},
        "keys_idle_ms": {"median": 1000 * statistics.median(idle), "p95": 1000 * p95(idle), "n": len(idle)},
        "keys_live_ms": {"median": 1000 * statistics.median(live), "p95": 1000 * p95(live), "n": len(live),
                         "segments_during": finals},
    }
    result["cpu_ms_median"] = {k: 1000 * statistics.median(v) for k, v in CPU.items()}
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"load average {result['load_avg']:.1f}")
        print(f"review open ({a.segments} segments): median {result['review_open_s']['median']:.3f} s, max {result['review_open_s']['max']:.3f} s")
        print(f"keys, idle review: median {result['keys_idle_ms']['median']:.1f} ms, p95 {result['keys_idle_ms']['p95']:.1f} ms")
        print(f"keys, live demo + model: median {result['keys_live_ms']['median']:.1f} ms, p95 {result['keys_live_ms']['p95']:.1f} ms "
              f"({finals} segments arrived during the run)")
        print("process CPU per measurement, median (ms):", {k: round(v, 1) for k, v in result["cpu_ms_median"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
