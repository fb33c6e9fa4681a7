"""Post-meeting pass: WER and speed of sequential, batched and per-utterance decoding.

.venv/bin/python bench/repass_modes.py MEETING_DIR   (meeting.wav + truth.json)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import psutil

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import DecodeOptions, guarded
from transcribe.engine import Transcriber
from transcribe.evaluate import score
from transcribe.repass import decode_utterances


def main() -> None:
    folder = Path(sys.argv[1])
    audio = load_audio(folder / "meeting.wav")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    ref = " ".join(t["text"] for t in truth["turns"])
    tr = Transcriber()
    from faster_whisper import BatchedInferencePipeline

    batched = BatchedInferencePipeline(tr.model)
    kw = DecodeOptions().kwargs()
    kw.pop("condition_on_previous_text"), kw.pop("vad_filter")
    modes = {
        "sequential": lambda: tr.segments(audio),
        "batched": lambda: guarded(batched.transcribe(audio, batch_size=8, **kw)[0]),
        "batched_timestamps": lambda: guarded(batched.transcribe(audio, batch_size=8, without_timestamps=False, **kw)[0]),
        "utterances": lambda: decode_utterances(tr, audio),
    }
    proc, out = psutil.Process(), {"audio_s": round(audio.size / SAMPLE_RATE, 1)}
    for name, run in modes.items():
        c0, t0 = sum(proc.cpu_times()[:2]), time.perf_counter()
        segs = list(run())
        wall, cpu = time.perf_counter() - t0, sum(proc.cpu_times()[:2]) - c0
        out[name] = {
            "wer": round(score([(ref, " ".join(s.text for s in segs))])[0], 4),
            "segments": len(segs),
            "wall_rtf": round(wall / out["audio_s"], 3),
            "cpu_rtf": round(cpu / out["audio_s"], 3),
        }
        print(name, out[name], file=sys.stderr, flush=True)
    out["load_average"] = round(psutil.getloadavg()[0], 2)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
