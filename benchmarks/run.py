#!/usr/bin/env python3
"""chutecode against its peers and its own targets, side by side in one run: the README's performance table.

    pip install -e '.[bench]'          # pyvips + pyvips-binary, CairoSVG, matplotlib, resvg's command line
    apt-get install -y librsvg2-bin    # rsvg-convert (a Debian package, not on PyPI)
    python benchmarks/run.py [--repeat 5] [--idle-wait 60] [--only png,startup,...] [--markdown FILE]

Every figure is the wall clock of a whole process (start-up and imports
included), the best of ``--repeat`` runs, and the peak resident memory of
that process (``os.wait4``). The contenders of a section run in turn, one run
of each per round, so that the machine's load changing during a section falls
on all of them alike. Every package runs byte-compiled, as pip installs
it: this checkout's ``src/chutecode`` is compiled first, and the children run
without ``PYTHONDONTWRITEBYTECODE``. Before each run the script waits, up to
``--idle-wait`` seconds, for the machine's cores to be idle (other people's
work on a shared machine makes times high and noisy), and says how many runs
started while they were not.

Sections (``--only`` picks some):

- ``png``: a 7200 x 7200 px PNG (24 in at 300 dpi) of the default design,
  made by ``chutecode.render`` (and by ``chutecode render`` and with the
  standard library's zlib instead of zlib-ng, for comparison), and the same
  SVG (chutecode's own) rasterised by pyvips ``svgload`` +
  ``pngsave(compression=1)``, resvg's command line, ``rsvg-convert`` and
  CairoSVG; matplotlib draws the same 320 gores as ``Wedge`` patches.
  Targets: at least 1.3x faster than pyvips and resvg, 5x than CairoSVG.
- ``startup``: ``chutecode --help`` and ``chutecode encode`` (a place given as
  text) against a bare click program doing the same. Target: within 2x.
- ``gores``: the default design's PNG at the most gores a canopy may have
  (``chutecode.limits.MAX_GORES``, 1000) against 80 gores (7200 px). Target: at
  most 1.5x (the issue asked for 2000 gores, past today's limit).
- ``batch``: ``chutecode batch`` of A3 PDF posters with a 1500 px PNG each,
  with 1 and 2 workers. Target: at least 1.85x on 2 cores.
- ``tiff``: a 24 x 36 in poster at 600 dpi as a CMYK TIFF (14400 x 21600 px).
  Target: under 300 MB.
- ``poster``: the same poster as a PNG; ``wide``: PNGs of 30000 and 40000 px
  (past cairo's 32767 px, in tiles); ``read``: reading a 1500 px and a 7200 px
  picture back with ``decode_image``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTIONS = ("png", "startup", "gores", "batch", "tiff", "poster", "wide", "read")
MESSAGE = "DARE MIGHTY THINGS"
PLACE_TEXT = "34°11'58\"N 118°10'31\"W"
#: The most gores a canopy may have (``chutecode.limits.MAX_GORES``): the many-gores section draws these,
#: and half as many.
MANY = 2000

sys.path.insert(0, str(HERE))
from bench_render import busy_fraction  # noqa: E402  (this folder's own helpers)

# -- running -----------------------------------------------------------------------------------------


@dataclass
class Runs:
    """Every run of one contender: wall seconds and peak resident memory (MB)."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    note: str = ""

    @property
    def best(self) -> float:
        """The fastest run."""
        return min(self.seconds)

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.seconds)


