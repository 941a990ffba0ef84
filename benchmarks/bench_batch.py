"""Batch throughput: posters per second with 1 and 2 workers, and the scaling ratio.

Each row makes an A3 PDF poster (caption, place, legend) and a PNG of the same
page whose long side is 1500 px. Both runs are whole ``chutecode batch``
processes, timed in one run of this script.

    python benchmarks/bench_batch.py [--rows 500] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["DARE", "MIGHTY", "THINGS", "MARS", "ROVER", "HELLO", "SKY", "DUST", "RED", "GO", "JEZERO",
         "CRATER", "DELTA", "ROCKS", "WIND"]
A3_LONG_SIDE_IN = 420 / 25.4


def write_rows(path: Path, count: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["message", "coords", "name"])
        for i in range(count):
            message = " ".join(WORDS[(i * k) % len(WORDS)] for k in (1, 3, 7))
            coords = f"{(i * 7) % 90} {i % 60} {(i * 13) % 60} N {(i * 11) % 180} {i % 60} 31 W"
            writer.writerow([message, coords, f"guest-{i:04d}"])


def run(rows: Path, out: Path, workers: int) -> float:
    dpi = 1500 / A3_LONG_SIDE_IN
    args = [sys.executable, "-m", "chutecode", "batch", str(rows), "--out", str(out),
            "-f", "pdf,png", "--page", "a3", "--caption", "--subtitle", "--legend",
            "--dpi", f"{dpi:.4f}", "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"batch failed with {workers} workers: {proc.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    options = parser.parse_args()
    counts = [int(w) for w in options.workers.split(",")]
    print(f"{options.rows} rows, each an A3 PDF poster + a 1500 px PNG; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "rows.csv"
        write_rows(rows, options.rows)
        rates = {}
        for workers in counts:
            elapsed = run(rows, Path(tmp) / f"out-{workers}", workers)
            made = len(list((Path(tmp) / f"out-{workers}").glob("*.pdf")))
            if made != options.rows:
                raise SystemExit(f"{workers} workers made {made} posters, not {options.rows}")
            rates[workers] = options.rows / elapsed
            print(f"workers {workers}: {elapsed:7.2f} s  {rates[workers]:6.2f} posters/s")
    base = rates[counts[0]]
    for workers in counts[1:]:
        print(f"scaling {workers} vs {counts[0]} workers: {rates[workers] / base:.2f}x")


if __name__ == "__main__":
    main()
