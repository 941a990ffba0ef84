"""Batch processes keep freed memory for their next row (glibc's malloc told so)."""

from __future__ import annotations

import ctypes
import subprocess
import sys

import pytest

from chutecode.batch import memory


@pytest.fixture(autouse=True)
def _fresh():
    memory.keep_freed_memory.cache_clear()
    yield
    memory.keep_freed_memory.cache_clear()


class _FakeLibc:
    """A C library whose mallopt records what it is asked and answers ``answer``."""

    def __init__(self, answer: int) -> None:
        self.calls: list[tuple[int, int]] = []

        def mallopt(parameter: int, value: int) -> int:
            self.calls.append((parameter, value))
            return answer

        self.mallopt = mallopt


def test_the_trim_threshold_then_the_mmap_threshold_are_set(monkeypatch):
    libc = _FakeLibc(1)
    monkeypatch.setattr(memory.sys, "platform", "linux")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: libc)
    assert memory.keep_freed_memory() is True
    # glibc's malloc.h: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3; 64 MB, then 32 MB.
    assert libc.calls == [(-1, 64 * 1024 * 1024), (-3, 32 * 1024 * 1024)]
    assert memory.keep_freed_memory() is True and len(libc.calls) == 2  # asked once a process


def test_a_refused_setting_is_said(monkeypatch):
    monkeypatch.setattr(memory.sys, "platform", "linux")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: _FakeLibc(0))
    assert memory.keep_freed_memory() is False


def test_without_glibc_nothing_changes(monkeypatch):
    def no_libc(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(memory.sys, "platform", "linux")
    monkeypatch.setattr(memory.ctypes, "CDLL", no_libc)
    assert memory.keep_freed_memory() is False


def test_not_on_linux_nothing_is_asked(monkeypatch):
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: pytest.fail("libc was opened"))
    assert memory.keep_freed_memory() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc is on Linux")
def test_this_machines_glibc_takes_them():
    try:
        ctypes.CDLL("libc.so.6").mallopt  # noqa: B018 - only whether it is there
    except (OSError, AttributeError):
        pytest.skip("no glibc here (musl?)")
    # In a process of its own: the settings last as long as the process.
    code = "from chutecode.batch.memory import keep_freed_memory; print(keep_freed_memory())"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True"
