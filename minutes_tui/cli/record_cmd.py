"""``bienban devices``, ``bienban record --meeting DIR`` and ``bienban recover DIR``.

``record`` captures headless until Ctrl-C (or SIGTERM), the ``--duration`` or the end of a
``--file``; it prints the audio file's path on stdout and everything else on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
import threading

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``devices``, ``record`` and ``recover`` sub-commands."""
    devices = sub.add_parser("devices", help="liệt kê các thiết bị thu âm và tần số lấy mẫu gốc của chúng")
    devices.set_defaults(handler=run_devices)
    r = sub.add_parser("record", help="ghi âm cuộc họp không cần mở chương trình (dừng bằng Ctrl-C)")
    r.add_argument("--meeting", required=True, metavar="THƯ_MỤC_HỌP", help="thư mục cuộc họp (chưa có thì tạo mới)")
    r.add_argument("--device", default=None, metavar="THIẾT_BỊ",
                   help="micrô: số thứ tự hoặc một phần tên (xem danh sách bằng: bienban devices)")  # fmt: skip
    r.add_argument("--duration", type=float, default=None, metavar="GIÂY", help="dừng sau chừng này giây ghi âm")
    r.add_argument("--append", action="store_true", help="ghi tiếp vào cuối bản ghi âm đã có của cuộc họp")
    r.add_argument("--file", default=None, metavar="TỆP", help="ghi từ tệp âm thanh này thay cho micrô (để chạy thử, kiểm thử)")
    r.add_argument("--speed", type=float, default=1.0, metavar="TỐC_ĐỘ",
                   help="tốc độ đọc tệp của --file (1 = thời gian thực, 0 = đọc hết ngay; mặc định: %(default)s)")  # fmt: skip
    r.set_defaults(handler=run_record)
    v = sub.add_parser("recover", help="khôi phục bản ghi âm bị ngắt giữa chừng (máy treo, mất điện)")
    v.add_argument("meeting", metavar="THƯ_MỤC_HỌP", help="thư mục cuộc họp")
    v.set_defaults(handler=run_recover)


def _quiet_native_stderr(args: argparse.Namespace) -> None:
    """PortAudio and ALSA print diagnostics straight to fd 2: keep only Python's own lines there."""
    if getattr(args, "debug", False) or os.environ.get("BIENBAN_DEBUG") == "1":
        return
    sys.stderr.flush()
    sys.stderr = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8", errors="replace")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def run_devices(args: argparse.Namespace) -> int:
    """List the input devices."""
    _quiet_native_stderr(args)
    from recorder.devices import input_devices
    from recorder.errors import no_input_device

    devices = input_devices()
    if not devices:
        raise no_input_device("PortAudio lists no input device")
    print(texts.REC_DEVICES_HEADER)
    for d in devices:
        print(texts.REC_DEVICE_LINE.format(mark="*" if d.is_default else " ", **dataclasses.asdict(d)))
    return 0


def run_record(args: argparse.Namespace) -> int:
    """Record until stopped; print the audio file's path."""
    _quiet_native_stderr(args)
    from minutes_tui.workflows.recording import audio_source, event_line
    from recorder import Recording
    from recorder.journal import audio_seconds

    source = audio_source(args.file, args.speed, args.device)
    recording = Recording(args.meeting, source, append=args.append, on_event=lambda e: print(event_line(e), file=sys.stderr))
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if hasattr(signal, "SIGXFSZ"):  # a file-size limit must fail a write, not kill us
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    recording.start()
    print(texts.REC_RUNNING, file=sys.stderr)
    began = recording.elapsed_seconds  # with --append the meeting already has audio
    while not stop.wait(0.1) and not recording.ended.is_set():
        if args.duration is not None and recording.elapsed_seconds - began >= args.duration:
            break
    audio = recording.stop()
    print(texts.REC_SAVED.format(seconds=audio_seconds(audio), path=audio), file=sys.stderr)
    print(audio)
    if recording.error is not None:
        raise recording.error
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """Turn an interrupted recording into a valid audio file; print its path."""
    from recorder import recover

    result = recover(args.meeting)
    if result.damaged_log is not None:
        print(texts.REC_LOG_DAMAGED.format(path=result.damaged_log), file=sys.stderr)
    line = texts.REC_RECOVERED if result.recovered else texts.REC_NOTHING_INTERRUPTED
    print(line.format(seconds=result.seconds, path=result.audio), file=sys.stderr)
    print(result.audio)
    return 0
