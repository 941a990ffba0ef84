"""Safe file output: every file chutecode writes goes through :func:`atomic_output`.

- A regular file (new or existing) is written to a hidden temporary file beside
  it, flushed to disk, renamed over the target and the folder synced: a failed
  or interrupted write never leaves a partial file at the target path. The
  temporary file gets the mode the process's umask gives (the umask is never
  changed, so threads may write at the same time).
- A symbolic link is written through: its final target is replaced atomically
  as above, and the link stays a link.
- A character device (``/dev/null``, a terminal) or a FIFO is written directly,
  without a temporary file: it cannot be replaced, and must not be.
- Any other target (a folder, a block device, a socket) is refused with
  :class:`~chutecode.errors.OutputError`.

Errors name the path the caller gave, never the temporary file, and a long
file name that the system accepts never fails because of the temporary name.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from chutecode.errors import OutputError

__all__ = ["atomic_output", "atomic_write", "TEMP_SUFFIX", "output_kind"]

#: Temporary files are hidden (``.`` first) and end with this suffix.
TEMP_SUFFIX = ".part"
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NAME_MAX = 255


def output_kind(path: str | os.PathLike[str]) -> str:
    """What writing to ``path`` does: ``replace`` (a regular file, new or existing, or a link to
    one) or ``direct`` (a character device or a FIFO); raises :class:`OutputError` for a folder,
    a block device or a socket."""
    target = os.fspath(path)
    if not target:
        raise OutputError("output '' is an empty path: give a file name")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return "replace"
    except OSError:
        return "replace"  # let the write itself report it, with the path
    if stat.S_ISREG(mode):
        return "replace"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "direct"
    what = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else \
        "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
    advice = "give a file name inside it" if stat.S_ISDIR(mode) else \
        "write to a regular file, a character device such as /dev/null, or a FIFO"
    raise OutputError(f"output {target!r} is {what}: {advice}")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open ``path`` for writing: a binary stream that replaces the file when the block succeeds.

    On any exception a temporary file is removed and ``path`` is untouched. A
    character device or FIFO is written directly (see the module's notes). The
    stream has no ``fileno()``, so libraries write through Python and a full disk
    is an :class:`OSError` naming ``path``.
    """
    user_path = os.fspath(path)
    if output_kind(user_path) == "direct":
        with _named_errors(user_path):
            fd = os.open(user_path, os.O_WRONLY | _CLOEXEC)
            stream = _Descriptor(fd, seekable=False)
            try:
                yield stream  # type: ignore[misc]
            finally:
                stream.release()
        return
    real = Path(os.path.realpath(user_path)) if os.path.islink(user_path) else Path(user_path)
    folder = real.parent
    temp = folder / _temp_name(real.name, folder)
    with _named_errors(user_path, temp):
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o666)
    try:
        with _named_errors(user_path, temp):
            stream = _Descriptor(fd, seekable=True)
            try:
                yield stream  # type: ignore[misc]
                os.fsync(fd)
            finally:
                stream.release()
            os.replace(temp, real)
        _sync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`atomic_output`."""
    with atomic_output(path) as stream:
        stream.write(data)


class _Descriptor(io.RawIOBase):
    """A binary writer on a descriptor that keeps the descriptor to itself.

    Every ``write`` writes all its bytes (as a buffered stream does). Without
    ``fileno()``, Pillow and libtiff hand their bytes to Python instead of writing
    to the descriptor themselves, so a write error is an ``OSError`` here, not a
    line printed by a C library.
    """

    def __init__(self, fd: int, *, seekable: bool) -> None:
        super().__init__()
        self._fd = fd
        self._seekable = seekable

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._seekable

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._fd < 0:
            raise ValueError("write to a closed output")
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        return done

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if not self._seekable or self._fd < 0:
            raise io.UnsupportedOperation("seek")
        return os.lseek(self._fd, offset, whence)

    def tell(self) -> int:
        return self.seek(0, os.SEEK_CUR)

    def release(self) -> None:
        """Close the descriptor; the stream refuses writes from now on."""
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)
        self.close()


def _temp_name(name: str, folder: Path) -> str:
    """``.NAME.TOKEN.part``, with NAME shortened so that the whole stays within the folder's name limit."""
    token = os.urandom(4).hex()  # as secrets.token_hex(4), without importing secrets and hashlib
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = _NAME_MAX
    room = max(1, min(limit, _NAME_MAX) - len(f"..{token}{TEMP_SUFFIX}"))
    short = os.fsencode(name)[:room]
    return "." + os.fsdecode(short.decode("utf-8", "ignore").encode("utf-8")) + f".{token}{TEMP_SUFFIX}"


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk (not every file system can: that is not an error)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _named_errors(user_path: str, temp: Path | None = None) -> Iterator[None]:
    """Re-raise an OSError about the output (or about no file at all) with the caller's path."""
    try:
        yield
    except OSError as exc:
        own = {None, user_path} | ({os.fspath(temp)} if temp is not None else set())
        if exc.errno is None or exc.filename not in own or isinstance(exc, io.UnsupportedOperation):
            raise
        raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno), user_path) from None
