#!/usr/bin/env python3
"""Time a 7200 x 7200 px PNG of the Perseverance canopy: chutecode, CairoSVG, matplotlib.

    python benchmarks/bench_render.py [--size 7200] [--repeat 3] [--dpi 300] [--check]

Each contender runs as its own Python process (start-up and imports included);
the wall clock is taken around the whole process and the peak resident memory
comes from the kernel's accounting of that one child (``os.wait4``, the figure
``/usr/bin/time -v`` shows as "Maximum resident set size").

- chutecode: ``chutecode.render(layout, "x.png", size="7200px", dpi=300)`` of the
  default design (``chutecode.PERSEVERANCE_PLACE``, as ``chutecode render`` uses;
  ``--coords TEXT`` adds the cost of parsing a place). With the ``fast`` or
  ``vips`` extra installed, a second row runs with them hidden, to time the plain
  fallback.
- CairoSVG: ``cairosvg.svg2png`` of chutecode's own SVG of the design.
- matplotlib: the same 320 gores as ``matplotlib.patches.Wedge`` patches on a
  24 x 24 in figure saved at 300 dpi.

Inside the chutecode process the steps are timed too (imports, rasterising,
PNG encoding) and printed under the table.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ONE = (0xDF / 255, 0x6A / 255, 0x33 / 255)  # orange panel (bit 1)
ZERO = (1.0, 1.0, 1.0)  # white panel (bit 0)
SEAM = (0.35, 0.35, 0.35)
BACKGROUND = (1.0, 1.0, 1.0)
#: Inner and outer radius of each ring as fractions of the canopy radius (SPEC section 6).
RADII = ((0.09, 0.37), (0.37, 0.63), (0.63, 0.80), (0.90, 1.00))
MARGIN = 0.98  # canopy radius as a fraction of half the image side
SEAM_FRACTION = 1 / 1500  # seam width as a fraction of the image side

Sector = tuple[
    float, float, float, float, tuple[float, float, float]
]  # r0, r1, a0, a1 (rad, clockwise from 12), rgb


# -- the design, for matplotlib -----------------------------------------------------------------------


def perseverance_layout():  # type: ignore[no-untyped-def]
    """The 4-ring Perseverance layout from chutecode's encoder (coordinates from --coords)."""
    import chutecode

    coords = os.environ.get("CHUTECODE_BENCH_COORDS") or chutecode.PERSEVERANCE_PLACE
    return chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, coords=coords)


def sectors(layout) -> Iterator[Sector]:  # type: ignore[no-untyped-def]
    """Every gore as an annular sector in the unit disk, gore 0 at 12 o'clock, clockwise."""
    for ring, (r0, r1) in zip(layout.rings, RADII, strict=True):
        n = len(ring.bits)
        for i, bit in enumerate(ring.bits):
            yield r0, r1, 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n, ONE if bit == "1" else ZERO


# -- the children ------------------------------------------------------------------------------------


