"""``bienban classify``, ``attendance`` and ``paragraph``: what the notice and the reports are drafted from."""

from __future__ import annotations

import argparse
from pathlib import Path

from minutes_tui import texts
from minutes_tui.workflows.classify import PARAGRAPH_KEYS

#: The secretary's own paragraphs, by the name the command takes.
PARAGRAPHS = dict(zip(("assessment", "proposals", "notice-closing", "place-name"), PARAGRAPH_KEYS))


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``classify``, ``attendance`` and ``paragraph`` sub-commands."""
    p = sub.add_parser("classify", help="phân loại một ý kiến: lĩnh vực, thẩm quyền, hình thức (classify a petition)")
    p.add_argument("meeting", type=Path, help="the meeting folder")
    p.add_argument("number", type=int, help="the petition's number in the minutes (Ý kiến N)")
    p.add_argument("--field", default=None, help="field code: land, construction, environment, infrastructure, …")
    p.add_argument("--authority", choices=["ward", "higher", "auto"], default=None, help="auto: from the outcome")
    p.add_argument("--channel", choices=["spoken", "written"], default=None)
    p.set_defaults(handler=run_classify)

    a = sub.add_parser("attendance", help="số người tham dự theo thành phần (attendance counts by group)")
    a.add_argument("meeting", type=Path, help="the meeting folder")
    a.add_argument("counts", help="'Người dân: 45; Tổ trưởng tổ dân phố: 12'")
    a.set_defaults(handler=run_attendance)

    w = sub.add_parser("paragraph", help="đoạn văn thư ký tự viết cho thông báo / báo cáo (the secretary's paragraphs)")
    w.add_argument("meeting", type=Path, help="the meeting folder")
    w.add_argument("which", choices=sorted(PARAGRAPHS), help="which paragraph")
    w.add_argument("text", help="the text (blank lines separate paragraphs; empty: remove)")
    w.set_defaults(handler=run_paragraph)


def run_classify(args: argparse.Namespace) -> int:
    """Classify one petition (one undoable edit)."""
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.meeting.errors import StoreError
    from minutes_tui.meeting.model import Authority, Channel, Field
    from minutes_tui.workflows.classify import classify, describe

    try:
        field = Field(args.field) if args.field else None
    except ValueError:
        raise StoreError("store_bad_field", args.field, kind="lĩnh vực", name=args.field) from None
    authority: Authority | None | str = ""
    if args.authority is not None:
        authority = None if args.authority == "auto" else Authority(args.authority)
    with MeetingStore.open(args.meeting) as store:
        petitions = store.load().petitions
        if not 1 <= args.number <= len(petitions):
            raise StoreError("followup_no_number", str(args.number), number=args.number, count=len(petitions))
        channel = Channel(args.channel) if args.channel else None
        changed = classify(store, petitions[args.number - 1].id, field, authority, channel)
    print(texts.CLASSIFIED.format(number=args.number, summary=describe(changed)))
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    """Set the attendance counts (one undoable edit)."""
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.meeting.errors import StoreError
    from minutes_tui.workflows.classify import parse_attendance, set_attendance

    try:
        counts = parse_attendance(args.counts)
    except ValueError as exc:
        raise StoreError("attendance_bad", str(exc), part=str(exc)) from None
    with MeetingStore.open(args.meeting) as store:
        set_attendance(store, counts)
    print(texts.ATTENDANCE_SET.format(count=sum(n for _, n in counts), groups=len(counts)))
    return 0


def run_paragraph(args: argparse.Namespace) -> int:
    """Keep one of the secretary's paragraphs (used by every later export)."""
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.classify import set_document_text

    with MeetingStore.open(args.meeting) as store:
        set_document_text(store, PARAGRAPHS[args.which], args.text)
    print(texts.PARAGRAPH_SET)
    return 0
