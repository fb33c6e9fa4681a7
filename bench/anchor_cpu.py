"""CPU time of the plain batched pipeline (with and without timestamps) against ``decode_long``,
in one process, alternating (CPU time moves less than wall time on a shared machine).

    .venv/bin/python bench/anchor_cpu.py AUDIO
"""

import os
import resource
import sys
import time

from faster_whisper import BatchedInferencePipeline

from transcribe.engine import Transcriber
from transcribe.longform import LongformOptions, decode_long

tr = Transcriber()
pipe = BatchedInferencePipeline(tr.model)
path = sys.argv[1]


def plain(wt):
    segs, _ = pipe.transcribe(path, language="vi", batch_size=8, beam_size=5, word_timestamps=True, without_timestamps=wt)
    return list(segs)


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


variants = {
    "plain_no_timestamps_b8": lambda: plain(True),
    "plain_timestamps_b8": lambda: plain(False),
    "decode_long_b4": lambda: decode_long(tr, path),
    "decode_long_b8": lambda: decode_long(tr, path, longform=LongformOptions(batch_size=8)),
}
for r in range(2):
    for k, f in variants.items():
        c0 = cpu()
        t0 = time.perf_counter()
        f()
        print(
            r,
            k,
            "cpu",
            round(cpu() - c0, 1),
            "wall",
            round(time.perf_counter() - t0, 1),
            "load",
            round(os.getloadavg()[0], 1),
            flush=True,
        )
