#!/usr/bin/env python3
"""Time PNGs of the default canopy just under and beyond cairo's 32767 px limit (drawn in tiles).

    python benchmarks/bench_wide_png.py [--sizes 30000 40000] [--dpi 300] [--repeat 1] [--check]
                                        [--idle-wait 20]

Each size is ``chutecode.render(layout, "x.png", size="<N>px", dpi=300)`` of
the default design (``chutecode.encode("DARE MIGHTY THINGS",
chutecode.PERSEVERANCE_PLACE)``), run as its own Python process. The seconds
are the wall clock around the whole child process (start-up and imports
included; best of ``--repeat``); the child also reports the time of the
``render`` call alone (``time.perf_counter``). Peak memory is the child's own
(``os.wait4``). Before each run it waits (up to ``--idle-wait`` seconds) for
the cores to be idle, as ``bench_render.py`` does. Pages wider than 32767 px go through
``chutecode.renderers.tiles.write_png_strips``; narrower ones through
``chutecode.renderers.pngwrite.draw_png``. The ratio compares the seconds per
megapixel of the last size with the first (whole-process times); the target
is at most 1.5 (``--check`` exits 1 when it is missed).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5
MESSAGE = "DARE MIGHTY THINGS"


def child(out: str, size: int, dpi: float) -> None:
    """Render one PNG; print the render call's seconds as JSON."""
    import chutecode

    layout = chutecode.encode(MESSAGE, chutecode.PERSEVERANCE_PLACE)
    start = time.perf_counter()
    chutecode.render(layout, out, size=f"{size}px", dpi=dpi)
    print("RESULT " + json.dumps({"render": time.perf_counter() - start}))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR (the file may be too big to decode here)."""
    with open(path, "rb") as stream:
        head = stream.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        sys.exit(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def run(size: int, dpi: float, out: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """One child process: (whole-process seconds, render seconds, peak MiB)."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(out), str(size), str(dpi)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory
        wall = time.perf_counter() - start
        proc.stdout.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            sys.exit(f"{size} px failed ({proc.returncode}):\n{errors.read().decode(errors='replace')}")
    render = next(
        json.loads(line[len("RESULT ") :])["render"]
        for line in stdout.decode().splitlines()
        if line.startswith("RESULT ")
    )
    return wall, render, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
        return
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30000, 40000], help="canopy sides in px")
    parser.add_argument("--dpi", type=float, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size; the best counts")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when the ratio is over {TARGET_RATIO}")
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=20,
        metavar="SECONDS",
        help="before each run, wait up to this long for other processes to leave the cores idle "
        "(default 20; 0 to not wait)",
    )
    args = parser.parse_args()
    from bench_render import wait_until_idle  # this folder is on sys.path when run as a script

    env = dict(os.environ)
    src = Path(__file__).resolve().parent.parent / "src"
    if (src / "chutecode").is_dir():  # run against this checkout's chutecode
        sys.path.insert(0, str(src))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
    import chutecode.renderers.pngwrite as pngwrite

    print(
        f"default canopy at {args.dpi:g} dpi, {os.cpu_count()} cores, deflate {pngwrite.deflate_library()}; "
        f"whole child processes, best of {args.repeat}"
    )
    print(f"{'size':>8} {'path':>6} {'Mpx':>8} {'seconds':>8} {'render s':>9} {'s/Mpx':>8} "
          f"{'peak MiB':>9} {'MB':>7}")
    per_mpx: list[float] = []
    busy = 0
    with tempfile.TemporaryDirectory(prefix="chutecode-wide-") as folder:
        for size in args.sizes:
            out = Path(folder) / f"canopy-{size}.png"
            runs = []
            for _ in range(args.repeat):
                if args.idle_wait > 0 and not wait_until_idle(args.idle_wait):
                    busy += 1
                runs.append(run(size, args.dpi, out, env))
            wall, render, peak = min(runs)
            width, height = png_size(out)
            megapixels = width * height / 1e6
            per_mpx.append(wall / megapixels)
            path = "tiles" if width > 32767 else "bands"
            print(
                f"{size:>8} {path:>6} {megapixels:8.1f} {wall:8.2f} {render:9.2f} {wall / megapixels:8.4f} "
                f"{peak:9.0f} {out.stat().st_size / 1e6:7.1f}",
                flush=True,
            )
            out.unlink()
    if busy:
        print(f"{busy} run(s) started while other processes kept the cores busy: timings are not clean")
    if len(per_mpx) >= 2:
        ratio = per_mpx[-1] / per_mpx[0]
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        print(f"ratio {args.sizes[-1]} / {args.sizes[0]} px seconds per Mpx: {ratio:.2f} "
              f"(target at most {TARGET_RATIO}: {verdict})")
        if args.check and ratio > TARGET_RATIO:
            sys.exit(1)


if __name__ == "__main__":
    main()
