"""For trying the tests on another day with Debian's libfaketime 0.9.10 (README: Development), only.

Run as ``PYTHONPATH=$PWD/scripts/faketime faketime --exclude-monotonic -f '@2027-06-30 23:30:00' ./scripts/test``.
Monotonic time must stay real (a faked one makes every timed wait of a thread hang), and with it
real, libfaketime's clock_nanosleep refuses the absolute deadline Python's ``time.sleep`` passes
(EINVAL): a timed wait on an Event, which it leaves alone, sleeps the same time. Every Python
process of the run (the CLI's, the app's) imports this through ``PYTHONPATH``.
"""

import threading
import time

_sleep = time.sleep


def _sleep_by_waiting(seconds: float) -> None:
    try:
        _sleep(seconds)
    except OSError:  # EINVAL from libfaketime; a real sleep never gets here
        threading.Event().wait(seconds)


time.sleep = _sleep_by_waiting
