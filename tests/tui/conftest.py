"""Pilot-test helpers: the app on a temporary meetings folder, canned recogniser, message waiter."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from minutes_tui.app import BienbanApp, build_app
from minutes_tui.app_config import AppConfig
from minutes_tui.demo_meeting import demo_script


class CannedTranscriber:
    """Stands in for the model in pilot tests only: each utterance gets the next scripted turn."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = list(texts)
        self.finals = 0

    def decode(self, audio, options, offset: float = 0.0):
        from transcribe.engine import Segment, Word

        duration = len(audio) / 16000
        if not options.word_timestamps:  # the pipeline's quick interim pass
            return [Segment(offset, offset + duration, "đang nói", -0.5, 0.1, [])]
        text = self.texts[self.finals % len(self.texts)]
        self.finals += 1
        words = text.split()
        step = duration / max(1, len(words))
        # every third word low-confidence, so review has something to highlight
        ws = [Word(offset + i * step, offset + (i + 1) * step, " " + w, 0.3 if i % 3 == 2 else 0.9) for i, w in enumerate(words)]
        return [Segment(offset, offset + duration, text, -0.4, 0.05, ws)]

    def transcribe_audio(self, audio, options=None, progress=None):
        """The whole recording as one canned segment per scripted turn, evenly spread."""
        from transcribe.engine import DecodeOptions

        total = len(audio) / 16000
        step = total / len(self.texts)
        out = []
        self.finals = 0
        for i in range(len(self.texts)):
            chunk = audio[int(i * step * 16000):int((i + 1) * step * 16000)]
            out.extend(self.decode(chunk, DecodeOptions(), offset=i * step))
            if progress is not None:
                progress((i + 1) * step, total)
        return out

    def batched_segments(self, audio, options=None):
        """The post-meeting pass's decoding: the same canned turns."""
        return iter(self.transcribe_audio(audio))

    @property
    def model(self):
        """Just enough of a WhisperModel for ``tokenizer_counter``: one token a word."""
        from types import SimpleNamespace

        encode = lambda text, add_special_tokens=False: SimpleNamespace(ids=text.split())  # noqa: E731
        return SimpleNamespace(hf_tokenizer=SimpleNamespace(encode=encode))


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
def canned() -> CannedTranscriber:
    """The demo script's turns as canned recogniser output."""
    return CannedTranscriber([t["text"] for t in demo_script()["turns"]])


@pytest.fixture
def make_app(meetings_dir: Path, canned: CannedTranscriber):
    """Build the app as the CLI does, on the temporary folder, with the canned recogniser."""

    def make(**changes) -> BienbanApp:
        # voices off unless a test turns them on: their worker's timing must not move snapshots
        config = AppConfig(meetings_dir=meetings_dir, transcriber_factory=lambda: canned, play_audio=False, voices=False)
        for key, value in changes.items():
            setattr(config, key, value)
        return build_app(config)

    return make


@pytest.fixture
def reviewed_meeting(meetings_dir: Path, canned: CannedTranscriber) -> Path:
    """A finished demo meeting: its audio and the canned transcript, nothing tagged yet."""
    import shutil

    from minutes_tui.app_config import demo_recording
    from minutes_tui.demo_meeting import create_demo_meeting
    from minutes_tui.meeting import MeetingStore
    from transcribe.audio import load_audio

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
