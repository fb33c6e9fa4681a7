"""Shared fixtures: the frozen clock, the evaluation material, the real model (loaded once), the audio
server, speech clips, and the app on a temporary meetings folder with the canned recogniser."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from fakes import CannedRecogniser
from recorder_audio import CLIP, read_wav, write_wav

from bienban_base import clock

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"

FROZEN = datetime(2026, 12, 2, 9, 0, tzinfo=clock.VIETNAM)
"""The day every test runs on (the snapshots were recorded on it): tests never read the wall clock."""


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch):
    """Every test starts at 9:00 on 2 December 2026, Vietnam time, whatever the day and the machine's
    time zone: in this process (``clock.set_now``) and in the CLI and app processes it starts
    (``BIENBAN_NOW``, inherited). The clock ticks on from there, so timeouts and durations stay real;
    a test that needs another day calls ``clock.set_now`` (and sets ``BIENBAN_NOW`` for a subprocess)."""
    monkeypatch.setenv(clock.ENV, FROZEN.isoformat())
    clock.set_now(FROZEN)
    yield FROZEN
    clock.set_now(None)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """``../shared/eval``: human clips with transcripts and the scripted dialogue."""
    if not EVAL.is_dir():
        pytest.fail(f"evaluation material not found at {EVAL}")
    return EVAL


@pytest.fixture(scope="session")
def transcriber():
    """The real bundled Whisper base model, loaded once for the whole run."""
    from transcribe.engine import Transcriber

    return Transcriber()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that loads the real model is in the model lane whatever its file says (the fast
    lane runs without it). Tests on the audio server or in a real terminal run one after another
    in one worker when pytest-xdist runs the suite in several (``--dist loadgroup``): the server
    has one sink that every such test plays into, and a terminal test times what a person sees."""
    for item in items:
        if "transcriber" in getattr(item, "fixturenames", ()) and item.get_closest_marker("model") is None:
            item.add_marker(pytest.mark.model)
        if (
            item.get_closest_marker("audio")
            or item.get_closest_marker("terminal")
            or "pulse_server" in getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.xdist_group("one-at-a-time"))


@pytest.fixture(scope="session")
def pulse_server():
    """The PulseAudio test server with the null sink ``meet`` (started when not running)."""
    if shutil.which("pulseaudio") is None:
        pytest.fail("pulseaudio is not installed: run `make test` (scripts/setup-debian.sh)")
    subprocess.run(["bash", str(REPO / "scripts" / "audio-server.sh")], check=True)
    return "meet"


@pytest.fixture(scope="session")
def rendered_meeting(tmp_path_factory, eval_dir) -> Path:
    """The scripted dialogue rendered to ``meeting.wav`` + ``truth.json`` (espeak-ng + sox)."""
    out = tmp_path_factory.mktemp("dialogue")
    # sox's room noise is unseeded unless sox runs in repeatable mode: every run renders the same file
    env = {**os.environ, "SOX_OPTS": "-R"}
    subprocess.run(
        ["python3", str(eval_dir / "make_meeting.py"), str(eval_dir / "dialogue_dev.json"), str(out)],
        check=True,
        capture_output=True,
        env=env,
    )
    return out


@pytest.fixture(scope="session")
def speech(tmp_path_factory, eval_dir) -> SimpleNamespace:
    """Human speech as WAV files: ``eight`` (8 s), ``four`` (4 s), ``full`` (10.96 s), with arrays."""
    from bienban_base.audio import load_audio

    audio = load_audio(eval_dir / CLIP)
    folder = tmp_path_factory.mktemp("speech")
    clips = {"eight": audio[: 8 * 16000], "four": audio[: 4 * 16000], "full": audio}
    ns = SimpleNamespace(**{k: write_wav(folder / f"{k}.wav", v) for k, v in clips.items()})
    ns.audio = {k: read_wav(getattr(ns, k)) for k in clips}
    return ns


@dataclass
class MessageLog:
    """Records every message the app handles; tests wait on kinds of messages instead of sleeping."""

    seen: list = field(default_factory=list)
    _waiters: list = field(default_factory=list)

    def __call__(self, message) -> None:
        self.seen.append(message)
        for test, event in self._waiters:
            if test():
                event.set()

    def count(self, kind: type) -> int:
        """How many messages of this kind arrived."""
        return sum(isinstance(m, kind) for m in self.seen)

    async def wait_for(self, kind: type, count: int = 1, timeout: float = 90.0) -> None:
        """Wait until ``count`` messages of ``kind`` have arrived."""
        await self.wait_until(lambda: self.count(kind) >= count, timeout)

    async def wait_until(self, test, timeout: float = 90.0) -> None:
        """Wait until ``test()`` holds, checking it as each message arrives (the app keeps
        posting level messages while it records, so a change is seen within a block)."""
        if test():
            return
        event = asyncio.Event()
        self._waiters.append((test, event))
        await asyncio.wait_for(event.wait(), timeout)


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (Textual's loop) through anyio's pytest plugin."""
    return "asyncio"


@pytest.fixture
def meetings_dir(tmp_path: Path) -> Path:
    """An empty meetings folder."""
    folder = tmp_path / "meetings"
    folder.mkdir()
    return folder


@pytest.fixture
def canned() -> CannedRecogniser:
    """The demo script's turns as canned recogniser output."""
    from minutes_tui.workflows.demo import demo_script

    return CannedRecogniser([t["text"] for t in demo_script()["turns"]])


@pytest.fixture
def make_app(meetings_dir: Path, canned: CannedRecogniser):
    """Build the app as the CLI does, on the temporary folder, with the canned recogniser."""
    from minutes_tui.app import BienbanApp, build_app
    from minutes_tui.workflows.config import AppConfig

    def make(**changes) -> BienbanApp:
        # voices off unless a test turns them on: their worker's timing must not move snapshots
        config = AppConfig(meetings_dir=meetings_dir, transcriber_factory=lambda: canned, play_audio=False, voices=False)
        for key, value in changes.items():
            setattr(config, key, value)
        return build_app(config)

    return make


@pytest.fixture
def reviewed_meeting(meetings_dir: Path, canned: CannedRecogniser) -> Path:
    """A finished demo meeting: its audio and the canned transcript, nothing tagged yet."""
    import shutil

    from bienban_base.audio import load_audio
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.config import demo_recording
    from minutes_tui.workflows.demo import create_demo_meeting

    folder = create_demo_meeting(meetings_dir)
    shutil.copy(demo_recording(), folder / "audio.flac")
    with MeetingStore.open(folder) as store:
        store.set_audio_file("audio.flac")
        for segment in canned.transcribe_audio(load_audio(folder / "audio.flac")):
            store.add_recognised(segment, canned.name)
    canned.finals = 0
    return folder


@pytest.fixture
def message_log() -> MessageLog:
    """A message hook for ``run_test`` that tests can wait on."""
    return MessageLog()
