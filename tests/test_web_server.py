"""The playground over a real socket on 127.0.0.1: a bounded load, and ``chutecode serve`` itself."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

import chutecode
from chutecode.cli import main
from chutecode.web.server import is_loopback, make_server, url_of

REQUESTS = 200
THREADS = 20


@pytest.fixture()
def server():
    httpd = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield url_of(httpd)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def _get(url: str) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            body, status = answer.read(), answer.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, body, time.perf_counter() - start


def _expected(kind: str, message: str) -> str:
    """What each request must answer, worked out with the library directly."""
    layout = chutecode.encode(message, "48.8584, 2.2945")
    if kind == "preview":
        return layout.message
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format=kind, size="5cm", dpi=100)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def test_200_requests_from_20_threads(server, capsys):
    messages = [f"LOAD TEST {chr(65 + i)}" for i in range(10)]
    kinds = ["preview", "preview", "preview", "svg", "png", "pdf"]
    plan = [(kinds[i % len(kinds)], messages[i % len(messages)]) for i in range(REQUESTS)]
    expected = {(kind, message): _expected(kind, message) for kind, message in set(plan)}

    def one(item: tuple[str, str]) -> tuple[bool, float, str]:
        kind, message = item
        query = urlencode({"message": message, "coords": "48.8584, 2.2945", "size": "5cm", "dpi": "100"})
        path = "api/preview" if kind == "preview" else f"download/{kind}"
        status, body, seconds = _get(f"{server}{path}?{query}")
        if status != 200:
            return False, seconds, f"{kind} {message}: {status} {body[:120]!r}"
        got = json.loads(body)["message"] if kind == "preview" else hashlib.sha256(body).hexdigest()
        return got == expected[item], seconds, f"{kind} {message}"

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(one, plan))
    wall = time.perf_counter() - started
    wrong = [what for ok, _, what in results if not ok]
    assert not wrong, wrong[:5]
    times = sorted(seconds for _, seconds, _ in results)
    median, p95 = statistics.median(times), times[int(0.95 * len(times)) - 1]
    with capsys.disabled():
        print(f"\n{REQUESTS} requests from {THREADS} threads in {wall:.2f} s: median {median * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms")


def test_the_served_page_and_its_headers(server):
    with urllib.request.urlopen(server, timeout=30) as answer:
        html = answer.read().decode()
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert '<script src="static/app.js" defer></script>' in html
    request = urllib.request.Request(server, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 400


def test_an_upload_past_the_limit_is_refused_unread(server):
    """The 413 comes back although the 21 MB body is never sent."""
    host, port = server.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(f"POST /api/read HTTP/1.1\r\nHost: {host}\r\nContent-Type: image/png\r\n"
                     f"Content-Length: {21 * 1024 * 1024}\r\nConnection: close\r\n\r\n".encode())
        reply = conn.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.0 413") or reply.startswith("HTTP/1.1 413"), reply[:80]


def test_loopback_names():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.com")


def test_chutecode_serve_runs_until_interrupted():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "chutecode", "serve", "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stderr.readline()
        assert line.startswith("chutecode playground on http://127.0.0.1:"), line
        url = line.split(" on ", 1)[1].split()[0]
        status, body, _ = _get(url + "api/preview?message=HI")
        assert status == 200 and json.loads(body)["message"] == "HI"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
        proc.stdout.close()


def test_serve_warns_off_the_loopback(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr("chutecode.web.server.serve", lambda host, port, **kw: calls.append((host, port, kw)))
    with pytest.raises(SystemExit) as info:
        main(["serve", "--host", "0.0.0.0", "--port", "8123", "--open"])
    assert info.value.code == 0
    assert calls == [("0.0.0.0", 8123, {"open_browser": True})]
    assert "warning: --host 0.0.0.0 serves the playground to other computers" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", "--port", "9"])
    assert "warning" not in capsys.readouterr().err


def test_serve_on_a_port_in_use_is_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as info:
            main(["serve", "--port", str(port)])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot use '127.0.0.1:{port}': ") and err.count("\n") == 1


def test_a_bad_port_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", "70000"])
    assert info.value.code == 2


def test_the_wheel_ships_the_page(tmp_path):
    """The page, its script, style and icon are package data: a wheel built from the tree holds them."""
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("chutecode-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("index.html", "app.js", "style.css", "favicon.svg"):
        assert f"chutecode/web/static/{name}" in names
