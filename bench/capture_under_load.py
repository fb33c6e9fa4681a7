"""Capture from the PulseAudio null sink while Whisper base transcribes on both cores.

    .venv/bin/python bench/capture_under_load.py [--duration 600] [--no-load] [--json]

Plays human speech (the eval clips, looped) into the null sink ``meet`` of a PulseAudio server
started for the run (the shared test server may be stopped by tests), with ``paplay``; records its
monitor through the ALSA ``pulse`` device with ``recorder.Recording`` + ``MicSource``, and at the
same time decodes the eval clips over and over with the bundled Whisper base model
(``cpu_threads=2``) in the same process, as the live transcription would. Reports input
overflows (must be 0), journal lag (block reaching the journal → its fsync done), the CPU used by
the capture threads (PortAudio callback, conversion, writer), and checks that the captured audio
is the audio played.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
EVAL = REPO.parent / "shared" / "eval"
RATE = 16000


def speech_track(seconds: float, out: Path) -> np.ndarray:
    """The eval clips, looped to ``seconds``, written to ``out`` (16 kHz mono WAV)."""
    from bienban_base.audio import load_audio

    clips = [load_audio(p) for p in sorted((EVAL / "fosd_dev").glob("*.flac"))]
    track = np.concatenate(clips * int(seconds // (sum(c.size for c in clips) / RATE) + 1))[: int(seconds * RATE)]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(RATE)
        w.writeframes(np.clip(np.rint(track * 32767), -32768, 32767).astype("<i2").tobytes())
    return track


def private_server(runtime: Path) -> dict[str, str]:
    """Start a PulseAudio server of our own (null sink ``meet``) so other users of the shared one
    cannot disturb the measurement; return the environment that points libpulse at it."""
    env = {**os.environ, "PULSE_RUNTIME_PATH": str(runtime), "PULSE_SERVER": f"unix:{runtime}/native"}
    subprocess.run(
        [
            "pulseaudio",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=meet",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
        time.sleep(0.05)
    subprocess.run(["pactl", "set-default-source", "meet.monitor"], env=env, check=True)
    os.environ["PULSE_SERVER"] = env["PULSE_SERVER"]  # PortAudio's ALSA "pulse" device, in this process
    return env


def whisper_load(stop: threading.Event, ready: threading.Event, decoded: list[float]) -> None:
    """Decode the eval clips with Whisper base on 2 threads until ``stop``."""
    from bienban_base.audio import load_audio
    from transcribe.engine import Transcriber

    transcriber = Transcriber(cpu_threads=2)
    clips = [load_audio(p) for p in sorted((EVAL / "cv_vi_dev").glob("*.mp3"))]
    ready.set()
    while not stop.is_set():
        for clip in clips:
            if stop.is_set():
                return
            transcriber.decode(clip)
            decoded.append(clip.size / RATE)


def thread_cpu(ids: dict[str, int | None]) -> dict[str, float]:
    """CPU seconds (user + system) of the named native threads."""
    times = {t.id: t.user_time + t.system_time for t in psutil.Process().threads()}
    return {name: times.get(tid, float("nan")) for name, tid in ids.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of audio to capture")
    parser.add_argument("--no-load", action="store_true", help="no Whisper decoding alongside")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    work = Path(tempfile.mkdtemp(prefix="bienban-bench-"))
    (work / "pulse").mkdir()
    env = private_server(work / "pulse")
    from recorder import MicSource, Recording

    track = speech_track(args.duration, work / "track.wav")
    stop, ready, decoded = threading.Event(), threading.Event(), []
    load = threading.Thread(target=whisper_load, args=(stop, ready, decoded), daemon=True)
    if not args.no_load:
        load.start()
        ready.wait()  # the model is loaded before the clock starts
    mic = MicSource("pulse")
    events: list[object] = []
    rec = Recording(work / "meeting", mic, on_event=events.append)
    lags: list[float] = []
    rec.add_consumer(lambda block, start: None, "meter")
    rec.start()
    while rec.elapsed_seconds < 0.2:
        time.sleep(0.05)
    ids = {"callback": mic.callback_thread_id, "conversion": mic.worker_thread_id, "writer": rec.writer_thread_id}
    cpu0, wall0, proc0 = thread_cpu(ids), time.monotonic(), psutil.Process().cpu_times()
    player = subprocess.Popen(["paplay", "--device=meet", str(work / "track.wav")], env=env)
    while player.poll() is None:
        time.sleep(0.5)
        lags.append(rec.journal_stats.last_lag)
    time.sleep(0.5)
    ids_end = {"callback": mic.callback_thread_id, "conversion": mic.worker_thread_id, "writer": rec.writer_thread_id}
    # a reopened device has a new callback thread: count it from its start
    cpu = {k: v - (cpu0[k] if ids_end[k] == ids[k] else 0.0) for k, v in thread_cpu(ids_end).items()}
    wall = time.monotonic() - wall0
    proc = psutil.Process().cpu_times()
    audio_file = rec.stop()
    stop.set()
    if load.is_alive():
        load.join()  # CTranslate2 must not be decoding while the interpreter shuts down
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
    with wave.open(str(audio_file)) as w:
        captured = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32767
    probe = track[: 10 * RATE]
    n = 1 << int(np.ceil(np.log2(captured.size + probe.size)))
    xc = np.fft.irfft(np.fft.rfft(captured, n) * np.conj(np.fft.rfft(probe, n)), n)[: captured.size]
    lag = int(np.argmax(xc))
    part = captured[lag : lag + track.size]
    peak = float(np.dot(part, track[: part.size]) / (np.linalg.norm(part) * np.linalg.norm(track[: part.size]) + 1e-12))
    result = {
        "seconds_played": round(track.size / RATE, 1),
        "seconds_captured": round(captured.size / RATE, 1),
        "whisper_load": not args.no_load,
        "speech_decoded_seconds": round(sum(decoded), 1),
        "overflows": rec.overflow_count,
        "device_lost": sum(type(e).__name__ == "DeviceLost" for e in events),
        "gap_seconds": round(sum(getattr(e, "gap_seconds", 0.0) for e in events), 1),
        "journal_lag_max_s": round(rec.journal_stats.max_lag, 3),
        "journal_lag_p50_s": round(float(np.median(lags)), 3) if lags else None,
        "longest_fsync_s": round(rec.journal_stats.max_fsync, 3),
        "lags_over_1s": sum(x > 1.0 for x in lags),
        "fsyncs": rec.journal_stats.fsyncs,
        "capture_cpu_percent": {k: round(100 * v / wall, 2) for k, v in cpu.items()},
        "process_cpu_percent": round(100 * (proc.user + proc.system - proc0.user - proc0.system) / wall, 1),
        "correlation_with_played": round(peak, 4),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0 if result["overflows"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
