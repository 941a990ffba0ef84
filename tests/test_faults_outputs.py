"""Faults of outputs: device nodes, FIFOs, symbolic links, full disks, long names and threads.

Every file goes through :func:`chutecode.files.atomic_output`; these tests give it
the targets a real system has: a character device (made with ``mknod`` as root), a
FIFO with a reader, links, a small full ``tmpfs`` (mounted as root; a writer that
fails as a full disk does where mounting is not allowed) and many threads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
import sys
import threading
import xml.dom.minidom
from pathlib import Path

import pytest

import chutecode
from chutecode import files
from chutecode.cli import main

LAYOUT = chutecode.encode("DARE", coords=(1.0, 2.0))


def leftovers(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX)]


# --- device nodes -----------------------------------------------------------------------------


@pytest.fixture
def null_device(tmp_path) -> Path:
    """A character device like /dev/null (major 1, minor 3), made in the test's folder; the real
    /dev/null where this process may not make device nodes."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return node


def test_a_character_device_is_written_not_replaced(null_device, capsys):
    before = os.stat(null_device)
    with pytest.raises(SystemExit) as info:
        main(["render", "HELLO", "-f", "svg", "-o", str(null_device)])
    assert info.value.code == 0
    after = os.stat(null_device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert f"wrote {null_device}" in capsys.readouterr().err
    assert not leftovers(null_device.parent)


def test_a_character_device_takes_every_format(null_device):
    for fmt in ("svg", "png", "pdf", "eps"):
        assert chutecode.render(LAYOUT, null_device, format=fmt) == [str(null_device)]
    assert stat.S_ISCHR(os.stat(null_device).st_mode)


def test_dev_full_is_a_full_disk_that_names_itself(capsys):
    with pytest.raises(SystemExit) as info:
        main(["render", "HELLO", "-f", "png", "-o", "/dev/full"])
    err = capsys.readouterr().err
    assert info.value.code == 1
    assert err == "error: cannot use '/dev/full': No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_block_device_is_refused(tmp_path):
    node = tmp_path / "disk.pdf"
    try:
        os.mknod(node, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    except PermissionError:
        pytest.skip("making a block device node needs root")
    with pytest.raises(chutecode.ChutecodeError, match="'.*disk.pdf' is a block device: write to a regular"):
        chutecode.render(LAYOUT, node)
    assert stat.S_ISBLK(os.stat(node).st_mode)


# --- FIFOs ------------------------------------------------------------------------------------


def test_a_fifo_is_written_to_its_reader(tmp_path, capsys):
    fifo = tmp_path / "canopy.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with pytest.raises(SystemExit) as info:
        main(["render", "HELLO", "-f", "svg", "-o", str(fifo)])
    reader.join(timeout=30)
    assert info.value.code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    document = xml.dom.minidom.parseString(received[0])
    assert document.documentElement.tagName == "svg"
    assert received[0] == chutecode.make("HELLO").svg().encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["canopy.pipe"]


# --- symbolic links ---------------------------------------------------------------------------


def test_a_link_is_written_through_atomically(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "real.svg"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    chutecode.render(LAYOUT, link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert not leftovers(tmp_path, elsewhere)


def test_a_chain_of_links_and_a_dangling_link(tmp_path):
    target = tmp_path / "real.pdf"
    first = tmp_path / "first.pdf"
    second = tmp_path / "second.pdf"
    first.symlink_to("real.pdf")   # dangling: its target does not exist yet
    second.symlink_to("first.pdf")
    chutecode.render(LAYOUT, second)
    assert first.is_symlink() and second.is_symlink()
    assert target.read_bytes().startswith(b"%PDF")
    assert not leftovers(tmp_path)


def test_a_link_to_a_device_writes_the_device(tmp_path, null_device):
    link = tmp_path / "out.svg"
    link.symlink_to(null_device)
    chutecode.render(LAYOUT, link)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


# --- full disks -------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 96 KiB tmpfs, or ``None`` where this process may not mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


@contextlib.contextmanager
def full_after(monkeypatch, room: int):
    """Where no tmpfs can be mounted: every write past ``room`` bytes fails as a full disk does."""
    written = [0]
    real = os.write

    def write(fd: int, data) -> int:
        if written[0] + len(data) > room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written[0] += len(data)
        return real(fd, data)

    monkeypatch.setattr(files.os, "write", write)
    yield


def test_a_full_disk_names_the_file_and_leaves_nothing(small_disk, tmp_path, monkeypatch):
    folder = small_disk or tmp_path
    target = folder / "poster.png"
    with contextlib.ExitStack() as stack:
        if small_disk is None:
            stack.enter_context(full_after(monkeypatch, 50_000))
        with pytest.raises(OSError) as info:
            chutecode.render(LAYOUT, target, size="2000px", dpi=300)
    assert info.value.errno == errno.ENOSPC
    assert info.value.filename == str(target)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("suffix", ["tif", "jpg", "pdf", "svg"])
def test_a_full_disk_is_one_line_from_the_command_line(small_disk, tmp_path, suffix):
    """No C library writes its own lines (libtiff did): the one error names the file."""
    if small_disk is None:
        pytest.skip("needs a small tmpfs (mount as root); test_a_full_disk_names_the_file covers the rest")
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        from cmyk_profile import build_cmyk_profile
    finally:
        sys.path.pop(0)
    profile = tmp_path / "press.icc"
    profile.write_bytes(build_cmyk_profile())
    target = small_disk / f"poster.{suffix}"
    args = [sys.executable, "-m", "chutecode", "render", "--page", "a4", "--caption", "--legend", "-o",
            str(target), "--dpi", "150"]
    if suffix in ("tif", "jpg"):
        args += ["--cmyk-profile", str(profile)]
    if suffix in ("pdf", "svg"):  # small files: fill the disk first, to a few KiB
        with contextlib.suppress(OSError), open(small_disk / "filler", "wb") as filler:
            filler.write(b"\0" * 90 * 1024)
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr == f"error: cannot use '{target}': No space left on device\n"
    assert not target.exists() and not leftovers(small_disk)


# --- names, modes and threads -----------------------------------------------------------------


def test_a_name_of_250_characters_is_written(tmp_path):
    target = tmp_path / ("n" * 246 + ".svg")
    assert len(target.name) == 250
    chutecode.render(LAYOUT, target)
    assert target.read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_name_of_255_multibyte_bytes_is_written(tmp_path):
    target = tmp_path / ("é" * 125 + ".svg")   # 250 + 4 bytes
    chutecode.render(LAYOUT, target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_the_temporary_name_fits_the_folder(tmp_path):
    for name in ("a.svg", "x" * 255, "é" * 127):
        temp = files._temp_name(name, tmp_path)
        assert temp.startswith(".") and temp.endswith(files.TEMP_SUFFIX)
        assert len(os.fsencode(temp)) <= 255


def test_no_process_wide_state_is_touched(tmp_path, monkeypatch):
    def refuse(*_args):
        raise AssertionError("atomic_output changed the process umask")

    monkeypatch.setattr(os, "umask", refuse)
    files.atomic_write(tmp_path / "a.txt", b"x")
    assert (tmp_path / "a.txt").read_bytes() == b"x"


def test_files_get_the_mode_the_umask_gives_in_every_thread(tmp_path):
    old = os.umask(0o027)
    try:
        errors: list[BaseException] = []

        def write(number: int) -> None:
            try:
                for round_ in range(20):
                    files.atomic_write(tmp_path / f"{number}.txt", f"{number}-{round_}".encode())
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.umask(old)
    assert not errors
    for number in range(8):
        path = tmp_path / f"{number}.txt"
        assert path.read_text() == f"{number}-19"
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not leftovers(tmp_path)


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced: list[bool] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    files.atomic_write(tmp_path / "a.txt", b"x")
    assert synced == [False, True]  # the file, then its folder


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "poster.svg"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), files.atomic_output(target) as stream:
        stream.write(b"new, half")
        raise RuntimeError("the renderer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.svg"]


def test_the_stream_refuses_writes_after_the_block(tmp_path):
    with files.atomic_output(tmp_path / "a.bin") as stream:
        stream.write(b"abc")
    with pytest.raises(ValueError):
        stream.write(b"late")
    assert (tmp_path / "a.bin").read_bytes() == b"abc"
