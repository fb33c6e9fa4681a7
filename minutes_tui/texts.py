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
    "model_file_corrupt": "Tệp mô hình đi kèm bộ cài bị hỏng: {path}. Hãy cài lại bienban (bản lấy từ git: git checkout -- transcribe/models), rồi chạy: bienban model verify --repair",
    "model_write_failed": "Không ghi được mô hình vào {path} (đĩa đầy hoặc không có quyền ghi).",
    "model_not_folder": "{path} không phải thư mục mô hình Whisper CTranslate2 (cần model.bin và config.json).",
    "model_unknown": "Không biết mô hình '{name}'. Dùng 'base-vi', 'base', một thư mục mô hình, hoặc tên như 'small', 'large-v3'.",
    "model_offline": "Mô hình '{name}' chưa có trên máy và máy đang ngoại tuyến. Hãy kết nối mạng một lần để tải, hoặc chỉ đường dẫn tới thư mục mô hình.",
    "model_download_failed": "Không tải được mô hình '{name}'. Kiểm tra kết nối mạng hoặc chỉ đường dẫn tới thư mục mô hình.",
    # the speaker encoder (issue 15, voices/): everything else keeps working without it
    "voice_encoder_missing": "Chưa có bộ nhận giọng nói nên không gợi ý được người nói (phần còn lại vẫn dùng được). Cài bằng: {command}",
    "voice_encoder_corrupt": "Bộ nhận giọng nói bị hỏng nên không gợi ý được người nói (phần còn lại vẫn dùng được). Cài lại bằng: {command}",
    "bench_no_speakers": "Thư mục {path} không có tệp speakers.tsv (cột path và speaker) hoặc tệp đó không liệt kê đoạn ghi âm nào.",
    "voices_no_audio": "Cuộc họp {path} chưa có tệp ghi âm nên chưa gợi ý người nói theo giọng được.",
    "voice_keep_anonymous": "Không lưu giọng nói của {name}: người này được giữ kín danh tính.",
    "voice_keep_resident": "Không lưu giọng nói của {name} cho các cuộc họp sau: chỉ lưu giọng của cán bộ (người có chức vụ, không thuộc tổ dân phố); giọng của người dân chỉ ở trong thư mục cuộc họp này.",
    "voice_keep_too_little": "Chưa đủ lời nói của {name} để lưu giọng (cần ít nhất 2 đoạn hoặc 4 giây).",
    "voice_person_unknown": "Không có người tham dự nào tên '{name}' trong cuộc họp. Xem số và tên của họ bằng: bienban voices list THƯ_MỤC_HỌP",
    "voice_person_ambiguous": "Có nhiều người tham dự tên '{name}' (số {ids}). Hãy gõ số của người cần chọn thay cho tên.",
    "voice_weights_refused": "Tệp trọng số giọng nói không an toàn nên đã bị từ chối ({detail}).",
    # evaluation
    "eval_no_transcripts": "Thư mục {path} không có tệp transcripts.tsv.",
    "eval_bad_transcripts": "Tệp transcripts.tsv không hợp lệ: dòng {line} thiếu cột.",
    # recorder (issue 3, recorder/ and bienban devices/record/recover)
    "portaudio_missing": "Không nạp được thư viện âm thanh PortAudio nên chưa ghi âm được. Cài bằng: sudo apt-get install libportaudio2",
    "no_input_device": "Không tìm thấy hoặc không mở được micrô nào để ghi âm. Hãy cắm micrô (hoặc bật dịch vụ âm thanh) rồi thử lại. Xem danh sách bằng: bienban devices",
    "device_not_found": "Không có micrô '{device}'. Các thiết bị thu âm hiện có: {devices}",
    "device_lost": "Mất micrô {device} giữa chừng. Phần đã ghi vẫn được giữ nguyên.",
    "disk_full": "Đĩa đầy (hoặc tệp vượt giới hạn dung lượng) nên đã dừng ghi âm. Phần đã ghi vẫn được giữ nguyên trong tệp hợp lệ. Hãy giải phóng chỗ trống rồi ghi tiếp (bienban record --append).",
    "write_failed": "Không ghi được tệp ghi âm {path} ({detail}) nên đã dừng ghi. Phần đã ghi vẫn được giữ nguyên trong tệp hợp lệ.",
    "recording_exists": "Cuộc họp này đã có bản ghi âm ({path}); bản ghi âm không bao giờ bị ghi đè. Muốn ghi âm tiếp vào cuối bản ghi này: bienban record --meeting THƯ_MỤC_HỌP --append. Muốn nhập một tệp ghi âm khác: chọn thư mục họp khác.",
    "recording_interrupted": "Cuộc họp {path} có một lần ghi âm bị ngắt giữa chừng. Khôi phục bằng: bienban recover {path} (hoặc bienban record --meeting {path} --append để khôi phục rồi ghi tiếp).",
    "recording_foreign": "Tệp {path} không phải bản ghi âm do bienban tạo nên không ghi tiếp vào nó được.",
    "nothing_to_recover": "Thư mục {path} không có bản ghi âm nào để khôi phục.",
    # minutes export and signature (issue 7, minutes_tui/export)
    "export_exists": "Tệp {path} đã có. Thêm --force để ghi đè, hoặc chọn tên khác.",
    "export_signed_exists": "Tệp đã ký {path} đã có và không bao giờ bị ghi đè. Hãy đổi tên hoặc chuyển nó đi trước.",
    "export_write_failed": "Không ghi được {path} (đĩa đầy hoặc không có quyền ghi).",
    "export_no_meeting": "Không tìm thấy cuộc họp ở {path}.",
    "pdf_no_libreoffice": "Máy chưa cài LibreOffice nên chưa tạo được PDF (tệp DOCX vẫn dùng được). Cài bằng: sudo apt-get install libreoffice-writer",
    "pdf_convert_failed": "LibreOffice không chuyển được {path} sang PDF: {detail}",
    "pdf_convert_timeout": "LibreOffice không xong sau {seconds} giây khi chuyển {path} sang PDF.",
    "sign_p12_missing": "Không tìm thấy tệp chứng thư số: {path}",
    "sign_p12_unreadable": "Không mở được tệp chứng thư số {path}: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12/.pfx).",
    "sign_pkcs11_library": "Không nạp được thư viện PKCS#11 {path}. Kiểm tra đường dẫn tới thư viện của USB token.",
    "sign_token_missing": "Không thấy token ký số '{label}'. Hãy cắm USB token rồi thử lại.",
    "sign_token_pin": "Mã PIN của token không đúng, hoặc token đã bị khóa.",
    "sign_key_missing": "Token '{label}' không có khóa và chứng thư số để ký.",
    "sign_failed": "Không ký số được tệp PDF: {detail}",
    "verify_missing": "Không tìm thấy tệp: {path}",
    "verify_folder": "{path} là một thư mục: hãy đưa tệp PDF đã ký (bienban verify TỆP.pdf). Tệp PDF đã ký tìm thấy ở đó:{found}",
    "verify_not_pdf": "Tệp {path} không phải PDF đọc được (tệp hỏng hoặc sai định dạng).",
    "verify_no_audio": "Cuộc họp {path} không có tệp ghi âm để đối chiếu.",
    # live transcription and the post-meeting pass (issue 4, transcribe/live, bienban retranscribe)
    "bench_needs_psutil": "Lệnh đo hiệu năng cần gói psutil. Cài bằng: pip install 'bienban[bench]' (hoặc pip install psutil).",
    "retranscribe_no_audio": "Cuộc họp {path} chưa có tệp ghi âm nên chưa nhận dạng lại được.",
    "roster_unreadable": "Không đọc được tệp danh sách: {path}",
    "store_missing": "Thư mục {path} không có cuộc họp nào (thiếu tệp meeting.sqlite).",
    "store_exists": "Thư mục {path} đã có một cuộc họp. Hãy chọn thư mục khác.",
    "store_corrupt": "Tệp dữ liệu cuộc họp {path} bị hỏng, không đọc được. Tệp ghi âm trong thư mục không bị động tới; hãy mở bản sao của thư mục cuộc họp nếu có.",
    "store_foreign": "{path} không phải tệp dữ liệu cuộc họp của bienban.",
    "store_newer": "Cuộc họp {path} được lưu bằng phiên bản bienban mới hơn (dữ liệu bản {found}, bản này chỉ đọc được tới bản {supported}). Hãy cập nhật bienban; dữ liệu và tệp ghi âm không bị thay đổi.",
    "store_needs_upgrade": "Cuộc họp {path} được lưu bằng phiên bản bienban cũ; hãy mở nó một lần trong bienban để cập nhật.",
    "store_locked": "Cuộc họp {path} đang được mở ở một chương trình khác. Hãy đóng chương trình đó rồi thử lại.",
    "store_write_failed": "Không ghi được vào cuộc họp {path} (đĩa đầy hoặc không có quyền ghi). Thay đổi vừa rồi chưa được lưu; mọi thay đổi trước đó vẫn còn.",
    "store_integrity": "Thay đổi không khớp với dữ liệu cuộc họp nên chưa được lưu: {detail}",
    "store_bad_field": "Không có trường '{name}' trong {kind}.",
    "store_missing_segment": "Không tìm thấy đoạn số {id} trong cuộc họp.",
    "store_missing_participant": "Không tìm thấy người tham dự số {id} trong cuộc họp.",
    "store_missing_petition": "Không tìm thấy kiến nghị số {id} trong cuộc họp.",
    "store_missing_note": "Không tìm thấy ghi chú số {id} trong cuộc họp.",
    "segment_bad_split": "Không tách được đoạn {id} tại chỗ này: một trong hai phần sẽ trống.",
    "segment_merge_self": "Không gộp được một đoạn với chính nó.",
    "followups_bad_days": "Số ngày không hợp lệ: {value}",
    "import_needs_title": 'Cần tên cuộc họp, ví dụ: bienban import hop-dan.m4a --title "Hội nghị đối thoại".',
    "import_resume_alone": "Lệnh bienban import --resume chỉ cần thư mục cuộc họp: tên, giờ bắt đầu và thư mục đã có trong cuộc họp.",
    "import_nothing_to_resume": "Cuộc họp {path} không có lần nhận dạng nào bị ngắt: không có gì để nhận dạng tiếp. Muốn nhận dạng lại cả cuộc họp: bienban retranscribe {path}",
    "bad_start_time": "Giờ bắt đầu không hợp lệ: '{value}'. Viết ngày/tháng/năm giờ:phút (ví dụ 05/12/2026 08:00) hoặc NĂM-THÁNG-NGÀY GIỜ:PHÚT (2026-12-05 08:00).",
    "recording_busy": "Cuộc họp {path} đang được ghi âm ở một cửa sổ hoặc chương trình khác. Hãy dừng lần ghi đó trước; bản ghi đang chạy không bị động tới.",
    "store_undo_refused": "Không hoàn tác được: lịch sử sửa trong tệp cuộc họp không hợp lệ (có thể tệp đã bị sửa từ bên ngoài). Không có gì bị thay đổi.",
    "sign_no_digest": 'Tệp {path} không ghi mã SHA-256 của bản ghi âm (dòng "mã SHA-256 của tệp ghi âm" trong biên bản) nên không ký được: chữ ký sẽ không gắn biên bản với bản ghi âm nào. Hãy giữ nguyên dòng đó khi sửa biên bản.',
    "recording_log_corrupt": "Tệp nhật ký ghi âm {path} bị hỏng (bản ghi âm không bị ảnh hưởng).",
    "sign_own_needs_key": "Hãy chọn cách ký (tệp chứng thư số hoặc USB token) để ký tệp {path}.",
    "verify_bad_root": "Tệp {path} không phải chứng thư số (PEM/DER) nên không dùng làm chứng thư gốc được.",
    "followup_no_number": "Cuộc họp không có ý kiến số {number} (chỉ có {count} ý kiến).",
    "store_no_outcome": "Ý kiến {petition} chưa có kết quả nên chưa theo dõi được.",
    "followup_answered": "Ý kiến {number} đã được trả lời tại hội nghị, không có việc gì cần theo dõi.",
    "followup_no_result": "Hãy ghi kết quả giải quyết (--result).",
    "followup_no_reason": "Hãy ghi lý do gia hạn (--reason).",
    "followup_no_body": "Hãy ghi cơ quan nhận chuyển (--to).",
    "followup_nothing_to_undo": "Thay đổi gần nhất của cuộc họp {path} không phải là cập nhật việc theo dõi; không hoàn tác.",
    "followup_bad_date": "Ngày không hợp lệ: {value}. Viết ngày/tháng/năm (ví dụ 05/12/2026) hoặc NĂM-THÁNG-NGÀY (2026-12-05).",
    "followup_extend_before_meeting": "Không gia hạn được đến {value}: ngày đó trước ngày họp ({meeting}). Chưa ghi gì.",
    "followup_extend_not_later": "Không gia hạn được đến {value}: hạn mới phải sau hạn hiện tại ({deadline}). Chưa ghi gì.",
    "ward_fields_bad": "Danh sách lĩnh vực {path} không đọc được.",
    "attendance_bad": "Không hiểu số người tham dự '{part}' (viết: Nhóm: số; Nhóm: số).",
    "export_no_previous": "Không tìm thấy hội nghị kỳ trước {path}.",
}

