"""``bienban --model`` / ``bienban demo --model``: the app's live text and re-transcription use the model she names."""

import os
import subprocess
import sys
from pathlib import Path

from minutes_tui.app import build_app
from minutes_tui.cli import build_parser
from minutes_tui.cli.app_cmd import _config

BIENBAN = Path(sys.executable).with_name("bienban")


class _Loaded:
    """Stands in for ``transcribe.engine.Transcriber``: records which model each recogniser was asked for."""

    calls: list[tuple[str, str | None]] = []

    def __init__(self, model=None, **kw):
        self.calls.append(("live", model))

    @classmethod
    def for_recordings(cls, model=None):
        cls.calls.append(("recordings", model))
        return object.__new__(cls)


def test_the_app_loads_the_model_named_on_the_command_line(monkeypatch, tmp_path):
    import transcribe.engine
    import transcribe.model

    monkeypatch.setattr(transcribe.model, "resolve", lambda spec, use="live": (spec, str(tmp_path)))  # no assembly here
    monkeypatch.setattr(transcribe.engine, "Transcriber", _Loaded)
    _Loaded.calls = []
    for argv, demo in ((["--model", "base-vi"], False), (["demo", "--model", "base-vi"], True)):
        config = _config(build_parser().parse_args(argv), demo=demo)
        assert config.model == "base-vi"
        app = build_app(config)
        app.recogniser()
        app.recording_recogniser()
    assert _Loaded.calls == [("live", "base-vi"), ("recordings", "base-vi")] * 2
    assert _config(build_parser().parse_args([]), demo=False).model is None  # each path's default


def test_a_model_that_is_not_there_is_refused_in_vietnamese_before_the_app_starts(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "BIENBAN_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run(
        [str(BIENBAN), "--model", str(tmp_path / "khong-co")], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 2
    assert "không phải thư mục mô hình Whisper" in out.stderr and "Traceback" not in out.stderr
