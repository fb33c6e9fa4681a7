"""Every Vietnamese text the secretary sees, in one place so it can be reviewed together.

Errors raised by the domain packages carry a ``code`` and ``params``; ``user_message`` turns them
into the sentence shown in the terminal app or on the command line.
"""

from __future__ import annotations

#: Error messages by error code. ``{name}`` fields come from the error's ``params``.
ERRORS: dict[str, str] = {
    # audio files
    "audio_missing": "Không tìm thấy tệp âm thanh: {path}",
    "audio_empty": "Tệp không có âm thanh nào: {path}",
    "audio_unreadable": "Không đọc được tệp âm thanh (tệp hỏng hoặc không phải âm thanh): {path}",
    # the model
    "model_package_missing": "Thiếu gói mô hình {package}. Cài lại bằng: pip install bienban",
    "model_corrupt": "Mô hình nhận dạng bị hỏng ({files}). Sửa bằng lệnh: bienban model verify --repair",
    "model_missing": "Chưa có mô hình nhận dạng. Tạo bằng lệnh: bienban model verify --repair",
    "model_write_failed": "Không ghi được mô hình vào {path} (đĩa đầy hoặc không có quyền ghi).",
    "model_not_folder": "{path} không phải thư mục mô hình Whisper CTranslate2 (cần model.bin và config.json).",
    "model_unknown": "Không biết mô hình '{name}'. Dùng 'base', một thư mục mô hình, hoặc tên như 'small', 'large-v3'.",
    "model_offline": "Mô hình '{name}' chưa có trên máy và máy đang ngoại tuyến. Hãy kết nối mạng một lần để tải, hoặc chỉ đường dẫn tới thư mục mô hình.",
    "model_download_failed": "Không tải được mô hình '{name}'. Kiểm tra kết nối mạng hoặc chỉ đường dẫn tới thư mục mô hình.",
    # evaluation
    "eval_no_transcripts": "Thư mục {path} không có tệp transcripts.tsv.",
    "eval_bad_transcripts": "Tệp transcripts.tsv không hợp lệ: {detail}",
}

GENERIC_ERROR = "Đã xảy ra lỗi: {detail}"
INTERRUPTED = "Đã dừng theo yêu cầu."

# command line
MODEL_OK = "Mô hình {name} hợp lệ: {path}"
MODEL_REPAIRED = "Đã dựng lại mô hình {name}: {path}"
MODEL_LIST_HEADER = "Mô hình có sẵn:"
MODEL_NOT_ASSEMBLED = "(chưa dựng, sẽ dựng khi dùng lần đầu)"
PROGRESS_LABEL = "Đang nhận dạng"
WROTE_FILE = "Đã ghi {path}"