def child_chutecode(out: str, size: int, dpi: float) -> dict[str, object]:
    """Make the PNG with chutecode.render; time the steps.

    """
    t0 = time.perf_counter()
    import cairocffi  # noqa: F401  (loaded here so that its start-up cost shows as an import)
    from PIL import Image  # noqa: F401

    import chutecode
    import chutecode.renderers.pngwrite as pngwrite

    t1 = time.perf_counter()
    layout = perseverance_layout()
    t2 = time.perf_counter()
    timing: dict[str, object] = {"png": 0.0, "draw_in_png": 0.0, "encoder": "?"}
    original_write, original_draw = pngwrite.write_png, pngwrite.draw_png

    def timed_write_png(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            timing["encoder"] = original_write(*args, **kwargs)
            return timing["encoder"]
        finally:
            timing["png"] += time.perf_counter() - start  # type: ignore[operator]

    def timed_draw_png(draw, *args, **kwargs):  # type: ignore[no-untyped-def]
        def timed_draw(ctx):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return draw(ctx)
            finally:
                timing["draw_in_png"] += time.perf_counter() - start  # type: ignore[operator]

        start = time.perf_counter()
        try:
            timing["encoder"] = "banded"
            return original_draw(timed_draw, *args, **kwargs)
        finally:
            timing["png"] += time.perf_counter() - start  # type: ignore[operator]

    for module in [pngwrite, *list(sys.modules.values())]:  # also renderers that imported them by name
        if getattr(module, "write_png", None) is original_write:
            module.write_png = timed_write_png  # type: ignore[union-attr]
        if getattr(module, "draw_png", None) is original_draw:
            module.draw_png = timed_draw_png  # type: ignore[union-attr]
    label = "chutecode.render"
    chutecode.render(layout, out, size=f"{size}px", dpi=dpi)
    t3 = time.perf_counter()
    png, drawn = float(timing["png"]), float(timing["draw_in_png"])  # type: ignore[arg-type]
    return {
        "how": label,
        "encoder": timing["encoder"],
        "deflate": "libvips" if timing["encoder"] == "vips" else pngwrite.deflate_library().split()[0],
        "imports": t1 - t0,
        "layout": t2 - t1,
        "total": t3 - t2,
        # Drawing: everything outside the PNG writer, plus band drawing inside draw_png.
        "draw": (t3 - t2) - png + drawn,
        # PNG: time in the writer not spent drawing (with bands, encoding that drawing did not hide).
        "png": png - drawn,
    }


def child_cairosvg(svg: str, out: str, size: int, dpi: float) -> dict[str, object]:
    """Rasterise the SVG with CairoSVG."""
    import cairosvg

    cairosvg.svg2png(url=svg, write_to=out, output_width=size, output_height=size, dpi=dpi)
    return {"how": "cairosvg.svg2png"}


def child_matplotlib(out: str, size: int, dpi: float) -> dict[str, object]:
    """Draw the 320 gores as matplotlib Wedge patches and save the PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Wedge

    layout = perseverance_layout()
    fig = plt.figure(figsize=(size / dpi, size / dpi), dpi=dpi, facecolor=BACKGROUND)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect("equal")
    seam_points = size * SEAM_FRACTION * 72 / dpi
    for r0, r1, a0, a1, rgb in sectors(layout):
        # Wedge angles are degrees counter-clockwise from 3 o'clock.
        theta1, theta2 = 90 - math.degrees(a1), 90 - math.degrees(a0)
        ax.add_patch(
            Wedge(
                (0, 0),
                r1 * MARGIN,
                theta1,
                theta2,
                width=(r1 - r0) * MARGIN,
                facecolor=rgb,
                edgecolor=SEAM,
                linewidth=seam_points,
            )
        )
    fig.savefig(out, dpi=dpi, facecolor=BACKGROUND)
    return {"how": "matplotlib Wedge patches"}


def run_child(argv: list[str]) -> None:
    """Entry point of a child process: run one contender, print its JSON line."""
    kind, out, size, dpi = argv[0], argv[1], int(argv[2]), float(argv[3])
    if kind.endswith("+plain"):  # as if neither chutecode[fast] nor chutecode[vips] were installed
        sys.modules["pyvips"] = None  # type: ignore[assignment]
        sys.modules["zlib_ng"] = None  # type: ignore[assignment]
        kind = kind[: -len("+plain")]
    if kind.startswith("chutecode"):
        info = child_chutecode(out, size, dpi)
    elif kind == "cairosvg":
        info = child_cairosvg(argv[4], out, size, dpi)
    else:
        info = child_matplotlib(out, size, dpi)
    print("RESULT " + json.dumps(info))


# -- the parent --------------------------------------------------------------------------------------


def busy_fraction(seconds: float = 0.3) -> float | None:
    """Share of all cores' time spent busy over ``seconds`` (Linux /proc/stat), or None elsewhere."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except OSError:
        return None
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_until_idle(limit: float, most_busy: float = 0.15) -> bool:
    """Wait up to ``limit`` seconds for the machine to be nearly idle; say whether it was."""
    deadline = time.monotonic() + limit
    while True:
        busy = busy_fraction()
        if busy is None or busy <= most_busy:
            return True
        if time.monotonic() >= deadline:
            return False


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, object]]:
    """Run one child; return its wall time (s), peak RSS (MB) and its JSON report."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(
            f"child {argv[3:5]} failed with exit code {proc.returncode}:\n{err.decode(errors='replace')}"
        )
    info: dict[str, object] = {}
    for line in out.decode().splitlines():
        if line.startswith("RESULT "):
            info = json.loads(line[len("RESULT ") :])
    return wall, usage.ru_maxrss / 1024, info  # ru_maxrss is in KiB on Linux


def make_svg(path: Path, size: int, dpi: float, env: dict[str, str]) -> str:
    """chutecode's own SVG of the design; returns how it was made."""
    import chutecode

    chutecode.render(perseverance_layout(), str(path), size=f"{size}px", dpi=dpi)
    return "chutecode.render"


def check_png(path: Path, size: int) -> str:
    """Check the output is a PNG of the right size; return a short description."""
    from PIL import Image

    with Image.open(path) as image:
        if image.format != "PNG" or image.size != (size, size):
            sys.exit(f"{path} is {image.format} {image.size}, expected PNG {size} x {size}")
        dpi = image.info.get("dpi")
        return f"{image.mode}, {path.stat().st_size / 1e6:.1f} MB" + (f", {dpi[0]:.0f} dpi" if dpi else "")