class Bench:
    """Runs processes one at a time, each after the cores are idle, and keeps count of busy starts."""

    def __init__(self, repeat: int, idle_wait: float, env: dict[str, str]) -> None:
        self.repeat = repeat
        self.idle_wait = idle_wait
        self.env = env
        self.busy_starts = 0
        self.runs = 0

    def wait_for_idle(self) -> None:
        """Wait up to ``idle_wait`` seconds for the cores to be (nearly) idle twice in a row."""
        if self.idle_wait <= 0:
            return
        deadline = time.monotonic() + self.idle_wait
        quiet = 0
        while quiet < 2:
            busy = busy_fraction(0.25)
            if busy is None:
                return
            quiet = quiet + 1 if busy <= 0.10 else 0
            if quiet < 2 and time.monotonic() >= deadline:
                self.busy_starts += 1
                return

    def once(
        self, argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> tuple[float, float, str]:
        """Run ``argv`` once: (wall seconds, peak MB, standard output); exits on failure."""
        self.wait_for_idle()
        self.runs += 1
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv, stdout=subprocess.PIPE, stderr=errors, cwd=cwd, env=env or self.env
            )
            assert proc.stdout is not None
            out = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.stdout.close()
            code = os.waitstatus_to_exitcode(status)
            if code:
                errors.seek(0)
                sys.exit(
                    f"{' '.join(argv[:4])} ... failed ({code}):\n{errors.read().decode(errors='replace')}"
                )
        return wall, usage.ru_maxrss / 1024, out.decode(errors="replace")

    def best_of(
        self,
        label: str,
        argv: list[str],
        *,
        repeat: int | None = None,
        check: Callable[[], str] | None = None,
        **options: object,
    ) -> Runs:
        """Run ``argv`` ``repeat`` times; ``check`` (after the first run) describes the output."""
        runs = Runs(label)
        for number in range(repeat or self.repeat):
            wall, peak, _ = self.once(argv, **options)  # type: ignore[arg-type]
            runs.seconds.append(wall)
            runs.peak_mb = max(runs.peak_mb, peak)
            if number == 0 and check is not None:
                runs.note = check()
        return runs


    def interleaved(
        self, contenders: list[tuple[str, list[str], Callable[[], str] | None]], *, repeat: int | None = None
    ) -> list[Runs]:
        """Run every contender ``repeat`` times, one run of each in turn, so that a change in the
        machine's load during the section falls on all of them alike; ``check`` (after each
        contender's first run) describes its output."""
        results = [Runs(label) for label, _, _ in contenders]
        for number in range(repeat or self.repeat):
            for runs, (_, argv, check) in zip(results, contenders, strict=True):
                wall, peak, _ = self.once(argv)
                runs.seconds.append(wall)
                runs.peak_mb = max(runs.peak_mb, peak)
                if number == 0 and check is not None:
                    runs.note = check()
        return results


def python(code: str) -> list[str]:
    """A command running ``code`` in this Python."""
    return [sys.executable, "-c", code]


def png_info(path: Path, side: int | None = None) -> str:
    """``W x H px, N MB``, after checking the file is a PNG (of ``side`` px square, when given)."""
    with open(path, "rb") as stream:
        head = stream.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path} is not a PNG")
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if side is not None and (width, height) != (side, side):
        sys.exit(f"{path} is {width} x {height} px, not {side} x {side}")
    return f"{width} x {height} px, {path.stat().st_size / 1e6:.1f} MB"


# -- sections ----------------------------------------------------------------------------------------


