"""``bienban demo``: a scratch meeting with the demo's header and roster, ready to replay into."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import datetime
from importlib import resources
from pathlib import Path

from bienban_base import clock
from bienban_base.errors import CodedError
from minutes_tui.meeting import Meeting, MeetingStore
from minutes_tui.meeting.connection import STORE_FILE
from minutes_tui.workflows.meetings import new_meeting_folder

log = logging.getLogger(__name__)

DEMO_FOLDER = "ban-trinh-dien"
"""The folder, inside the meetings folder, that holds the demo's meetings: one level below her
meetings, so the home list, the follow-up register, its counts and the new-meeting form's
defaults (all one scan of the folders directly under the meetings folder) never see them."""
DEMOS_KEPT = 5
"""Try-outs kept: each demo records the whole demo recording again, so older ones are removed
when a new one starts (the ones used last are kept; one open in another window is left)."""


def demo_root(meetings_dir: Path) -> Path:
    """Where ``bienban demo`` and the home screen's ``d`` put their meetings, apart from hers."""
    return Path(meetings_dir) / DEMO_FOLDER


def demo_script() -> dict:
    """The script the demo recording was rendered from (speakers and turns)."""
    return json.loads(resources.files("minutes_tui.demo").joinpath("demo_script.json").read_text(encoding="utf-8"))


def create_demo_meeting(root: Path, now: datetime | None = None) -> Path:
    """Make a new meeting folder under ``root`` for the demo, started at ``now`` (default: the clock's), and return it."""
    script = demo_script()
    now = now or clock.local_now()
    people = script["speakers"]
    folder = new_meeting_folder(root, f"demo-{now:%Y%m%d-%H%M%S}")
    meeting = Meeting(
        title=script["title"],
        parent_body="UBND thành phố Huế",
        issuing_body="Ủy ban nhân dân phường An Hòa",
        place="Nhà sinh hoạt cộng đồng tổ dân phố 2",
        actual_start=now,
        chair=people["chutich"]["name"],
        chair_title=people["chutich"]["role"],
        secretary="Đặng Thị Ngọc",
        secretary_title="Công chức Văn phòng - Thống kê",
        agenda=("Chủ tịch UBND phường báo cáo tình hình", "Nhân dân phát biểu ý kiến, kiến nghị", "Chủ tịch trả lời"),
    )
    with MeetingStore.create(folder, meeting) as store:
        for person in people.values():
            role, group = person["role"], ""
            if role.startswith("Nhân dân "):  # "Nhân dân tổ dân phố 2": a resident of group 2
                role, group = "Nhân dân", role.removeprefix("Nhân dân ").capitalize()
            store.add_participant(person["name"], role, group)
        store.settle_history()  # her first u undoes her first key, not the demo's roster
    return folder


def _last_used(folder: Path) -> int:
    return max(
        (p.stat().st_mtime_ns for p in (folder, folder / STORE_FILE, folder / f"{STORE_FILE}-wal") if p.exists()), default=0
    )


def prune_demos(root: Path, keep: int = DEMOS_KEPT - 1) -> list[Path]:
    """Remove the demo meetings under ``root`` but the ``keep`` used last; returns the removed.

    Only folders that are demo meetings (``demo-…`` with a store) are touched; one open in
    another window (its store locked) is left, and a folder that cannot be removed is logged
    and left: starting a demo never fails on this.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    demos = [p for p in root.iterdir() if p.is_dir() and p.name.startswith("demo-") and (p / STORE_FILE).is_file()]
    demos.sort(key=_last_used, reverse=True)
    removed = []
    for folder in demos[keep:]:
        try:
            with MeetingStore.open(folder):
                pass  # not open anywhere else
            shutil.rmtree(folder)
        except (CodedError, OSError) as exc:
            log.info("demo %s left in place: %s", folder, exc)
            continue
        removed.append(folder)
    return removed
