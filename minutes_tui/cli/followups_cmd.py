"""``bienban followups``: the register of follow-ups across meetings, its updates, and ``bienban sample``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bienban_base import clock
from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``followups`` (list, done, progress, extend, pass-on, undo) and ``sample``."""
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    h = texts.CLI_HELP["followups"]
    p = sub.add_parser("followups", help=summary["followups"])
    p.add_argument("--due-within", type=int, default=None, metavar=m["days"], help=h["--due-within"])
    p.add_argument("--overdue", action="store_true", help=h["--overdue"])
    p.add_argument("--field", action="append", default=[], metavar=m["field"], help=h["--field"])
    p.add_argument("--responsible", default="", metavar=m["name"], help=h["--responsible"])
    p.add_argument("--meeting", type=Path, action="append", default=[], metavar=m["meeting"], help=h["--meeting"])
    p.add_argument("--all", action="store_true", help=h["--all"])
    p.add_argument("--csv", default=None, metavar=m["file"], help=h["--csv"])
    p.add_argument("--xlsx", default=None, metavar=m["file"], help=h["--xlsx"])
    p.add_argument("--root", default=None, metavar=m["folder"], help=h["--root"])
    p.set_defaults(handler=run_followups)
    actions = p.add_subparsers(dest="action", metavar=m["command"])
    for name in ("done", "progress", "extend", "pass-on"):
        h = texts.CLI_HELP[f"followups {name}"]
        a = actions.add_parser(name, help=summary[f"followups {name}"])
        a.add_argument("meeting", type=Path, metavar=m["meeting"], help=h["meeting"])
        a.add_argument("number", type=int, metavar=m["number"], help=h["number"])
        a.set_defaults(handler=run_update)
        if name == "done":
            a.add_argument("--result", required=True, metavar=m["result"], help=h["--result"])
            a.add_argument("--on", default=None, metavar=m["day"], help=h["--on"])
            a.add_argument("--reference", default="", metavar=m["document"], help=h["--reference"])
        elif name == "extend":
            a.add_argument("--to", required=True, metavar=m["day"], help=h["--to"])
            a.add_argument("--reason", required=True, metavar=m["reason"], help=h["--reason"])
        elif name == "pass-on":
            a.add_argument("--to", required=True, metavar=m["agency"], help=h["--to"])
    u = actions.add_parser("undo", help=summary["followups undo"])
    u.add_argument("meeting", type=Path, metavar=m["meeting"], help=texts.CLI_HELP["followups undo"]["meeting"])
    u.set_defaults(handler=run_undo)

    s = sub.add_parser("sample", help=summary["sample"])
    s.add_argument("dir", type=Path, metavar=m["folder"], help=texts.CLI_HELP["sample"]["dir"])
    s.set_defaults(handler=run_sample)


def _root(args: argparse.Namespace) -> Path:
    from minutes_tui.meeting import default_meetings_dir

    return Path(args.root) if args.root else default_meetings_dir()


def _day(value: str) -> date:
    from minutes_tui.workflows.dates import parse_day

    return parse_day(value)


def run_followups(args: argparse.Namespace) -> int:
    """List follow-ups of every meeting, overdue first; optionally as CSV and Excel."""
    from minutes_tui.meeting.errors import StoreError
    from minutes_tui.meeting.model import Field
    from minutes_tui.workflows.classify import ward_fields
    from minutes_tui.workflows.followups import FollowUpFilter, collect, register_rows
    from minutes_tui.workflows.register_xlsx import write_register_csv, write_register_xlsx

    if args.due_within is not None and args.due_within < 0:
        raise StoreError("followups_bad_days", f"--due-within {args.due_within}", value=args.due_within)
    try:
        fields = tuple(Field(f) for f in args.field)
    except ValueError as bad:
        raise StoreError("store_bad_field", str(bad), kind=texts.CLI_FIELD_KIND, name=str(bad)) from None
    only = FollowUpFilter(args.due_within, args.overdue, fields, args.responsible, tuple(args.meeting), args.all)
    today = clock.today()
    items, skipped = collect(_root(args), today, only=only)
    for folder, exc in skipped:
        print(texts.FOLLOWUPS_SKIPPED.format(path=folder, message=texts.user_message(exc)), file=sys.stderr)
    rows = register_rows(items, today)
    labels = {f.value: label for f, label in ward_fields(_root(args))} if args.csv or args.xlsx else {}
    if args.csv:
        write_register_csv(Path(args.csv), items, labels)
        print(texts.WROTE_FILE.format(path=args.csv), file=sys.stderr)
    if args.xlsx:
        write_register_xlsx(Path(args.xlsx), items, today, labels)
        print(texts.WROTE_FILE.format(path=args.xlsx), file=sys.stderr)
    if not rows:
        print(texts.FOLLOWUPS_NONE)
        return 0
    print(" | ".join(texts.FOLLOWUPS_CLI_COLUMNS))
    for item, row in zip(items, rows):
        print(" | ".join(cell or "–" for cell in (str(item.number), *row, str(item.folder))))
    return 0


def run_update(args: argparse.Namespace) -> int:
    """Record what became of one follow-up (one undoable edit in its meeting)."""
    from minutes_tui.workflows import followup_updates as up

    if args.action == "done":
        up.mark_done(args.meeting, args.number, args.result, _day(args.on) if args.on else clock.today(), args.reference)
    elif args.action == "progress":
        up.mark_progress(args.meeting, args.number)
    elif args.action == "extend":
        up.extend(args.meeting, args.number, _day(args.to), args.reason)
    else:
        up.pass_on(args.meeting, args.number, args.to)
    action = texts.EDIT_ACTIONS[f"follow_up_{args.action.replace('-', '_')}"]
    print(texts.FOLLOWUP_UPDATED.format(number=args.number, path=args.meeting, action=action))
    return 0


def run_undo(args: argparse.Namespace) -> int:
    """Undo the meeting's latest follow-up update."""
    from minutes_tui.workflows.followup_updates import undo_follow_up

    print(texts.FOLLOWUP_UNDONE.format(action=texts.EDIT_ACTIONS[undo_follow_up(args.meeting)]))
    return 0


def run_sample(args: argparse.Namespace) -> int:
    """Make the sample meeting and say where."""
    from minutes_tui.workflows.sample import create_sample_meeting

    print(texts.SAMPLE_CREATED.format(path=create_sample_meeting(args.dir)))
    return 0