def section_png(bench: Bench, work: Path) -> dict[str, object]:
    """The 7200 px PNG: chutecode and every peer that is installed."""
    import chutecode

    side = 7200
    svg = work / "canopy.svg"
    layout = chutecode.encode(MESSAGE, chutecode.PERSEVERANCE_PLACE)
    chutecode.render(layout, svg, size=f"{side}px", dpi=300)
    render = (
        "import chutecode; chutecode.render(chutecode.encode({m!r}, chutecode.PERSEVERANCE_PLACE), "
        "{out!r}, size='7200px', dpi=300)"
    )
    contenders: list[tuple[str, list[str], Path]] = []

    def add(label: str, make: Callable[[Path], list[str]]) -> None:
        out = work / f"{len(contenders)}.png"
        contenders.append((label, make(out), out))

    add("chutecode (chutecode.render)", lambda out: python(render.format(m=MESSAGE, out=str(out))))
    chutecode_cli = shutil.which("chutecode", path=str(Path(sys.executable).parent))
    if chutecode_cli:
        add(
            "chutecode render (command line)",
            lambda out: [chutecode_cli, "render", "--size", "24in", "--dpi", "300", "-o", str(out)],
        )
    add(
        "chutecode, standard zlib instead of zlib-ng",
        lambda out: python(
            "import sys; sys.modules['zlib_ng'] = None\n" + render.format(m=MESSAGE, out=str(out))
        ),
    )
    if _imports("pyvips"):
        # svgload's own size at 72 dpi, scaled to the side (this libvips applies ``dpi`` twice).
        add("pyvips svgload + pngsave(compression=1)",
            lambda out: python(f"import pyvips; head = pyvips.Image.svgload({str(svg)!r}); "
                               f"pyvips.Image.svgload({str(svg)!r}, scale={side} / head.width)"
                               f".pngsave({str(out)!r}, compression=1)"))
    resvg = shutil.which(
        "resvg", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    )
    if resvg:
        add(
            "resvg (command line)",
            lambda out: [resvg, "-w", str(side), "-h", str(side), str(svg), str(out)],
        )
    rsvg = shutil.which("rsvg-convert")
    if rsvg:
        add("rsvg-convert", lambda out: [rsvg, "-w", str(side), "-h", str(side), "-o", str(out), str(svg)])
    if _imports("cairosvg"):
        add(
            "CairoSVG svg2png",
            lambda out: python(
                f"import cairosvg; cairosvg.svg2png(url={str(svg)!r}, write_to={str(out)!r}, "
                f"output_width={side}, output_height={side})"
            ),
        )
    if _imports("matplotlib"):
        add(
            "matplotlib Wedge patches (its own drawing)",
            lambda out: [
                sys.executable,
                str(HERE / "bench_render.py"),
                "--child",
                "matplotlib",
                str(out),
                str(side),
                "300",
            ],
        )
    results = bench.interleaved(
        [(label, argv, lambda out=out: png_info(out, side)) for label, argv, out in contenders]
    )
    base = results[0].best
    print(
        f"\n{side} x {side} px PNG of the default design (the same SVG for the SVG renderers), "
        f"best of {bench.repeat}"
    )
    print(f"  {'made by':<46} {'best s':>7} {'median':>7} {'peak MB':>8} {'vs chutecode':>13}")
    for runs in results:
        print(
            f"  {runs.label:<46} {runs.best:7.3f} {runs.median:7.3f} {runs.peak_mb:8.0f} "
            f"{runs.best / base:12.2f}x  {runs.note}"
        )
    ratios = {runs.label: runs.best / base for runs in results}
    missing = [
        name
        for name, present in (
            ("pyvips", _imports("pyvips")),
            ("resvg", resvg),
            ("rsvg-convert", rsvg),
            ("cairosvg", _imports("cairosvg")),
            ("matplotlib", _imports("matplotlib")),
        )
        if not present
    ]
    if missing:
        print(f"  not installed, not measured: {', '.join(missing)}")
    for label, target in (("pyvips", 1.3), ("resvg", 1.3), ("CairoSVG", 5.0)):
        for name, ratio in ratios.items():
            if name.startswith(label):
                print(
                    f"  target: chutecode at least {target}x faster than {label}: {_shown(ratio, target)}x, "
                    f"{'met' if ratio >= target else 'MISSED'}"
                )
    return {"results": results, "ratios": ratios}


def _imports(module: str) -> bool:
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


BARE_CLICK = textwrap.dedent('''
    import click


    @click.group()
    def cli():
        """A bare click program with one command."""


    @cli.command()
    @click.argument("message")
    @click.option("--coords", "-c")
    def encode(message, coords):
        """Print the message."""
        click.echo(f"{message} {coords}")


    cli()
''')


