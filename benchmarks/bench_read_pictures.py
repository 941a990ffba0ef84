"""Success rate of the picture reader on simulated real-world pictures, class by class, and the
median time to read a 1500 px picture.

    python benchmarks/bench_read_pictures.py [COUNT] [SEED]

COUNT (default 200) pictures are made by tests/picture_simulator.py, the classes in turn; each is
read with ``decode_image`` and counted as correct, an error (ImageReadError), wrong with a warning,
or wrong without one (a silent wrong answer, which must never happen).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import chutecode  # noqa: E402
import picture_simulator as sim  # noqa: E402
from chutecode import ImageReadError, decode_image  # noqa: E402


def success_rates(count: int, seed: int) -> None:
    """Read ``count`` simulated pictures and print the outcome of each class."""
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    times: list[float] = []
    for case in sim.make_cases(count, seed=seed):
        want = (case.message, sim.coords_text(case.coords))
        start = time.perf_counter()
        try:
            decoded = decode_image(case.image)
            said = (decoded.message, decoded.coords_text)
            outcome = "correct" if said == want else "wrong, warned" if decoded.warnings else "WRONG, SILENT"
        except ImageReadError:
            outcome = "error"
        times.append(time.perf_counter() - start)
        outcomes[case.kind][outcome] += 1
    total: Counter[str] = Counter()
    print(f"{'class':<12} {'pictures':>8} {'correct':>8} {'error':>6} {'warned':>7} {'silent':>7}")
    for kind in sim.KINDS:
        c = outcomes[kind]
        total.update(c)
        n = sum(c.values())
        print(
            f"{kind:<12} {n:>8} {c['correct'] / max(n, 1):>8.0%} {c['error']:>6} {c['wrong, warned']:>7} "
            f"{c['WRONG, SILENT']:>7}"
        )
    n = sum(total.values())
    print(
        f"{'all':<12} {n:>8} {total['correct'] / max(n, 1):>8.0%} {total['error']:>6} "
        f"{total['wrong, warned']:>7} {total['WRONG, SILENT']:>7}"
    )
    print(f"median read time {statistics.median(times):.2f} s (pictures of 200 to 1280 px)")


def median_time_1500() -> None:
    """Median wall time of ``decode_image`` on chutecode's own 1500 px render (five reads)."""
    layout = chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, coords=chutecode.PERSEVERANCE_PLACE)
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="png", size="1500px", dpi=300)
    data = buffer.getvalue()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        decode_image(data)
        runs.append(time.perf_counter() - start)
    print(f"1500 px render: median {statistics.median(runs):.2f} s over {len(runs)} reads")


if __name__ == "__main__":
    median_time_1500()
    success_rates(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200, int(sys.argv[2]) if len(sys.argv) > 2 else 12
    )