GENERIC_ERROR = "Đã xảy ra lỗi: {detail}"
INTERRUPTED = "Đã dừng theo yêu cầu."

# command line
MODEL_OK = "Mô hình {name} hợp lệ: {path}"
MODEL_REPAIRED = "Đã dựng lại mô hình {name}: {path}"
MODEL_LIST_HEADER = "Mô hình có sẵn:"
#: One line under each bundled model in ``bienban model list``.
MODEL_ABOUT = {
    "base": "Whisper base gốc (đa ngôn ngữ)",
    "base-vi": "Whisper base đã luyện thêm tiếng Việt (xem README: How the Vietnamese model was made)",
}
MODEL_DEFAULT_MARK = " — mặc định cho: {uses}"
#: The paths of ``transcribe.model.DEFAULTS``, as ``bienban model list`` names them.
MODEL_USES = {
    "live": "chữ trực tiếp khi ghi",
    "recordings": "nhập tệp, nhận dạng lại (R)",
    "clips": "bienban eval",
}
MODEL_NOT_ASSEMBLED = "(chưa dựng, sẽ dựng khi dùng lần đầu)"
PROGRESS_LABEL = "Đang nhận dạng"
EVAL_PROGRESS_LABEL = "Đang chấm"
EVAL_PROGRESS_UNIT = "tệp"
WROTE_FILE = "Đã ghi {path}"
NO_SPEECH = "Không nhận ra lời nói nào trong tệp này."

# recorder (issue 3): what a recording reports, by the ``code`` of its ``recorder.events`` event
RECORDER_EVENTS: dict[str, str] = {
    "rec_started": "Đang ghi âm từ {device} ({native_rate} Hz, {channels} kênh).",
    "rec_device_lost": "Mất micrô {device} tại {at_clock} của bản ghi. Phần đã ghi vẫn an toàn; đang thử mở lại micrô vài giây một lần…",
    "rec_device_back": "Đã có lại micrô {device} sau {gap_seconds:.1f} giây gián đoạn; tiếp tục ghi vào cùng cuộc họp.",
    "rec_overflow": "Máy không kịp nhận âm thanh từ micrô ({count} lần tràn bộ đệm); có thể mất vài mẩu rất ngắn.",
    "rec_consumer_dropped": "Phần xử lý '{consumer}' chạy chậm, đã bỏ qua {dropped} khối âm thanh (tệp ghi âm vẫn đủ).",
    "rec_write_failed": "Đã dừng ghi âm vì lỗi ghi đĩa; giữ được {kept_seconds:.1f} giây âm thanh.",
    "rec_paused": "Tạm dừng ghi âm tại {at_clock} của bản ghi.",
    "rec_resumed": "Ghi âm tiếp (đã tạm dừng {pause_seconds:.0f} giây).",
    "rec_source_ended": "Đã hết âm thanh nguồn.",
}
REC_DEVICES_HEADER = "Thiết bị thu âm (số, tên, tần số gốc, số kênh):"
REC_DEVICE_LINE = "{mark} {index:>3}  {name}  {native_rate} Hz  {channels} kênh  [{hostapi}]"
REC_RUNNING = "Nhấn Ctrl-C để dừng ghi âm."
REC_SAVED = "Đã lưu bản ghi âm ({seconds:.1f} giây): {path}"
REC_RECOVERED = "Đã khôi phục bản ghi âm bị ngắt ({seconds:.1f} giây): {path}"
REC_NOTHING_INTERRUPTED = "Bản ghi âm đã hoàn chỉnh, không cần khôi phục ({seconds:.1f} giây): {path}"

# ---------------------------------------------------------------- terminal app (issue 6, minutes_tui)
APP_TITLE = "Biên bản"
APP_ERROR_TITLE = "Có lỗi"
APP_ERROR_HINT = "Dữ liệu đã lưu không bị mất. Nhấn Enter hoặc Esc để đóng."
APP_OK = "Đóng"
APP_CANCEL = "Hủy"
APP_SAVE = "Lưu"
HELP_TITLE = "Phím tắt"
HELP_CLOSE = "Nhấn Esc, ? hoặc F1 để đóng."
HELP_SCREEN = "Màn hình này"
HELP_EVERYWHERE = "Mọi nơi"
#: Moving around (Textual's own keys), as the help lists them.
HELP_NAVIGATION = [
    ("↑ ↓", "Đoạn / dòng trước, sau"),
    ("PgUp PgDn", "Lên, xuống một trang"),
    ("Home End", "Đầu, cuối danh sách"),
    ("Tab ⇧Tab", "Sang ô sau, ô trước"),
    ("Enter", "Chọn, xác nhận"),
    ("Esc", "Đóng hộp thoại, thôi"),
]
#: Binding descriptions, by action name (the help screen and the footer show them).
KEYS: dict[str, str] = {
    "help": "Xem phím tắt",
    "quit": "Thoát",
    "back": "Quay lại",
    "new_meeting": "Cuộc họp mới",
    "continue_recording": "Ghi âm tiếp cuộc họp này (nối vào bản ghi đã có)",
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
    "accept_voice": "Nhận gợi ý người nói theo giọng",
    "accept_all_voices": "Nhận mọi gợi ý người nói chắc chắn",
    "voice_consent": "Lưu hoặc xoá giọng nói của người nói",
    "retranscribe": "Nhận dạng lại cả cuộc họp",
    "items": "Bảng kiến nghị",
    "export": "Xuất biên bản",
    "proposed_accept": "Lấy lời mới đề xuất",
    "proposed_keep": "Giữ lời đã sửa tay",
    "edit_item": "Sửa mọi mục của kiến nghị (bảng kiến nghị)",
    "details": "Thông tin cuộc họp (tiêu đề, chức vụ, giờ, tóm tắt, người tham dự)",
    "save": "Lưu",
}
HOME_TITLE = "Các cuộc họp"
HOME_EMPTY = "Chưa có cuộc họp nào. Nhấn n để tạo cuộc họp mới, d để chạy thử."
HOME_OPEN_FOLDER = "Đường dẫn thư mục cuộc họp:"
HOME_IMPORT_AUDIO = "Đường dẫn tệp âm thanh cần nhập:"
PATH_PLACEHOLDER = "Gõ, dán hoặc kéo thả tệp vào đây rồi nhấn Enter"
PATH_HINT = "Hoặc nhấn Tab để chọn trong cây thư mục: ↑ ↓ di chuyển, Enter mở thư mục / chọn."
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
    "attendance": "Số người dự",
    "device": "Thiết bị thu âm",
}
SETUP_ATTENDANCE_HINT = "Người dân: 45; Tổ trưởng tổ dân phố: 12"
SETUP_PERSON_HINT = "Họ tên, chức vụ"
SETUP_DEFAULTS_NOTE = "Đã điền sẵn theo cuộc họp trước."
SETUP_LEVEL = "Mức âm thanh"
SETUP_NO_DEVICE = "Không có thiết bị thu âm"
SETUP_ROSTER_COUNT = "{count} người trong danh sách"
SETUP_NEED_TITLE = "Cần nhập tên hội nghị trước khi bắt đầu."
LIVE_STATE = {
    "recording": "● ĐANG GHI",
    "paused": "❚❚ TẠM DỪNG",
    "finishing": "… NHẬN DẠNG NỐT",
    "stopped": "■ ĐÃ DỪNG",
    "starting": "… ĐANG MỞ",
}
LIVE_DEVICE = "Thiết bị"
LIVE_WAITING = "Đang chờ lời nói…"
LIVE_LOADING_MODEL = "Đang nạp mô hình nhận dạng…"
LIVE_DEMO = "Bản trình diễn"
LIVE_FOLLOWING = "theo dõi lời mới"
LIVE_BROWSING = "đang xem phía trên (f: theo dõi lại)"
LIVE_TROUBLE = "Sự cố thu âm: {message}"
QUIT_RECORDING_CONFIRM = "Đang ghi âm. Dừng ghi và thoát chương trình?"
QUIT_RECORDING_DETAIL = (
    "Phần đã ghi được giữ lại; phần chưa kịp nhận dạng sẽ được nhận dạng khi mở lại cuộc họp. "
    "Muốn ghi tiếp sau này: chọn cuộc họp rồi nhấn c ở màn hình chính, hoặc C khi xem lại."
)
CONTINUE_BUSY = "Đang nhận dạng bản ghi: chờ xong rồi hãy ghi tiếp."
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
CHOICE_HINT = "↑↓: chọn dòng · Enter: chọn · Esc: thôi"


