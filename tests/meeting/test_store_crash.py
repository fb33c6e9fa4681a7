"""A writer killed with SIGKILL mid-stream loses nothing it had committed, and the file stays sound."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

from store_samples import MEETING

from minutes_tui.meeting import MeetingStore, read_meeting

WRITER = textwrap.dedent(
    """
    import sys
    from minutes_tui.meeting import MeetingStore
    store = MeetingStore.open(sys.argv[1])
    i = 0
    while True:  # until killed
        seg = store.add_segment(i, i + 1, f"s{i}")
        print("a", i, seg.id, flush=True)
        store.edit_text(seg.id, f"e{i}")
        print("e", i, seg.id, flush=True)
        store.tag(seg.id, "question")
        print("t", i, seg.id, flush=True)
        i += 1
    """
)


def test_sigkill_loses_no_committed_change(tmp_path):
    folder = tmp_path / "meeting"
    MeetingStore.create(folder, MEETING).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True)
    acknowledged: list[tuple[str, int, int]] = []
    assert writer.stdout is not None
    for line in writer.stdout:
        kind, i, seg_id = line.split()
        acknowledged.append((kind, int(i), int(seg_id)))
        if len(acknowledged) >= 300:
            writer.send_signal(signal.SIGKILL)  # mid-stream: the writer is already in its next commit
            break
    # The writer runs ahead of this reader: what it printed before dying is still in the pipe,
    # and each of those lines is a commit it acknowledged too.
    for line in writer.stdout:
        kind, i, seg_id = line.split()
        acknowledged.append((kind, int(i), int(seg_id)))
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(folder / "meeting.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with MeetingStore.open(folder) as store:  # the dead writer's lock is gone
        segments = {s.id: s for s in store.load().segments}
        for kind, i, seg_id in acknowledged:
            seg = segments[seg_id]
            assert seg.original_text == f"s{i}"
            if kind == "e":
                assert seg.text == f"e{i}"
            if kind == "t":
                assert "question" in seg.tags
        last = max(i for _, i, _ in acknowledged)
        assert len(segments) in (last + 1, last + 2)  # at most the one being written when killed
        # undo still works on what the dead writer left
        assert store.undo() is not None
    assert read_meeting(folder).segments
