"""The playground's preview latency: the time to answer ``/api/preview`` (median and p95).

Two designs: the default page (the Perseverance canopy, 80 gores, 4 rings) and a
120-gore, 6-ring canopy. Each is timed three ways, one request at a time:

- ``drawn``: the WSGI application called in-process with its preview cache off,
  so every answer is encoded, drawn and written as SVG anew (the server's own time);
- ``over HTTP``: the same, through ``chutecode serve``'s threaded server on 127.0.0.1
  (socket, HTTP parsing and JSON included);
- ``cached``: a query asked again (typing back to an earlier text), in-process.

The target is a median under 50 ms for ``drawn``.

    python benchmarks/bench_serve.py [--repeat 100]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from wsgiref.util import setup_testing_defaults

from chutecode.web.app import Playground
from chutecode.web.server import make_server, url_of

DESIGNS = {
    "default (80 gores, 4 rings)": "",
    "120 gores, 6 rings": "message=DARE+MIGHTY+THINGS&coords=34+11+58+N+118+10+31+W&gores=120&rings=6",
}
TARGET_MS = 50.0


def wsgi_get(app: Playground, query: str) -> bytes:
    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO="/api/preview", QUERY_STRING=query, REQUEST_METHOD="GET",
                   HTTP_HOST="127.0.0.1", **{"wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO()})
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    if not status[0].startswith("200"):
        raise SystemExit(f"preview failed: {status[0]} {body[:200]!r}")
    return body


def http_get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read()


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    call()                                    # imports and first-use caches are not the request's
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    options = parser.parse_args()
    cold = Playground(cache=0)
    warm = Playground()
    server = make_server("127.0.0.1", 0, app=Playground(cache=0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = url_of(server)
    print(f"/api/preview, {options.repeat} requests each, one at a time; {os.cpu_count()} cores")
    print(f"{'design':<30} {'way':<10} {'median ms':>10} {'p95 ms':>8}")
    try:
        for name, query in DESIGNS.items():
            size = len(wsgi_get(cold, query))
            rows = {
                "drawn": timed(lambda q=query: wsgi_get(cold, q), options.repeat),
                "over HTTP": timed(lambda q=query: http_get(f"{url}api/preview?{q}"), options.repeat),
                "cached": timed(lambda q=query: wsgi_get(warm, q), options.repeat),
            }
            for way, (median, p95) in rows.items():
                mark = ""
                if way == "drawn":
                    mark = "  (under target)" if median < TARGET_MS else "  (OVER TARGET)"
                print(f"{name:<30} {way:<10} {median:>10.1f} {p95:>8.1f}{mark}")
            print(f"{'':<30} answer: {size / 1024:.0f} KiB of JSON")
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
