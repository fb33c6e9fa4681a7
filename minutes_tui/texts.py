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
