"""``bienban record`` / ``recover`` / ``devices`` in subprocesses: disk full, PortAudio missing."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from recorder_audio import read_wav

from minutes_tui import texts

BIENBAN = [sys.executable, "-m", "minutes_tui"]


def bienban(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*BIENBAN, *args], capture_output=True, text=True, timeout=120, **kw)


def first_words(template: str) -> str:
    return template.split("{")[0][:40]


def test_disk_full_stops_cleanly_and_keeps_a_valid_file(tmp_path, speech):
    limit = 100_000  # bytes: about 3 s of audio, the file is 11 s long

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    meeting = tmp_path / "m"
    out = bienban("record", "--meeting", str(meeting), "--file", str(speech.full), "--speed", "0", preexec_fn=small_disk)
    assert out.returncode == 2, out.stderr
    assert first_words(texts.ERRORS["disk_full"]) in out.stderr
    assert "Traceback" not in out.stderr
    audio = Path(out.stdout.strip())
    assert audio == meeting / "audio.wav" and not (meeting / "audio.journal.wav").exists()
    kept = read_wav(audio)
    assert 0 < audio.stat().st_size <= limit and kept.size >= 2 * 16000
    np.testing.assert_allclose(kept, speech.audio["full"][: kept.size], atol=1.5 / 32767)


def test_a_second_record_refuses_to_overwrite(tmp_path, speech):
    meeting = tmp_path / "m"
    assert bienban("record", "--meeting", str(meeting), "--file", str(speech.four), "--speed", "0").returncode == 0
    before = (meeting / "audio.wav").read_bytes()
    out = bienban("record", "--meeting", str(meeting), "--file", str(speech.four), "--speed", "0")
    assert out.returncode == 2 and first_words(texts.ERRORS["recording_exists"]) in out.stderr
    assert (meeting / "audio.wav").read_bytes() == before
    out = bienban("record", "--meeting", str(meeting), "--file", str(speech.four), "--speed", "0", "--append")
    assert out.returncode == 0 and read_wav(meeting / "audio.wav").size == 2 * speech.audio["four"].size


def test_portaudio_missing_is_a_clear_message(tmp_path):
    # The real sounddevice import path, on a system where the PortAudio library cannot be found.
    code = (
        "import ctypes.util, sys; ctypes.util.find_library = lambda name: None\n"
        "from minutes_tui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "devices"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert out.returncode == 2
    assert first_words(texts.ERRORS["portaudio_missing"]) in out.stderr and "Traceback" not in out.stderr


def test_recover_without_a_recording_says_so(tmp_path):
    out = bienban("recover", str(tmp_path))
    assert out.returncode == 2 and first_words(texts.ERRORS["nothing_to_recover"]) in out.stderr


def test_ctrl_c_stops_and_prints_the_audio_path(tmp_path, speech):
    meeting = tmp_path / "m"
    proc = subprocess.Popen(
        [*BIENBAN, "record", "--meeting", str(meeting), "--file", str(speech.full)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    journal = meeting / "audio.journal.wav"
    deadline = time.monotonic() + 60
    while not (journal.exists() and journal.stat().st_size > 44 + 32000):  # a second of audio
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert Path(out.strip()) == meeting / "audio.wav" and first_words(texts.REC_SAVED) in err
    kept = read_wav(meeting / "audio.wav")
    assert 16000 <= kept.size < speech.audio["full"].size
