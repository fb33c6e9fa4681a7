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
    p = sub.add_parser("import", help="tạo cuộc họp từ một tệp ghi âm và nhận dạng lời nói trong đó")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("audio", nargs="?", default=None, metavar="TỆP_GHI_ÂM", help="tệp ghi âm (m4a, mp3, wav, …)")
    what.add_argument(
        "--resume",
        default=None,
        metavar="THƯ_MỤC_HỌP",
        help="nhận dạng tiếp một lần nhập bị ngắt giữa chừng, từ chỗ đã dừng (không cần tệp ghi âm và tên)",
    )
    p.add_argument("--title", default=None, metavar="TÊN", help="tên cuộc họp (cần khi nhập một tệp ghi âm)")
    p.add_argument(
        "--meeting",
        default=None,
        metavar="THƯ_MỤC_HỌP",
        help="thư mục của cuộc họp mới (mặc định: một thư mục mới trong thư mục chứa các cuộc họp)",
    )
    p.add_argument(
        "--start",
        default=None,
        metavar="THỜI_ĐIỂM",
        help="lúc bắt đầu họp, dạng 'NĂM-THÁNG-NGÀY GIỜ:PHÚT', ví dụ '2026-12-05 08:00' "
        "(mặc định: tính theo giờ ghi trên tệp ghi âm)",
    )
    p.add_argument("--model", default=None, metavar="MÔ_HÌNH", help=texts.CLI_MODEL_HELP)
    p.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    p.add_argument("--root", default=None, metavar="THƯ_MỤC", help=texts.CLI_ROOT_HELP)
    p.set_defaults(handler=run_import)

    r = sub.add_parser("retranscribe", help="nhận dạng lại cả cuộc họp, giữ người nói, đánh dấu và lời đã sửa tay")
    r.add_argument("meeting", metavar="THƯ_MỤC_HỌP", help="thư mục cuộc họp")
    r.add_argument("--model", default=None, metavar="MÔ_HÌNH", help=texts.CLI_MODEL_HELP)
    r.add_argument(
        "--mode",
        choices=["batched", "sequential", "utterances"],
        default="batched",
        help="batched: nhận dạng nhiều đoạn cùng lúc, nhanh nhất; sequential: lần lượt từng khoảng 30 giây; "
        "utterances: nhận dạng lại từng lượt nói đã tách khi họp (mặc định: %(default)s)",
    )
    r.add_argument(
        "--no-vocabulary",
        action="store_true",
        help="bỏ lần nhận dạng thứ hai theo tên người và thuật ngữ của cuộc họp (nhanh hơn khoảng 3 lần)",
    )
    r.set_defaults(handler=run_retranscribe)

    p = sub.add_parser("meetings", help="liệt kê các cuộc họp, mới nhất trước")
    p.add_argument("--root", default=None, metavar="THƯ_MỤC", help=texts.CLI_ROOT_HELP)
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
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.importing import create_imported_meeting, import_progress, transcribe_imported
    from transcribe.engine import Transcriber

    if args.resume:
        if args.title or args.start or args.meeting:
            raise CodedError("import_resume_alone", "--resume with a recording, --title, --start or --meeting")
        folder = Path(args.resume)
        with MeetingStore.open(folder) as store:  # a folder that is no meeting fails here, in Vietnamese
            resumed = import_progress(folder, store.meeting())
        if resumed is None:
            raise CodedError("import_nothing_to_resume", f"{folder} has no unfinished import", path=str(folder))
        duration = resumed.total_s
        from minutes_tui.widgets.transcript import clock

        print(texts.IMPORT_RESUMED.format(path=folder, done=clock(resumed.done_s), total=clock(duration)), file=sys.stderr)
    else:
        if not args.title:
            raise CodedError("import_needs_title", "import without --title")
        start = _parse_start(args.start) if args.start else None
        made = create_imported_meeting(
            Path(args.audio), _root(args), args.title, start, Path(args.meeting) if args.meeting else None
        )
        print(texts.IMPORT_CREATED.format(path=made.folder), file=sys.stderr)
        folder, duration = made.folder, made.duration_s
    transcriber = Transcriber(args.model)
    with MeetingStore.open(folder) as store, progress_bar(texts.PROGRESS_LABEL, enabled=not args.no_progress) as progress:
        count = transcribe_imported(store, transcriber, progress)
    print(texts.IMPORT_DONE.format(count=count, duration=duration), file=sys.stderr)
    print(folder)
    return 0


def _parse_start(text: str) -> datetime:
    from bienban_base.errors import CodedError

    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        raise CodedError("bad_start_time", f"--start {text!r}", value=text) from None


def run_retranscribe(args: argparse.Namespace) -> int:
    """Re-decode the meeting's recording and move speakers, tags and hand edits onto it."""
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.workflows.retranscription import retranscribe
    from transcribe.engine import Transcriber

    with MeetingStore.open(args.meeting) as store:
        transcriber = Transcriber(args.model)
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
