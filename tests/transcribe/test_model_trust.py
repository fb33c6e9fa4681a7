"""The bundled model: a corruption that keeps size and time is still found; the data folder is owner-only."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from transcribe import model


def test_model_verify_finds_a_corruption_that_kept_size_and_time(tmp_path, monkeypatch):
    old = os.umask(0)
    try:
        monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
        folder = model.ensure_bundled()
    finally:
        os.umask(old)
    config = folder / "config.json"
    before = config.stat()
    data = bytearray(config.read_bytes())
    data[10] ^= 0x01
    config.write_bytes(bytes(data))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and time as they were
    assert config.stat().st_size == before.st_size
    env = {**os.environ, "BIENBAN_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-m", "minutes_tui", "model", "verify"], capture_output=True, text=True, env=env)
    assert out.returncode == 2 and "config.json" in out.stderr, out.stderr
    for path in [tmp_path / "data", *Path(tmp_path / "data").rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (oct(mode), path)
