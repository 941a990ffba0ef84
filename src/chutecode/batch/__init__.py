"""Print batches: one design per row of a spreadsheet, in parallel, resumable.

>>> from chutecode import batch
>>> report = batch.run("rows.csv", "posters", formats=("pdf", "png"))  # doctest: +SKIP
>>> report.failed  # doctest: +SKIP
[]

Each row's files are written through temporary files and renamed into place;
``manifest.json`` records every finished row with the sha256 of its files,
so rerunning the same batch skips what is done and a batch killed midway
completes on the next run. A bad row never stops the batch: it is listed in
``report.csv`` with its line number and a one-line error.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from chutecode.batch.engine import ENGINES, run_jobs
from chutecode.batch.lock import folder_lock
from chutecode.batch.manifest import Manifest, options_digest
from chutecode.batch.naming import NameBook, check_template, expand_template, safe_stem
from chutecode.batch.options import RowOptionError, check_columns, split_options
from chutecode.batch.rows import BatchError, Row, read_rows
from chutecode.batch.task import Job, make_design
from chutecode.files import atomic_write

__all__ = ["run", "BatchReport", "RowFailure", "BatchError", "FORMATS", "ENGINES", "REPORT_NAME"]

FORMATS = ("pdf", "png", "svg")
REPORT_NAME = "report.csv"


@dataclass(frozen=True)
class RowFailure:
    """A row that made nothing: where it is and why."""

    index: int
    line: int
    name: str
    error: str


@dataclass
class BatchReport:
    """What a batch run did.

    Attributes:
        made: stems rendered in this run, in row order.
        skipped: stems already finished (manifest and files match).
        failed: rows that failed, in row order.
        outputs: every finished row's files (made or skipped), in row order.
    """

    made: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[RowFailure] = field(default_factory=list)
    outputs: list[list[Path]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no row failed."""
        return not self.failed


Progress = Callable[[int, int, str, str | None], None]


def run(
    rows: str | Path | Sequence[Row] | Sequence[dict[str, Any]],
    out_dir: str | Path,
    *,
    formats: Iterable[str] = ("pdf",),
    name: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    verify: bool = False,
    combine: str | Path | None = None,
    contact_sheet: str | Path | None = None,
    progress: Progress | None = None,
    wait: bool = False,
    **options: Any,
) -> BatchReport:
    """Make one design per row into ``out_dir`` and return a :class:`BatchReport`.

    Args:
        rows: a CSV, JSON Lines or TOML file, or rows as dicts or :class:`Row`.
        out_dir: the output folder (created); nothing is written outside it.
        formats: any of ``pdf``, ``png``, ``svg``.
        name: a file-name template such as ``{index:04d}-{message}``; by
            default the row's ``name`` column, else the row number.
        workers: processes (default: all cores).
        engine: ``local`` (process pool) or ``dask``.
        scheduler: a Dask scheduler address (``tcp://host:8786``); without one
            the dask engine starts a local cluster.
        verify: read each PNG (or layout) back and fail rows that do not say
            what the row said.
        combine: also write all PDFs, in row order, as pages of one PDF (a
            ``.pdf`` name, inside ``out_dir`` unless absolute); no row takes its name.
        contact_sheet: also write a PNG grid of thumbnails with names (a ``.png``
            name, inside ``out_dir`` unless absolute); no row takes its name.
        progress: called as ``progress(done, total, stem, error)``.
        wait: when another batch is writing into ``out_dir``, wait for it to end
            instead of refusing.
        **options: defaults for every row (``palette``, ``size``, ``coords``,
            ``codec``, ...); a row's columns override them.

    Raises:
        BatchError: for problems with the batch as a whole (unreadable rows
            file, unknown column or format, bad template, another batch in the
            folder); row problems are reported in :attr:`BatchReport.failed`
            instead. A worker process that dies (a crash, out of memory) fails
            its row only: the pool is restarted and the batch goes on.
    """
    if isinstance(formats, (str, bytes)) or not isinstance(formats, Iterable) \
            or not all(isinstance(f, str) for f in formats):
        raise BatchError(f"formats {formats!r:.60} are not valid: give a list of {', '.join(FORMATS)}")
    formats = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise BatchError(f"format {bad[0] if bad else ''!r} is not a batch format: use {', '.join(FORMATS)}")
    if combine is not None and "pdf" not in formats:
        raise BatchError(f"combine {str(combine)!r} joins the PDFs: add pdf to the formats")
    if name is not None:
        check_template(name)
    row_list = _as_rows(rows)
    check_columns({key for row in row_list for key in row.fields} | set(options))
    folder = Path(out_dir)
    extras = {"combine": _extra(folder, "combine", combine, ".pdf"),
              "contact_sheet": _extra(folder, "contact_sheet", contact_sheet, ".png")}
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder, wait=wait):
        return _run(row_list, folder, formats, name, workers, engine, scheduler, verify, extras, progress,
                    options)


