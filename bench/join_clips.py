"""Join the human eval clips into one long "meeting" with pauses, plus its truth.

    .venv/bin/python bench/join_clips.py OUT_DIR [--folders cv_vi_dev fosd_dev] [--seed 7]

Writes OUT_DIR/meeting.wav (16 kHz mono s16) and OUT_DIR/truth.json in the shape of
``make_meeting.py`` (every clip is a turn with start/end seconds and its reference text), so
``bienban bench live OUT_DIR/meeting.wav --truth OUT_DIR/truth.json`` scores it the same way.
"""

from __future__ import annotations

import argparse
import json
import random
import wave
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.evaluate import read_transcripts

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--folders", nargs="+", default=["cv_vi_dev", "fosd_dev"])
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    parts, turns, pos = [np.zeros(SAMPLE_RATE, np.float32)], [], SAMPLE_RATE
    for folder in a.folders:
        for name, ref in read_transcripts(EVAL / folder):
            clip = load_audio(EVAL / folder / name)
            turns.append(
                {
                    "speaker": folder,
                    "kind": "clip",
                    "file": name,
                    "text": ref,
                    "start": round(pos / SAMPLE_RATE, 3),
                    "end": round((pos + clip.size) / SAMPLE_RATE, 3),
                }
            )
            gap = np.zeros(int(rnd.uniform(1.0, 2.0) * SAMPLE_RATE), np.float32)
            parts += [clip, gap]
            pos += clip.size + gap.size
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(np.concatenate(parts), -1, 1) * 32767).astype("<i2")
    with wave.open(str(out / "meeting.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE), w.writeframes(pcm.tobytes())
    truth = {"title": "human clips joined", "speakers": {}, "turns": turns, "duration": round(pos / SAMPLE_RATE, 3)}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{out / 'meeting.wav'}: {truth['duration']:.1f} s, {len(turns)} clips")


if __name__ == "__main__":
    main()
