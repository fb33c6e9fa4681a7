"""``bienban bench speakers DIR``: voice suggestions on clips grouped by speaker."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from minutes_tui import texts


def register_bench(kinds: argparse._SubParsersAction) -> None:
    """Add ``bench speakers`` to the ``bench`` group."""
    h, m = texts.CLI_HELP["bench speakers"], texts.CLI_METAVARS
    p = kinds.add_parser("speakers", help=texts.CLI_SUMMARIES["bench speakers"])
    p.add_argument("folder", metavar=m["folder"], help=h["folder"])
    p.add_argument("--enroll", type=int, default=2, metavar=m["number"], help=h["--enroll"])
    p.add_argument("--threshold", type=float, default=None, metavar=m["score"], help=h["--threshold"])
    p.add_argument("--margin", type=float, default=None, metavar=m["score"], help=h["--margin"])
    p.add_argument("--backend", choices=["auto", "numpy", "onnxruntime"], default="auto", help=h["--backend"])
    p.add_argument("--json", action="store_true", help=h["--json"])
    p.set_defaults(handler=run_bench_speakers)


def run_bench_speakers(args: argparse.Namespace) -> int:
    """Enrol the first N clips of every speaker, suggest the others, print the figures."""
    from dataclasses import replace

    from bienban_bench.speakers import run
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
    from bienban_base.audio import load_audio
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
    return {
        "voice_segments": follower.embedded,
        "voice_dropped": follower.dropped,
        "voice_cpu_s": round(follower.cpu_s, 2),
        "voice_ms_per_audio_s": round(1000 * follower.cpu_s / max(follower.audio_s, 1e-9), 2),
        "pipeline_cpu_s": round(rest, 2),
        "voice_share_of_pipeline": round(follower.cpu_s / rest, 4) if rest > 0 else None,
    }


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``voices`` command group (suggestions, keeping and forgetting voices)."""
    summary, h, m = texts.CLI_SUMMARIES, texts.CLI_HELP, texts.CLI_METAVARS
    group = sub.add_parser("voices", help=summary["voices"])
    kinds = group.add_subparsers(dest="voices_kind", metavar=m["command"], required=True)
    s = kinds.add_parser("suggest", help=summary["voices suggest"])
    s.add_argument("meeting", metavar=m["meeting"], help=h["voices suggest"]["meeting"])
    s.add_argument("--accept", action="store_true", help=h["voices suggest"]["--accept"])
    s.set_defaults(handler=run_suggest)
    lst = kinds.add_parser("list", help=summary["voices list"])
    lst.add_argument("meeting", metavar=m["meeting"], help=h["voices list"]["meeting"])
    lst.set_defaults(handler=run_list)
    k = kinds.add_parser("keep", help=summary["voices keep"])
    k.add_argument("meeting", metavar=m["meeting"], help=h["voices keep"]["meeting"])
    k.add_argument("participant", metavar=m["person"], help=h["voices keep"]["participant"])
    k.set_defaults(handler=run_keep)
    f = kinds.add_parser("forget", help=summary["voices forget"])
    f.add_argument("meeting", metavar=m["meeting"], help=h["voices forget"]["meeting"])
    f.add_argument("participant", metavar=m["person"], help=h["voices forget"]["participant"])
    f.set_defaults(handler=run_forget)


def run_list(args: argparse.Namespace) -> int:
    """Print every participant's number, name and role, and what is known of her voice."""
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.workflows.voices import voice_roster

    with MeetingStore.open(args.meeting) as store:
        roster = voice_roster(store)
    if not roster:
        print(texts.VOICES_LIST_EMPTY, file=sys.stderr)
        return 0
    print("\t".join(texts.VOICES_LIST_HEADER))
    for row in roster:
        p = row.participant
        if row.forgotten:
            here = texts.VOICES_LIST_HERE["forgotten"]
        elif row.ready:
            here = texts.VOICES_LIST_HERE["ready"].format(count=row.heard, seconds=row.speech_s)
        elif row.heard:
            here = texts.VOICES_LIST_HERE["little"].format(count=row.heard, seconds=row.speech_s)
        else:
            here = texts.VOICES_LIST_HERE["none"]
        later = texts.VOICES_LIST_KEPT["anonymous" if p.anonymous else ("kept" if row.kept else "not_kept")]
        print(f"{p.id}\t{p.name}\t{p.role or '-'}\t{row.tagged}\t{here}\t{later}")
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    """Print a suggestion per untagged segment; ``--accept`` assigns the confident ones."""
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.workflows.voices import suggest_in_meeting

    with MeetingStore.open(args.meeting) as store:
        record, suggestions, accepted = suggest_in_meeting(store, args.accept)
    print("\t".join(texts.VOICES_SUGGEST_HEADER))
    for seg in record.segments:
        g = suggestions.get(seg.id)
        if g is not None:
            who = record.participant(g.participant_id)
            print(f"{seg.id}\t{seg.start:8.1f}\t{who.name if who else '-'}\t{g.score:.2f}")
    if args.accept:
        print(texts.VOICES_ACCEPTED.format(count=accepted), file=sys.stderr)
    return 0


def run_keep(args: argparse.Namespace) -> int:
    """Keep an official's voice for the next meetings."""
    return _consent(args, keep=True)


def run_forget(args: argparse.Namespace) -> int:
    """Erase a participant's voice in the meeting and her kept voice."""
    return _consent(args, keep=False)


def _consent(args: argparse.Namespace, keep: bool) -> int:
    from minutes_tui.meeting.store import MeetingStore
    from minutes_tui.workflows.voices import find_participant, voice_consent

    with MeetingStore.open(args.meeting) as store:
        person = find_participant(store.load(), args.participant)
        name = voice_consent(store, person.id, keep)
    print((texts.VOICE_KEPT if keep else texts.VOICE_FORGOTTEN).format(name=name), file=sys.stderr)
    return 0
