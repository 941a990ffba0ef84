"""Serving the playground with the standard library: ``wsgiref`` on a thread a request.

>>> server = make_server("127.0.0.1", 0)     # port 0: any free port
>>> server.server_address[0]
'127.0.0.1'
>>> server.server_close()
"""

from __future__ import annotations

import ipaddress
import socketserver
import sys
from collections.abc import Callable
from typing import Any, TextIO
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from chutecode.web.app import Playground
from chutecode.web.limits import DEFAULT_LIMITS, Limits

__all__ = ["ThreadingWSGIServer", "make_server", "serve", "url_of", "is_loopback", "LOOPBACK_NAMES"]

#: The host names of this computer that a page on 127.0.0.1 may be opened as.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """``wsgiref``'s server answering each request on its own thread (as ``mkdocs serve`` does)."""

    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    """Logs only the requests that failed, as one line each."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        if str(code).isdigit() and int(str(code)) >= 400:
            super().log_request(code, size)

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this computer only (127.0.0.0/8, ::1 or localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(host: str = "127.0.0.1", port: int = 8000, app: Callable[..., Any] | None = None,
                limits: Limits = DEFAULT_LIMITS) -> ThreadingWSGIServer:
    """A threaded WSGI server bound to ``host``:``port`` (0: any free port), serving ``app``.

    Without ``app`` it serves a :class:`~chutecode.web.app.Playground`; on a
    loopback address that playground answers only requests naming a loopback host.
    """
    if app is None:
        app = Playground(limits, hosts=LOOPBACK_NAMES if is_loopback(host) else None)
    server_class: type[ThreadingWSGIServer] = ThreadingWSGIServer
    if ":" in host:
        import socket

        class _Server6(ThreadingWSGIServer):
            address_family = socket.AF_INET6

        server_class = _Server6
    server = server_class((host, port), _QuietHandler)
    server.set_app(app)
    return server


def url_of(server: ThreadingWSGIServer) -> str:
    """The address of the page: ``http://127.0.0.1:8000/``."""
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"


def serve(host: str = "127.0.0.1", port: int = 8000, *, open_browser: bool = False,
          out: TextIO | None = None) -> None:
    """Serve the playground until interrupted (Ctrl-C), printing its address to ``out``."""
    out = out or sys.stderr
    server = make_server(host, port)
    url = url_of(server)
    print(f"chutecode playground on {url} (Ctrl-C to stop)", file=out, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