# ---------------------------------------------------------------- terminal app (issue 6, minutes_tui)
APP_TITLE = "Biên bản"
APP_ERROR_TITLE = "Có lỗi"
APP_ERROR_HINT = "Dữ liệu đã lưu không bị mất. Nhấn Enter hoặc Esc để đóng."
APP_ERROR_WORKER = "Việc chạy nền ({task}) gặp lỗi: {message}"
APP_OK = "Đóng"
APP_YES = "Có"
APP_NO = "Không"
APP_CANCEL = "Hủy"
APP_SAVE = "Lưu"
HELP_TITLE = "Phím tắt"
HELP_CLOSE = "Nhấn Esc hoặc ? để đóng."
HELP_SCREEN = "Màn hình này"
HELP_EVERYWHERE = "Mọi nơi"
#: Binding descriptions, by action name (the help screen and the footer show them).
KEYS: dict[str, str] = {
    "help": "Xem phím tắt",
    "quit": "Thoát",
    "back": "Quay lại",
    "new_meeting": "Cuộc họp mới",
    "open_meeting": "Mở cuộc họp",
    "open_folder": "Mở thư mục cuộc họp",
    "import_audio": "Nhập tệp âm thanh",
    "demo": "Chạy thử (bản trình diễn)",
    "start": "Bắt đầu ghi",
    "load_roster": "Đọc danh sách từ tệp CSV",
    "pause": "Tạm dừng / tiếp tục ghi",
    "stop": "Kết thúc ghi, sang xem lại",
    "speaker": "Chọn người nói (1–9: chín người đầu)",
    "speaker_search": "Tìm người nói / thêm tên mới",
    "petition": "Đánh dấu: kiến nghị",
    "answer": "Đánh dấu: trả lời",
    "promise": "Đánh dấu: hứa giải quyết",
    "transfer": "Đánh dấu: chuyển cơ quan khác",
    "off_topic": "Đánh dấu: ngoài nội dung",
    "clear_tag": "Bỏ đánh dấu",
    "link": "Nối trả lời/kết quả với kiến nghị",
    "follow_up": "Người chịu trách nhiệm và hạn",
    "edit": "Sửa lời",
    "note": "Ghi chú",
    "undo": "Hoàn tác",
    "redo": "Làm lại",
    "follow": "Theo dõi lời mới",
    "play": "Phát / dừng âm thanh đoạn",
    "next_speaker": "Người nói kế tiếp",
    "prev_speaker": "Người nói trước",
    "next_tag": "Đoạn đánh dấu kế tiếp",
    "prev_tag": "Đoạn đánh dấu trước",
    "next_low": "Từ nghe chưa chắc kế tiếp",
    "search": "Tìm và thay thế",
    "merge": "Gộp với đoạn sau",
    "split": "Tách đoạn tại con trỏ",
    "retranscribe": "Nhận dạng lại cả cuộc họp",
    "items": "Bảng kiến nghị",
    "export": "Xuất biên bản",
}
HOME_TITLE = "Các cuộc họp"
HOME_COLUMNS = ("Ngày", "Tên cuộc họp", "Thời lượng", "Việc chưa xong", "Hạn gần nhất")
HOME_EMPTY = "Chưa có cuộc họp nào. Nhấn n để tạo cuộc họp mới, d để chạy thử."
HOME_HINT = "n: cuộc họp mới · o: mở thư mục · i: nhập tệp âm thanh · d: chạy thử · ?: phím tắt"
HOME_OPEN_FOLDER = "Đường dẫn thư mục cuộc họp:"
HOME_IMPORT_AUDIO = "Đường dẫn tệp âm thanh cần nhập:"
SETUP_TITLE = "Cuộc họp mới"
SETUP_FIELDS: dict[str, str] = {
    "title": "Tên hội nghị",
    "parent_body": "Cơ quan cấp trên",
    "body": "Cơ quan tổ chức",
    "number": "Số biên bản",
    "place": "Địa điểm",
    "chair": "Chủ trì",
    "co_chair": "Đồng chủ trì",
    "secretary": "Thư ký",
    "roster": "Thành phần (mỗi dòng một người: Họ tên, chức vụ, tổ dân phố)",
    "agenda": "Chương trình (mỗi dòng một mục)",
    "roster_csv": "Tệp CSV danh sách",
    "device": "Thiết bị thu âm",
}
SETUP_DEFAULTS_NOTE = "Đã điền sẵn theo cuộc họp trước."
SETUP_LEVEL = "Mức âm thanh"
SETUP_NO_DEVICE = "Không có thiết bị thu âm"
SETUP_ROSTER_COUNT = "{count} người trong danh sách"
LIVE_STATE = {"recording": "● ĐANG GHI", "paused": "❚❚ TẠM DỪNG", "stopped": "■ ĐÃ DỪNG", "starting": "… ĐANG MỞ"}
LIVE_ELAPSED = "Thời gian"
LIVE_DEVICE = "Thiết bị"
LIVE_WAITING = "Đang chờ lời nói…"
LIVE_LOADING_MODEL = "Đang nạp mô hình nhận dạng…"
LIVE_DEMO = "Bản trình diễn"
LIVE_FOLLOWING = "theo dõi lời mới"
LIVE_BROWSING = "đang xem phía trên (F: theo dõi lại)"
LIVE_TROUBLE = "Sự cố thu âm: {message}"
LIVE_FINISHED = "Đã ghi xong. Nhấn x để xem lại."
SPEAKER_UNKNOWN = "(chưa rõ)"
SPEAKER_SEARCH_TITLE = "Người nói"
SPEAKER_SEARCH_HINT = "Gõ để tìm; Enter chọn; tên mới thì gõ đủ họ tên rồi Enter."
SPEAKER_NEW = "Thêm người mới: {name}"
TAG_LABELS = {
    "petition": "KIẾN NGHỊ",
    "answer": "TRẢ LỜI",
    "promise": "HỨA",
    "transfer": "CHUYỂN",
    "off_topic": "NGOÀI NỘI DUNG",
}
EDIT_TITLE = "Sửa lời"
NOTE_TITLE = "Ghi chú"
FOLLOW_UP_TITLE = "Người chịu trách nhiệm và hạn giải quyết"
FOLLOW_UP_RESPONSIBLE = "Người / cơ quan chịu trách nhiệm"
FOLLOW_UP_DEADLINE = "Hạn (ngày/tháng/năm hoặc số ngày, ví dụ 30)"
FOLLOW_UP_BAD_DATE = "Hạn không hợp lệ: {value}. Nhập ngày/tháng/năm hoặc số ngày."
LINK_TITLE = "Nối với kiến nghị"
LINK_NONE = "Chưa có kiến nghị nào để nối."
LINKED = "Đã nối với kiến nghị #{number}"
REVIEW_TITLE = "Xem lại"
REVIEW_PLAYING = "▶ đang phát"
REVIEW_NO_AUDIO = "Không phát được âm thanh: {detail}"
REVIEW_RETRANSCRIBE = "Nhận dạng lại: {percent}%"
REVIEW_RETRANSCRIBE_DONE = "Đã nhận dạng lại, giữ {kept} đánh dấu."
REVIEW_NO_LOW = "Không còn từ nghe chưa chắc."
SEARCH_TITLE = "Tìm và thay thế"
SEARCH_FIND = "Tìm"
SEARCH_REPLACE = "Thay bằng"
SEARCH_RESULT = "Đã thay {count} chỗ."
SEARCH_NONE = "Không tìm thấy: {text}"
ITEMS_TITLE = "Kiến nghị và kết quả"
ITEMS_EMPTY = "Chưa có kiến nghị nào."
ITEMS_NO_OUTCOME = "chưa có kết quả"
ITEMS_LACKS = "Biên bản còn thiếu"
ITEMS_LACK = {
    "promise_without_deadline": "Hứa giải quyết nhưng chưa có hạn (đoạn {number})",
    "petition_without_outcome": "Kiến nghị chưa có kết quả (đoạn {number})",
    "speaker_without_name": "Người nói chưa có tên (đoạn {number})",
}
ITEMS_COMPLETE = "Đủ thông tin để xuất biên bản."
EXPORT_TITLE = "Xuất biên bản"
EXPORT_PARTS = {
    "transcript": "Toàn bộ lời phát biểu",
    "petitions": "Bảng kiến nghị",
    "notes": "Ghi chú",
}
EXPORT_FORMATS = {"docx": "DOCX", "pdf": "PDF", "signed": "PDF có chữ ký số"}
EXPORT_DONE = "Đã xuất: {path}"
EXPORT_UNAVAILABLE = "Chức năng xuất biên bản chưa sẵn sàng."
DEMO_NOTICE = "Bản trình diễn: cuộc họp mẫu được phát lại như đang họp thật."


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def user_message(error: BaseException) -> str:
    """The Vietnamese sentence for a domain error (a generic one for anything unknown)."""
    code = getattr(error, "code", None)
    params = _Defaults(getattr(error, "params", {}) or {})
    template = ERRORS.get(code) if isinstance(code, str) else None
    if template is None:
        return GENERIC_ERROR.format(detail=str(error) or type(error).__name__)
    return template.format_map(params)
