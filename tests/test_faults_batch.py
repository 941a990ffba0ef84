"""Faults of batches: workers that die, two batches in one folder, a full disk, kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import chutecode.batch
from chutecode import batch
from chutecode.batch.lock import LOCK_NAME
from chutecode.batch.manifest import JOURNAL_NAME, MANIFEST_NAME, file_sha256

SMALL = {"size": "240px", "dpi": 96}
WORDS = ["DARE", "MIGHTY", "THINGS", "MARS", "ROVER", "HELLO", "SKY", "DUST", "RED", "GO"]


def write_rows(path: Path, messages: list[str]) -> Path:
    path.write_text("".join(json.dumps({"message": m, "name": f"row-{i:03d}"}) + "\n"
                            for i, m in enumerate(messages, start=1)), encoding="utf-8")
    return path


def manifest_rows(folder: Path) -> dict:
    return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["rows"]


def assert_manifest_tells_the_truth(folder: Path) -> None:
    """Every listed file exists with its sha256, and every poster file is listed."""
    listed = set()
    for entry in manifest_rows(folder).values():
        for output in entry["outputs"]:
            path = folder / output["file"]
            assert file_sha256(path) == output["sha256"], path
            listed.add(path.name)
    posters = {p.name for p in folder.iterdir() if p.suffix in (".pdf", ".png", ".svg")}
    assert posters == listed


# --- workers that die -------------------------------------------------------------------------


def test_a_worker_that_dies_fails_its_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    import crashing_task

    monkeypatch.setattr(chutecode.batch, "make_design", crashing_task.crashing_make_design)
    messages = ["ONE", "TWO", "SEGFAULT", "THREE", "FOUR", "FIVE", "KILLED", "SIX", "SEVEN", "EIGHT",
                "NINE", "TEN"]
    rows = write_rows(tmp_path / "rows.jsonl", messages)
    out = tmp_path / "out"
    report = batch.run(rows, out, formats=("svg",), workers=2, **SMALL)
    failed = {failure.name: failure.error for failure in report.failed}
    assert failed == {
        "row-003": "the process making this row died of SIGSEGV (a crash, or the system ran out of memory)",
        "row-007": "the process making this row died of SIGKILL (a crash, or the system ran out of memory)",
    }
    assert sorted(report.made) == [f"row-{i:03d}" for i in range(1, 13) if i not in (3, 7)]
    assert_manifest_tells_the_truth(out)
    report_csv = (out / "report.csv").read_text(encoding="utf-8")
    assert "row-003" in report_csv and "SIGSEGV" in report_csv and "SIGKILL" in report_csv
    # The next run makes the crashed rows again and skips the rest.
    monkeypatch.setattr(chutecode.batch, "make_design", batch.task.make_design)
    again = batch.run(rows, out, formats=("svg",), workers=2, **SMALL)
    assert again.made == ["row-003", "row-007"] and len(again.skipped) == 10


# --- two batches, one folder ------------------------------------------------------------------


def _batch_process(rows: Path, out: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "chutecode", "batch", str(rows), "--out", str(out), "-f", "pdf,png",
            "--size", "600px", "--dpi", "150", "--workers", "1", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(out: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not (out / LOCK_NAME).exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the first batch ended before the second started"


def test_a_second_batch_into_the_same_folder_refuses(tmp_path):
    rows = write_rows(tmp_path / "rows.jsonl", [f"{WORDS[i % 10]} {WORDS[(i * 3) % 10]}" for i in range(40)])
    out = tmp_path / "out"
    first = _batch_process(rows, out)
    _wait_for_lock(out, first)
    second = _batch_process(rows, out)
    _, second_err = second.communicate(timeout=120)
    first_out, _ = first.communicate(timeout=300)
    assert second.returncode == 2
    assert second_err == (f"error: output folder {str(out)!r} is in use by another batch (process "
                          f"{first.pid}): wait for it to finish, or pass --wait to wait for it\n")
    assert first.returncode == 0 and "40 made, 0 skipped, 0 failed" in first_out
    assert_manifest_tells_the_truth(out)
    assert len(manifest_rows(out)) == 40 and not (out / LOCK_NAME).exists()


def test_a_second_batch_with_wait_runs_after_the_first(tmp_path):
    rows = write_rows(tmp_path / "rows.jsonl", [f"{WORDS[i % 10]} {WORDS[(i * 7) % 10]}" for i in range(30)])
    out = tmp_path / "out"
    first = _batch_process(rows, out)
    _wait_for_lock(out, first)
    second = _batch_process(rows, out, "--wait")
    first_out, _ = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert first.returncode == 0 and "30 made, 0 skipped" in first_out
    assert second.returncode == 0, second_err
    assert "0 made, 30 skipped, 0 failed" in second_out
    assert_manifest_tells_the_truth(out)


# --- kill -9 ----------------------------------------------------------------------------------


def test_kill_9_leaves_whole_files_a_journal_and_a_folder_the_next_run_may_use(tmp_path):
    rows = write_rows(tmp_path / "rows.jsonl", [f"{WORDS[i % 10]} {WORDS[(i * 3) % 10]}" for i in range(80)])
    out = tmp_path / "out"
    process = _batch_process(rows, out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not (out / JOURNAL_NAME).exists():
        time.sleep(0.01)
    time.sleep(0.5)
    assert process.poll() is None, "the batch ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    journal = (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    assert journal and (out / LOCK_NAME).exists()   # the lock file stays, but nobody holds it
    report = batch.run(rows, out, formats=("pdf", "png"), workers=2, size="600px", dpi=150)
    assert report.ok and len(report.made) + len(report.skipped) == 80
    assert len(report.skipped) >= len(journal) - 1   # the last line may have been cut by the kill
    assert_manifest_tells_the_truth(out)
    assert not (out / LOCK_NAME).exists() and not (out / JOURNAL_NAME).exists()
    assert not list(out.glob(".*.part"))


# --- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("a small tmpfs needs root (mount -t tmpfs)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def test_a_full_disk_names_the_file_keeps_the_journal_and_the_next_run_finishes(small_disk, tmp_path):
    rows = write_rows(tmp_path / "rows.jsonl", [f"{WORDS[i % 10]} {WORDS[(i * 3) % 10]}" for i in range(40)])
    out = small_disk / "out"
    try:
        report = batch.run(rows, out, formats=("png",), workers=1, size="400px", dpi=96)
    except OSError as exc:   # the journal or the manifest could not be written: it names its file
        assert exc.filename in (str(out / JOURNAL_NAME), str(out / MANIFEST_NAME)) or \
            exc.filename.startswith(str(out / "report"))
        report = None
    if report is not None:
        assert report.failed
        for failure in report.failed:
            assert failure.error == (f"cannot write '{out / (failure.name + '.png')}': "
                                     "No space left on device")
    assert not list(out.glob(".*.part"))
    recorded = {}
    if (out / JOURNAL_NAME).exists():
        for line in (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines():
            stem, entry = json.loads(line)
            recorded[stem] = entry
    if (out / MANIFEST_NAME).exists():
        recorded.update(manifest_rows(out))
    assert recorded, "no finished row was kept"
    for entry in recorded.values():
        for output in entry["outputs"]:
            assert file_sha256(out / output["file"]) == output["sha256"]
    # Room again: the next run makes only what is missing.
    subprocess.run(["mount", "-o", "remount,size=4m", str(small_disk)], check=True)
    again = batch.run(rows, out, formats=("png",), workers=1, size="400px", dpi=96)
    assert again.ok and len(again.skipped) == len(recorded) and len(again.made) == 40 - len(recorded)
    assert_manifest_tells_the_truth(out)
