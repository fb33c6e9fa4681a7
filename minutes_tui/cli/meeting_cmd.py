"""``bienban import``, ``bienban followups`` and ``bienban meetings``: meetings from the command line."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``import``, ``followups`` and ``meetings`` sub-commands."""
    p = sub.add_parser("import", help="tạo cuộc họp từ một tệp ghi âm và nhận dạng (make a meeting from a recording)")
    p.add_argument("audio", help="the recording (m4a, mp3, wav, ...)")
    p.add_argument("--title", required=True, help="the meeting's name")
    p.add_argument("--meeting", default=None, help="meeting folder (default: a new folder under the meetings folder)")
    p.add_argument("--start", default=None, help="when it started, 'YYYY-MM-DD HH:MM' (default: from the file's time)")
    p.add_argument("--model", default=None, help="'base' (bundled), a CTranslate2 folder, or a model name")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(handler=run_import)

    p = sub.add_parser("followups", help="các việc hứa/chuyển chưa xong của mọi cuộc họp (open follow-ups)")
    p.add_argument("--due-within", type=int, default=None, metavar="DAYS", help="only those due within DAYS (overdue included)")
    p.add_argument("--csv", default=None, metavar="FILE", help="also write them to a CSV file")
    p.add_argument("--root", default=None, help="meetings folder (default: the user's)")
    p.set_defaults(handler=run_followups)

    p = sub.add_parser("meetings", help="liệt kê các cuộc họp (list meetings)")
    p.add_argument("--root", default=None, help="meetings folder (default: the user's)")
    p.set_defaults(handler=run_meetings)


def _root(args: argparse.Namespace) -> Path:
    from minutes_tui.meeting import default_meetings_dir

    return Path(args.root) if args.root else default_meetings_dir()


def new_folder(root: Path, title: str) -> Path:
    """A fresh folder under ``root`` named after the date and title."""
    safe = "".join(c if c.isalnum() else "-" for c in title).strip("-")[:60] or "cuoc-hop"
    stem = f"{date.today():%Y-%m-%d}-{safe}"
    folder, n = root / stem, 2
    while folder.exists():
        folder, n = root / f"{stem}-{n}", n + 1
    return folder


def _refuse_taken(folder: Path, in_progress, existing) -> None:
    """Refuse before a store is created in a folder that is being recorded or has a recording."""
    from recorder.errors import RecorderError

    if folder.is_dir() and in_progress(folder):
        raise RecorderError("recording_busy", f"{folder} is being recorded", path=str(folder))
    if folder.is_dir() and (found := existing(folder)) is not None:
        raise RecorderError("recording_exists", f"{found} exists", path=str(found))


def run_import(args: argparse.Namespace) -> int:
    """Make a meeting from a recording: copy the audio into the folder, transcribe, store."""
    from recorder.importing import existing_recording, import_recording
    from recorder.lock import recording_in_progress
    from transcribe.audio import SAMPLE_RATE, load_audio
    from transcribe.engine import Transcriber

    from minutes_tui.cli.progress import ProgressBar
    from minutes_tui.meeting import Meeting, MeetingStore

    source = Path(args.audio)
    audio = load_audio(source)  # a bad file fails before anything is created
    duration = audio.size / SAMPLE_RATE
    if args.start:
        start = datetime.strptime(args.start, "%Y-%m-%d %H:%M")
    else:  # a phone stamps the file when the recording ends
        start = datetime.fromtimestamp(source.stat().st_mtime).replace(microsecond=0) - timedelta(seconds=round(duration))
    folder = Path(args.meeting) if args.meeting else new_folder(_root(args), args.title)
    _refuse_taken(folder, recording_in_progress, existing_recording)
    meeting = Meeting(title=args.title, actual_start=start, actual_end=start + timedelta(seconds=round(duration)))
    with MeetingStore.create(folder, meeting) as store:
        print(texts.IMPORT_CREATED.format(path=folder), file=sys.stderr)
        store.set_audio_file(import_recording(folder, source).name)
        transcriber = Transcriber(args.model)
        progress = None if args.no_progress else ProgressBar(texts.PROGRESS_LABEL)
        segments = transcriber.transcribe_audio(audio, progress=progress)
        store.add_recognised_many(segments)
    print(texts.IMPORT_DONE.format(count=len(segments), duration=duration), file=sys.stderr)
    print(folder)
    return 0


