"""Owner-only files whatever the umask: a whole session, then every mode in the meeting folder."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys

from export_certs import make_identity
from export_sample import build_meeting, write_wav

from minutes_tui.cli import main
from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind


def _walk(top):
    yield str(top)
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            yield os.path.join(dirpath, name)


def test_a_full_session_leaves_only_owner_only_files(tmp_path):
    old = os.umask(0)  # the worst case: everything created world-writable unless the product says otherwise
    try:
        root = tmp_path / "data" / "meetings"
        meeting = root / "hoi-nghi"
        source = tmp_path / "speech.wav"
        write_wav(source, 3.0)
        rec = subprocess.run([sys.executable, "-m", "minutes_tui", "record", "--meeting", str(meeting), "--file", str(source),
                              "--speed", "0"], capture_output=True, text=True, preexec_fn=lambda: os.umask(0))  # fmt: skip
        assert rec.returncode == 0, rec.stderr
        sample = build_meeting(tmp_path / "sample")  # the tagged meeting's store, moved beside the recording
        for name in ("meeting.sqlite",):
            os.replace(sample / name, meeting / name)
        with MeetingStore.open(meeting) as store:
            store.set_audio_file("audio.wav")
            p = store.add_petition("Đề nghị sửa cống.")
            store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, responsible="Địa chính"))
        ident = make_identity(tmp_path / "id")
        old_stdin = sys.stdin
        sys.stdin = io.StringIO(ident.password.decode() + "\n")
        try:
            assert main(["export", str(meeting), "--appendix", "--sign-p12", str(ident.p12)]) == 0
        finally:
            sys.stdin = old_stdin
        assert main(["followups", "--root", str(root), "--csv", str(meeting / "exports" / "viec-can-lam.csv")]) == 0
    finally:
        os.umask(old)
    created = list(_walk(root))
    assert any(p.endswith("bien-ban-signed.pdf") for p in created) and any(p.endswith(".csv") for p in created)
    wrong = []
    for path in created:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        want = 0o700 if os.path.isdir(path) else 0o600
        if mode != want:
            wrong.append(f"{oct(mode)} {os.path.relpath(path, tmp_path)}")
    assert not wrong, wrong
