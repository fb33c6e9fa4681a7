"""``bienban demo`` in a real terminal (tmux) with the real model: text appears, keys tag, quit asks and keeps it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.meeting import read_meeting
from minutes_tui.workflows.demo import DEMO_FOLDER, demo_root

pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.terminal]

REPO = Path(__file__).resolve().parents[2]
#: A transcript line: time, speaker, then text with at least one Vietnamese letter.
TRANSCRIPT_LINE = re.compile(
    r"^\s+\d+:\d\d .+: .*[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I | re.M
)


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _until(session: str, test, timeout: float) -> str:
    """Poll the terminal (an external process: there is no event to wait on) until ``test(screen)``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = _screen(session)
        if test(screen):
            return screen
        time.sleep(0.5)
    raise AssertionError(f"timed out; the terminal shows:\n{_screen(session)}")


def test_demo_in_tmux(tmp_path):
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: run scripts/setup-debian.sh")
    session = f"bienban-{uuid.uuid4().hex[:8]}"
    done = tmp_path / "exit-code"
    # a tmux server started earlier keeps its own environment: the frozen clock is passed on by name
    env = f"HF_HUB_OFFLINE=1 BIENBAN_DATA_DIR={tmp_path} TERM=xterm-256color {clock.ENV}={os.environ[clock.ENV]}"
    command = f"cd {REPO} && {env} {Path(sys.executable).parent}/bienban demo; echo $? > {done}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True)
    try:
        _until(session, lambda s: len(TRANSCRIPT_LINE.findall(s)) >= 2, timeout=240)
        subprocess.run(["tmux", "send-keys", "-t", session, "Up"], check=True)
        _until(session, lambda s: "f: theo dõi lại" in s, timeout=10)
        subprocess.run(["tmux", "send-keys", "-t", session, "3", "p"], check=True)
        _until(session, lambda s: "KIẾN NGHỊ #1" in s and "Lê Văn Sơn: " in s, timeout=10)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        _until(session, lambda s: texts.QUIT_RECORDING_CONFIRM in s, timeout=10)  # a recording is never ended by one key
        subprocess.run(["tmux", "send-keys", "-t", session, "y"], check=True)
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert done.exists(), f"the app did not quit:\n{_screen(session)}"
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert [p.name for p in (tmp_path / "meetings").iterdir()] == [DEMO_FOLDER]  # demos stay apart from her meetings
    (folder,) = list(demo_root(tmp_path / "meetings").iterdir())
    record = read_meeting(folder)
    son = next(p for p in record.participants if p.name == "Lê Văn Sơn")
    assert len(record.petitions) == 1
    petition = record.petitions[0]
    assert petition.raised_by == son.id
    tagged = next(s for s in record.segments if s.id == petition.segment_ids[0])
    assert "question" in tagged.tags and tagged.speaker_id == son.id
    audio = sorted(folder.glob("*.wav"))
    assert audio and os.path.getsize(audio[0]) > 44  # the recording was kept, not just its header


def test_closing_the_terminal_while_recording_finishes_the_audio_and_leaves_the_rest_to_transcribe(tmp_path):
    """Closing the window (tmux kill-session: SIGHUP, as a closed terminal sends) cannot ask: the
    recording is closed as after q and yes: a finished audio file, no journal, the rest marked."""
    from minutes_tui.workflows.importing import unfinished_import

    session = f"bienban-{uuid.uuid4().hex[:8]}"
    env = f"HF_HUB_OFFLINE=1 BIENBAN_DATA_DIR={tmp_path} TERM=xterm-256color {clock.ENV}={os.environ[clock.ENV]}"
    command = f"cd {REPO} && {env} exec {Path(sys.executable).parent}/bienban demo"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True)
    # the pane's process is bienban itself (exec): after the window closes, the test waits for it to end
    pid = int(subprocess.run(["tmux", "display", "-p", "-t", session, "#{pane_pid}"], capture_output=True, text=True).stdout)
    try:
        _until(session, lambda s: len(TRANSCRIPT_LINE.findall(s)) >= 1, timeout=240)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    (folder,) = list(demo_root(tmp_path / "meetings").iterdir())
    deadline = time.monotonic() + 60
    while _running(pid) and time.monotonic() < deadline:  # the rest is marked last, as the app ends
        time.sleep(0.2)
    assert not _running(pid), "bienban did not end when its terminal closed"
    assert not list(folder.glob("*.journal.wav")), "the recording was left unfinished"
    assert (folder / "audio.wav").stat().st_size > 44
    reached = max((s.end for s in read_meeting(folder).segments), default=0.0)
    recorded = (folder / "audio.wav").stat().st_size / 32000  # 16 kHz, 16-bit mono
    # what live text had not reached is marked, and is transcribed when the meeting is opened again
    assert unfinished_import(folder) is not None or recorded - reached < 1.0