def shortened(text: str, width: int) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters with "…" where cut."""
    one_line = " ".join(text.split())
    if len(one_line) <= width:
        return one_line
    cut = one_line[: width - 1]
    if " " in cut and one_line[width - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


LINKED = "Đã nối với kiến nghị #{number}"
REVIEW_TITLE = "Xem lại"
REVIEW_CONTINUE_KEY = "C: ghi âm tiếp"
REVIEW_PLAYING = "▶ đang phát"
REVIEW_NO_AUDIO = "Không phát được âm thanh: {detail}"
REVIEW_RETRANSCRIBE_DONE = "Đã nhận dạng lại, giữ {kept} đánh dấu."
SEARCH_TITLE = "Tìm và thay thế"
SEARCH_FIND = "Tìm"
SEARCH_REPLACE = "Thay bằng"
SEARCH_NONE = "Không tìm thấy: {text}"
SPLIT_HINT = "Đưa con trỏ tới chỗ đoạn sau bắt đầu (mũi tên, Home, End) rồi nhấn Enter. Esc: thôi."
REVIEW_NOTHING_TO_MERGE = "Đây là đoạn cuối, không có đoạn sau để gộp."
REVIEW_NO_MORE = "Không còn đoạn nào như vậy."
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
#: What the minutes would leave blank (``workflows.missing``): listed before export, CLI and app.
MINUTES_MISSING: dict[str, str] = {
    "parent_body": "Cơ quan cấp trên (dòng đầu bên trái, trên tên phường)",
    "issuing_body": "Cơ quan ban hành biên bản (Ủy ban nhân dân phường…)",
    "title": "Tên hội nghị",
    "place": "Địa điểm",
    "chair": "Họ tên chủ trì (chủ tọa)",
    "chair_title": "Chức vụ của chủ trì (chủ tọa)",
    "secretary": "Họ tên thư ký",
    "secretary_title": "Chức vụ của thư ký",
    "report_summary": "Tóm tắt báo cáo của chủ trì",
    "start": "Thời gian bắt đầu",
    "attendees": "Thành phần tham dự (chưa ai có chức vụ hoặc tổ dân phố)",
    "speakers": "{count} đoạn chưa rõ người nói",
    "petitions_without_outcome": "{count} kiến nghị chưa có kết quả",
    "promises_without_deadline": "{count} lời hứa hoặc chuyển cấp trên chưa có thời hạn",
}
EXPORT_MISSING_HEAD = "Biên bản còn thiếu (chỗ trống sẽ in dòng chấm để viết tay):"
EXPORT_MISSING_ASK = "Vẫn xuất biên bản? (c: có, Enter: không) "
#: Answers that mean yes to EXPORT_MISSING_ASK (Vietnamese or English keyboards alike).
EXPORT_MISSING_YES = ("c", "có", "co", "y", "yes")
EXPORT_MISSING_REFUSED = (
    "Chưa xuất. Hãy điền các mục trên (bienban app, phím t: Thông tin cuộc họp); "
    "muốn vẫn xuất thì chạy: bienban export THƯ_MỤC_HỌP --force"
)
EXPORT_MISSING_CONFIRM = "Biên bản còn thiếu. Vẫn xuất?"
EXPORT_TITLE = "Xuất biên bản"
EXPORT_PARTS = {
    "transcript": "Toàn bộ lời phát biểu",
    "petitions": "Bảng kiến nghị",
    "notes": "Ghi chú",
}
EXPORT_FORMATS = {"pdf": "PDF"}
EXPORT_DONE = "Đã xuất: {path}"
EXPORT_SIGN = {
    "none": "Không ký số",
    "p12": "Ký bằng tệp chứng thư số (.p12/.pfx)",
    "token": "Ký bằng USB token (PKCS#11)",
    "path": "Đường dẫn tệp .p12, hoặc thư viện PKCS#11 của token",
    "label": "Tên token (để trống: token đầu tiên)",
    "secret": "Mật khẩu tệp / mã PIN (không lưu lại)",
    "force": "Ghi đè DOCX/PDF đã có",
}

# ---------------------------------------------------------------- minutes export (issue 7, minutes_tui/export)
#: Texts printed in the Biên bản itself (Nghị định 30/2020, Phụ lục III, Mẫu 1.9).
#: The signature box drawn on the signed PDF (pyHanko fills signer and time).
SIGNATURE_STAMP = "Ký bởi: %(signer)s\nNgày ký: %(ts)s"
#: The DOCX/PDF title metadata.
MINUTES_DOC_TITLE = "Biên bản {conference}"
MINUTES_DOC: dict[str, str] = {
    "number": "Số: {number}",
    "blank_number": "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BB-UBND",
    # an empty field prints a dotted line to write by hand, as paper forms do (never "Địa điểm: .")
    "blank": "…",
    "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "title": "BIÊN BẢN",
    "started": "Thời gian bắt đầu: ",
    "place": "Địa điểm: ",
    "attendees": "Thành phần tham dự:",
    "chair": "Chủ trì (chủ tọa): ",
    "secretary": "Thư ký (người ghi biên bản): ",
    "content": "Nội dung (theo diễn biến hội nghị):",
    "report": "1. Báo cáo của {chair_title}",
    "no_report": "(Chưa có nội dung tóm tắt báo cáo.)",
    "petitions": "2. Ý kiến, kiến nghị của Nhân dân và trả lời",
    "no_petitions": "Không có ý kiến, kiến nghị nào.",
    "petition_head": "Ý kiến {number}: ",
    "question": "- Nội dung: ",
    "answer": "- Trả lời{by}: ",
    "outcome": "- Kết quả: ",
    "outcome_answered": "Đã trả lời trực tiếp tại hội nghị.",
    "outcome_promised": "{responsible} hứa giải quyết sau hội nghị, chậm nhất {deadline}.",
    "outcome_transferred": "Vượt thẩm quyền của phường; đã hướng dẫn, chuyển {responsible} giải quyết, thời hạn {deadline}.",
    "outcome_off_topic": "Không thuộc nội dung hội nghị; đã tiếp nhận và sẽ trả lời bằng văn bản.",
    "outcome_pending": "Chưa có kết quả.",
    "no_responsible": "(chưa rõ người chịu trách nhiệm)",
    "no_deadline": "(chưa định thời hạn)",
    "follow_ups": "3. Các nội dung cần tiếp tục giải quyết",
    "no_follow_ups": "Không có nội dung nào cần tiếp tục giải quyết.",
    "integrity": "Biên bản được lập theo bản ghi âm hội nghị; mã SHA-256 của tệp ghi âm: {digest}.",
    "closing": "Hội nghị kết thúc vào {moment}./.",
    "secretary_title": "THƯ KÝ",
    "secretary_note": "(Chữ ký)",
    "chair_title": "CHỦ TỌA",
    "chair_note": "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức (nếu có))",
    "recipients": "Nơi nhận:",
    "archive": "- Lưu: VT, Hồ sơ.",
    "appendix_title": "PHỤ LỤC",
    "appendix_subtitle": "Lời phát biểu nguyên văn tại hội nghị (theo bản ghi âm)",
    "anonymous": "Ẩn danh",
    "unknown_speaker": "(chưa rõ người nêu)",
    "residents_of": "Đại diện Nhân dân các tổ dân phố: {groups}",
    "co_chair": "; đồng chủ trì: {name} – {title}",
}
#: Column titles of the Biên bản's follow-up table.
MINUTES_FOLLOW_UP_COLUMNS: list[str] = ["STT", "Nội dung", "Người kiến nghị", "Trách nhiệm giải quyết", "Thời hạn"]
EXPORT_P12_PASSWORD = "Mật khẩu tệp chứng thư số {path}: "
EXPORT_PIN = "Mã PIN của token {label}: "
VERIFY_AUDIO_RECORDED = "Mã SHA-256 của bản ghi âm ghi trong biên bản: {digest}"
VERIFY_AUDIO_MATCH = "KHỚP: biên bản lập từ đúng bản ghi âm {path}."
VERIFY_AUDIO_MISMATCH = "KHÔNG KHỚP: biên bản ghi mã {expected}, còn bản ghi âm {path} có mã {actual}."


# ---------------------------------------------------------------- meeting store (issue 5, minutes_tui/meeting)
#: Petition fields (``model.Field``).
PETITION_FIELDS: dict[str, str] = {
    "economy": "Kinh tế",
    "land": "Đất đai",
    "construction": "Trật tự xây dựng – đô thị",
    "environment": "Vệ sinh môi trường",
    "culture": "Y tế – giáo dục – văn hóa",
    "society": "An sinh xã hội – chính sách",
    "military": "Quân sự",
    "security": "An ninh trật tự",
    "admin_reform": "Cải cách thủ tục hành chính",
    "democracy": "Dân chủ ở cơ sở",
    "anti_corruption": "Phòng, chống tham nhũng",
    "citizen_reception": "Tiếp công dân",
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "other": "Khác",
    "infrastructure": "Hạ tầng – giao thông",
}
#: Outcome kinds (``model.OutcomeKind``).
OUTCOME_LABELS: dict[str, str] = {
    "answered": "Đã trả lời tại hội nghị",
    "promised": "Hứa giải quyết",
    "transferred": "Chuyển cơ quan có thẩm quyền",
    "off_topic": "Trả lời bằng văn bản",
}
#: Edit history actions (``Edit.action``).
EDIT_ACTIONS: dict[str, str] = {
    "edit_text": "Sửa lời",
    "accept_proposed": "Lấy lời nhận dạng lại",
    "merge_segments": "Gộp đoạn",
    "split_segment": "Tách đoạn",
    "set_speaker": "Đặt người nói",
    "tag": "Đánh dấu",
    "link": "Gắn câu trả lời với kiến nghị",
    "replace_all": "Thay thế trong cả biên bản",
    "update_meeting": "Sửa thông tin cuộc họp",
    "add_participant": "Thêm người tham dự",
    "update_participant": "Sửa người tham dự",
    "add_petition": "Thêm kiến nghị",
    "update_petition": "Sửa kiến nghị",
    "delete_petition": "Xóa kiến nghị",
    "set_outcome": "Ghi kết quả kiến nghị",
    "add_note": "Thêm ghi chú",
    "update_note": "Sửa ghi chú",
    "follow_up_progress": "Đang giải quyết kiến nghị",
    "follow_up_done": "Đã giải quyết kiến nghị",
    "follow_up_extend": "Gia hạn giải quyết kiến nghị",
    "follow_up_pass_on": "Chuyển kiến nghị cho cơ quan khác",
    "keep_own_text": "Giữ lời đã sửa tay",
}
IMPORT_CREATED = "Đã tạo cuộc họp: {path}"
IMPORT_RESUME_CONFIRM = "Nhận dạng tiếp tệp ghi âm?"
IMPORT_RESUME_DETAIL = "Lần nhập trước bị ngắt khi mới nhận dạng được {done} trong {total} của bản ghi. Phần đã có được giữ; phần còn lại sẽ được nhận dạng tiếp từ chỗ dừng."
IMPORT_RESUMED = "Nhận dạng tiếp {path}: đã có {done} trong {total} của bản ghi."
IMPORT_DONE_APP = "Đã nhận dạng {count} đoạn từ tệp ghi âm."
IMPORT_DONE_MORE_APP = "Đã nhận dạng thêm {count} đoạn từ phần còn lại của bản ghi; cuộc họp có {total} đoạn."
IMPORT_STOPPING = "Đang dừng… phần đã nhận dạng được giữ lại."
IMPORT_STOPPED = "Đã dừng. Để nhận dạng tiếp từ chỗ dừng: {command}"
IMPORT_DONE = "Đã nhận dạng {count} đoạn từ {duration:.0f} giây âm thanh."
IMPORT_DONE_MORE = "Đã nhận dạng thêm {count} đoạn từ {duration:.0f} giây âm thanh còn lại; cuộc họp có {total} đoạn."
FOLLOWUPS_COLUMNS = ("Hạn", "Tình trạng", "Cuộc họp", "Loại", "Trách nhiệm", "Người kiến nghị", "Nội dung")
#: ``bienban followups`` prints these: the number and the folder are what ``followups done`` takes.
FOLLOWUPS_CLI_COLUMNS = ("Ý kiến", *FOLLOWUPS_COLUMNS, "Thư mục họp")
FOLLOWUPS_NONE = "Không có việc nào đang chờ giải quyết."
FOLLOWUPS_OVERDUE = "quá hạn {days} ngày"
FOLLOWUPS_DUE_TODAY = "đến hạn hôm nay"
FOLLOWUPS_DAYS_LEFT = "còn {days} ngày"
FOLLOWUPS_NO_DEADLINE = "chưa có hạn"
FOLLOWUPS_SKIPPED = "Bỏ qua {path}: {message}"
MEETINGS_COLUMNS = ("Bắt đầu", "Tên cuộc họp", "Số đoạn", "Kiến nghị", "Việc chưa xong", "Thư mục")
MEETINGS_NONE = "Chưa có cuộc họp nào trong {path}."
ANONYMOUS_NAME = "Ẩn danh"

# ---------------------------------------------------------------- live transcription (issue 4, transcribe/live)
VOICE_CHANGE_BADGE = "ĐỔI GIỌNG"
VOICE_NO_SPEAKER = "Đoạn này chưa gắn người nói."
SPEAKER_NUMBER_MISSING = (
    "Danh sách người tham dự chưa có người số {number} (có {count} người). Nhấn s để tìm tên hoặc gõ tên người mới."
)
SPEAKER_LIST_EMPTY = "Danh sách người tham dự đang trống: nhấn s để gõ tên người nói (người mới được thêm vào danh sách)."
VOICE_CHOICE_TITLE = "Giọng nói của người nói này"
VOICE_CHOICES = {
    "cancel": "Không thay đổi",
    "keep": "Lưu giọng của {name} để gợi ý trong các cuộc họp sau (chỉ cán bộ, khi người đó đồng ý)",
    "forget": "Xoá giọng nói của {name} (trong cuộc họp này và giọng đã lưu)",
}
VOICES_ACCEPTED = "Đã gán người nói cho {count} đoạn theo gợi ý giọng nói (hoàn tác được bằng một bước)."
VOICES_SUGGEST_HEADER = ("Đoạn", "Bắt đầu (giây)", "Gợi ý người nói (- là không chắc)", "Điểm")
VOICES_LIST_HEADER = ("Số", "Họ tên", "Chức vụ", "Đoạn đã gắn tên", "Giọng trong cuộc họp này", "Giọng cho các cuộc họp sau")
VOICES_LIST_EMPTY = "Cuộc họp chưa có người tham dự nào."
VOICES_LIST_HERE = {
    "ready": "đủ để gợi ý ({count} đoạn, {seconds} giây)",
    "little": "chưa đủ để gợi ý ({count} đoạn, {seconds} giây; cần 2 đoạn hoặc 4 giây)",
    "none": "chưa nghe được giọng",
    "forgotten": "đã xoá",
}
VOICES_LIST_KEPT = {"kept": "đã lưu", "not_kept": "chưa lưu", "anonymous": "không lưu (giữ kín danh tính)"}
VOICE_KEPT = "Đã lưu giọng nói của {name} để gợi ý trong các cuộc họp sau."
VOICE_FORGOTTEN = "Đã xoá giọng nói của {name}; sẽ không lưu giọng của người này nữa trong cuộc họp."
RETRANSCRIBED = (
    "Đã nhận dạng lại bằng mô hình {model}: {segments} đoạn, giữ nguyên {edited} đoạn đã sửa tay (bản mới đặt bên cạnh)."
)


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "…"


#: The app's wording where the command line's names one of its flags: in the app she has no
#: flags to add, so the sentence names what to do on screen instead.
APP_ERRORS: dict[str, str] = {
    "disk_full": "Đĩa đầy (hoặc tệp vượt giới hạn dung lượng) nên đã dừng ghi âm. Phần đã ghi vẫn được giữ nguyên trong tệp hợp lệ. Hãy giải phóng chỗ trống rồi mở lại cuộc họp để ghi tiếp.",
    "recording_exists": "Cuộc họp này đã có bản ghi âm ({path}); bản ghi âm không bao giờ bị ghi đè. Mở cuộc họp từ màn hình chính để ghi tiếp vào cuối bản ghi.",
    "recording_interrupted": "Cuộc họp {path} có một lần ghi âm bị ngắt giữa chừng; phần đã ghi không mất. Khôi phục bằng lệnh: bienban recover {path}",
    "export_exists": "Tệp {path} đã có. Muốn ghi đè thì đánh dấu ô “" + EXPORT_SIGN["force"] + "” rồi xuất lại.",
    "followup_no_result": "Hãy ghi kết quả giải quyết.",
    "followup_no_reason": "Hãy ghi lý do gia hạn.",
    "followup_no_body": "Hãy ghi cơ quan nhận chuyển.",
}


def app_message(error: BaseException) -> str:
    """``user_message`` as the terminal app says it (``APP_ERRORS`` where the command line names a flag)."""
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in APP_ERRORS:
        return APP_ERRORS[code].format_map(_Defaults(getattr(error, "params", {}) or {}))
    return user_message(error)


def user_message(error: BaseException) -> str:
    """The Vietnamese sentence for a domain error (a generic one for anything unknown)."""
    code = getattr(error, "code", None)
    params = _Defaults(getattr(error, "params", {}) or {})
    template = ERRORS.get(code) if isinstance(code, str) else None
    if template is None:
        return GENERIC_ERROR.format(detail=str(error) or type(error).__name__)
    return template.format_map(params)


# ---------------------------------------------------------------- trust (issue 13: verify, anonymity, locks, modes)
VERIFY_SIGNATURE_VALID = "Chữ ký số HỢP LỆ: tệp không bị sửa sau khi ký. Người ký: {signer}; lúc ký: {when}."
VERIFY_SIGNATURE_VALID_LATER = (
    "Chữ ký số HỢP LỆ: phần đã ký không bị sửa; sau khi ký, tệp chỉ được thêm chữ ký số khác hoặc dữ liệu "
    "kiểm tra dài hạn, không đổi nội dung. Người ký: {signer}; lúc ký: {when}."
)
VERIFY_SIGNATURE_INVALID = "Chữ ký số KHÔNG HỢP LỆ: {detail}."
VERIFY_SIGNATURE_BROKEN = "Chữ ký số KHÔNG HỢP LỆ: phần đã ký bị sửa hoặc chữ ký bị hỏng."
VERIFY_CHANGED_CONTENT = "tệp đã bị sửa sau khi ký (nội dung, chú thích hoặc trường biểu mẫu bị thêm hay đổi)"
VERIFY_APPENDED = "có dữ liệu lạ được nối vào cuối tệp sau khi ký (không phải một lần sửa PDF nào đọc được)"
VERIFY_FOLDER_NONE = " không có (tệp đã ký có tên …-signed.pdf, trong thư mục exports/ của cuộc họp)."
VERIFY_FOLDER_FILE = "— {path}"
VERIFY_SIGNATURE_NUMBER = "Chữ ký {n}/{count}: "
VERIFY_CHANGED_METADATA = "thông tin mô tả của tệp (tiêu đề, từ khóa, mã bản ghi âm…) đã bị đổi sau khi ký"
VERIFY_DAMAGED = "chữ ký bị hỏng, không đọc được"
VERIFY_SIGNER_UNVERIFIED = (
    "Không xác minh được người ký: {reason}. Chữ ký còn nguyên vẹn nhưng tên trong chứng thư ({signer}) "
    "thì ai cũng có thể tự đặt."
)
VERIFY_NO_ROOTS = (
    "máy này chưa có chứng thư gốc tin cậy nào (thêm --trust CHỨNG_THƯ_GỐC, hoặc chép chứng thư gốc "
    "của tổ chức cung cấp chữ ký số vào thư mục {folder})"
)
VERIFY_NOT_CHAINED = "chứng thư của người ký không được cấp bởi chứng thư gốc tin cậy nào đã cho"
VERIFY_TRUSTED = "Chứng thư của người ký được tin cậy."
VERIFY_NO_SIGNATURE = "Tệp không có chữ ký số."
VERIFY_AUDIO_SAME_UNPROVEN = (
    "Mã ghi trong biên bản trùng với mã của bản ghi âm {path}, nhưng chữ ký chưa được xác minh nên "
    "điều đó chưa chứng minh biên bản lập từ bản ghi âm này."
)
VERIFY_AUDIO_UNKNOWN = "Phần đã ký của biên bản không ghi mã SHA-256 của bản ghi âm nên không đối chiếu được."
KEYS_MASKED = "Xem những gì sẽ được ẩn danh"
REVIEW_MASKED = "Khi xuất biên bản sẽ ẩn danh {count} chỗ: {phrases}."
REVIEW_MASKED_NONE = "Không có chỗ nào cần ẩn danh (chưa ai được đánh dấu ẩn danh, hoặc tên họ không xuất hiện)."
SIGN_DIGEST_FOUND = "Mã SHA-256 của bản ghi âm đọc từ biên bản: {digest} (được đưa vào phần đã ký)."
REC_LOG_DAMAGED = "Tệp nhật ký ghi âm recording.json bị hỏng nên đã được để riêng ở {path}; bản ghi âm vẫn được khôi phục, chỉ mất mốc giờ của các lần ghi."
EXPORT_SIGN_OWN_PDF = "Ký tệp PDF đã lưu từ Word (đường dẫn; để trống nếu không)"


# ---- after the conference (issue 14): classification, the register, the notice, the reports
# The default field list: labels of the fields offered first (``model.DEFAULT_FIELDS``).
AUTHORITY_LABELS: dict[str, str] = {"ward": "Thuộc thẩm quyền của phường", "higher": "Thuộc thẩm quyền của cấp trên"}
CHANNEL_LABELS: dict[str, str] = {"spoken": "Phát biểu trực tiếp", "written": "Gửi bằng văn bản"}
FOLLOWUP_DONE_ON = "đã giải quyết {day}"
FOLLOWUP_UPDATED = "Đã cập nhật ý kiến {number} của cuộc họp {path}: {action}."
FOLLOWUP_UNDONE = "Đã hoàn tác: {action}."
#: The register's files (Excel and CSV alike): the Sổ tiếp công dân's columns (Mẫu số 03, Thông tư
#: 04/2021/TT-TTCP), then the petition's number in its meeting and the meeting (for ``followups done``).
REGISTER_XLSX_COLUMNS = (
    "STT",
    "Ngày",
    "Họ tên, địa chỉ",
    "Nội dung vụ việc",
    "Phân loại",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
    "Ý kiến số",
    "Cuộc họp",
)
REGISTER_SHEET = "Sổ theo dõi"
REGISTER_TITLE = "SỔ THEO DÕI GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN"
REGISTER_AS_OF = "(Tính đến ngày {day})"
REGISTER_UNKNOWN_PERSON = "Chưa rõ người nêu"
REGISTER_HANDLING: dict[str, str] = {
    "promised": "Giao {responsible} giải quyết, thời hạn {deadline}",
    "transferred": "Chuyển {responsible} giải quyết, thời hạn {deadline}",
    "off_topic": "Giao {responsible} trả lời bằng văn bản, thời hạn {deadline}",
}
REGISTER_STATUS: dict[str, str] = {"open": "Chưa giải quyết", "in_progress": "Đang giải quyết", "done": "Đã giải quyết"}
REGISTER_EXTENDED = "Gia hạn: {reason}"
REGISTER_PASSED_ON = "Đã chuyển {body}"
ATTENDANCE_SET = "Đã ghi {count} người tham dự theo {groups} thành phần."
PARAGRAPH_SET = "Đã lưu đoạn văn; các lần xuất sau sẽ dùng đoạn này."
ATTENDANCE_PROMPT = "Số người tham dự theo thành phần (Nhóm: số; …), ví dụ: Người dân: 45; Tổ trưởng tổ dân phố: 12"
CLASSIFY_TITLE = "Phân loại ý kiến {number}"
CLASSIFY_LETTERS = "[b]P[/b] thẩm quyền phường · [b]C[/b] cấp trên · [b]N[/b] phát biểu · [b]V[/b] gửi văn bản · Esc: thôi"
CLASSIFIED = "Ý kiến {number}: {summary}"
KEYS_CLASSIFY = "Phân loại kiến nghị"
KEYS_SAMPLE = "Cuộc họp mẫu"
KEYS_ATTENDANCE = "Số người tham dự"
KEYS_PARAGRAPH = "Đoạn văn của thông báo, báo cáo"
PARAGRAPH_TITLE = "Đoạn văn thư ký tự viết (giữ qua các lần xuất)"
PARAGRAPH_LABELS = {
    "report_assessment": "Báo cáo – Đánh giá chung",
    "report_proposals": "Báo cáo – Đề xuất, kiến nghị",
    "notice_closing": "Thông báo – Đoạn kết (để trống: đoạn mẫu)",
    "place_name": "Địa danh ghi trước ngày tháng (để trống: tên phường)",
    "notice_number": "Thông báo – Số văn bản (ví dụ 12; để trống: ghi tay)",
    "report_number": "Báo cáo – Số văn bản (ví dụ 13; để trống: ghi tay)",
    "previous_number": "Báo cáo kỳ trước – Số văn bản (để trống: ghi tay)",
}
REGISTER_KEYS = {
    "done": "Đã giải quyết",
    "progress": "Đang giải quyết",
    "extend": "Gia hạn",
    "pass_on": "Chuyển cơ quan khác",
    "undo": "Hoàn tác",
    "overdue": "Quá hạn",
    "all": "Cả việc đã xong",
}
#: The register's footer at 100 columns: every key in a word or two (the long names are their tooltips).
REGISTER_KEYS_SHORT = {
    "done": "Xong",
    "progress": "Đang làm",
    "extend": "Gia hạn",
    "pass_on": "Chuyển",
    "undo": "Hoàn tác",
    "overdue": "Quá hạn",
    "all": "Tất cả",
}
REGISTER_DONE_PROMPT = "Kết quả giải quyết ý kiến {number}"
REGISTER_DONE_WHEN_PROMPT = "Ý kiến {number}: ngày giải quyết (ngày/tháng/năm); số, ngày văn bản trả lời"
REGISTER_DONE_WHEN_HINT = "Ví dụ: 10/12/2026; 125/UBND-VP ngày 10/12/2026. Để trống: hôm nay ({today}), không có văn bản."
REGISTER_EXTEND_PROMPT = "Gia hạn ý kiến {number}: hạn mới (ngày/tháng/năm); lý do"
REGISTER_PASS_ON_PROMPT = "Chuyển ý kiến {number} cho cơ quan"
REGISTER_BAD_EXTEND = "Viết: hạn mới; lý do (ví dụ: 15/01/2027; chờ kinh phí)."
#: The register screen's columns at 100 cells: "Ý kiến" is the number and the meeting's day ("1 · 28/11").
REGISTER_COLUMNS = ("Ý kiến", "Hạn", "Tình trạng", "Loại", "Trách nhiệm", "Nội dung")
#: Each kind of follow-up in a word (the full name is in the line under the table).
REGISTER_KIND_SHORT = {"answered": "Trả lời", "promised": "Hứa", "transferred": "Chuyển", "off_topic": "Văn bản"}
REGISTER_WHICH = "Ý kiến {number} · {meeting}{day}\n{text}"
REGISTER_DETAIL = "Người kiến nghị: {who} · {kind} · Trách nhiệm: {responsible} · Hạn: {deadline}"
REGISTER_DONE_OK = "Đã ghi: ý kiến {number} ({meeting}) đã giải quyết ngày {day}."
REGISTER_PROGRESS_OK = "Đã ghi: ý kiến {number} ({meeting}) đang giải quyết."
REGISTER_EXTEND_OK = "Đã gia hạn ý kiến {number} ({meeting}) đến {day}."
REGISTER_PASS_ON_OK = "Đã ghi: ý kiến {number} ({meeting}) chuyển cho {body}."
REGISTER_UNDO_OK = "Đã hoàn tác: {action} (ý kiến {number}, {meeting})."
REGISTER_NOTHING_TO_UNDO = "Chưa có cập nhật nào trong lần mở sổ này để hoàn tác."
KEYS_REGISTER = "Sổ theo dõi"
HOME_AFTER_LINE = "[b]g[/b] Sổ theo dõi{due}   [b]s[/b] Tạo cuộc họp mẫu (đủ các loại ý kiến, để thử xuất thông báo, báo cáo)"
HOME_FOLLOWUPS_DUE = ": {overdue} việc quá hạn, {week} việc đến hạn trong 7 ngày tới"
NOTICE_DUE = "Thông báo kết luận: hạn công khai {day} ({days})."
EXPORT_AFTER = "Thông báo kết luận và Báo cáo kết quả (thay cho biên bản)"

#: Văn bản có tên loại (Mẫu 1.4): the notice and the reports.
AFTER_DOC: dict[str, str] = {
    "number_notice": "Số: {number}/TB-UBND",
    "number_report": "Số: {number}/BC-UBND",
    "blank_number": "      ",
    "place_date": "{place}, {date}",
    "notice_title": "THÔNG BÁO",
    "notice_summary": "Kết luận của Chủ tịch Ủy ban nhân dân phường tại {conference}",
    "report_title": "BÁO CÁO",
    "report_summary": "Kết quả tổ chức {conference}",
    "previous_summary": "Kết quả giải quyết các ý kiến, kiến nghị tại {conference}",
    "intro": "Ngày {day}, tại {place}, Ủy ban nhân dân phường phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam phường tổ chức {conference}. Chủ trì hội nghị: {chair}{chair_title}.",
    "attendance_sentence": "Tham dự hội nghị có: {groups}.",
    "attendance_item": "{group} ({count} người)",
    "notice_lead": "Tại hội nghị có {turns} lượt phát biểu với {opinions} ý kiến, kiến nghị. Sau khi nghe ý kiến của Nhân dân và giải trình của các đơn vị, Chủ tịch Ủy ban nhân dân phường kết luận như sau:",
    "notice_answered": "1. Các nội dung đã được giải quyết, trả lời tại hội nghị",
    "notice_promised": "2. Các nội dung giao đơn vị, cá nhân tiếp tục giải quyết",
    "notice_transferred": "3. Các nội dung chuyển cơ quan có thẩm quyền giải quyết",
    "notice_off_topic": "4. Các nội dung trả lời bằng văn bản",
    "notice_pending": "5. Các nội dung chưa có kết luận",
    "field_heading": "Lĩnh vực {field}:",
    "none": "Không có.",
    "item_answered": "- {question} ({asker}): {answer}",
    "item_promised": "- {question} ({asker}): giao {responsible} giải quyết, hoàn thành trước {deadline}.",
    "item_transferred": "- {question} ({asker}): thuộc thẩm quyền của cấp trên, chuyển {responsible} xem xét, giải quyết, thời hạn {deadline}; thông báo cho người kiến nghị biết.",
    "item_off_topic": "- {question} ({asker}): không thuộc nội dung hội nghị, giao {responsible} trả lời bằng văn bản trước {deadline}.",
    "item_pending": "- {question} ({asker}).",
    "no_answer": "đã được giải trình tại hội nghị.",
    "notice_closing": "Ủy ban nhân dân phường thông báo để các tổ dân phố và Nhân dân biết, theo dõi; các đơn vị, cá nhân được giao nhiệm vụ khẩn trương triển khai thực hiện, báo cáo kết quả về Ủy ban nhân dân phường./.",
    "signer_tm": "TM. ỦY BAN NHÂN DÂN",
    "signer_title": "CHỦ TỊCH",
    "recipients": "Nơi nhận:",
    "notice_recipient_groups": "- Tổ trưởng các tổ dân phố;",
    "notice_recipient_post": "- Niêm yết tại trụ sở UBND phường;",
    "archive": "- Lưu: VT.",
    "report_lead": "Thực hiện kế hoạch tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân, Ủy ban nhân dân phường báo cáo kết quả như sau:",
    "report_organisation": "I. CÔNG TÁC TỔ CHỨC",
    "report_time": "- Thời gian: {moment}.",
    "report_place": "- Địa điểm: {place}.",
    "report_chair": "- Chủ trì: {chair}{chair_title}.",
    "report_attendance": "- Thành phần tham dự:",
    "report_attendance_item": "+ {group}: {count} người;",
    "report_attendance_none": "+ (chưa ghi số người tham dự)",
    "report_results": "II. KẾT QUẢ HỘI NGHỊ",
    "report_turns": "Tại hội nghị có {turns} lượt phát biểu với {opinions} ý kiến (trong đó {within} ý kiến thuộc thẩm quyền của phường và {higher} ý kiến thuộc thẩm quyền của cấp trên); {written} ý kiến gửi bằng văn bản.",
    "report_fields": "Phân loại theo lĩnh vực và kết quả:",
    "report_answered": "Lãnh đạo phường và các đơn vị đã trả lời trực tiếp {answered} ý kiến (đạt {answered_pct}), đồng thời ghi nhận {recorded} ý kiến ({recorded_pct}) để đôn đốc giải quyết{pending}.",
    "report_pending_count": "; {pending} ý kiến chưa có kết luận",
    "report_follow_ups": "III. CÁC NỘI DUNG ĐANG TIẾP TỤC GIẢI QUYẾT",
    "report_assessment": "IV. ĐÁNH GIÁ CHUNG",
    "report_proposals": "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "to_write": "…………………………………………………………………………………………",
    "report_recipient_up": "- UBND cấp trên (để b/c);",
    "previous_lead": "Tại {conference} ({day}), Nhân dân nêu {opinions} ý kiến, kiến nghị, trong đó {follow} ý kiến cần tiếp tục giải quyết sau hội nghị. Đến {today}, kết quả giải quyết như sau:",
    "previous_rate": "{closed}/{total} ý kiến đã giải quyết, đạt tỷ lệ {pct}; còn lại {left} ý kiến đang được giải quyết.",
    "previous_none": "Không có ý kiến nào cần tiếp tục giải quyết sau hội nghị.",
    "rounds_before": "các hội nghị đối thoại tổ chức trước {day}",
    "total": "Tổng cộng",
}
#: Dates and times as Nghị định 30/2020 writes them (``export/vndate.py`` fills in the digits).
DATE_WORDS: dict[str, str] = {
    "date": "{day} tháng {month} năm {year}",
    "day_month": "ngày {day} tháng {month}",
    "on_date": "ngày {date}",
    "clock": "{hour} giờ {minute}",
    "blank_moment": "… giờ …, ngày … tháng … năm …",
}
#: Columns of the report's fields × outcomes table.
REPORT_FIELD_COLUMNS = [
    "Lĩnh vực",
    "Trả lời tại hội nghị",
    "Hứa giải quyết",
    "Chuyển cấp trên",
    "Trả lời bằng văn bản",
    "Chưa có kết luận",
    "Tổng",
]
#: Columns of the pending items table (report and previous-round report).
REPORT_PENDING_COLUMNS = ["STT", "Nội dung", "Trách nhiệm giải quyết", "Thời hạn", "Tình trạng"]
AFTER_DOC_TITLES = {
    "notice": "Thông báo kết luận – {conference}",
    "report": "Báo cáo kết quả – {conference}",
    "previous": "Báo cáo kết quả giải quyết kỳ trước – {conference}",
}
SAMPLE_CREATED = "Đã tạo cuộc họp mẫu: {path}"
# ---- editing (issue 17): confirmations, undo messages, what the secretary's keys change
CONFIRM_YES = "Đồng ý"
CONFIRM_NO = "Thôi"
CONFIRM_KEYS = "Enter hoặc y: đồng ý · Esc hoặc n: thôi"
UNDONE = "Đã hoàn tác: {what}"
REDONE = "Đã làm lại: {what}"
NOTHING_TO_UNDO = "Không còn gì để hoàn tác."
NOTHING_TO_REDO = "Không còn gì để làm lại."
EDIT_ACTION_OTHER = "một thay đổi"
OUTCOME_CHANGE_TITLE = "Đổi kết quả của kiến nghị #{number}?"
OUTCOME_CHANGE_DETAIL = "Hiện là: {old}. Sẽ thành: {new}."
TRANSFER_BODY_TITLE = "Chuyển cho cơ quan nào? (kiến nghị #{number})"
TRANSFER_BODY_HINT = "Cơ quan chịu trách nhiệm giải quyết; Enter để trống nếu chưa rõ, Esc để thôi."
NOTE_BADGE = "GHI CHÚ: {text}"
ITEMS_NOTES = "Ghi chú"
MINUTES_NOTES_HEAD = "4. Ghi chú của thư ký"
SEARCH_HINT = "Enter ở ô Tìm: chỉ tìm (Enter lần nữa: chỗ kế tiếp). Enter ở ô Thay bằng: xem trước rồi mới thay."
SEARCH_FOUND = "“{text}”: {count} chỗ trong {segments} đoạn (đang ở đoạn {position}/{segments})."
SEARCH_REPLACE_TITLE = "Thay “{find}” bằng “{new}” ở {count} chỗ trong {segments} đoạn?"
SEARCH_DELETE_TITLE = "Ô Thay bằng đang trống: XÓA “{find}” ở {count} chỗ trong {segments} đoạn?"
SEARCH_HAND_EDITED = "Trong đó {count} đoạn chị đã sửa tay."
SEARCH_MORE = "… và {count} đoạn nữa."
SEARCH_REPLACED = "Đã thay {count} chỗ trong {segments} đoạn (u: hoàn tác)."
SEARCH_PETITIONS_TITLE = "Thay cả “{find}” bằng “{new}” trong {count} nội dung kiến nghị, trả lời chị đã tự viết ({numbers})?"
SEARCH_PETITIONS_DETAIL = "Biên bản in các nội dung này. Thôi: chỉ thay trong lời phát biểu."
SEARCH_REPLACED_PETITIONS = "Đã thay cả trong {count} kiến nghị (u: hoàn tác cả hai)."
MERGE_TITLE = "Gộp hai đoạn khác nhau?"
MERGE_DIFFERS = {
    "speaker": "Hai đoạn của hai người nói khác nhau: đoạn gộp sẽ ghi người nói của đoạn trên.",
    "tags": "Hai đoạn có đánh dấu khác nhau: đoạn gộp mang cả hai đánh dấu.",
}
SPLIT_KEEPS_TITLE = "Nửa nào giữ người nói và đánh dấu?"
SPLIT_KEEPS = {"first": "Nửa đầu", "second": "Nửa sau", "both": "Cả hai nửa"}
EDIT_SAVE = "Lưu"
EDIT_CLEAR = "Xóa hết"
EDIT_HINT = "Enter: lưu · Ctrl+U: xóa hết · Esc: thôi"
PROGRESS_RETRANSCRIBE = "Đang nhận dạng lại cả cuộc họp "
PROGRESS_IMPORT = "Đang nhận dạng tệp ghi âm "
PROGRESS_RECORDED_REST = "Đang nhận dạng phần ghi âm chưa kịp nhận dạng "
RETRANSCRIBE_CONFIRM = "Nhận dạng lại cả cuộc họp?"
RETRANSCRIBE_DETAIL = (
    "Người nói, đánh dấu và kiến nghị được giữ theo thời gian. Đoạn chị đã sửa tay giữ nguyên lời của chị; "
    "lời nhận dạng mới hiện bên dưới để chị chọn (P: lấy lời mới, O: giữ lời của chị). "
    "Không hoàn tác được bằng u."
)
RETRANSCRIBE_PROPOSED = "{count} đoạn chị sửa tay có lời mới đề xuất (P: lấy, O: giữ lời của chị)."
PROPOSED_LINE = "↳ lời mới đề xuất: {text}  (P: lấy · O: giữ lời đã sửa)"
PROPOSED_NONE = "Đoạn này không có lời mới đề xuất."
#: The model that wrote the selected segment, and the proposal beside it, in review's line about it (issue 25).
SEGMENT_MODEL = "Mô hình: {model}"
SEGMENT_PROPOSED_MODEL = "lời đề xuất: {model}"
SEGMENT_MODEL_UNKNOWN = "không rõ"
#: Footer labels: short, so the most-used keys fit 100 columns; ``KEYS`` has the full ones for "?".
KEYS_SHORT: dict[str, str] = {
    "help": "Thêm",
    "quit": "Thoát",
    "back": "Quay lại",
    "new_meeting": "Mới",
    "continue_recording": "Ghi tiếp",
    "open_folder": "Mở thư mục",
    "import_audio": "Nhập âm thanh",
    "demo": "Chạy thử",
    "start": "Bắt đầu ghi",
    "load_roster": "Đọc CSV",
    "pause": "Dừng",
    "stop": "Kết thúc",
    "petition": "Kiến nghị",
    "answer": "Trả lời",
    "promise": "Hứa",
    "transfer": "Chuyển",
    "off_topic": "Ngoài ND",
    "speaker_search": "Người nói",
    "undo": "Hoàn tác",
    "play": "Nghe",
    "search": "Tìm",
    "items": "Bảng",
    "export": "Xuất",
    "details": "Thông tin",
    "save": "Lưu",
}
ITEM_TITLE = "Kiến nghị #{number}"
ITEM_FOLLOWS = "(để trống: theo lời trong bản ghi, kể cả khi sửa lời)"
ITEM_FIELDS = {
    "text": "Kiến nghị",
    "answer": "Trả lời",
    "field": "Lĩnh vực",
    "outcome": "Kết quả",
    "responsible": "Người giải quyết",
    "agency": "Cơ quan nhận",
    "deadline": "Hạn",
    "status": "Tình trạng",
}
ITEM_STATUS = {"open": "Chưa giải quyết", "in_progress": "Đang giải quyết", "done": "Đã xong"}
ITEM_HINT = "Enter: ô tiếp theo · Ctrl+S: lưu · Esc: thôi"
DETAILS_TITLE = "Thông tin cuộc họp"
DETAILS_FIELDS = {
    "title": "Tên hội nghị",
    "parent_body": "Cơ quan cấp trên",
    "issuing_body": "Cơ quan tổ chức",
    "number": "Số biên bản",
    "place": "Địa điểm",
    "chair": "Chủ trì",
    "chair_title": "Chức vụ chủ trì",
    "co_chair": "Đồng chủ trì",
    "co_chair_title": "Chức vụ đồng chủ trì",
    "secretary": "Thư ký",
    "secretary_title": "Chức vụ thư ký",
    "actual_start": "Bắt đầu lúc",
    "actual_end": "Kết thúc lúc",
    "report_summary": "Tóm tắt báo cáo của Chủ tịch",
    "recipients": "Nơi nhận (mỗi dòng một nơi)",
    "roster": "Người tham dự: #số Họ tên; vai trò; tổ; ẩn danh hoặc công khai; tên khác, …",
}
DETAILS_ANONYMOUS = "ẩn danh"
DETAILS_NAMED = "công khai"
DETAILS_TIME_HINT = "ngày/tháng/năm giờ:phút"
DETAILS_BAD_TIME = "{field} không hợp lệ: {value}. Nhập ngày/tháng/năm giờ:phút, ví dụ 05/12/2026 08:00."
DETAILS_NO_NAME = "Mỗi dòng người tham dự cần có họ tên."
DETAILS_SAVED = "Đã lưu thông tin cuộc họp."
DETAILS_DISCARD = "Bỏ các thay đổi chưa lưu?"
CHECKBOX_ON = "có"
CHECKBOX_OFF = "không"
EXPORT_OPTIONS_HINT = "Enter: xuất. Tab: sang ô sau; Space: đánh dấu ô; ↑ ↓: chọn cách ký."
EXPORT_RUNNING = "Đang xuất…"
EXPORT_NEEDS_P12 = "Hãy nhập đường dẫn tệp chứng thư số (.p12/.pfx) vào ô bên dưới cách ký, rồi nhấn Enter."
EXPORT_OWN_NEEDS_KEY = "Để ký tệp PDF đã lưu từ Word, hãy chọn cách ký (↑ ↓ trong danh sách cách ký), rồi nhấn Enter."
EXPORT_EXISTS_APP = "Tệp {path} đã có. Muốn ghi đè thì đánh dấu ô “{force}” bên dưới rồi xuất lại."
IMPORT_TITLE_PROMPT = "Tên cuộc họp"
IMPORT_TITLE_HINT = "Mặc định là tên tệp; sửa thêm ở màn hình Thông tin cuộc họp (t)."
IMPORT_START_PROMPT = "Cuộc họp bắt đầu lúc"
HOME_COLUMNS_TIMED = ("Ngày", "Giờ", "Tên cuộc họp", "Thời lượng", "Việc chưa xong", "Hạn gần nhất")
DEVICE_DEFAULT = "mặc định"

# ---- the items panel shows each petition's classification (issue 14)
ITEMS_AUTHORITY: dict[str, str] = {"ward": "thẩm quyền phường", "higher": "thẩm quyền cấp trên"}
ITEMS_WRITTEN = "gửi bằng văn bản"

# ---- the command line's own words (issue 17, finding 11): what argparse would print in English
CLI_USAGE = "Cách dùng: "
CLI_POSITIONALS = "Thông tin cần ghi"
CLI_OPTIONS = "Tùy chọn"
CLI_COMMANDS = "Các lệnh"
CLI_COMMAND_HELP = "gõ {prog} {metavar} -h để xem hướng dẫn của từng lệnh"
CLI_HELP_OPTION = "hiện hướng dẫn này rồi thoát"
CLI_ERROR = "{prog}: lỗi: {message}"
#: An error about one argument: ``{name}`` is its flag (``--slot``) or its placeholder (``SỐ``).
CLI_ERROR_ARGUMENT = "{name}: {message}"
#: argparse's error messages, by kind (``minutes_tui.cli.parser`` recognises the English ones).
CLI_ERRORS: dict[str, str] = {
    "required": "còn thiếu {names}",
    "one_required": "cần một trong các tùy chọn {names}",
    "unrecognized": "không hiểu: {args}",
    "ambiguous": "{option} có thể là {matches}; hãy viết đủ tên tùy chọn",
    "invalid_choice": "không có lựa chọn {value}; hãy chọn một trong: {choices}",
    "unknown_parser": "không có lệnh {name}; các lệnh: {choices}",
    "invalid_int": "{value} không phải số nguyên",
    "invalid_float": "{value} không phải số",
    "invalid_value": "giá trị không hợp lệ: {value}",
    "expected_one": "cần một giá trị",
    "expected_at_most_one": "chỉ nhận nhiều nhất một giá trị",
    "expected_at_least_one": "cần ít nhất một giá trị",
    "expected_count": "cần {count} giá trị",
    "not_allowed_with": "không dùng cùng {other} được",
    "ignored_explicit": "không nhận giá trị {value}",
}

# ---- the command line's help, word for word as ``bienban … -h`` prints it (issue 12, item 7)
#: ``bienban -h``'s first paragraph.
CLI_DESCRIPTION = "Biên bản cuộc họp từ tiếng nói. Gõ bienban không kèm lệnh để mở chương trình."
#: The placeholders the help shows for what an argument takes, by what it stands for.
CLI_METAVARS: dict[str, str] = {
    "command": "LỆNH",
    "meeting": "THƯ_MỤC_HỌP",
    "folder": "THƯ_MỤC",
    "file": "TỆP",
    "recording": "TỆP_GHI_ÂM",
    "pdf": "TỆP_PDF",
    "p12": "TỆP_P12",
    "library": "THƯ_VIỆN",
    "certificate": "CHỨNG_THƯ",
    "model": "MÔ_HÌNH",
    "name": "TÊN",
    "label": "NHÃN",
    "person": "NGƯỜI",
    "agency": "CƠ_QUAN",
    "number": "SỐ",
    "counts": "SỐ_NGƯỜI",
    "days": "SỐ_NGÀY",
    "day": "NGÀY",
    "date": "NGÀY/THÁNG/NĂM",
    "time": "THỜI_ĐIỂM",
    "seconds": "GIÂY",
    "speed": "TỐC_ĐỘ",
    "score": "ĐIỂM",
    "field": "LĨNH_VỰC",
    "result": "KẾT_QUẢ",
    "reason": "LÝ_DO",
    "document": "VĂN_BẢN",
    "text": "NỘI_DUNG",
    "device": "THIẾT_BỊ",
}
#: The help of arguments several commands take.
CLI_MODEL_HELP = "'base' (mặc định, có sẵn trong máy), 'base-vi' (base luyện thêm tiếng Việt, có sẵn), một thư mục mô hình CTranslate2 hoặc tên mô hình như 'small', 'large-v3'"
CLI_ROOT_HELP = "thư mục chứa các cuộc họp (mặc định: thư mục chương trình vẫn dùng)"
CLI_MEETING_HELP = "thư mục cuộc họp"
CLI_NUMBER_HELP = "số của ý kiến trong biên bản (mục “Ý kiến SỐ”)"
CLI_PARTICIPANT_HELP = "số của người tham dự (xem bằng: bienban voices list THƯ_MỤC_HỌP) hoặc họ tên của người đó"
CLI_JSON_HELP = "in toàn bộ kết quả dạng JSON"
CLI_NO_PROGRESS_HELP = "không hiện thanh tiến độ"
#: The chairman's key, for ``export`` and ``sign``.
CLI_SIGNING_HELP: dict[str, str] = {
    "--sign-p12": "ký bằng tệp chứng thư số PKCS#12 (.p12, .pfx); chương trình sẽ hỏi mật khẩu",
    "--pkcs11-lib": "ký bằng USB token PKCS#11: đường dẫn tới thư viện của token (.so)",
    "--token": "nhãn của token (dùng với --pkcs11-lib)",
    "--slot": "số khe cắm của token (dùng với --pkcs11-lib)",
    "--key-label": "nhãn của khóa trên token, khi token có nhiều khóa",
}
#: Each command's line in the list of its parent's commands (its own ``-h`` begins with it as a
#: sentence), by the command as typed after ``bienban``.
CLI_SUMMARIES: dict[str, str] = {
    "transcribe": "nhận dạng lời nói trong một tệp âm thanh thành văn bản",
    "model": "mô hình nhận dạng tiếng nói",
    "model list": "các mô hình có trên máy và dung lượng của chúng",
    "model verify": "kiểm tra mô hình có sẵn trong máy còn nguyên vẹn (so mã kiểm tra từng tệp)",
    "model path": "in đường dẫn thư mục của một mô hình",
    "eval": "đo độ chính xác nhận dạng trên một thư mục có tệp transcripts.tsv (cho người phát triển)",
    "import": "tạo cuộc họp từ một tệp ghi âm và nhận dạng lời nói trong đó",
    "retranscribe": "nhận dạng lại cả cuộc họp, giữ người nói, đánh dấu và lời đã sửa tay",
    "meetings": "liệt kê các cuộc họp, mới nhất trước",
    "followups": "sổ theo dõi giải quyết ý kiến, kiến nghị của mọi cuộc họp",
    "followups done": "ghi ý kiến là đã giải quyết",
    "followups progress": "ghi ý kiến là đang giải quyết",
    "followups extend": "gia hạn giải quyết ý kiến",
    "followups pass-on": "ghi ý kiến là đã chuyển cho cơ quan khác",
    "followups undo": "hoàn tác lần cập nhật gần nhất của cuộc họp",
    "sample": "tạo một cuộc họp mẫu đã gắn thẻ đầy đủ để thử xuất các văn bản",
    "classify": "phân loại một ý kiến: lĩnh vực, thẩm quyền, hình thức",
    "attendance": "ghi số người tham dự theo thành phần",
    "paragraph": "đoạn văn thư ký tự viết cho thông báo, báo cáo",
    "demo": "chạy thử: phát lại một cuộc họp mẫu như đang họp thật",
    "devices": "liệt kê các thiết bị thu âm và tần số lấy mẫu gốc của chúng",
    "record": "ghi âm cuộc họp không cần mở chương trình (dừng bằng Ctrl-C)",
    "recover": "khôi phục bản ghi âm bị ngắt giữa chừng (máy treo, mất điện)",
    "export": "xuất biên bản ra tệp DOCX, PDF hoặc PDF có chữ ký số",
    "sign": "ký số một tệp PDF biên bản đã lưu từ Word",
    "verify": "kiểm tra chữ ký số và bản ghi âm của biên bản đã ký",
    "bench": "đo hiệu năng (cho người phát triển)",
    "bench live": "độ trễ, độ chính xác và bộ nhớ khi nhận dạng trực tiếp",
    "bench speakers": "độ chính xác của gợi ý người nói theo giọng",
    "voices": "gợi ý người nói theo giọng; xem, lưu hoặc xoá giọng nói",
    "voices suggest": "gợi ý người nói cho các đoạn chưa gắn tên",
    "voices list": "liệt kê người tham dự kèm số của họ và giọng nói đã có (để dùng với keep, forget)",
    "voices keep": "lưu giọng của một cán bộ cho các cuộc họp sau (có sự đồng ý)",
    "voices forget": "xoá giọng nói của một người (trong cuộc họp và giọng đã lưu)",
}
#: Each argument's help, by the command as typed after ``bienban`` (``bienban`` itself for its own
#: options), then by the option (``--notice``) or the positional argument's name (``meeting``).
#: ``%(default)s`` is argparse's: the option's default value.
CLI_HELP: dict[str, dict[str, str]] = {
    "bienban": {
        "--debug": "khi có lỗi thì hiện đủ chi tiết kỹ thuật (cho người phát triển)",
        "--model": "mô hình nhận dạng của chương trình (chữ trực tiếp và nhận dạng lại): " + CLI_MODEL_HELP,
    },
    "transcribe": {
        "audio": "tệp âm thanh hoặc video (wav, mp3, m4a, flac, ogg, mp4, …)",
        "--model": CLI_MODEL_HELP,
        "--format": "kết quả dạng văn bản thường, JSON, phụ đề SRT hoặc VTT (mặc định: %(default)s)",
        "--out": "ghi kết quả vào tệp này thay vì in ra màn hình",
        "--no-progress": CLI_NO_PROGRESS_HELP,
    },
    "model verify": {
        "--repair": "dựng lại mô hình từ các gói đã cài",
    },
    "model path": {
        "--model": "tên hoặc thư mục mô hình: 'base' (mặc định) hoặc 'base-vi', có sẵn trong máy",
    },
    "eval": {
        "folder": "thư mục chứa các đoạn ghi âm và tệp transcripts.tsv",
        "--model": CLI_MODEL_HELP,
        "--json": CLI_JSON_HELP,
    },
    "import": {
        "audio": "tệp ghi âm (m4a, mp3, wav, …)",
        "--resume": "nhận dạng tiếp một lần nhập bị ngắt giữa chừng, từ chỗ đã dừng (không cần tệp ghi âm và tên)",
        "--title": "tên cuộc họp (cần khi nhập một tệp ghi âm)",
        "--meeting": "thư mục của cuộc họp mới (mặc định: một thư mục mới trong thư mục chứa các cuộc họp)",
        "--start": "lúc bắt đầu họp, dạng 'ngày/tháng/năm giờ:phút' hoặc 'NĂM-THÁNG-NGÀY GIỜ:PHÚT', ví dụ '05/12/2026 08:00' "
        "(mặc định: tính theo giờ ghi trên tệp ghi âm)",
        "--model": CLI_MODEL_HELP,
        "--no-progress": CLI_NO_PROGRESS_HELP,
        "--root": CLI_ROOT_HELP,
    },
    "retranscribe": {
        "meeting": CLI_MEETING_HELP,
        "--model": CLI_MODEL_HELP,
        "--mode": "batched: nhận dạng nhiều đoạn cùng lúc, nhanh nhất; sequential: lần lượt từng khoảng 30 giây; "
        "utterances: nhận dạng lại từng lượt nói đã tách khi họp (mặc định: %(default)s)",
        "--no-vocabulary": "bỏ lần nhận dạng thứ hai theo tên người và thuật ngữ của cuộc họp (nhanh hơn khoảng 3 lần)",
    },
    "meetings": {
        "--root": CLI_ROOT_HELP,
    },
    "followups": {
        "--due-within": "chỉ những việc đến hạn trong SỐ_NGÀY ngày tới (kể cả việc đã quá hạn)",
        "--overdue": "chỉ những việc đã quá hạn",
        "--field": "chỉ lĩnh vực này (mã lĩnh vực như trong lệnh classify, ví dụ land; ghi được nhiều lần)",
        "--responsible": "chỉ những việc có tên người hoặc cơ quan chịu trách nhiệm chứa chữ này",
        "--meeting": "chỉ cuộc họp này (ghi được nhiều lần)",
        "--all": "kể cả những việc đã xong",
        "--csv": "ghi thêm danh sách ra tệp CSV",
        "--xlsx": "ghi thêm sổ theo dõi ra tệp Excel, theo các cột của Sổ tiếp công dân",
        "--root": CLI_ROOT_HELP,
    },
    "followups done": {
        "meeting": CLI_MEETING_HELP,
        "number": CLI_NUMBER_HELP,
        "--result": "kết quả giải quyết",
        "--on": "ngày giải quyết, dạng ngày/tháng/năm hoặc NĂM-THÁNG-NGÀY (mặc định: hôm nay)",
        "--reference": "số và ngày của văn bản trả lời",
    },
    "followups progress": {
        "meeting": CLI_MEETING_HELP,
        "number": CLI_NUMBER_HELP,
    },
    "followups extend": {
        "meeting": CLI_MEETING_HELP,
        "number": CLI_NUMBER_HELP,
        "--to": "hạn mới, dạng ngày/tháng/năm hoặc NĂM-THÁNG-NGÀY; sau ngày họp và sau hạn hiện tại",
        "--reason": "lý do gia hạn",
    },
    "followups pass-on": {
        "meeting": CLI_MEETING_HELP,
        "number": CLI_NUMBER_HELP,
        "--to": "cơ quan nhận giải quyết tiếp",
    },
    "followups undo": {
        "meeting": CLI_MEETING_HELP,
    },
    "sample": {
        "dir": "nơi tạo cuộc họp mẫu (trong một thư mục mới bên trong thư mục này)",
    },
    "classify": {
        "meeting": CLI_MEETING_HELP,
        "number": CLI_NUMBER_HELP,
        # {choices}: "code: nhãn; code: nhãn", from the labels the app shows
        "--field": "mã lĩnh vực ({choices}; phường có thể đổi danh sách này trong linh-vuc.json)",
        "--authority": "thẩm quyền ({choices}; auto: theo kết quả trả lời)",
        "--channel": "hình thức ({choices})",
    },
    "attendance": {
        "meeting": CLI_MEETING_HELP,
        "counts": "số người theo từng thành phần, ví dụ 'Người dân: 45; Tổ trưởng tổ dân phố: 12'",
    },
    "paragraph": {
        "meeting": CLI_MEETING_HELP,
        "which": "đoạn nào: assessment: đánh giá chung của báo cáo; proposals: đề xuất, kiến nghị của báo cáo; "
        "notice-closing: đoạn kết của thông báo (để trống: đoạn mẫu); place-name: địa danh ghi trước ngày tháng "
        "(để trống: tên phường); notice-number, report-number, previous-number: số văn thư cấp cho thông báo, báo cáo, "
        "báo cáo kỳ trước (để trống: chừa chỗ ghi số bằng tay)",
        "text": "nội dung (dòng trống ngăn các đoạn; để trống: xóa đoạn văn này)",
    },
    "demo": {
        "--speed": "tốc độ phát lại (1 = thời gian thực; mặc định: %(default)s)",
        "--audio": "phát tệp âm thanh này thay cho bản mẫu",
        "--model": CLI_MODEL_HELP,
        "--meetings-dir": CLI_ROOT_HELP + "; bản trình diễn được lưu riêng trong thư mục con ban-trinh-dien, "
        "không vào danh sách cuộc họp và sổ theo dõi",
    },
    "record": {
        "--meeting": "thư mục cuộc họp (chưa có thì tạo mới)",
        "--device": "micrô: số thứ tự hoặc một phần tên (xem danh sách bằng: bienban devices)",
        "--duration": "dừng sau chừng này giây ghi âm",
        "--append": "ghi tiếp vào cuối bản ghi âm đã có của cuộc họp",
        "--file": "ghi từ tệp âm thanh này thay cho micrô (để chạy thử, kiểm thử)",
        "--speed": "tốc độ đọc tệp của --file (1 = thời gian thực, 0 = đọc hết ngay; mặc định: %(default)s)",
    },
    "recover": {
        "meeting": CLI_MEETING_HELP,
    },
    "export": {
        "meeting": CLI_MEETING_HELP,
        "--docx": "đường dẫn tệp DOCX (mặc định: THƯ_MỤC_HỌP/exports/bien-ban.docx)",
        "--pdf": "tạo thêm tệp PDF bằng LibreOffice (có thể ghi kèm đường dẫn của tệp PDF)",
        "--signed": "đường dẫn tệp PDF đã ký (mặc định: THƯ_MỤC_HỌP/exports/bien-ban-signed.pdf)",
        "--appendix": "thêm phụ lục ghi toàn văn lời nói trong cuộc họp",
        "--force": "vẫn xuất khi biên bản còn thiếu mục nào (không hỏi) và ghi đè tệp DOCX, PDF đã có (không bao giờ ghi đè PDF đã ký)",
        "--notice": "xuất Thông báo kết luận của chủ tọa thay cho biên bản",
        "--report": "xuất Báo cáo kết quả thay cho biên bản",
        "--previous": "thay cho biên bản: báo cáo kết quả giải quyết ý kiến của cuộc họp kỳ trước này",
        "--open-before": "thay cho biên bản: báo cáo mọi việc còn theo dõi của các cuộc họp trước ngày này (dùng với --root)",
        "--root": "thư mục chứa các cuộc họp cho --open-before (mặc định: thư mục chương trình vẫn dùng)",
        "--date": "ngày của thông báo, báo cáo (mặc định: hôm nay)",
    },
    "sign": {
        "file": "tệp PDF cần ký",
        "--out": "đường dẫn tệp PDF đã ký (mặc định: TỆP_PDF-signed.pdf)",
    },
    "verify": {
        "file": "tệp PDF đã ký, hoặc thư mục cuộc họp (kiểm tra mọi tệp PDF đã ký trong exports/, đối chiếu với bản ghi âm)",
        "--meeting": "đối chiếu với bản ghi âm của cuộc họp này",
        "--audio": "đối chiếu với tệp ghi âm này",
        "--trust": "chứng thư gốc tin cậy (PEM hoặc DER; ghi được nhiều lần); chương trình cũng đọc thư mục chứng thư gốc "
        "của phường trong cấu hình người dùng",
    },
    "bench live": {
        "audio": "tệp âm thanh, phát như đang họp thật",
        "--truth": "tệp truth.json do make_meeting.py tạo (thời điểm và lời của từng lượt nói)",
        "--speed": "nhịp phát: 1 = thời gian thực, 0 = nhanh nhất mà giải mã theo kịp (mặc định: %(default)s)",
        "--loop-to": "phát lặp lại tệp tới độ dài này, nhanh hết mức (để đo bộ nhớ, ví dụ 7200)",
        "--no-offline": "không nhận dạng lại cả tệp sau khi phát (nên không có WER so với bản đó)",
        "--no-interim": "không hiện lời tạm khi lượt nói chưa xong",
        "--fallback": "giải mã lại ở nhiệt độ cao hơn khi kết quả kém (như mặc định của faster-whisper)",
        "--full-window": "mã hóa nguyên khung 30 giây của Whisper cho mỗi lượt nói",
        "--encoder-pad": "độ dài khoảng lặng mà bộ mã hóa nhận thêm sau mỗi lượt nói (mặc định: theo LIVE_DECODE)",
        "--no-token-cap": "không giới hạn số token trên mỗi giây âm thanh",
        "--no-pause-cut": "lượt nói dài chỉ kết thúc ở khoảng lặng cuối lượt",
        "--beam": "độ rộng beam khi giải mã lời chốt (mặc định: 5)",
        "--vocabulary": "giải mã lần hai có gợi ý từ vựng của cuộc họp (cuộc họp trong --truth, nếu không có thì bảng thuật ngữ)",
        "--voices": "nhận giọng thêm cho mọi đoạn lời chốt, để đo chi phí CPU của việc đó",
        "--model": CLI_MODEL_HELP,
        "--json": CLI_JSON_HELP,
    },
    "bench speakers": {
        "folder": "thư mục có các đoạn ghi âm và tệp speakers.tsv (hai cột: tệp ghi âm, người nói)",
        "--enroll": "số đoạn đầu tiên (theo thứ tự trong tệp) của mỗi người nói dùng để lập mẫu giọng (mặc định: %(default)s)",
        "--threshold": "điểm thấp nhất để gợi ý (mặc định: như trong chương trình)",
        "--margin": "mức hơn ít nhất so với người có điểm thứ hai (mặc định: như trong chương trình)",
        "--backend": "cách chạy bộ nhận giọng (mặc định: %(default)s)",
        "--json": CLI_JSON_HELP,
    },
    "voices suggest": {
        "meeting": CLI_MEETING_HELP,
        "--accept": "gán người nói theo mọi gợi ý chắc chắn (hoàn tác được bằng một bước)",
    },
    "voices list": {
        "meeting": CLI_MEETING_HELP,
    },
    "voices keep": {
        "meeting": CLI_MEETING_HELP,
        "participant": CLI_PARTICIPANT_HELP,
    },
    "voices forget": {
        "meeting": CLI_MEETING_HELP,
        "participant": CLI_PARTICIPANT_HELP,
    },
}
#: The kind of thing a ``store_bad_field`` error names when a field code is not known.
CLI_FIELD_KIND = "lĩnh vực"
