"""Terminal app speed: opening a long meeting in review, and key-to-screen while live transcription runs.

    .venv/bin/python bench/tui_speed.py [--segments 2500] [--repeat 5] [--keys 120] [--json]

1. Review open: a meeting of 2,500 segments (built with bench/store_load.py's builder: word
   timings, petitions, participants) opened in the review screen; time from pushing the screen
   until the transcript holds every segment and the app is idle (rendered). Target ≤ 1.5 s.
2. Key-to-screen: ``bienban demo`` (the bundled recording replayed in real time, the real Whisper
   base model transcribing it live); keys the secretary uses (arrows, speaker digits, petition /
   promise tags) pressed one by one; time from the app taking the key event until the screen
   refresh after its handler (the store write committed, the segment redrawn), measured inside
   the app. Target p95 ≤ 50 ms. The same keys on the review screen with nothing running give the
   baseline of this machine. CPU per key is the UI thread's own (``thread_time``).
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

from textual import events  # noqa: E402

from minutes_tui import messages  # noqa: E402
from minutes_tui.app import build_app  # noqa: E402
from minutes_tui.screens.review import ReviewScreen  # noqa: E402
from minutes_tui.widgets.transcript import TranscriptView  # noqa: E402
from minutes_tui.workflows.config import AppConfig  # noqa: E402

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
#: Seconds from the test driver's key press until the app is idle again (an upper bound: the
#: pilot's own round trip and, on a shared machine, waiting for a core are included).
ROUND_TRIP: dict[str, list[float]] = {}


class KeyClock:
    """Key-to-screen: from the moment the app takes a key event until the screen refresh after
    its handler (``call_after_refresh``), measured inside the app (a message hook)."""

    def __init__(self) -> None:
        self.app = None
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.done = asyncio.Event()
        self._last = None

    def __call__(self, message) -> None:
        # one key event is dispatched to several nodes (app, screen, focused widget): time it once
        if self.app is None or not isinstance(message, events.Key) or message is self._last:
            return
        self._last = message
        t0, c0 = time.perf_counter(), time.thread_time()

        def shown() -> None:
            self.times.append(time.perf_counter() - t0)
            self.cpu.append(time.thread_time() - c0)  # the UI thread only (the model runs in others)
            self.done.set()

        self.app.screen.call_after_refresh(shown)


async def press_keys(pilot, clock: KeyClock, n: int, label: str) -> list[float]:
    """Press ``n`` keys from KEYS one after another, each once the previous one reached the screen."""
    clock.app = pilot.app
    start = len(clock.times)
    round_trips = []
    for i in range(n):
        clock.done.clear()
        t0 = time.perf_counter()
        await pilot.press(KEYS[i % len(KEYS)])
        await asyncio.wait_for(clock.done.wait(), 30)
        await pilot.pause()  # until the app is idle: the render is certainly done
        round_trips.append(time.perf_counter() - t0)
    CPU[label] = clock.cpu[start:]
    ROUND_TRIP[label] = round_trips
    return clock.times[start:]


async def keys_while_live(root: Path, n: int) -> tuple[list[float], int]:
    """Key-to-screen times during ``bienban demo`` with the real model; also how many segments arrived."""
    clock = KeyClock()
    finals = []

    def hook(message) -> None:
        if isinstance(message, messages.FinalSegment):
            finals.append(1)
        clock(message)

    app = build_app(AppConfig(meetings_dir=root, demo=True, play_audio=False))
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        view = app.screen.query_one(TranscriptView)
        while view.option_count < 4:  # the model is loaded and text flows
            await asyncio.sleep(0.2)
        times = await press_keys(pilot, clock, n, "keys_live")
        await app.action_quit()
    return times, len(finals)


async def keys_idle(root: Path, folder: Path, n: int) -> list[float]:
    """The same keys on the review screen with nothing running in the background."""
    clock = KeyClock()
    app = build_app(AppConfig(meetings_dir=root, play_audio=False))
    async with app.run_test(size=(100, 30), message_hook=clock) as pilot:
        await app.push_screen(ReviewScreen(folder))
        await pilot.pause()
        return await press_keys(pilot, clock, n, "keys_idle")


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
        "keys_live_ms": {
            "median": 1000 * statistics.median(live),
            "p95": 1000 * p95(live),
            "n": len(live),
            "segments_during": finals,
        },
    }
    result["cpu_ms_median"] = {k: 1000 * statistics.median(v) for k, v in CPU.items()}
    result["round_trip_ms"] = {k: {"median": 1000 * statistics.median(v), "p95": 1000 * p95(v)} for k, v in ROUND_TRIP.items()}
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"load average {result['load_avg']:.1f}")
        print(
            f"review open ({a.segments} segments): median {result['review_open_s']['median']:.3f} s, max {result['review_open_s']['max']:.3f} s"
        )
        print(f"keys, idle review: median {result['keys_idle_ms']['median']:.1f} ms, p95 {result['keys_idle_ms']['p95']:.1f} ms")
        print(
            f"keys, live demo + model: median {result['keys_live_ms']['median']:.1f} ms, p95 {result['keys_live_ms']['p95']:.1f} ms "
            f"({finals} segments arrived during the run)"
        )
        print("CPU per measurement, median (ms):", {k: round(v, 1) for k, v in result["cpu_ms_median"].items()})
        print(
            "pilot round trip (press → app idle), ms:",
            {k: {m: round(x, 1) for m, x in v.items()} for k, v in result["round_trip_ms"].items()},
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
