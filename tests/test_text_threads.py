"""Text is measured right when threads draw at once (the playground's server draws on many).

cairo 1.16 aborts the process, or returns another font's metrics, when two threads
measure with one context at once (Pango's measuring context is shared the same way); the
test runs in a child process so that an abort is a failure here, not the end of the test run.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import threading
import importlib
m = importlib.import_module("chutecode.drawing.text.measure")
measure = m._reference_metrics.__wrapped__      # uncached: every call lays the text out anew
spec = {bold: m.spec_for("MIGHTY", "DejaVu Sans", bold=bold) for bold in (False, True)}
want = {bold: measure(spec[bold]) for bold in (False, True)}
wrong = []
def work(bold):
    for _ in range(2500):
        if measure(spec[bold]) != want[bold]:
            wrong.append(bold)
threads = [threading.Thread(target=work, args=(i % 2 == 0,)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print("wrong", len(wrong))
"""


def test_measuring_from_four_threads_at_once():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "wrong 0"
