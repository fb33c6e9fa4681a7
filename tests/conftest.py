"""Shared fixtures: the evaluation material, the real model (loaded once), the audio server."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"


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
    subprocess.run(
        ["python3", str(eval_dir / "make_meeting.py"), str(eval_dir / "dialogue_dev.json"), str(out)],
        check=True,
        capture_output=True,
    )
    return out
