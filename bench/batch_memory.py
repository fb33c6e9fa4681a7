"""Peak RSS and time of ``decode_long`` for one batch size (run once per size: peaks do not fall).

.venv/bin/python bench/batch_memory.py BATCH AUDIO
"""

import resource
import sys
import time

from transcribe.engine import Transcriber
from transcribe.longform import LongformOptions, decode_long

tr = Transcriber()
m0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
t0 = time.perf_counter()
r = decode_long(tr, sys.argv[2], longform=LongformOptions(batch_size=int(sys.argv[1])))
print(
    "batch",
    sys.argv[1],
    "model",
    m0,
    "peak",
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "MB",
    round(time.perf_counter() - t0, 1),
    "s",
    len(r.segments),
)
