#!/usr/bin/env python3
"""Bytes and time of the animations of the Perseverance canopy, and of its cut file.

    python benchmarks/bench_animation.py [--frame-rate 12] [--duration 5] [--hold 2]

Each file is made once in this process (imports done before the clock starts)
and written to memory; the table gives its size and the wall-clock time.
"""

from __future__ import annotations

import argparse
import io
import time

import chutecode
from chutecode import PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE


def _made(canopy: chutecode.Canopy, kind: str) -> tuple[int, float]:
    buffer = io.BytesIO()
    start = time.perf_counter()
    canopy.save(buffer, kind)
    return len(buffer.getvalue()), time.perf_counter() - start


def main() -> None:
    """Print a Markdown table of the sizes and times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frame-rate", type=float, default=12.0)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--hold", type=float, default=2.0)
    args = parser.parse_args()
    timing = {"frame_rate": args.frame_rate, "duration": args.duration, "hold": args.hold}
    rows = []
    for kind, px in (("gif", 320), ("gif", 480), ("gif", 1000), ("apng", 320), ("apng", 480),
                     ("animated-svg", None), ("cut", None), ("svg", None)):
        size = {"size": f"{px}px", "dpi": 96} if px else {"size": "200mm"}
        canopy = chutecode.make(PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE, **size, **timing)
        made, seconds = _made(canopy, kind)
        rows.append((kind, f"{px} px" if px else "any size", made, seconds))
    frames = round(args.frame_rate * args.duration) + 1
    print(f"{frames} frames ({args.frame_rate:g} a second for {args.duration:g} s, "
          f"then {args.hold:g} s held)\n")
    print("| file | pixels | bytes | time |")
    print("|---|---|---|---|")
    for kind, px, made, seconds in rows:
        print(f"| {kind} | {px} | {made:,} ({made / 1024:.0f} KiB) | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