def _when(item, today: date) -> str:
    days = item.days_left(today)
    if days is None:
        return texts.FOLLOWUPS_NO_DEADLINE
    if days < 0:
        return texts.FOLLOWUPS_OVERDUE.format(days=-days)
    return texts.FOLLOWUPS_DUE_TODAY if days == 0 else texts.FOLLOWUPS_DAYS_LEFT.format(days=days)


def followup_rows(items: list, today: date) -> list[list[str]]:
    """One row per follow-up, in ``texts.FOLLOWUPS_COLUMNS`` order (anonymous people masked)."""
    return [
        [
            f"{f.deadline:%d/%m/%Y}" if f.deadline else "",
            _when(f, today),
            f.meeting_title + (f" ({f.meeting_day:%d/%m/%Y})" if f.meeting_day else ""),
            texts.OUTCOME_LABELS[f.kind.value],
            f.responsible,
            texts.ANONYMOUS_NAME if f.anonymous else f.raised_by,
            f.text,
        ]
        for f in items
    ]


def run_followups(args: argparse.Namespace) -> int:
    """List open follow-ups of every meeting, overdue first."""
    from minutes_tui.meeting.errors import StoreError
    from minutes_tui.meeting.followups import collect

    if args.due_within is not None and args.due_within < 0:
        raise StoreError("followups_bad_days", f"--due-within {args.due_within}", value=args.due_within)
    today = date.today()
    items, skipped = collect(_root(args), today, args.due_within)
    for folder, exc in skipped:
        print(texts.FOLLOWUPS_SKIPPED.format(path=folder, message=texts.user_message(exc)), file=sys.stderr)
    rows = followup_rows(items, today)
    if args.csv:
        from minutes_tui.meeting.file_modes import open_private

        with open_private(args.csv, encoding="utf-8-sig", newline="") as f:  # the BOM lets Excel read the accents
            writer = csv.writer(f)
            writer.writerow(texts.FOLLOWUPS_COLUMNS)
            writer.writerows(rows)
        print(texts.WROTE_FILE.format(path=args.csv), file=sys.stderr)
    if not rows:
        print(texts.FOLLOWUPS_NONE)
    for row in rows:
        print(" | ".join(cell for cell in row if cell))
    return 0


def run_meetings(args: argparse.Namespace) -> int:
    """List the meetings under the meetings folder, newest first."""
    from minutes_tui.meeting import read_meeting
    from minutes_tui.meeting.store import STORE_FILE

    root = _root(args)
    listed = []
    for store_file in sorted(root.glob(f"*/{STORE_FILE}")) if root.is_dir() else []:
        try:
            listed.append((store_file.parent, read_meeting(store_file.parent)))
        except Exception as exc:
            print(texts.FOLLOWUPS_SKIPPED.format(path=store_file.parent, message=texts.user_message(exc)), file=sys.stderr)
    if not listed:
        print(texts.MEETINGS_NONE.format(path=root))
        return 0
    listed.sort(key=lambda m: (m[1].meeting.day() or date.min, str(m[0])), reverse=True)
    print(" | ".join(texts.MEETINGS_COLUMNS))
    for folder, record in listed:
        day = record.meeting.day()
        cells = [f"{day:%d/%m/%Y}" if day else "", record.meeting.title, str(len(record.segments)),
                 str(len(record.petitions)), str(len(record.follow_ups())), str(folder)]
        print(" | ".join(cells))
    return 0
