"""Voices on a rendered dialogue: suggestions after two tagged segments per voice, speaker
changes against the truth turns, and the embedding's CPU cost against Whisper's.

    python3 ../shared/eval/make_meeting.py ../shared/eval/dialogue_dev.json /tmp/dlg_voices
    .venv/bin/python bench/speaker_dialogue.py /tmp/dlg_voices [--tag 2] [--sweep] [--json]
    .venv/bin/python bench/speaker_dialogue.py /tmp/vg_render_1 /tmp/vg_render_2 /tmp/vg_render_3 [--json]

``make_meeting.py``'s room noise is unseeded, so every rendering differs (and Whisper cuts each
differently): give several renderings, and the change F1 is reported for each with its mean
and minimum, so one lucky rendering cannot pass. With several folders the decoder's cost is not
measured (``--cost`` to measure it anyway).

Whisper's batched pipeline (the post-meeting pass) segments the meeting; each segment's true speaker is the turn it
overlaps most. The first ``--tag`` segments of every voice are tagged by hand (they build the
profiles); every later segment gets a suggestion or none. A true change is the start of a turn
whose speaker differs from the previous turn's; a found change counts within 1 s of one. The
changes are found as the app finds them (``find_changes`` with the tagged and confidently
suggested names as labels and the tagged profiles). A true change is *reachable* when some
segment overlaps the turn it starts (Whisper drops some turns of this robotic speech).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bienban_base.audio import SAMPLE_RATE, load_audio  # noqa: E402
from voices.changes import ChangeOptions, find_changes, match_changes, meeting_centre, split_inside  # noqa: E402
from voices.encoder import Partials  # noqa: E402
from voices.model import load_encoder  # noqa: E402
from voices.profiles import VoiceSample, build_profiles, suggest  # noqa: E402


def _segments(folder: Path, audio: np.ndarray, transcriber) -> list[dict]:
    """Whisper's segments of the meeting (cached in ``segments.json``)."""
    cache = folder / "segments.json"
    if cache.is_file():
        return json.loads(cache.read_text())["segments"]
    # The post-meeting pass's segmentation (batched, VAD chunks): the sequential one skips a
    # whole 30 s window of this robotic speech.
    segments = [s.to_dict() for s in transcriber().batched_segments(audio)]
    cache.write_text(json.dumps({"segments": segments}, ensure_ascii=False))
    return segments


def _live_decode_cpu(turns: list[dict], audio: np.ndarray, transcriber) -> float:
    """CPU seconds of the decoder as live decoding pays it: every true turn decoded as one
    utterance with the live options (final text only; interim decodes would add more)."""
    from transcribe.live import LiveOptions

    model = transcriber()
    t0 = time.process_time()
    for turn in turns:
        model.decode(audio[int(turn["start"] * SAMPLE_RATE) : int(turn["end"] * SAMPLE_RATE)], LiveOptions().decode)
    return time.process_time() - t0


def _truth_speaker(seg: dict, turns: list[dict]) -> str:
    overlap = [max(0.0, min(seg["end"], t["end"]) - max(seg["start"], t["start"])) for t in turns]
    return turns[int(np.argmax(overlap))]["speaker"]


