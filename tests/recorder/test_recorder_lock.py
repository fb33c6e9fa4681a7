"""One recorder per meeting: a second process cannot finish, append to or replace a live recording."""

from __future__ import annotations

import subprocess
import sys
import time
import wave

import numpy as np
import pytest
from recorder_audio import read_wav

from minutes_tui import texts

BIENBAN = [sys.executable, "-m", "minutes_tui"]


def bienban(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BIENBAN, *map(str, args)], capture_output=True, text=True, timeout=120)


def first_words(template: str) -> str:
    return template.split("{")[0][:40]


@pytest.mark.slow  # a 44 s recording runs while the refused commands are tried
def test_recover_append_and_import_refuse_while_a_recording_runs(tmp_path, speech):
    meeting = tmp_path / "m"
    # a quarter of real time (44 s): the three refused commands must all run while it records, however loaded the machine
    live = subprocess.Popen([*BIENBAN, "record", "--meeting", str(meeting), "--file", str(speech.full), "--speed", "0.25"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    journal = meeting / "audio.journal.wav"
    deadline = time.monotonic() + 60
    while not (journal.exists() and journal.stat().st_size > 44 + 16000) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert journal.exists(), live.communicate()
    busy = first_words(texts.ERRORS["recording_busy"])
    for attempt in (
        ["recover", meeting],
        ["record", "--meeting", meeting, "--append", "--file", speech.four, "--speed", "0"],
        ["import", speech.four, "--title", "x", "--meeting", meeting, "--no-progress"],
    ):
        out = bienban(*attempt)
        assert out.returncode == 2 and busy in out.stderr, (attempt, out.stderr)
        assert "Traceback" not in out.stderr
        assert journal.exists() and not (meeting / "audio.wav").exists()
    stdout, stderr = live.communicate(timeout=120)
    assert live.returncode == 0, stderr
    kept = read_wav(meeting / "audio.wav")  # a valid header for all of it: nothing froze it mid-way
    with wave.open(str(meeting / "audio.wav")) as w:
        assert w.getnframes() == kept.size == speech.audio["full"].size
    np.testing.assert_allclose(kept, speech.audio["full"], atol=1.5 / 32767)


def test_the_lock_dies_with_the_recorder(tmp_path, speech):
    """A killed recorder leaves no lock behind: recover works at once."""
    meeting = tmp_path / "m"
    live = subprocess.Popen([*BIENBAN, "record", "--meeting", str(meeting), "--file", str(speech.full), "--speed", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    journal = meeting / "audio.journal.wav"
    deadline = time.monotonic() + 60
    while not (journal.exists() and journal.stat().st_size > 44 + 16000) and time.monotonic() < deadline:
        time.sleep(0.1)
    live.kill()
    live.wait()
    out = bienban("recover", meeting)
    assert out.returncode == 0, out.stderr
    assert read_wav(meeting / "audio.wav").size >= 8000  # what the journal held when it was killed


def _killed_recording(tmp_path, speech):
    meeting = tmp_path / "m"
    live = subprocess.Popen([*BIENBAN, "record", "--meeting", str(meeting), "--file", str(speech.full), "--speed", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    journal = meeting / "audio.journal.wav"
    deadline = time.monotonic() + 60
    while not (journal.exists() and journal.stat().st_size > 44 + 16000) and time.monotonic() < deadline:
        time.sleep(0.1)
    live.kill()
    live.wait()
    return meeting


def test_a_corrupt_recording_json_gives_a_message_and_the_audio_is_recovered(tmp_path, speech):
    meeting = _killed_recording(tmp_path, speech)
    (meeting / "recording.json").write_text('{"runs": [{"start_sample": ', encoding="utf-8")
    out = bienban("recover", meeting)
    assert out.returncode == 0, out.stderr
    assert "recording.json bị hỏng" in out.stderr and "Traceback" not in out.stderr
    assert read_wav(meeting / "audio.wav").size >= 8000
    assert list(meeting.glob("recording.json.damaged-*"))
    out = bienban("record", "--meeting", meeting, "--append", "--file", speech.four, "--speed", "0")
    assert out.returncode == 0, out.stderr


def test_recover_killed_after_the_rename_completes_on_the_next_run(tmp_path, speech):
    import json

    meeting = _killed_recording(tmp_path, speech)
    log_before = (meeting / "recording.json").read_text(encoding="utf-8")
    assert json.loads(log_before)["runs"][-1]["end_sample"] is None
    # what a recover killed right after renaming the journal leaves: audio.wav, an open run
    from recorder.journal import finish_journal

    finish_journal(meeting)
    out = bienban("recover", meeting)
    assert out.returncode == 0, out.stderr
    run = json.loads((meeting / "recording.json").read_text(encoding="utf-8"))["runs"][-1]
    assert run["end_reason"] == "interrupted" and run["end_sample"] == read_wav(meeting / "audio.wav").size


def test_the_apps_continue_refuses_while_another_recorder_holds_the_meeting(tmp_path):
    """``Recording(append=True)`` is what the app's "continue" runs: it refuses and touches nothing."""
    import pytest

    from recorder import FileSource, Recording
    from recorder.errors import RecorderError
    from recorder.lock import RecordingLock

    meeting = tmp_path / "m"
    with RecordingLock(meeting):  # another process's recorder, as far as flock is concerned
        (meeting / "audio.journal.wav").write_bytes(b"RIFF live journal")
        with pytest.raises(RecorderError) as refused:
            Recording(meeting, FileSource(str(tmp_path / "none.wav")), append=True).start()
        assert refused.value.code == "recording_busy"
        assert (meeting / "audio.journal.wav").read_bytes() == b"RIFF live journal"
