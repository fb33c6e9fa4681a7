"""``bienban bench speakers DIR``: voice suggestions on clips grouped by speaker."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register_bench(kinds: argparse._SubParsersAction) -> None:
    """Add ``bench speakers`` to the ``bench`` group."""
    p = kinds.add_parser("speakers", help="gợi ý người nói theo giọng (voice suggestions)")
    p.add_argument("folder", help="folder with speakers.tsv (path, speaker) and the clips")
    p.add_argument("--enroll", type=int, default=2, help="clips per speaker, in file order, that build the profiles")
    p.add_argument("--threshold", type=float, default=None, help="lowest score to suggest (default: the app's)")
    p.add_argument("--margin", type=float, default=None, help="lowest lead over the runner-up (default: the app's)")
    p.add_argument("--backend", choices=["auto", "numpy", "onnxruntime"], default="auto", help="how the encoder runs")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.set_defaults(handler=run_bench_speakers)


def run_bench_speakers(args: argparse.Namespace) -> int:
    """Enrol the first N clips of every speaker, suggest the others, print the figures."""
    from dataclasses import replace

    from voices.bench_speakers import run
    from voices.model import load_encoder
    from voices.profiles import SuggestOptions

    options = SuggestOptions()
    if args.threshold is not None:
        options = replace(options, threshold=args.threshold)
    if args.margin is not None:
        options = replace(options, margin=args.margin)
    report = run(Path(args.folder), load_encoder(backend=args.backend), args.enroll, options)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for key in ("accuracy", "coverage", "eer", "eer_threshold", "ms_per_audio_s", "audio_s"):
            print(f"{key:16} {getattr(report, key)}")
    return 0


def live_follower(audio_path: str):
    """A ``VoiceFollower`` for ``bench live --voices`` and the callback that feeds it final segments."""
    from transcribe.audio import load_audio
    from voices.live import VoiceFollower
    from voices.model import load_encoder

    audio = load_audio(audio_path)  # the app cuts from the recording; the bench from the file
    follower = VoiceFollower(load_encoder(), lambda key, partials: None)

    def on_final(final) -> None:
        for seg in final.segments:
            lo, hi = int(seg.start * 16000), int(seg.end * 16000)
            if hi - lo >= 8000:
                follower.submit((final.utterance.id, seg.start), seg.start, audio[lo:hi])

    return follower, on_final


def follower_figures(follower, report) -> dict:
    """What the voices cost in a ``bench live`` run: the follower's own thread CPU against the rest."""
    follower.close()
    process_cpu = report.cpu * report.wall_s
    rest = process_cpu - follower.cpu_s
    return {"voice_segments": follower.embedded, "voice_dropped": follower.dropped,
            "voice_cpu_s": round(follower.cpu_s, 2), "voice_ms_per_audio_s": round(1000 * follower.cpu_s / max(follower.audio_s, 1e-9), 2),
            "pipeline_cpu_s": round(rest, 2), "voice_share_of_pipeline": round(follower.cpu_s / rest, 4) if rest > 0 else None}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``voices`` command group (suggestions, keeping and forgetting voices)."""
    group = sub.add_parser("voices", help="gợi ý người nói theo giọng; lưu hoặc xoá giọng nói")
    kinds = group.add_subparsers(dest="voices_kind", metavar="ACTION", required=True)
    s = kinds.add_parser("suggest", help="gợi ý người nói cho các đoạn chưa gắn tên")
    s.add_argument("meeting", help="meeting folder")
    s.add_argument("--accept", action="store_true", help="gán mọi gợi ý chắc chắn (một bước hoàn tác)")
    s.set_defaults(handler=run_suggest)
    k = kinds.add_parser("keep", help="lưu giọng của một cán bộ cho các cuộc họp sau (có sự đồng ý)")
    k.add_argument("meeting")
    k.add_argument("participant", type=int, help="participant id (bienban meeting show)")
    k.set_defaults(handler=run_keep)
    f = kinds.add_parser("forget", help="xoá giọng nói của một người (trong cuộc họp và giọng đã lưu)")
    f.add_argument("meeting")
    f.add_argument("participant", type=int)
    f.set_defaults(handler=run_forget)


def _open(meeting: str):
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.meeting.voiceprints import Voiceprints

    store = MeetingStore.open(meeting)
    return store, Voiceprints(store.folder)


def run_suggest(args: argparse.Namespace) -> int:
    """Embed the segments that need it, print a suggestion per untagged segment, accept if asked."""
    from minutes_tui import texts
    from minutes_tui.meeting.known_voices import KnownVoices
    from minutes_tui.voice_suggestions import audio_cutter, confident_assignments, embed_missing, suggest_speakers
    from transcribe.errors import AudioError
    from voices.model import load_encoder

    store, prints = _open(args.meeting)
    known = KnownVoices()
    try:
        audio_path = store.audio_path()
        if audio_path is None:
            raise AudioError("voices_no_audio", f"no audio in {args.meeting}", path=str(args.meeting))
        embed_missing(store.load(), prints, load_encoder(), audio_cutter(audio_path))
        record = store.load()
        suggestions = suggest_speakers(record, prints, known)
        for seg in record.segments:
            g = suggestions.get(seg.id)
            if g is None:
                continue
            who = record.participant(g.participant_id)
            print(f"{seg.id}\t{seg.start:8.1f}\t{who.name if who else '-'}\t{g.score:.2f}")
        if args.accept:
            chosen = confident_assignments(suggestions)
            if chosen:
                store.set_speakers(chosen)
            print(texts.VOICES_ACCEPTED.format(count=len(chosen)), file=sys.stderr)
    finally:
        known.close()
        prints.close()
        store.close()
    return 0


def run_keep(args: argparse.Namespace) -> int:
    """Keep an official's voice for the next meetings."""
    from minutes_tui import texts
    from minutes_tui.meeting.known_voices import KnownVoices
    from minutes_tui.voice_suggestions import keep_voice

    store, prints = _open(args.meeting)
    known = KnownVoices()
    try:
        record = store.load()
        keep_voice(record, prints, known, args.participant)
        print(texts.VOICE_KEPT.format(name=record.participant(args.participant).name), file=sys.stderr)
    finally:
        known.close()
        prints.close()
        store.close()
    return 0


def run_forget(args: argparse.Namespace) -> int:
    """Erase a participant's voice in the meeting and her kept voice."""
    from minutes_tui import texts
    from minutes_tui.meeting.known_voices import KnownVoices
    from minutes_tui.voice_suggestions import forget_voice

    store, prints = _open(args.meeting)
    known = KnownVoices()
    try:
        record = store.load()
        store.participant(args.participant)
        forget_voice(record, prints, args.participant, known)
        print(texts.VOICE_FORGOTTEN.format(name=record.participant(args.participant).name), file=sys.stderr)
    finally:
        known.close()
        prints.close()
        store.close()
    return 0