def section_startup(bench: Bench, work: Path) -> dict[str, object]:
    """``chutecode --help`` and ``chutecode encode`` against a bare click program."""
    bare = work / "bare_click.py"
    bare.write_text(BARE_CLICK, encoding="utf-8")
    repeat = max(10, bench.repeat * 2)
    pairs = [
        ("--help", [sys.executable, "-m", "chutecode", "--help"], [sys.executable, str(bare), "--help"]),
        (
            "encode",
            [sys.executable, "-m", "chutecode", "encode", MESSAGE, "--coords", PLACE_TEXT],
            [sys.executable, str(bare), "encode", MESSAGE, "--coords", PLACE_TEXT],
        ),
    ]
    print(f"\nstart-up: whole processes, best of {repeat}")
    out: dict[str, tuple[Runs, Runs]] = {}
    for name, ours, theirs in pairs:
        mine = bench.best_of(f"chutecode {name}", ours, repeat=repeat)
        click = bench.best_of(f"bare click {name}", theirs, repeat=repeat)
        ratio = mine.best / click.best
        out[name] = (mine, click)
        print(
            f"  chutecode {name:<7} {mine.best:6.3f} s   bare click {click.best:6.3f} s   {ratio:5.2f}x "
            f"(target at most 2x: {'met' if ratio <= 2 else 'MISSED'})"
        )
    return out


def _render_child(gores: int, out: Path) -> list[str]:
    return python(
        f"import chutecode; chutecode.render(chutecode.encode({MESSAGE!r}, "
        f"chutecode.PERSEVERANCE_PLACE, gores={gores}), {str(out)!r}, size='7200px', dpi=300)"
    )


