"""Time ``chutecode.decode_image`` on Perseverance canopies of 7200 and 1500 px.

    python benchmarks/read_image.py

Each picture (made by ``chutecode.render``) is read in a fresh process (import included), three times; the
best wall time and the peak memory (VmHWM, Linux) are printed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

READ = """
import sys, time
t = time.perf_counter()
from chutecode import decode_image
decoded = decode_image(sys.argv[1])
assert decoded.message == "DARE MIGHTY THINGS", decoded.message
with open("/proc/self/status") as status:   # peak resident memory of this process (Linux)
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(time.perf_counter() - t, peak)
"""


def main() -> None:
    import chutecode

    layout = chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, coords=chutecode.PERSEVERANCE_PLACE)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (7200, 1500):
            path = Path(tmp) / f"canopy-{size}.png"
            chutecode.render(layout, path, size=f"{size}px", dpi=300)
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", READ, str(path)], check=True,
                                     capture_output=True, text=True).stdout.split()
                runs.append((time.perf_counter() - start, float(out[0]), int(out[1])))
            wall, inside, rss = min(runs)
            print(f"{size:>5} px: {wall:.2f} s as a process, {inside:.2f} s in decode_image "
                  f"(import included), peak {rss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
