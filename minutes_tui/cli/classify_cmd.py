"""``bienban classify``, ``attendance`` and ``paragraph``: what the notice and the reports are drafted from."""

from __future__ import annotations

import argparse
from pathlib import Path

from minutes_tui import texts
from minutes_tui.meeting.model import DEFAULT_FIELDS
from minutes_tui.workflows.classify import PARAGRAPH_KEYS

#: The secretary's own paragraphs, by the name the command takes.
PARAGRAPHS = dict(
    zip(
        ("assessment", "proposals", "notice-closing", "place-name", "notice-number", "report-number", "previous-number"),
        PARAGRAPH_KEYS,
        strict=True,
    )
)


def _choices(labels: dict[str, str]) -> str:
    """``code: nhãn; code: nhãn``: what each value the command takes means, in the app's wording."""
    return "; ".join(f"{code}: {label[:1].lower()}{label[1:]}" for code, label in labels.items())


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``classify``, ``attendance`` and ``paragraph`` sub-commands."""
    fields = {f.value: texts.PETITION_FIELDS[f.value] for f in DEFAULT_FIELDS}
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    h = texts.CLI_HELP["classify"]
    p = sub.add_parser("classify", help=summary["classify"])
    p.add_argument("meeting", type=Path, metavar=m["meeting"], help=h["meeting"])
    p.add_argument("number", type=int, metavar=m["number"], help=h["number"])
    p.add_argument("--field", default=None, metavar=m["field"], help=h["--field"].format(choices=_choices(fields)))
    p.add_argument(
        "--authority",
        choices=["ward", "higher", "auto"],
        default=None,
        help=h["--authority"].format(choices=_choices(texts.AUTHORITY_LABELS)),
    )
    p.add_argument(
        "--channel",
        choices=["spoken", "written"],
        default=None,
        help=h["--channel"].format(choices=_choices(texts.CHANNEL_LABELS)),
    )
    p.set_defaults(handler=run_classify)

    h = texts.CLI_HELP["attendance"]
    a = sub.add_parser("attendance", help=summary["attendance"])
    a.add_argument("meeting", type=Path, metavar=m["meeting"], help=h["meeting"])
    a.add_argument("counts", metavar=m["counts"], help=h["counts"])
    a.set_defaults(handler=run_attendance)

    h = texts.CLI_HELP["paragraph"]
    w = sub.add_parser("paragraph", help=summary["paragraph"])
    w.add_argument("meeting", type=Path, metavar=m["meeting"], help=h["meeting"])
    w.add_argument("which", choices=sorted(PARAGRAPHS), help=h["which"])
    w.add_argument("text", metavar=m["text"], help=h["text"])
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
        raise StoreError("store_bad_field", args.field, kind=texts.CLI_FIELD_KIND, name=args.field) from None
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
