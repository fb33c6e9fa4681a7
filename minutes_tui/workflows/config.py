"""What the terminal app is started with: a small dataclass with no Textual in it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from minutes_tui.meeting import default_meetings_dir


def demo_recording() -> Path:
    """The bundled demo meeting recording (a scripted meeting rendered with espeak-ng)."""
    return Path(str(resources.files("minutes_tui.demo").joinpath("demo-meeting.flac")))


@dataclass
class AppConfig:
    """How one run of the app is set up (built by the CLI, or by a test)."""

    meetings_dir: Path = field(default_factory=default_meetings_dir)
    """Folder holding one sub-folder per meeting."""
    demo: bool = False
    """Start straight into the demo: the bundled recording replayed as if live."""
    demo_audio: Path | None = None
    """Recording the demo replays (default: the bundled one)."""
    demo_speed: float = 1.0
    """Pace of the replay (1.0 = real time)."""
    model: str | None = None
    """``--model``: the Whisper model of live text and whole recordings (None: each path's default,
    ``transcribe.model.DEFAULTS``)."""
    transcriber_factory: Callable[[], Any] | None = None
    """Builds the recogniser (default: the bundled Whisper model). Pilot tests pass canned segments."""
    input_device: str | int | None = None
    """Input device for live meetings (None: the system default)."""
    voices: bool = True
    """Suggest speakers from their voices in review (needs the Resemblyzer weights)."""
    play_audio: bool = True
    """Whether review may open the sound output (off in headless tests)."""
