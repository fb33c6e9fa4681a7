"""``bienban bench live AUDIO``: the live pipeline's latency, WER and memory (harness in ``bienban_bench``)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from minutes_tui import texts

_SUMMARY_KEYS = (
    "latency_p50",
    "latency_p95",
    "latency_max",
    "latency_vad_p50",
    "latency_vad_p95",
    "wer_live",
    "wer_offline",
    "wer_live_vs_offline",
    "rtf",
    "cpu",
    "peak_rss_mb",
    "dropped_blocks",
    "utterances",
    "missed_turns",
    "audio_s",
    "wall_s",
    "load_average",
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``bench live`` sub-command."""
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    h = texts.CLI_HELP["bench live"]
    bench = sub.add_parser("bench", help=summary["bench"])
    kinds = bench.add_subparsers(dest="bench_kind", metavar=m["command"], required=True)
    live = kinds.add_parser("live", help=summary["bench live"])
    live.add_argument("audio", metavar=m["file"], help=h["audio"])
    live.add_argument("--truth", default=None, metavar=m["file"], help=h["--truth"])
    live.add_argument("--speed", type=float, default=1.0, metavar=m["speed"], help=h["--speed"])
    live.add_argument("--loop-to", type=float, default=None, metavar=m["seconds"], help=h["--loop-to"])
    live.add_argument("--no-offline", action="store_true", help=h["--no-offline"])
    live.add_argument("--no-interim", action="store_true", help=h["--no-interim"])
    live.add_argument("--fallback", action="store_true", help=h["--fallback"])
    live.add_argument("--full-window", action="store_true", help=h["--full-window"])
    live.add_argument("--encoder-pad", type=float, default=None, metavar=m["seconds"], help=h["--encoder-pad"])
    live.add_argument("--no-token-cap", action="store_true", help=h["--no-token-cap"])
    live.add_argument("--no-pause-cut", action="store_true", help=h["--no-pause-cut"])
    live.add_argument("--beam", type=int, default=None, metavar=m["number"], help=h["--beam"])
    live.add_argument("--vocabulary", action="store_true", help=h["--vocabulary"])
    live.add_argument("--voices", action="store_true", help=h["--voices"])
    live.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    live.add_argument("--json", action="store_true", help=h["--json"])
    live.set_defaults(handler=run_bench_live)
    from minutes_tui.cli.voices_cmd import register_bench

    register_bench(kinds)


def run_bench_live(args: argparse.Namespace) -> int:
    """Play a file through the live pipeline and report latency, WER, RTF, memory."""
    from importlib.util import find_spec

    from bienban_base.errors import CodedError

    if find_spec("psutil") is None:  # the harness measures memory and CPU with it
        raise CodedError("bench_needs_psutil", "psutil is not installed")
    from bienban_base.audio import load_audio
    from bienban_bench.live_feed import measure
    from transcribe.decoding import DecodeOptions
    from transcribe.engine import Transcriber
    from transcribe.live import LiveOptions

    load_audio(args.audio)  # a bad file fails before the model loads
    truth = json.loads(Path(args.truth).read_text(encoding="utf-8")) if args.truth else None
    options = LiveOptions()
    if args.no_interim:
        options = replace(options, interim_every_s=None)
    decode = options.decode
    if args.fallback:
        decode = replace(decode, temperature=DecodeOptions().temperature)
    if args.encoder_pad is not None:
        decode = replace(decode, encoder_pad_s=args.encoder_pad)
    if args.full_window:
        decode = replace(decode, encoder_pad_s=None)
    if args.no_token_cap:
        decode = replace(decode, max_tokens_per_s=None)
    if args.beam:
        decode = replace(decode, beam_size=args.beam)
    options = replace(options, decode=decode)
    if args.no_pause_cut:
        options = replace(options, segmenter=replace(options.segmenter, pause_cut_after_s=None))
    transcriber = Transcriber(args.model)
    if args.vocabulary:
        from bienban_bench.live_report import vocabulary_of_truth
        from transcribe.vocabulary import VocabularyPass, tokenizer_counter

        vocabulary = vocabulary_of_truth(truth) if truth and truth.get("speakers") else None
        options = replace(options, vocabulary=VocabularyPass.of(vocabulary, tokenizer_counter(transcriber)))
    follower, on_final = None, None
    if args.voices:
        from minutes_tui.cli.voices_cmd import live_follower

        follower, on_final = live_follower(args.audio)
    report = measure(args.audio, transcriber, options, args.speed, truth, not args.no_offline, args.loop_to, on_final=on_final)
    extra = {}
    if follower is not None:
        from minutes_tui.cli.voices_cmd import follower_figures

        extra = follower_figures(follower, report)
    if args.json:
        json.dump({**report.to_dict(), **extra}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for key in _SUMMARY_KEYS:
            print(f"{key:22} {getattr(report, key)}")
        for key, value in extra.items():
            print(f"{key:22} {value}")
        for at, mb in report.rss_timeline:
            print(f"rss at {at:8.0f} s        {mb} MB")
    return 0
