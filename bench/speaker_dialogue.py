"""Voices on a rendered dialogue: suggestions after two tagged segments per voice, speaker
changes against the truth turns, and the embedding's CPU cost against Whisper's.

    python3 ../shared/eval/make_meeting.py ../shared/eval/dialogue_dev.json /tmp/dlg_voices
    .venv/bin/python bench/speaker_dialogue.py /tmp/dlg_voices [--tag 2] [--sweep] [--json]

Whisper's batched pipeline (the post-meeting pass) segments the meeting; each segment's true speaker is the turn it
overlaps most. The first ``--tag`` segments of every voice are tagged by hand (they build the
profiles); every later segment gets a suggestion or none. A true change is the start of a turn
whose speaker differs from the previous turn's; a found change counts within 1 s of one.
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--tag", type=int, default=2)
    ap.add_argument("--sweep", action="store_true", help="also print F1 over a grid of change thresholds")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--debug", action="store_true")

    a = ap.parse_args()
    truth = json.loads((a.folder / "truth.json").read_text())
    turns = truth["turns"]
    audio = load_audio(a.folder / "meeting.wav")
    loaded = []

    def transcriber():
        if not loaded:
            from transcribe.engine import Transcriber

            loaded.append(Transcriber())
        return loaded[0]

    segments = _segments(a.folder, audio, transcriber)
    decode_cpu = _live_decode_cpu(turns, audio, transcriber)
    speech_s = sum(t["end"] - t["start"] for t in turns)
    encoder = load_encoder()

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
    for (seg, speaker, sample, _, _), is_tagged in zip(rows, tagged):
        if is_tagged:
            continue
        s = suggest(sample, profiles.values())
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
    seq = [(seg["start"], seg["end"], sample, p, words) for seg, _, sample, p, words in rows]

    centre = meeting_centre([sample for _, _, sample, _, _ in rows])

    def evaluate(options: ChangeOptions, centre=centre) -> dict:
        found = find_changes(seq, centre, options)
        h, fa, m = match_changes([c.at for c in found], true_changes)
        p, r, f = _f1(h, fa, m)
        return {
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
        "suggestions": {
            "items": len(items),
            "made": len(made),
            "accuracy": round(sum(i["suggested"] == i["speaker"] for i in made) / len(made), 3) if made else None,
            "coverage": round(len(made) / len(items), 3) if items else None,
            "detail": items,
        },
        "changes": evaluate(ChangeOptions()),
        "merged_pairs": [merged_pairs(x, n) for n in (0.0, 0.05, 0.1, 0.2, 9.0) for x in (-0.1, 0.0, 0.1, 0.2)],
        "changes_raw_cosine": {
            k: v for k, v in evaluate(replace(ChangeOptions(), between=0.8, inside=0.7), None).items() if k != "changes"
        },
        "segments_spanning_a_change": sum(any(s["start"] + 0.3 < c < s["end"] - 0.3 for c in true_changes) for s in segments),
        "cost": {
            "audio_s": round(len(audio) / SAMPLE_RATE, 1),
            "embedded_s": round(embedded_s, 1),
            "embed_ms_per_s": round(1000 * embed_cpu / embedded_s, 2),
            "live_decode_ms_per_s": round(1000 * decode_cpu / speech_s, 1),
            "embed_share_of_decode": round((embed_cpu / embedded_s) / (decode_cpu / speech_s), 4),
            "backend": encoder.backend,
        },
    }
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
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
    else:
        for k in ("segments", "turns", "true_changes", "segments_spanning_a_change"):
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