def _f1(hits: int, false_alarms: int, misses: int) -> tuple[float, float, float]:
    p = hits / (hits + false_alarms) if hits + false_alarms else 0.0
    r = hits / (hits + misses) if hits + misses else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def one(a: argparse.Namespace, encoder, transcriber) -> dict:
    """The report on one rendering (``a.folder``)."""
    truth = json.loads((a.folder / "truth.json").read_text())
    turns = truth["turns"]
    audio = load_audio(a.folder / "meeting.wav")
    segments = _segments(a.folder, audio, transcriber)
    decode_cpu = _live_decode_cpu(turns, audio, transcriber) if a.cost else None
    speech_s = sum(t["end"] - t["start"] for t in turns)

    rows, embed_cpu, embedded_s = [], 0.0, 0.0
    for seg in segments:
        lo, hi = int(seg["start"] * SAMPLE_RATE), int(seg["end"] * SAMPLE_RATE)
        t0 = time.process_time()
        p = encoder.partials(audio[lo:hi])
        embed_cpu += time.process_time() - t0
        embedded_s += (hi - lo) / SAMPLE_RATE
        p = Partials(p.embeddings, p.starts + seg["start"], p.ends + seg["start"], p.speech_s)
        words = [(w["start"], w["end"]) for w in seg["words"]]
        rows.append((seg, _truth_speaker(seg, turns), VoiceSample(p.mean(), p.speech_s), p, words))

    tagged_count: dict[str, int] = {}
    tagged = []
    for _, speaker, _, _, _ in rows:
        is_tagged = tagged_count.get(speaker, 0) < a.tag
        tagged_count[speaker] = tagged_count.get(speaker, 0) + is_tagged
        tagged.append(is_tagged)
    profiles = build_profiles((sp, s) for (_, sp, s, _, _), t in zip(rows, tagged) if t)
    items = []
    labels: list[str | None] = []  # who speaks in each segment as far as the app knows
    for (seg, speaker, sample, _, _), is_tagged in zip(rows, tagged):
        if is_tagged:
            labels.append(speaker)
            continue
        s = suggest(sample, profiles.values())
        labels.append(s.speaker)
        items.append(
            {
                "start": seg["start"],
                "end": seg["end"],
                "speaker": speaker,
                "suggested": s.speaker,
                "nearest": s.nearest,
                "score": round(s.score, 3),
                "margin": round(s.margin, 3),
            }
        )
    made = [i for i in items if i["suggested"]]

    true_changes = [t["start"] for prev, t in zip(turns, turns[1:]) if t["speaker"] != prev["speaker"]]
    reachable = [
        t["start"]
        for prev, t in zip(turns, turns[1:])
        if t["speaker"] != prev["speaker"] and any(min(s["end"], t["end"]) > max(s["start"], t["start"]) for s in segments)
    ]
    seq = [(seg["start"], seg["end"], sample, p, words) for seg, _, sample, p, words in rows]

    centre = meeting_centre([sample for _, _, sample, _, _ in rows])

    def evaluate(options: ChangeOptions, centre=centre, known: bool = True) -> dict:
        found = find_changes(seq, centre, options, labels if known else None, profiles if known else None)
        h, fa, m = match_changes([c.at for c in found], true_changes)
        p, r, f = _f1(h, fa, m)
        f_reachable = _f1(*match_changes([c.at for c in found], reachable))[2]
        return {
            "f1_reachable": round(f_reachable, 3),
            "found": len(found),
            "hits": h,
            "false_alarms": fa,
            "misses": m,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "changes": [{"at": round(c.at, 2), "score": round(c.score, 3), "inside": c.inside} for c in found],
        }

    def merged_pairs(inside: float, sides: int) -> dict:
        """Adjacent segments joined into one (as when Whisper runs two turns together): is the
        split found within 1 s of the join for different voices, and not for the same voice?"""
        hit = miss = false = same = 0
        for (sa, spa, _, _, _wa), (sb, spb, _, _, _wb) in zip(rows, rows[1:]):
            lo, hi = int(sa["start"] * SAMPLE_RATE), int(sb["end"] * SAMPLE_RATE)
            if sb["start"] - sa["end"] > 2.5:
                continue
            p = joined.get((lo, hi))
            if p is None:
                p = joined[(lo, hi)] = encoder.partials(audio[lo:hi])
            p = Partials(p.embeddings, p.starts + sa["start"], p.ends + sa["start"], p.speech_s)
            words = [(w["start"], w["end"]) for w in sa["words"] + sb["words"]]
            found = split_inside(p, words, centre, replace(ChangeOptions(), inside=inside, pause_choice=sides))
            if spa != spb:
                ok = found is not None and abs(found.at - sb["start"]) <= 1.0
                if a.debug and inside == 0.0 and sides == 0.05:
                    print("pair", sa["start"], sb["start"], spa, spb, found, len(p.embeddings), file=sys.stderr)
                hit, miss = hit + ok, miss + (not ok)
            else:
                same += 1
                false += found is not None
        return {
            "inside": inside,
            "pause_choice": sides,
            "different_pairs": hit + miss,
            "split_found": hit,
            "same_pairs": same,
            "false_splits": false,
        }

    joined: dict = {}
    report = {
        "segments": len(rows),
        "turns": len(turns),
        "true_changes": len(true_changes),
        "reachable_changes": len(reachable),
        "suggestions": {
            "items": len(items),
            "made": len(made),
            "accuracy": round(sum(i["suggested"] == i["speaker"] for i in made) / len(made), 3) if made else None,
            "coverage": round(len(made) / len(items), 3) if items else None,
            "detail": items,
        },
        "changes": evaluate(ChangeOptions()),
        "changes_voices_only": {k: v for k, v in evaluate(ChangeOptions(), known=False).items() if k != "changes"},
        "merged_pairs": [merged_pairs(x, n) for n in (0.0, 0.05, 0.1, 0.2, 9.0) for x in (-0.1, 0.0, 0.1, 0.2)],
        "changes_raw_cosine": {
            k: v
            for k, v in evaluate(replace(ChangeOptions(), between=0.8, inside=0.7), None, known=False).items()
            if k != "changes"
        },
        "segments_spanning_a_change": sum(any(s["start"] + 0.3 < c < s["end"] - 0.3 for c in true_changes) for s in segments),
        "cost": {
            "audio_s": round(len(audio) / SAMPLE_RATE, 1),
            "embedded_s": round(embedded_s, 1),
            "embed_ms_per_s": round(1000 * embed_cpu / embedded_s, 2),
            "backend": encoder.backend,
        },
    }
    if decode_cpu is not None:
        report["cost"]["live_decode_ms_per_s"] = round(1000 * decode_cpu / speech_s, 1)
        report["cost"]["embed_share_of_decode"] = round((embed_cpu / embedded_s) / (decode_cpu / speech_s), 4)
    if a.sweep:
        report["sweep"] = [
            {
                "between": b,
                "inside": i,
                **{k: v for k, v in evaluate(replace(ChangeOptions(), between=b, inside=i)).items() if k != "changes"},
            }
            for b in (0.0, 0.05, 0.1, 0.15, 0.2)
            for i in (-0.2, -0.1, 0.0, 0.1)
        ]
    return report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", type=Path, nargs="+", help="one or more renderings of the dialogue")
    ap.add_argument("--tag", type=int, default=2)
    ap.add_argument("--sweep", action="store_true", help="also print F1 over a grid of change thresholds")
    ap.add_argument("--cost", action="store_true", help="measure the decoder's cost even with several folders")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--debug", action="store_true")
    a = ap.parse_args()
    a.cost = a.cost or len(a.folders) == 1
    loaded = []

    def transcriber():
        if not loaded:
            from transcribe.engine import Transcriber

            loaded.append(Transcriber())
        return loaded[0]

    encoder = load_encoder()
    reports = []
    for folder in a.folders:
        a.folder = folder
        reports.append(one(a, encoder, transcriber))
        reports[-1]["folder"] = str(folder)
    if len(reports) == 1:
        show(reports[0], a.json)
        return
    f1 = [r["changes"]["f1"] for r in reports]
    summary = {
        "renderings": [r["folder"] for r in reports],
        "change_f1": f1,
        "change_f1_mean": round(float(np.mean(f1)), 3),
        "change_f1_min": min(f1),
        "change_f1_reachable": [r["changes"]["f1_reachable"] for r in reports],
        "change_f1_voices_only": [r["changes_voices_only"]["f1"] for r in reports],
        "true_changes": [r["true_changes"] for r in reports],
        "reachable_changes": [r["reachable_changes"] for r in reports],
        "hits_false_missed": [[r["changes"][k] for k in ("hits", "false_alarms", "misses")] for r in reports],
        "suggestion_accuracy": [r["suggestions"]["accuracy"] for r in reports],
        "suggestion_coverage": [r["suggestions"]["coverage"] for r in reports],
    }
    if a.json:
        print(json.dumps({"summary": summary, "renderings": reports}, ensure_ascii=False, indent=1, default=_plain))
    else:
        for k, v in summary.items():
            print(f"{k:28} {v}")


