"""The real audio path: paplay into the PulseAudio null sink, capture its monitor via ALSA ``pulse``."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from recorder_audio import locate, read_wav

from minutes_tui import texts
from recorder import MicSource, Recording, audio_path, journal_path
from recorder import events as ev
from recorder.journal import HEADER_BYTES

pytestmark = pytest.mark.audio
RATE = 16000


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def loud_span(audio) -> float:
    """Seconds from the first to the last sample above -26 dBFS."""
    loud = (abs(audio) > 0.05).nonzero()[0]
    return (loud[-1] - loud[0]) / RATE


def test_captured_audio_matches_what_was_played(tmp_path, pulse, speech):
    rec = Recording(tmp_path, MicSource("pulse"))
    rec.start()
    wait_for(lambda: rec.elapsed_seconds > 0.3, 10, "the first frames")
    player = pulse.play(speech.four)
    assert player.wait(30) == 0
    time.sleep(0.5)
    captured = read_wav(rec.stop())
    reference = speech.audio["four"]
    lag, peak = locate(captured, reference)
    assert peak > 0.9, peak
    print(f"correlation {peak:.3f}, lag {lag / RATE:.2f} s")
    # the played clip's length, measured in the capture between its first and last loud sample
    assert abs(loud_span(captured[lag : lag + reference.size + RATE]) - loud_span(reference)) < 0.2
    assert rec.overflow_count == 0


@pytest.mark.parametrize("kill_points", [(6.0, 6.5, 7.5)])
def test_kill_9_loses_at_most_the_last_second(tmp_path, pulse, speech, kill_points):
    meetings = [tmp_path / f"kill{k}" for k in kill_points]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "minutes_tui", "record", "--meeting", str(m), "--device", "pulse"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=pulse.env,
        )
        for m in meetings
    ]
    try:

        def live(m: Path) -> bool:
            return journal_path(m).exists() and journal_path(m).stat().st_size > HEADER_BYTES + 3200

        wait_for(lambda: all(live(m) for m in meetings), 20, "all recorders capturing")
        player, began = pulse.play(speech.eight), time.monotonic()
        for proc, at in zip(procs, kill_points):
            time.sleep(max(0.0, began + at - time.monotonic()))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        player.wait(30)
    finally:
        for proc in procs:
            proc.kill()
    reference = speech.audio["eight"]
    for meeting, at in zip(meetings, kill_points):
        out = subprocess.run(
            [sys.executable, "-m", "minutes_tui", "recover", str(meeting)], capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 0, out.stderr
        captured = read_wav(audio_path(meeting))
        lag, peak = locate(captured, reference)
        speech_kept = (captured.size - lag) / RATE
        print(f"kill at {at} s: {speech_kept:.2f} s of speech kept, correlation {peak:.3f}")
        assert peak > 0.9 and speech_kept >= 5.0 and speech_kept >= at - 1.0, (at, speech_kept, peak)
        run = json.loads((meeting / "recording.json").read_text())["runs"][-1]
        assert run["end_reason"] == "interrupted" and run["end_sample"] == captured.size


def test_device_lost_then_back_continues_in_the_same_meeting(tmp_path, server_control, speech):
    events: list[object] = []
    lost, back = threading.Event(), threading.Event()

    def on_event(e: object) -> None:
        events.append(e)
        (lost if isinstance(e, ev.DeviceLost) else back if isinstance(e, ev.DeviceBack) else threading.Event()).set()

    rec = Recording(tmp_path, MicSource("pulse", retry_seconds=0.5), on_event=on_event)
    rec.start()
    wait_for(lambda: rec.elapsed_seconds > 1.0, 10, "the first second")
    server_control.kill()
    assert lost.wait(10), events
    before = rec.elapsed_seconds
    assert journal_path(tmp_path).stat().st_size >= HEADER_BYTES + 2 * int(before * RATE) - 2 * RATE
    time.sleep(1.0)  # the device stays away a while: the gap must show it
    assert rec.elapsed_seconds == before
    server_control.start()
    assert back.wait(20), events
    wait_for(lambda: rec.elapsed_seconds > before + 0.3, 10, "audio after the device came back")
    player = server_control.play(speech.four)
    assert player.wait(30) == 0
    time.sleep(0.3)
    captured = read_wav(rec.stop())
    _, peak = locate(captured[int(before * RATE) :], speech.audio["four"])
    assert peak > 0.9
    log = json.loads((tmp_path / "recording.json").read_text())
    assert [r["end_reason"] for r in log["runs"]] == ["device_lost", "stop"]
    gap = log["breaks"][0]
    assert gap["kind"] == "device_lost" and gap["seconds"] >= 1.0
    assert gap["at_sample"] == log["runs"][1]["start_sample"] == int(before * RATE)
    assert abs(next(e for e in events if isinstance(e, ev.DeviceBack)).gap_seconds - gap["seconds"]) < 0.01


def test_no_sound_server_means_no_device_exit_2(tmp_path, server_control):
    server_control.kill()
    out = subprocess.run(
        [sys.executable, "-m", "minutes_tui", "record", "--meeting", str(tmp_path / "m"), "--duration", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        env=server_control.env,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == texts.ERRORS["no_input_device"]
    assert not (tmp_path / "m" / "audio.wav").exists() and not journal_path(tmp_path / "m").exists()
