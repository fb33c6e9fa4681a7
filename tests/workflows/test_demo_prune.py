"""Each demo records the whole demo recording again: the try-outs used last are kept, older ones
go when a new demo starts; hers, and a demo open in another window, are never touched."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from minutes_tui.meeting.connection import STORE_FILE
from minutes_tui.workflows.demo import DEMOS_KEPT, create_demo_meeting, demo_root, prune_demos


def _demos(root, n):
    folders = []
    for i in range(n):
        folder = create_demo_meeting(root)
        for p in (folder, folder / STORE_FILE):  # made one after another, a minute apart
            os.utime(p, ns=(1_700_000_000_000_000_000 + i * 60 * 10**9,) * 2)
        folders.append(folder)
    return folders


def test_the_ones_used_last_are_kept_and_others_are_left_alone(meetings_dir):
    root = demo_root(meetings_dir)
    made = _demos(root, 8)
    (root / "ghi-chu").mkdir()  # not a demo meeting
    (root / "demo-nothing").mkdir()  # no store: not made by the demo
    os.utime(made[1] / STORE_FILE, ns=(1_800_000_000_000_000_000,) * 2)  # an old one she opened again
    removed = prune_demos(root)
    kept = {p.name for p in root.iterdir()}
    assert {made[1].name, *(p.name for p in made[-3:])} <= kept and len(removed) == 4
    assert {"ghi-chu", "demo-nothing"} <= kept
    assert not any(p.exists() for p in removed)
    assert prune_demos(root) == []  # nothing more to do
    assert prune_demos(meetings_dir / "nowhere") == []


def test_a_demo_open_in_another_window_is_left(meetings_dir):
    root = demo_root(meetings_dir)
    made = _demos(root, DEMOS_KEPT + 1)
    holder = "import sys; from minutes_tui.meeting import MeetingStore; s = MeetingStore.open(sys.argv[1]); print('open', flush=True); sys.stdin.read()"
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(made[0])], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        removed = prune_demos(root)
    finally:
        other.communicate("", timeout=30)
    # the oldest is open elsewhere: it stays (and, just opened, counts as used last)
    assert made[0].exists() and made[0] not in removed and made[1] in removed
    assert len([p for p in made if p.exists()]) == DEMOS_KEPT - 1


@pytest.mark.anyio
async def test_a_new_demo_leaves_the_last_few(make_app, meetings_dir):
    root = demo_root(meetings_dir)
    _demos(root, DEMOS_KEPT + 2)
    app = make_app(demo=True, demo_speed=8.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        live = app.screen
    assert live.folder.exists() and len(list(root.iterdir())) == DEMOS_KEPT
