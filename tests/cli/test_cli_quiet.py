"""A wrong certificate password is one Vietnamese line: no library log, traceback or warning (issue 26, item 3)."""

from __future__ import annotations

import os
import subprocess
import sys

from minutes_tui.cli import main
from tests.export.export_certs import make_identity


def _bienban(*args: object, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # as a user's shell may have it: warnings would show
    env.pop("BIENBAN_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "minutes_tui", *map(str, args)], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def test_a_wrong_p12_password_prints_one_vietnamese_line_unless_debug(tmp_path, capsys):
    main(["sample", str(tmp_path / "meetings")])
    meeting = next((tmp_path / "meetings").iterdir())
    identity = make_identity(tmp_path / "identity")
    done = _bienban("export", meeting, "--pdf", "--sign-p12", identity.p12, stdin="wrong\n")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"Không mở được tệp chứng thư số {identity.p12}: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12/.pfx)."
    ]
    debug = _bienban("--debug", "export", meeting, "--pdf", "--sign-p12", identity.p12, stdin="wrong\n")
    assert debug.returncode != 0 and "Traceback" in debug.stderr  # the detail, for whoever asks for it
