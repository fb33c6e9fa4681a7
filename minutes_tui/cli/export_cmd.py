"""``bienban export MEETING`` (DOCX, PDF, signed PDF) and ``bienban verify FILE``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``verify`` sub-commands."""
    p = sub.add_parser("export", help="xuất biên bản ra tệp DOCX, PDF hoặc PDF có chữ ký số")
    p.add_argument("meeting", type=Path, metavar="THƯ_MỤC_HỌP", help="thư mục cuộc họp")
    p.add_argument("--docx", type=Path, default=None, metavar="TỆP",
                   help="đường dẫn tệp DOCX (mặc định: THƯ_MỤC_HỌP/exports/bien-ban.docx)")  # fmt: skip
    p.add_argument("--pdf", type=Path, nargs="?", const=True, default=None, metavar="TỆP",
                   help="tạo thêm tệp PDF bằng LibreOffice (có thể ghi kèm đường dẫn của tệp PDF)")  # fmt: skip
    p.add_argument("--signed", type=Path, default=None, metavar="TỆP",
                   help="đường dẫn tệp PDF đã ký (mặc định: THƯ_MỤC_HỌP/exports/bien-ban-signed.pdf)")  # fmt: skip
    _signing_key(p, required=False)
    p.add_argument("--appendix", action="store_true", help="thêm phụ lục ghi toàn văn lời nói trong cuộc họp")
    p.add_argument("--force", action="store_true", help="ghi đè tệp DOCX, PDF đã có (không bao giờ ghi đè PDF đã ký)")
    p.add_argument("--notice", action="store_true", help="xuất Thông báo kết luận của chủ tọa thay cho biên bản")
    p.add_argument("--report", action="store_true", help="xuất Báo cáo kết quả thay cho biên bản")
    p.add_argument("--previous", type=Path, default=None, metavar="THƯ_MỤC_HỌP",
                   help="thay cho biên bản: báo cáo kết quả giải quyết ý kiến của cuộc họp kỳ trước này")  # fmt: skip
    p.add_argument(
        "--open-before",
        default=None,
        metavar="NĂM-THÁNG-NGÀY",
        help="thay cho biên bản: báo cáo mọi việc còn theo dõi của các cuộc họp trước ngày này (dùng với --root)",
    )
    p.add_argument("--root", default=None, metavar="THƯ_MỤC",
                   help="thư mục chứa các cuộc họp cho --open-before (mặc định: thư mục chương trình vẫn dùng)")  # fmt: skip
    p.add_argument("--date", default=None, metavar="NĂM-THÁNG-NGÀY", help="ngày của thông báo, báo cáo (mặc định: hôm nay)")
    p.set_defaults(handler=run_export)

    s = sub.add_parser("sign", help="ký số một tệp PDF biên bản đã lưu từ Word")
    s.add_argument("file", type=Path, metavar="TỆP_PDF", help="tệp PDF cần ký")
    s.add_argument("--out", type=Path, default=None, metavar="TỆP", help="đường dẫn tệp PDF đã ký (mặc định: TỆP_PDF-signed.pdf)")
    _signing_key(s, required=True)
    s.set_defaults(handler=run_sign)

    v = sub.add_parser("verify", help="kiểm tra chữ ký số và bản ghi âm của biên bản đã ký")
    v.add_argument("file", type=Path, metavar="TỆP_PDF", help="tệp PDF đã ký")
    v.add_argument("--meeting", type=Path, default=None, metavar="THƯ_MỤC_HỌP", help="đối chiếu với bản ghi âm của cuộc họp này")
    v.add_argument("--audio", type=Path, default=None, metavar="TỆP", help="đối chiếu với tệp ghi âm này")
    v.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CHỨNG_THƯ",
        help="chứng thư gốc tin cậy (PEM hoặc DER; ghi được nhiều lần); chương trình cũng đọc thư mục chứng thư gốc "
        "của phường trong cấu hình người dùng",
    )
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
    key = parser.add_mutually_exclusive_group(required=required)
    key.add_argument("--sign-p12", type=Path, default=None, metavar="TỆP_P12",
                     help="ký bằng tệp chứng thư số PKCS#12 (.p12, .pfx); chương trình sẽ hỏi mật khẩu")  # fmt: skip
    key.add_argument("--pkcs11-lib", type=Path, default=None, metavar="THƯ_VIỆN",
                     help="ký bằng USB token PKCS#11: đường dẫn tới thư viện của token (.so)")  # fmt: skip
    parser.add_argument("--token", default=None, metavar="NHÃN", help="nhãn của token (dùng với --pkcs11-lib)")
    parser.add_argument("--slot", type=int, default=None, metavar="SỐ", help="số khe cắm của token (dùng với --pkcs11-lib)")
    parser.add_argument("--key-label", default=None, metavar="NHÃN", help="nhãn của khóa trên token, khi token có nhiều khóa")


def run_export(args: argparse.Namespace) -> int:
    """Export one meeting's minutes."""
    from minutes_tui.export.pipeline import ExportRequest, export_meeting

    pdf = args.pdf if isinstance(args.pdf, Path) else None
    request = ExportRequest(
        docx=args.docx, pdf=pdf, make_pdf=args.pdf is not None, signed=args.signed,
        key=_key(args), appendix=args.appendix, force=args.force,
    )  # fmt: skip
    if args.notice or args.report or args.previous is not None or args.open_before:
        return _export_after(args, request)
    export_meeting(args.meeting, request, step=lambda path: print(texts.WROTE_FILE.format(path=path)))
    return 0


def _export_after(args: argparse.Namespace, request) -> int:
    """The notice and the reports (``--notice``, ``--report``, ``--previous``), same options as the minutes."""
    from datetime import date

    from minutes_tui.export.after_pipeline import AfterExportRequest, export_after
    from minutes_tui.export.errors import ExportError

    def day(value: str | None) -> date | None:
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise ExportError("followup_bad_date", value or "", value=value) from None

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


def run_verify(args: argparse.Namespace) -> int:
    """Print the verdict; exit 0 only when signature, signer and recording (if given) all hold."""
    from minutes_tui.export.verify import verify_pdf
    from minutes_tui.export.verify_report import verdict_lines

    verdict = verify_pdf(args.file, _audio_for(args), args.trust)
    for line in verdict_lines(verdict):
        print(line)
    return 0 if verdict.passed else 1
