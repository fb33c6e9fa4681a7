"""`bienban transcribe` against plain faster-whisper: same model, options and files, alternating.

    .venv/bin/python bench/transcribe_overhead.py [--rounds 3] [--json]

Each run is a fresh process (model load included, the same for both), so peak RSS is each
side's own. Prints the median wall-time and CPU-time ratios bienban / plain (CPU time is the
steadier figure on a shared machine) and both peak RSS figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"

PLAIN = """
import sys
from faster_whisper import WhisperModel
from transcribe.model import ensure_bundled
model = WhisperModel(str(ensure_bundled()), device="cpu", compute_type="int8", cpu_threads=int(sys.argv[2]))
segments, info = model.transcribe(sys.argv[1], language="vi", beam_size=5, vad_filter=True,
                                  condition_on_previous_text=False, word_timestamps=True)
print(sum(len(s.text) for s in segments))
"""


def make_long_file(out: Path) -> Path:
    """The human clips of fosd_dev joined with 1 s pauses: about three minutes of speech."""
    clips = sorted((EVAL / "fosd_dev").glob("*.flac"))
    wav = out / "joined.wav"
    args = ["sox"]
    silence = out / "pause.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(silence), "trim", "0", "1"], check=True)
    for c in clips:
        args += [str(c), str(silence)]
    subprocess.run(args + ["-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True)
    return wav


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    env_threads = {"BIENBAN_THREADS": str(a.threads)}
    os.environ.update(env_threads)
    with tempfile.TemporaryDirectory() as tmp:
        audio = make_long_file(Path(tmp))
        bienban = [
            str(Path(sys.executable).with_name("bienban")),
            "transcribe",
            str(audio),
            "--format",
            "json",
            "--no-progress",
            "--out",
            os.devnull,
        ]
        plain = [sys.executable, "-c", PLAIN, str(audio), str(a.threads)]
        rows = {"bienban": [], "plain": []}
        timed(plain)  # warm the page cache and the model files
        for r in range(a.rounds):
            order = [("plain", plain), ("bienban", bienban)] if r % 2 == 0 else [("bienban", bienban), ("plain", plain)]
            for name, cmd in order:
                rows[name].append(timed(cmd))
    ratios = [b[0] / p[0] for b, p in zip(rows["bienban"], rows["plain"])]
    cpu_ratios = [b[1] / p[1] for b, p in zip(rows["bienban"], rows["plain"])]
    result = {
        "audio": "fosd_dev joined (" + str(len(list((EVAL / "fosd_dev").glob("*.flac")))) + " clips)",
        "rounds": a.rounds,
        "plain_wall_s": [round(r[0], 2) for r in rows["plain"]],
        "bienban_wall_s": [round(r[0], 2) for r in rows["bienban"]],
        "plain_cpu_s": [round(r[1], 2) for r in rows["plain"]],
        "bienban_cpu_s": [round(r[1], 2) for r in rows["bienban"]],
        "time_ratio_median": round(statistics.median(ratios), 3),
        "cpu_ratio_median": round(statistics.median(cpu_ratios), 3),
        "plain_peak_rss_mb": round(max(r[2] for r in rows["plain"]), 1),
        "bienban_peak_rss_mb": round(max(r[2] for r in rows["bienban"]), 1),
    }
    print(json.dumps(result, indent=1) if a.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
