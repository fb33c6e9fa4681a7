"""``bienban export MEETING`` (DOCX, PDF, signed PDF) and ``bienban verify FILE``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``verify`` sub-commands."""
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    h = texts.CLI_HELP["export"]
    p = sub.add_parser("export", help=summary["export"])
    p.add_argument("meeting", type=Path, metavar=m["meeting"], help=h["meeting"])
    p.add_argument("--docx", type=Path, default=None, metavar=m["file"], help=h["--docx"])
    p.add_argument("--pdf", type=Path, nargs="?", const=True, default=None, metavar=m["file"], help=h["--pdf"])
    p.add_argument("--signed", type=Path, default=None, metavar=m["file"], help=h["--signed"])
    _signing_key(p, required=False)
    p.add_argument("--appendix", action="store_true", help=h["--appendix"])
    p.add_argument("--force", action="store_true", help=h["--force"])
    p.add_argument("--notice", action="store_true", help=h["--notice"])
    p.add_argument("--report", action="store_true", help=h["--report"])
    p.add_argument("--previous", type=Path, default=None, metavar=m["meeting"], help=h["--previous"])
    p.add_argument("--open-before", default=None, metavar=m["date"], help=h["--open-before"])
    p.add_argument("--root", default=None, metavar=m["folder"], help=h["--root"])
    p.add_argument("--date", default=None, metavar=m["date"], help=h["--date"])
    p.set_defaults(handler=run_export)

    h = texts.CLI_HELP["sign"]
    s = sub.add_parser("sign", help=summary["sign"])
    s.add_argument("file", type=Path, metavar=m["pdf"], help=h["file"])
    s.add_argument("--out", type=Path, default=None, metavar=m["file"], help=h["--out"])
    _signing_key(s, required=True)
    s.set_defaults(handler=run_sign)

    h = texts.CLI_HELP["verify"]
    v = sub.add_parser("verify", help=summary["verify"])
    v.add_argument("file", type=Path, metavar=m["pdf"], help=h["file"])
    v.add_argument("--meeting", type=Path, default=None, metavar=m["meeting"], help=h["--meeting"])
    v.add_argument("--audio", type=Path, default=None, metavar=m["file"], help=h["--audio"])
    v.add_argument("--trust", type=Path, action="append", default=[], metavar=m["certificate"], help=h["--trust"])
    v.set_defaults(handler=run_verify)


def _secret(prompt: str) -> str:
    """Ask for a password or PIN: hidden on a terminal, one line from stdin otherwise (scripts)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def _key(args: argparse.Namespace):
    from minutes_tui.export.signing import Pkcs12Key, TokenKey

    if args.sign_p12 is not None:
        from minutes_tui.export.errors import ExportError

        if not args.sign_p12.is_file():
            raise ExportError("sign_p12_missing", "no PKCS#12 file", path=str(args.sign_p12))
        password = _secret(texts.EXPORT_P12_PASSWORD.format(path=args.sign_p12))
        return Pkcs12Key(args.sign_p12, password.encode() if password else None)
    if args.pkcs11_lib is not None:
        pin = _secret(texts.EXPORT_PIN.format(label=args.token or ""))
        return TokenKey(args.pkcs11_lib, args.token, pin or None, args.slot, args.key_label)
    return None


def _signing_key(parser: argparse.ArgumentParser, required: bool) -> None:
    """The chairman's key: a PKCS#12 file or a PKCS#11 token (``export`` and ``sign``)."""
    h, m = texts.CLI_SIGNING_HELP, texts.CLI_METAVARS
    key = parser.add_mutually_exclusive_group(required=required)
    key.add_argument("--sign-p12", type=Path, default=None, metavar=m["p12"], help=h["--sign-p12"])
    key.add_argument("--pkcs11-lib", type=Path, default=None, metavar=m["library"], help=h["--pkcs11-lib"])
    parser.add_argument("--token", default=None, metavar=m["label"], help=h["--token"])
    parser.add_argument("--slot", type=int, default=None, metavar=m["number"], help=h["--slot"])
    parser.add_argument("--key-label", default=None, metavar=m["label"], help=h["--key-label"])


def run_export(args: argparse.Namespace) -> int:
    """Export one meeting's minutes."""
    from minutes_tui.export.pipeline import ExportRequest, export_meeting

    pdf = args.pdf if isinstance(args.pdf, Path) else None
    after = args.notice or args.report or args.previous is not None or args.open_before
    if not after and not args.force and not _blanks_accepted(args.meeting):
        return 1
    request = ExportRequest(
        docx=args.docx, pdf=pdf, make_pdf=args.pdf is not None, signed=args.signed,
        key=_key(args), appendix=args.appendix, force=args.force,
    )  # fmt: skip
    if after:
        return _export_after(args, request)
    export_meeting(args.meeting, request, step=lambda path: print(texts.WROTE_FILE.format(path=path)))
    return 0


