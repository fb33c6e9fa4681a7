"""Whole processes, one run: plain batched faster-whisper against ``bienban import`` and the
default ``bienban retranscribe`` (issue 16), with WER, wall time and peak RSS.

    .venv/bin/python bench/import_speed.py DIR [DIR ...] [--rounds N] [--only import retranscribe] [--model base-vi]

Each DIR holds ``meeting.wav`` (+ ``truth.json`` for WER: ``make_meeting.py``,
``bench/join_clips.py``; ``bench/loop_clips.py`` makes a long one without truth). Per round and
file the three commands run one after the other (plain, import, retranscribe of the imported
meeting), so their ratios share the machine's load; CPU time (the child's rusage) is reported
beside wall time, as it moves less when the machine is shared; peak RSS is the process tree's,
sampled every 0.2 s (the timeline is kept, to show memory flat after the first window).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from transcribe.evaluate import score

BIN = Path(sys.executable).parent
BENCH = Path(__file__).resolve().parent


def run(cmd: list[str]) -> dict:
    """Run ``cmd``; its wall time, peak RSS (MB) and an RSS sample every ~30 s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    ps, peak, timeline, last = psutil.Process(proc.pid), 0, [], -30.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)  # the child's CPU time, when it ends
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            break
        try:
            rss = sum(p.memory_info().rss for p in [ps, *ps.children(recursive=True)])
        except psutil.Error:
            rss = 0
        peak = max(peak, rss)
        now = time.perf_counter() - t0
        if now - last >= 30:
            timeline.append((round(now), round(rss / 2**20)))
            print(
                f"  {Path(cmd[1]).name} {cmd[2] if len(cmd) > 2 else ''}: {timeline[-1][0]} s, {timeline[-1][1]} MB, peak {round(peak / 2**20)} MB",
                file=sys.stderr,
                flush=True,
            )
            last = now
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode:
        raise SystemExit(f"{cmd} failed:\n{err[-2000:]}")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(peak / 2**20),
        "rss_timeline": timeline,
    }


def meeting_text(folder: Path) -> str:
    from minutes_tui.meeting.store import MeetingStore

    with MeetingStore.open(folder) as store:
        return " ".join(s.text for s in store.load().segments)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--only", nargs="+", default=["plain", "import", "retranscribe"], choices=["plain", "import", "retranscribe"])
    ap.add_argument("--model", default=None, help="the model all three use (default: bienban's default)")
    a = ap.parse_args()
    model = ["--model", a.model] if a.model else []
    result: dict = {
        "machine": {"cpus": os.cpu_count(), "threads": os.environ.get("BIENBAN_THREADS", "default")},
        "model": a.model,
    }
    for rnd in range(a.rounds):
        for d in map(Path, a.dirs):
            wav, truth_file = d / "meeting.wav", d / "truth.json"
            ref = None
            if truth_file.exists():
                ref = " ".join(t["text"] for t in json.loads(truth_file.read_text(encoding="utf-8"))["turns"])
            row = result.setdefault(d.name, {"rounds": []})
            figures: dict = {"load_before": round(os.getloadavg()[0], 2)}
            with tempfile.TemporaryDirectory() as tmp:
                meeting = Path(tmp) / "meeting"
                if "plain" in a.only:
                    out = Path(tmp) / "plain.json"
                    figures["plain"] = run(
                        [
                            str(BIN / "python"),
                            str(BENCH / "plain_batched.py"),
                            str(wav),
                            str(out),
                            *([a.model] if a.model else []),
                        ]
                    )
                    if ref:
                        figures["plain"]["wer"] = round(score([(ref, json.loads(out.read_text(encoding="utf-8"))["text"])])[0], 4)
                if "import" in a.only or "retranscribe" in a.only:
                    figures["import"] = run(
                        [
                            str(BIN / "bienban"),
                            "import",
                            str(wav),
                            "--title",
                            "Hội nghị đối thoại",
                            "--meeting",
                            str(meeting),
                            "--no-progress",
                            *model,
                        ]
                    )
                    if ref:
                        figures["import"]["wer"] = round(score([(ref, meeting_text(meeting))])[0], 4)
                if "retranscribe" in a.only:
                    figures["retranscribe"] = run([str(BIN / "bienban"), "retranscribe", str(meeting), *model])
                    if ref:
                        figures["retranscribe"]["wer"] = round(score([(ref, meeting_text(meeting))])[0], 4)
            if "plain" in figures:
                for k in ("import", "retranscribe"):
                    if k in figures:
                        figures[k]["vs_plain"] = round(figures[k]["wall_s"] / figures["plain"]["wall_s"], 2)
                        figures[k]["cpu_vs_plain"] = round(figures[k]["cpu_s"] / figures["plain"]["cpu_s"], 2)
            figures["load_after"] = round(os.getloadavg()[0], 2)
            row["rounds"].append(figures)
            print(
                rnd,
                d.name,
                json.dumps(
                    {
                        k: ({kk: vv for kk, vv in v.items() if kk != "rss_timeline"} if isinstance(v, dict) else v)
                        for k, v in figures.items()
                    }
                ),
                file=sys.stderr,
                flush=True,
            )
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
