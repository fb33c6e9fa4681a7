"""Peak RSS and time of ``decode_long`` for one batch size and window (run once per setting:
peaks do not fall).

.venv/bin/python bench/batch_memory.py BATCH AUDIO [WINDOW_S]
"""

import resource
import sys
import time

from transcribe.engine import Transcriber
from transcribe.longform import LongformOptions, decode_long

tr = Transcriber()
m0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
window = float(sys.argv[3]) if len(sys.argv) > 3 else LongformOptions().window_s
t0, c0 = time.perf_counter(), time.process_time()
r = decode_long(tr, sys.argv[2], longform=LongformOptions(batch_size=int(sys.argv[1]), window_s=window))
print(
    "batch",
    sys.argv[1],
    "window",
    window,
    "model",
    m0,
    "peak",
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "MB",
    round(time.perf_counter() - t0, 1),
    "s wall",
    round(time.process_time() - c0, 1),
    "s CPU",
    len(r.segments),
)
