"""Pilot-test helpers: the app on a temporary meetings folder, canned recogniser, message waiter."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from minutes_tui.app import BienbanApp, build_app
from minutes_tui.workflows.config import AppConfig
from minutes_tui.workflows.demo import demo_script

from fakes import CannedRecogniser


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
    return CannedRecogniser([t["text"] for t in demo_script()["turns"]])


@pytest.fixture
def make_app(meetings_dir: Path, canned: CannedRecogniser):
    """Build the app as the CLI does, on the temporary folder, with the canned recogniser."""

    def make(**changes) -> BienbanApp:
        config = AppConfig(meetings_dir=meetings_dir, transcriber_factory=lambda: canned, play_audio=False)
        for key, value in changes.items():
            setattr(config, key, value)
        return build_app(config)

    return make


@pytest.fixture
def reviewed_meeting(meetings_dir: Path, canned: CannedRecogniser) -> Path:
    """A finished demo meeting: its audio and the canned transcript, nothing tagged yet."""
    import shutil

    from minutes_tui.workflows.config import demo_recording
    from minutes_tui.workflows.demo import create_demo_meeting
    from minutes_tui.meeting import MeetingStore
    from bienban_base.audio import load_audio

    folder = create_demo_meeting(meetings_dir)
    shutil.copy(demo_recording(), folder / "audio.flac")
    with MeetingStore.open(folder) as store:
        store.set_audio_file("audio.flac")
        for segment in canned.transcribe_audio(load_audio(folder / "audio.flac")):
            store.add_recognised(segment)
    canned.finals = 0
    return folder


@pytest.fixture
def message_log() -> MessageLog:
    """A message hook for ``run_test`` that tests can wait on."""
    return MessageLog()