def main() -> None:
    """Run the benchmark and print the table."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2:])
        return
    import argparse  # the parent's modules, kept out of the timed children
    import statistics
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=7200, help="image side in pixels (default 7200)")
    parser.add_argument("--dpi", type=float, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each contender; the best time counts")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument(
        "--coords",
        help="coordinates text to parse for the design (default: the place value "
        "chutecode.PERSEVERANCE_PLACE; chutecode.PERSEVERANCE_COORDS is the same place as text to parse)",
    )
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=20,
        metavar="SECONDS",
        help="before each run, wait up to this long for other processes to leave the cores "
        "idle (default 20; 0 to not wait)",
    )
    args = parser.parse_args()

    env = dict(os.environ)
    if args.coords:
        os.environ["CHUTECODE_BENCH_COORDS"] = env["CHUTECODE_BENCH_COORDS"] = args.coords
    src = Path(__file__).resolve().parent.parent / "src"
    if (src / "chutecode").is_dir():  # run against this checkout's chutecode
        sys.path.insert(0, str(src))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
    import chutecode.renderers.pngwrite as pngwrite

    workdir = Path(tempfile.mkdtemp(prefix="chutecode-bench-")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    svg = workdir / "perseverance.svg"
    svg_how = make_svg(svg, args.size, args.dpi, env)

    # The first contender is "chutecode" for the ratios; the other chutecode rows show the alternatives.
    extras = pngwrite.vips_available() or pngwrite.deflate_library().startswith("zlib-ng")
    contenders = ["chutecode"] + (["chutecode+plain"] if extras else [])
    contenders += ["cairosvg", "matplotlib"]
    walls: dict[str, list[float]] = {name: [] for name in contenders}
    rss: dict[str, float] = dict.fromkeys(contenders, 0.0)
    infos: dict[str, list[dict[str, object]]] = {name: [] for name in contenders}
    busy_runs = 0
    for _ in range(args.repeat):
        for name in contenders:
            if args.idle_wait > 0 and not wait_until_idle(args.idle_wait):
                busy_runs += 1
            out = workdir / f"{name.replace(':', '-').replace('+', '-')}.png"
            argv = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                name,
                str(out),
                str(args.size),
                str(args.dpi),
                str(svg),
            ]
            wall, peak, info = measure(argv, env)
            walls[name].append(wall)
            rss[name] = max(rss[name], peak)
            infos[name].append(info)

    print(
        f"{args.size} x {args.size} px PNG of the Perseverance canopy, {args.dpi:g} dpi, "
        f"best of {args.repeat} whole-process runs ({os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"libvips {'yes' if pngwrite.vips_available() else 'no'}, {pngwrite.deflate_library()})"
    )
    print(f"SVG for CairoSVG: {svg_how}; coordinates: {args.coords or 'chutecode.PERSEVERANCE_PLACE'}")
    if busy_runs:
        print(
            f"warning: {busy_runs} of {args.repeat * len(contenders)} runs started while other "
            "processes kept "
            "the cores busy: times are high and noisy"
        )
    base = min(walls["chutecode"])
    print()
    print(f"{'contender':<44} {'best s':>7} {'median s':>9} {'peak MB':>8} {'/ chutecode':>12}  output")
    for name in contenders:
        best, med = min(walls[name]), statistics.median(walls[name])
        label = name
        if name.startswith("chutecode"):
            label = f"{name} [{infos[name][0].get('encoder')}, {infos[name][0].get('deflate')}]"
        desc = check_png(workdir / f"{name.replace(':', '-').replace('+', '-')}.png", args.size)
        print(f"{label:<44} {best:7.2f} {med:9.2f} {rss[name]:8.0f} {best / base:12.2f}  {desc}")
    print()
    print("inside the chutecode processes (medians, seconds):")
    for name in [n for n in contenders if n.startswith("chutecode")]:
        steps = infos[name]
        mid = {
            key: statistics.median(float(step[key]) for step in steps)  # type: ignore[arg-type]
            for key in ("imports", "layout", "draw", "png", "total")
        }
        print(
            f"  {name:<26} imports {mid['imports']:.3f}  layout {mid['layout']:.3f}  "
            f"rasterise {mid['draw']:.3f}  PNG encode {mid['png']:.3f}  render total {mid['total']:.3f}"
            f"   ({steps[0]['how']})"
        )
    print(
        "  (imports: chutecode, cairocffi, Pillow. With bands, rasterise is the drawing time and PNG encode "
        "the encoding it did not hide.)"
    )
    ratio_svg = min(walls["cairosvg"]) / base
    ratio_mpl = min(walls["matplotlib"]) / base
    print()
    print(
        f"CairoSVG / chutecode:   {ratio_svg:5.2f}x  (target >= 4x: {'met' if ratio_svg >= 4 else 'MISSED'})"
    )
    print(f"matplotlib / chutecode: {ratio_mpl:5.2f}x")
    peak = rss["chutecode"]
    print(f"chutecode peak memory:  {peak:5.0f} MB (target < 600 MB: {'met' if peak < 600 else 'MISSED'})")
    if args.keep is None:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
    if args.check and (ratio_svg < 4 or peak >= 600):
        sys.exit(1)


if __name__ == "__main__":
    main()