def _run(row_list: list[Row], folder: Path, formats: tuple[str, ...], name: str | None,
         workers: int | None, engine: str, scheduler: str | None, verify: bool,
         extras: dict[str, Path | None], progress: Progress | None, options: dict[str, Any]) -> BatchReport:
    """The batch, with the folder's lock held."""
    _remove_leftovers(folder)
    report = BatchReport()
    reserved = [path.stem for path in extras.values()
                if path is not None and path.parent.resolve() == folder.resolve()]
    jobs, stems = _jobs(row_list, folder, formats, name, verify, options, report, reserved)
    manifest = Manifest(folder)
    pending = []
    for job in jobs:
        if manifest.is_done(job.stem, options_digest(job.described())):
            report.skipped.append(job.stem)
        else:
            pending.append(job)
    total, done = len(row_list), len(row_list) - len(pending)
    by_index = {job.index: job for job in pending}
    for outcome in run_jobs(pending, engine=engine, workers=workers, scheduler=scheduler,
                            task=make_design):
        job = by_index[outcome.index]
        done += 1
        if outcome.error is None:
            manifest.record(job.stem, options_digest(job.described()), job.described(),
                            list(outcome.outputs))
            report.made.append(job.stem)
        else:
            report.failed.append(RowFailure(job.index, job.line, job.stem, outcome.error))
        if progress:
            progress(done, total, job.stem, outcome.error)
    manifest.save()

    order = {stem: i for i, stem in enumerate(stems)}
    report.made.sort(key=order.__getitem__)
    report.failed.sort(key=lambda failure: failure.index)
    finished = set(report.made) | set(report.skipped)
    report.outputs = [
        [folder / out["file"] for out in manifest.entries[stem]["outputs"]]
        for stem in stems if stem in finished
    ]
    _write_report(folder / REPORT_NAME, report.failed)
    book, sheet = extras["combine"], extras["contact_sheet"]
    if book is not None and report.outputs:
        from chutecode.batch.extras import combine_pdfs

        book.parent.mkdir(parents=True, exist_ok=True)
        combine_pdfs([p for files in report.outputs for p in files if p.suffix == ".pdf"], book)
    if sheet is not None and report.outputs:
        from chutecode.batch.extras import make_contact_sheet

        sheet.parent.mkdir(parents=True, exist_ok=True)
        make_contact_sheet(report.outputs, sheet)
    return report


def _as_rows(rows: str | Path | Sequence[Row] | Sequence[dict[str, Any]]) -> list[Row]:
    if isinstance(rows, (str, Path)) and str(rows):
        return read_rows(rows)
    if not isinstance(rows, Iterable) or isinstance(rows, (str, bytes)):
        raise BatchError(f"rows {rows!r:.60} are not valid: give a rows file, or a list of rows as dicts")
    out: list[Row] = []
    for number, item in enumerate(rows, start=1):
        row = cast("Row | dict[str, Any]", item)
        if not isinstance(row, (Row, dict)):
            raise BatchError(f"row {number} ({row!r:.60}) is not a dict of column names to values")
        out.append(row if isinstance(row, Row) else Row(number, number, dict(row)))
    if not out:
        raise BatchError("no rows were given: give at least one design")
    return out


def _extra(folder: Path, option: str, target: str | Path | None, suffix: str) -> Path | None:
    """Where an extra output (combine, contact sheet) goes: inside the folder unless absolute.

    Refuses a name without the format's extension (a PDF book named ``.png``) and a
    relative path that leaves the folder.
    """
    if target is None:
        return None
    if not isinstance(target, (str, os.PathLike)):
        raise BatchError(f"{option} {target!r:.60} is not valid: give a file name such as "
                         f"{'book.pdf' if option == 'combine' else 'sheet.png'}")
    path = Path(target)
    if path.suffix.lower() != suffix:
        raise BatchError(f"{option} {str(target)!r} is a {suffix[1:].upper()} file: give a name ending in "
                         f"{suffix}, e.g. {option}='{'book' if option == 'combine' else 'sheet'}{suffix}'")
    if path.is_absolute():
        return path
    if ".." in path.parts:
        raise BatchError(f"{option} {str(target)!r} leaves the output folder: give a name inside it, or "
                         "an absolute path")
    return folder / path


def _jobs(rows: list[Row], folder: Path, formats: tuple[str, ...], template: str | None,
          verify: bool, defaults: dict[str, Any], report: BatchReport,
          reserved: Sequence[str] = ()) -> tuple[list[Job], list[str]]:
    book = NameBook(reserved)
    jobs, stems = [], []
    for row in rows:
        fields = {**defaults, **row.fields}
        raw_name = (expand_template(template, row.fields, row.index) if template is not None
                    else str(row.fields.get("name", "")))
        stem = book.claim(safe_stem(raw_name, fallback=f"{row.index:04d}"))
        stems.append(stem)
        message = fields.get("message")
        if message is None or str(message).strip() == "":
            report.failed.append(RowFailure(row.index, row.line, stem,
                                            "column 'message' is empty: every row needs a message"))
            continue
        if "__extra__" in fields:
            report.failed.append(RowFailure(row.index, row.line, stem,
                                            "row has more cells than the header has columns"))
            continue
        try:
            encode_options, design = split_options(fields)
        except RowOptionError as exc:
            report.failed.append(RowFailure(row.index, row.line, stem, str(exc)))
            continue
        coords = fields.get("coords")
        jobs.append(Job(index=row.index, line=row.line, stem=stem, folder=str(folder),
                        formats=formats, message=str(message),
                        coords=None if coords is None or str(coords).strip() == "" else str(coords),
                        encode_options=encode_options, design=design,
                        verify=verify))
    return jobs, stems


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files a killed run left behind."""
    for leftover in folder.glob(".*.part"):
        leftover.unlink(missing_ok=True)


def _write_report(path: Path, failures: list[RowFailure]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "line", "name", "error"])
    for failure in failures:
        writer.writerow([failure.index, failure.line, failure.name, failure.error])
    atomic_write(path, buffer.getvalue().encode("utf-8"))