def _plain(o):
    return o.item() if hasattr(o, "item") else str(o)


def show(report: dict, as_json: bool) -> None:
    """Print one rendering's report."""
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
    else:
        for k in ("segments", "turns", "true_changes", "reachable_changes", "segments_spanning_a_change"):
            print(f"{k:28} {report[k]}")
        s = report["suggestions"]
        print(f"suggestions                  accuracy {s['accuracy']} coverage {s['coverage']} ({s['made']}/{s['items']})")
        c = report["changes"]
        print(
            f"changes                      P {c['precision']} R {c['recall']} F1 {c['f1']} ({c['hits']} hits, {c['false_alarms']} false, {c['misses']} missed)"
        )
        for row in report["merged_pairs"]:
            print(
                f"merged pairs, inside {row['inside']:+.2f} pause choice {row['pause_choice']}: split found {row['split_found']}/{row['different_pairs']}, false splits {row['false_splits']}/{row['same_pairs']}"
            )
        print(f"changes, raw cosine          {report['changes_raw_cosine']}")
        print(f"cost                         {report['cost']}")
        for row in report.get("sweep", []):
            print(
                f"  between {row['between']:.2f} inside {row['inside']:.2f}: F1 {row['f1']} P {row['precision']} R {row['recall']}"
            )


if __name__ == "__main__":
    main()
