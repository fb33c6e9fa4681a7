"""``bienban import``, ``retranscribe`` and ``meetings``: meetings from the command line.

Each command parses its arguments, calls one function of ``minutes_tui.workflows`` and prints.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from minutes_tui import texts
from minutes_tui.cli.progress import progress_bar


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``import``, ``retranscribe`` and ``meetings`` sub-commands (``followups``: ``followups_cmd``)."""
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    h = texts.CLI_HELP["import"]
    p = sub.add_parser("import", help=summary["import"])
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("audio", nargs="?", default=None, metavar=m["recording"], help=h["audio"])
    what.add_argument("--resume", default=None, metavar=m["meeting"], help=h["--resume"])
    p.add_argument("--title", default=None, metavar=m["name"], help=h["--title"])
    p.add_argument("--meeting", default=None, metavar=m["meeting"], help=h["--meeting"])
    p.add_argument("--start", default=None, metavar=m["time"], help=h["--start"])
    p.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    p.add_argument("--no-progress", action="store_true", help=h["--no-progress"])
    p.add_argument("--root", default=None, metavar=m["folder"], help=h["--root"])
    p.set_defaults(handler=run_import)

    h = texts.CLI_HELP["retranscribe"]
    r = sub.add_parser("retranscribe", help=summary["retranscribe"])
    r.add_argument("meeting", metavar=m["meeting"], help=h["meeting"])
    r.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    r.add_argument("--mode", choices=["batched", "sequential", "utterances"], default="batched", help=h["--mode"])
    r.add_argument("--no-vocabulary", action="store_true", help=h["--no-vocabulary"])
    r.set_defaults(handler=run_retranscribe)

    p = sub.add_parser("meetings", help=summary["meetings"])
    p.add_argument("--root", default=None, metavar=m["folder"], help=texts.CLI_HELP["meetings"]["--root"])
    p.set_defaults(handler=run_meetings)


def _root(args: argparse.Namespace) -> Path:
    from minutes_tui.meeting import default_meetings_dir

    return Path(args.root) if getattr(args, "root", None) else default_meetings_dir()


def _refuse_taken(folder: Path, in_progress, existing) -> None:
    """Refuse before a store is created in a folder that is being recorded or has a recording."""
    from recorder.errors import RecorderError

    if folder.is_dir() and in_progress(folder):
        raise RecorderError("recording_busy", f"{folder} is being recorded", path=str(folder))
    if folder.is_dir() and (found := existing(folder)) is not None:
        raise RecorderError("recording_exists", f"{found} exists", path=str(found))


def run_import(args: argparse.Namespace) -> int:
    """Make a meeting from a recording: copy the audio into the folder, transcribe, store."""
    from bienban_base.errors import CodedError
    from minutes_tui.cli.interrupt import command_line, leave_now, stopping_on_ctrl_c
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.importing import create_imported_meeting, import_progress, transcribe_imported
    from minutes_tui.workflows.paths import pasted_path
    from transcribe.engine import Transcriber

    if args.resume:
        if args.title or args.start or args.meeting:
            raise CodedError("import_resume_alone", "--resume with a recording, --title, --start or --meeting")
        folder = Path(args.resume)
        with MeetingStore.open(folder) as store:  # a folder that is no meeting fails here, in Vietnamese
            resumed = import_progress(folder, store.meeting())
        if resumed is None:
            raise CodedError("import_nothing_to_resume", f"{folder} has no unfinished import", path=str(folder))
        duration, rest_from = resumed.total_s, resumed.done_s
        from minutes_tui.widgets.transcript import clock

        print(texts.IMPORT_RESUMED.format(path=folder, done=clock(resumed.done_s), total=clock(duration)), file=sys.stderr)
    else:
        if not args.title:
            raise CodedError("import_needs_title", "import without --title")
        start = _parse_start(args.start) if args.start else None
        made = create_imported_meeting(
            pasted_path(args.audio), _root(args), args.title, start, Path(args.meeting) if args.meeting else None
        )
        print(texts.IMPORT_CREATED.format(path=made.folder), file=sys.stderr)
        folder, duration, rest_from = made.folder, made.duration_s, None
    try:
        with stopping_on_ctrl_c(texts.IMPORT_STOPPING):
            transcriber = Transcriber.for_recordings(args.model)
            bar = progress_bar(texts.PROGRESS_LABEL, enabled=not args.no_progress)
            with MeetingStore.open(folder) as store, bar as progress:
                count = transcribe_imported(store, transcriber, progress)
                total = len(store.load().segments)
    except KeyboardInterrupt:
        # what was decoded is stored batch by batch: she is told how to go on from there
        print(texts.IMPORT_STOPPED.format(command=command_line("bienban", "import", "--resume", str(folder))), file=sys.stderr)
        leave_now(130)
    if rest_from is not None:
        print(texts.IMPORT_DONE_MORE.format(count=count, duration=duration - rest_from, total=total), file=sys.stderr)
    else:
        print(texts.IMPORT_DONE.format(count=count, duration=duration), file=sys.stderr)
    print(folder)
    return 0


def _parse_start(text: str) -> datetime:
    from minutes_tui.workflows.dates import parse_time

    return parse_time(text)


def run_retranscribe(args: argparse.Namespace) -> int:
    """Re-decode the meeting's recording and move speakers, tags and hand edits onto it."""
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.workflows.retranscription import retranscribe
    from transcribe.engine import Transcriber

    with MeetingStore.open(args.meeting) as store:
        transcriber = Transcriber.for_recordings(args.model)
        with progress_bar(texts.PROGRESS_LABEL) as progress:
            result = retranscribe(store, transcriber, args.mode, not args.no_vocabulary, progress)
    print(
        texts.RETRANSCRIBED.format(segments=len(result.segments), edited=result.kept_edits, model=transcriber.name),
        file=sys.stderr,
    )
    return 0


def run_meetings(args: argparse.Namespace) -> int:
    """List the meetings under the meetings folder, newest first."""
    from minutes_tui.workflows.meetings import scan_meetings, summarise

    root = _root(args)
    scan = scan_meetings(root)
    for folder, exc in scan.unreadable:
        print(texts.FOLLOWUPS_SKIPPED.format(path=folder, message=texts.user_message(exc)), file=sys.stderr)
    if not scan.meetings:
        print(texts.MEETINGS_NONE.format(path=root))
        return 0
    print(" | ".join(texts.MEETINGS_COLUMNS))
    for folder, record in scan.meetings:
        m = summarise(folder, record)
        cells = [
            f"{m.start:%d/%m/%Y %H:%M}" if m.start else "–",
            m.title,
            str(m.segments),
            str(m.petitions),
            str(m.open_follow_ups),
            str(folder),
        ]
        print(" | ".join(cells))
    return 0
