"""A batch row task for the fault tests: rows whose message says so kill the process making them.

``SEGFAULT`` reads memory at address 0 through ctypes (a crash, as a bug in a C
library would make); ``KILLED`` is killed with SIGKILL (as the kernel's
out-of-memory killer does). Every other row is made as usual.
"""

from __future__ import annotations

import ctypes
import os
import signal

from chutecode.batch.task import Job, Outcome, make_design


def crashing_make_design(job: Job) -> Outcome:
    """:func:`chutecode.batch.task.make_design`, except for the rows named above."""
    if job.message == "SEGFAULT":
        ctypes.string_at(0)
    if job.message == "KILLED":
        os.kill(os.getpid(), signal.SIGKILL)
    return make_design(job)
