"""One batch at a time in an output folder: a lock file held with ``flock``.

A second batch into the same folder refuses at once with a :class:`BatchError`
(or, with ``wait``, waits for the first to finish). The lock belongs to the
running process: a batch killed with ``kill -9`` holds nothing, and the next
run takes the lock at once. The lock file is removed when the batch ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from chutecode.errors import BatchError

__all__ = ["folder_lock", "LOCK_NAME"]

LOCK_NAME = ".chutecode-batch.lock"


@contextlib.contextmanager
def folder_lock(folder: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the batch lock of ``folder`` for the block; see the module's notes."""
    path = folder / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise BatchError(
                f"output folder {str(folder)!r} is in use by another batch{holder}: wait for it to "
                "finish, or pass wait=True to wait for it"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        # The holder before us may have removed the file while we waited for it: lock the new one.
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _holder(fd: int) -> str:
    """`` (process 1234)`` from the lock file, or nothing."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""