def _blanks_accepted(folder: Path) -> bool:
    """Say what the minutes would leave blank and ask (y/N) before exporting anyway; with no terminal
    to ask on, refuse and name ``--force``. True when nothing is missing or she says yes."""
    from minutes_tui.meeting.connection import STORE_FILE
    from minutes_tui.workflows.missing import missing_in_folder, missing_lines

    if not (folder / STORE_FILE).is_file():
        return True  # not a meeting: the export says so
    missing = missing_in_folder(folder)
    if not missing:
        return True
    print(texts.EXPORT_MISSING_HEAD, file=sys.stderr)
    print(missing_lines(missing), file=sys.stderr)
    # no terminal (a script, a pipe): never wait for an answer nobody can give
    if sys.stdin.isatty() and input(texts.EXPORT_MISSING_ASK).strip().lower() in texts.EXPORT_MISSING_YES:
        return True
    print(texts.EXPORT_MISSING_REFUSED, file=sys.stderr)
    return False


def _export_after(args: argparse.Namespace, request) -> int:
    """The notice and the reports (``--notice``, ``--report``, ``--previous``), same options as the minutes."""
    from datetime import date

    from minutes_tui.export.after_pipeline import AfterExportRequest, export_after
    from minutes_tui.workflows.dates import parse_day

    def day(value: str | None) -> date | None:
        return parse_day(value) if value else None

    issued, before = day(args.date), day(args.open_before)
    earlier: tuple[Path, ...] = ()
    if before is not None:
        from minutes_tui.meeting import default_meetings_dir
        from minutes_tui.workflows.followups import meetings_before

        root = Path(args.root) if args.root else default_meetings_dir()
        earlier = tuple(meetings_before(root, before, besides=args.meeting))
    from minutes_tui.workflows.classify import ward_fields

    labels = tuple((f.value, label) for f, label in ward_fields(args.meeting.resolve().parent))
    after = AfterExportRequest(args.notice, args.report, args.previous, request.make_pdf, request.key, args.force, issued,
                               earlier, before, labels)  # fmt: skip
    export_after(args.meeting, after, step=lambda path: print(texts.WROTE_FILE.format(path=path)))
    return 0


def run_sign(args: argparse.Namespace) -> int:
    """Sign a PDF of the minutes that was saved outside bienban."""
    from minutes_tui.export.signing import sign_own_pdf

    signed, digest = sign_own_pdf(args.file, _key(args), args.out)
    print(texts.SIGN_DIGEST_FOUND.format(digest=digest), file=sys.stderr)
    print(texts.WROTE_FILE.format(path=signed))
    return 0


def _audio_for(args: argparse.Namespace) -> Path | None:
    from minutes_tui.export.errors import ExportError

    if args.audio is not None:
        if not args.audio.is_file():
            raise ExportError("verify_missing", "no audio file", path=str(args.audio))
        return args.audio
    if args.meeting is None:
        return None
    from minutes_tui.meeting import read_meeting
    from minutes_tui.meeting.audio import meeting_audio

    audio = meeting_audio(args.meeting, read_meeting(args.meeting).meeting)
    if audio is None:
        raise ExportError("verify_no_audio", "meeting has no audio", path=str(args.meeting))
    return audio


def _signed_pdfs(folder: Path) -> list[Path]:
    """The signed PDFs of a meeting folder (its ``exports/``) or of any folder: ``…-signed.pdf``."""
    from minutes_tui.export.pipeline import exports_dir

    where = exports_dir(folder) if exports_dir(folder).is_dir() else folder
    return sorted(where.glob("*-signed.pdf"))


def run_verify(args: argparse.Namespace) -> int:
    """Print the verdict; exit 0 only when signature, signer and recording (if given) all hold.

    A meeting folder stands for its signed PDFs (checked against its recording); another folder
    is refused with the signed PDFs found in it, so that she can pick one.
    """
    from minutes_tui.export.errors import ExportError
    from minutes_tui.export.verify import verify_pdf
    from minutes_tui.export.verify_report import verdict_lines
    from minutes_tui.meeting.connection import STORE_FILE

    files = [args.file]
    if args.file.is_dir():
        files = _signed_pdfs(args.file)
        meeting = (args.file / STORE_FILE).is_file()
        if not meeting or not files:
            found = "".join(f"\n  {f}" for f in files) or texts.VERIFY_FOLDER_NONE
            raise ExportError("verify_folder", "a folder, not a PDF", path=str(args.file), found=found)
        if args.meeting is None and args.audio is None:
            args.meeting = args.file
    passed = True
    for pdf in files:
        if len(files) > 1:
            print(texts.VERIFY_FOLDER_FILE.format(path=pdf))
        verdict = verify_pdf(pdf, _audio_for(args), args.trust)
        for line in verdict_lines(verdict):
            print(line)
        passed = passed and verdict.passed
    return 0 if passed else 1
