"""``chutecode batch``: one design per row of a CSV, JSON Lines or TOML file."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from chutecode.batch import ENGINES, FORMATS, REPORT_NAME, BatchReport, run
from chutecode.batch.memory import keep_freed_memory
from chutecode.cli.design_options import create_design, design_options, design_values


def _formats(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@click.command("batch")
@click.argument("rows", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "-o", "out_dir", required=True, metavar="DIR", help="Output folder.")
@click.option("--format", "-f", "formats", default="pdf", show_default=True, metavar="LIST",
              help=f"Comma-separated formats: {', '.join(FORMATS)}.")
@click.option("--coords", metavar="TEXT", help="Default place for rows without a coords column.")
@click.option("--name", "template", metavar="TEMPLATE",
              help="File names from a template, e.g. '{index:04d}-{message}' (default: the name column).")
@click.option("--workers", "-j", type=int, help="Processes (default: all cores).")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="local", show_default=True,
              help="Run rows in a local process pool or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--combine", metavar="BOOK.pdf", help="Also write all PDFs as one book, in row order.")
@click.option("--contact-sheet", metavar="SHEET.png", help="Also write a PNG grid of thumbnails.")
@click.option("--verify", is_flag=True, help="Read every PNG (or layout) back and check its message.")
@click.option("--wait", is_flag=True,
              help="When another batch is writing into DIR, wait for it to end instead of refusing.")
@design_options
def command(rows: str, out_dir: str, formats: str, coords: str | None, template: str | None,
            workers: int | None, engine: str, scheduler: str | None, combine: str | None,
            contact_sheet: str | None, verify: bool, wait: bool, **values: Any) -> None:
    """Make one design per row of ROWS (CSV with a header, JSON Lines, or TOML [[poster]]).

    Columns: message (required), coords, name, the ring code's options (codec, flow, rings,
    gores, group, spacer, transliterate, strict) and every design option below, named as
    here with underscores (seam_width, crop_marks, ...); a row's columns override the
    command line for that row. Rerunning skips rows whose files match manifest.json;
    failed rows go to report.csv and make the exit code 1. --combine and --contact-sheet
    paths are inside DIR unless absolute, and no row takes their names. One batch at a
    time writes into DIR.
    """
    defaults = design_values(values)
    create_design(defaults)  # a bad default is a usage error naming its flag, before any row runs
    if coords is not None:
        defaults["coords"] = coords
    keep_freed_memory()  # this process is the batch's own: rows made in it reuse their memory
    progress = _Progress()
    try:
        report = run(rows, out_dir, formats=_formats(formats), name=template, workers=workers,
                     engine=engine, scheduler=scheduler, verify=verify, combine=combine,
                     contact_sheet=contact_sheet, progress=progress.update, wait=wait, **defaults)
    finally:
        progress.close()
    _summary(report, out_dir)
    if report.failed:
        sys.exit(1)


class _Progress:
    """A rich progress bar on a terminal, plain lines otherwise."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.terminal = sys.stdout.isatty()

    def update(self, done: int, total: int, stem: str, error: str | None) -> None:
        if not self.terminal:
            status = "ok" if error is None else f"FAILED: {error}"
            click.echo(f"[{done}/{total}] {stem}: {status}")
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("posters"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
            self.bar.start()
            self.task = self.bar.add_task("batch", total=total, completed=done - 1, rate="")
            self._start = time.monotonic()
            self._first = done - 1
        elapsed = time.monotonic() - self._start
        rate = (done - self._first) / elapsed if elapsed > 0 else 0.0
        self.bar.update(self.task, completed=done, rate=f"{rate:.1f}/s")
        if error is not None:
            self.bar.console.print(f"[red]failed[/] {stem}: {error}", highlight=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(report: BatchReport, out_dir: str) -> None:
    parts = [f"{len(report.made)} made", f"{len(report.skipped)} skipped", f"{len(report.failed)} failed"]
    click.echo(f"{', '.join(parts)} in {out_dir}" +
               (f" (see {out_dir}/{REPORT_NAME})" if report.failed else ""))