def section_gores(bench: Bench, work: Path) -> dict[str, object]:
    """The default design at 80, half :data:`MANY` and :data:`MANY` gores."""
    counts = (80, MANY // 2, MANY)
    runs = bench.interleaved(
        [
            (f"{gores} gores", _render_child(gores, work / f"gores-{gores}.png"),
             lambda g=gores: png_info(work / f"gores-{g}.png", 7200))
            for gores in counts
        ]
    )
    results = dict(zip(counts, runs, strict=True))
    ratios = {gores: results[gores].best / results[80].best for gores in counts[1:]}
    print(f"\n7200 px PNG at {', '.join(map(str, counts))} gores, best of {bench.repeat}")
    for gores, runs in results.items():
        print(f"  {gores:>5} gores {runs.best:6.3f} s  peak {runs.peak_mb:4.0f} MB  {runs.note}")
    for gores, ratio in ratios.items():
        verdict = "met" if ratio <= 1.5 else "MISSED"
        print(f"  {gores} / 80 gores: {_shown(ratio, 1.5)}x (target at most 1.5x: {verdict})")
    return {"results": results, "ratio": ratios[MANY], "ratios": ratios}


def section_batch(bench: Bench, work: Path, rows: int) -> dict[str, object]:
    """``chutecode batch`` with 1 and 2 workers."""
    from bench_batch import A3_LONG_SIDE_IN, write_rows

    table = work / "rows.csv"
    write_rows(table, rows)
    commands = {}
    for workers in (1, 2):
        out = work / f"batch-{workers}"
        commands[workers] = (out, [
            sys.executable,
            "-m",
            "chutecode",
            "batch",
            str(table),
            "--out",
            str(out),
            "-f",
            "pdf,png",
            "--page",
            "a3",
            "--caption",
            "--subtitle",
            "--legend",
            "--dpi",
            f"{1500 / A3_LONG_SIDE_IN:.4f}",
            "--workers",
            str(workers),
        ])
    results = {workers: Runs(f"{workers} worker{'s' if workers > 1 else ''}") for workers in commands}
    for _ in range(bench.repeat):
        for workers, (out, argv) in commands.items():  # 1 and 2 workers in turn, as the load changes
            shutil.rmtree(out, ignore_errors=True)
            wall, peak, _ = bench.once(argv)
            made = len(list(out.glob("*.pdf")))
            if made != rows:
                sys.exit(f"{workers} workers made {made} posters, not {rows}")
            results[workers].seconds.append(wall)
            results[workers].peak_mb = max(results[workers].peak_mb, peak)
    ratio = results[1].best / results[2].best
    print(f"\nbatch of {rows} A3 posters (PDF + 1500 px PNG each), best of {len(results[1].seconds)}")
    for runs in results.values():
        print(f"  {runs.label:<10} {runs.best:7.2f} s  {rows / runs.best:6.1f} posters/s")
    verdict = "met" if ratio >= 1.85 else "MISSED"
    print(f"  scaling 1 -> 2 workers: {_shown(ratio, 1.85)}x (target at least 1.85x: {verdict})")
    return {"results": results, "ratio": ratio, "rows": rows}


def _profile(work: Path) -> Path:
    """A CMYK ICC profile for the CMYK runs: the test suite's own press model (no profile ships)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from cmyk_profile import build_cmyk_profile

    path = work / "press.icc"
    path.write_bytes(build_cmyk_profile())
    return path


POSTER = (
    "import chutecode; chutecode.render(chutecode.encode({m!r}, chutecode.PERSEVERANCE_PLACE), {out!r}, "
    "page='24x36in', dpi=600, caption=True, subtitle=True, legend=True, footer=True{extra})"
)


def section_tiff(bench: Bench, work: Path) -> dict[str, object]:
    """The 24 x 36 in poster at 600 dpi as a CMYK TIFF."""
    profile = _profile(work)
    out = work / "poster.tif"
    runs = bench.best_of(
        "CMYK TIFF",
        python(POSTER.format(m=MESSAGE, out=str(out), extra=f", cmyk_profile={str(profile)!r}")),
        repeat=max(1, bench.repeat // 3),
        check=lambda: f"{out.stat().st_size / 1e6:.1f} MB",
    )
    print(
        f"\n24 x 36 in at 600 dpi (14400 x 21600 px) CMYK TIFF: {runs.best:.2f} s, "
        f"peak {runs.peak_mb:.0f} MB, "
        f"file {runs.note} (target under 300 MB: {'met' if runs.peak_mb < 300 else 'MISSED'})"
    )
    return {"runs": runs}


def section_poster(bench: Bench, work: Path) -> dict[str, object]:
    """The same poster as a PNG."""
    out = work / "poster.png"
    runs = bench.best_of(
        "poster PNG",
        python(POSTER.format(m=MESSAGE, out=str(out), extra="")),
        repeat=max(1, bench.repeat // 2),
        check=lambda: png_info(out),
    )
    print(
        f"\n24 x 36 in at 600 dpi (14400 x 21600 px) PNG: {runs.best:.2f} s, peak {runs.peak_mb:.0f} MB, "
        f"{runs.note}"
    )
    return {"runs": runs}


def section_wide(bench: Bench, work: Path) -> dict[str, object]:
    """PNGs of 30000 px (bands) and 40000 px (tiles)."""
    results = {}
    for side in (30000, 40000):
        out = work / f"wide-{side}.png"
        code = (
            "import chutecode; chutecode.render(chutecode.encode("
            f"{MESSAGE!r}, chutecode.PERSEVERANCE_PLACE), {str(out)!r}, size='{side}px', dpi=300)"
        )
        results[side] = bench.best_of(
            f"{side} px",
            python(code),
            repeat=max(1, bench.repeat // 2),
            check=lambda out=out: png_info(out),
        )
        out.unlink()
    per = {side: runs.best / (side * side / 1e6) for side, runs in results.items()}
    print(f"\nwide PNGs of the default canopy at 300 dpi, best of {len(results[30000].seconds)}")
    for side, runs in results.items():
        print(
            f"  {side:>6} px ({'tiles' if side > 32767 else 'bands'}) {runs.best:6.2f} s  "
            f"{per[side]:.4f} s/Mpx  peak {runs.peak_mb:4.0f} MB  {runs.note}"
        )
    print(f"  s/Mpx 40000 / 30000 px: {per[40000] / per[30000]:.2f}x")
    return {"results": results, "per_mpx": per}


READ = (
    "import sys; from chutecode import decode_image; decoded = decode_image(sys.argv[1]); "
    "assert decoded.message == {m!r}, decoded.message"
)


def _shown(value: float, target: float) -> str:
    """``value`` with two decimals, or three where two would round it onto ``target``."""
    text = f"{value:.2f}"
    return f"{value:.3f}" if float(text) == target and value != target else text


def section_read(bench: Bench, work: Path) -> dict[str, object]:
    """Reading pictures back: with the sampler installed (OpenCV's, with the ``opencv`` extra) and,
    where OpenCV is installed, with numpy's as well."""
    import chutecode

    paths = {}
    for side in (1500, 7200):
        paths[side] = work / f"read-{side}.png"
        layout = chutecode.encode(MESSAGE, chutecode.PERSEVERANCE_PLACE)
        chutecode.render(layout, paths[side], size=f"{side}px")
    opencv = _imports("cv2")
    read = python(READ.format(m=MESSAGE)) + [str(paths[1500])]
    contenders: list[tuple[str, list[str], Callable[[], str] | None]] = [
        ("1500 px, OpenCV sampler" if opencv else "1500 px, numpy sampler", read, None)
    ]
    if opencv:
        no_opencv = python("import sys; sys.modules['cv2'] = None; " + READ.format(m=MESSAGE))
        contenders.append(("1500 px, numpy sampler", no_opencv + [str(paths[1500])], None))
    small = bench.interleaved(contenders)
    big = bench.best_of(
        "7200 px", python(READ.format(m=MESSAGE)) + [str(paths[7200])], repeat=max(1, bench.repeat // 2)
    )
    print(f"\nreading the default canopy back (decode_image), best of {len(small[0].seconds)}")
    for runs in [*small, big]:
        print(
            f"  {runs.label:<26} {runs.best:6.2f} s  median {runs.median:5.2f} s  peak {runs.peak_mb:4.0f} MB"
        )
    for runs in small:
        best = runs.best
        print(f"  target: 1500 px at most 0.5 s ({runs.label.split(', ')[1]}): {_shown(best, 0.5)} s, "
              f"{'met' if best <= 0.5 else 'MISSED'}")
    return {"results": {1500: small[0], 7200: big}, "numpy": small[1] if opencv else None}


# -- the README table --------------------------------------------------------------------------------


def machine() -> str:
    """The machine, in one line: cores, processor, Python, cairo."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), ""
            )
    except OSError:
        pass
    import cairocffi

    return (
        f"{os.cpu_count()} cores{f' ({model})' if model else ''}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, cairo {cairocffi.cairo_version_string()}"
    )


def readme_table(found: dict[str, dict[str, object]]) -> str:
    """The README's performance table, from this run's figures."""
    lines = ["| job | chutecode | against |", "| --- | --- | --- |"]
    if "png" in found:
        results: list[Runs] = found["png"]["results"]  # type: ignore[assignment]
        ours, others = results[0], results[1:]
        against = "; ".join(
            f"{runs.label.split(' (')[0]} {runs.best:.2f} s (**{_shown(runs.best / ours.best, 1.3)}x**, "
            f"{runs.peak_mb:.0f} MB)"
            for runs in others
            if not runs.label.startswith("chutecode")
        )
        plain = next((r for r in others if "zlib" in r.label), None)
        extra = f"; {plain.best:.2f} s with the standard zlib" if plain else ""
        lines.append(
            f"| 7200 x 7200 px PNG of the default design, whole process | {ours.best:.2f} s, "
            f"{ours.peak_mb:.0f} MB peak{extra} | {against} |"
        )
    if "startup" in found:
        pairs: dict[str, tuple[Runs, Runs]] = found["startup"]  # type: ignore[assignment]
        text = ", ".join(f"`chutecode {name}` {mine.best:.3f} s" for name, (mine, _) in pairs.items())
        theirs = ", ".join(
            f"{click.best:.3f} s (**{mine.best / click.best:.2f}x**)"
            for name, (mine, click) in pairs.items()
        )
        lines.append(f"| start-up | {text} | a bare click program: {theirs} |")
    if "gores" in found:
        gores: dict[int, Runs] = found["gores"]["results"]  # type: ignore[assignment]
        ratios: dict[int, float] = found["gores"]["ratios"]  # type: ignore[assignment]
        lines.append(
            f"| 7200 px PNG at {MANY // 2} / {MANY} gores | {gores[MANY // 2].best:.2f} s / "
            f"{gores[MANY].best:.2f} s | 80 gores {gores[80].best:.2f} s "
            f"(**{_shown(ratios[MANY // 2], 1.5)}x** / **{_shown(ratios[MANY], 1.5)}x**) |"
        )
    if "batch" in found:
        batch: dict[int, Runs] = found["batch"]["results"]  # type: ignore[assignment]
        rows = found["batch"]["rows"]
        lines.append(
            f"| {rows} A3 posters, PDF + 1500 px PNG each | "
            f"{rows / batch[1].best:.1f} posters/s with 1 worker, {rows / batch[2].best:.1f} with 2 | "
            f"**{_shown(found['batch']['ratio'], 1.85)}x** scaling on 2 cores |"
        )
    if "tiff" in found:
        runs = found["tiff"]["runs"]
        lines.append(
            f"| 24 x 36 in CMYK TIFF at 600 dpi (14400 x 21600 px) | {runs.best:.1f} s, "  # type: ignore[attr-defined]
            f"{runs.peak_mb:.0f} MB peak | drawn and converted in bands |"
        )  # type: ignore[attr-defined]
    if "poster" in found:
        runs = found["poster"]["runs"]
        lines.append(
            f"| 24 x 36 in PNG poster at 600 dpi | {runs.best:.2f} s, {runs.peak_mb:.0f} MB peak | |"
        )  # type: ignore[attr-defined]
    if "read" in found:
        read: dict[int, Runs] = found["read"]["results"]  # type: ignore[assignment]
        numpy_only = found["read"]["numpy"]
        without = f"1500 px with the numpy sampler: {_shown(numpy_only.best, 0.5)} s; " if numpy_only else ""  # type: ignore[attr-defined]
        lines.append(
            f"| reading a 1500 px / 7200 px picture back ({read[1500].label.split(', ')[1]}) | "
            f"{_shown(read[1500].best, 0.5)} s / {read[7200].best:.2f} s | {without}target at most 0.5 s |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the chosen sections and print the README table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each contender; the best counts")
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=60,
        metavar="SECONDS",
        help="before each run, wait up to this long for idle cores (default 60; 0: do not wait)",
    )
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections, from {','.join(SECTIONS)}")
    parser.add_argument(
        "--batch-rows", type=int, default=300, help="rows of the batch section (default 300)"
    )
    parser.add_argument("--markdown", type=Path, help="also write the table and the machine to this file")
    parser.add_argument("--json", type=Path, help="also write every run's seconds and peaks as JSON")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections {unknown}: use {', '.join(SECTIONS)}")

    env = dict(os.environ)
    # Every package is timed as pip installs it, byte-compiled: the children may use (and write) bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if (ROOT / "src" / "chutecode").is_dir():  # this checkout's chutecode, in every child too
        sys.path.insert(0, str(ROOT / "src"))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "chutecode")],
                       check=True, env=env)
    bench = Bench(args.repeat, args.idle_wait, env)
    when = datetime.datetime.now().astimezone()
    print(f"chutecode benchmarks, {when:%Y-%m-%d %H:%M %Z}; {machine()}")
    found: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="chutecode-bench-") as folder:
        work = Path(folder)
        for name in chosen:
            if name == "batch":
                found[name] = section_batch(bench, work, args.batch_rows)
            else:
                found[name] = globals()[f"section_{name}"](bench, work)
    print()
    if bench.busy_starts:
        print(
            f"warning: {bench.busy_starts} of {bench.runs} runs started while other processes kept the cores "
            f"busy (waited {args.idle_wait:g} s each): those times are high and noisy"
        )
    else:
        print(f"all {bench.runs} runs started on idle cores")
    table = readme_table(found)
    print(f"\nMeasured {when:%Y-%m-%d} on {machine()}; `python benchmarks/run.py`:\n")
    print(table)
    if args.markdown:
        args.markdown.write_text(f"Measured {when:%Y-%m-%d} on {machine()}.\n\n{table}\n", encoding="utf-8")
    if args.json:

        def plain(value: object) -> object:
            if isinstance(value, Runs):
                return {
                    "label": value.label,
                    "seconds": value.seconds,
                    "peak_mb": value.peak_mb,
                    "note": value.note,
                }
            if isinstance(value, dict):
                return {str(k): plain(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            return value

        args.json.write_text(
            json.dumps(
                {
                    "when": when.isoformat(),
                    "machine": machine(),
                    "busy_starts": bench.busy_starts,
                    "runs": bench.runs,
                    "sections": plain(found),
                },
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
