"""The playground's WSGI application: the page, its static files, the preview, downloads and read-back.

=========================  ==========================================================
``GET /``                  the page, its form filled from the query (a share link)
``GET /static/NAME``       ``style.css``, ``app.js``, ``favicon.svg`` (no other names)
``GET /api/preview?Q``     JSON: the SVG of every page, the ring table, where each group is
``GET /download/KIND?Q``   ``svg``, ``png``, ``pdf``, ``worksheet`` (PDF), ``layout`` or
                           ``design`` (JSON), as ``chutecode render`` writes them
``POST /api/read``         a PNG or JPEG (``image/png``, ``image/jpeg``) or ring bits
                           (``text/plain``) in the body: JSON of what it says
=========================  ==========================================================

``Q`` is the query of :mod:`chutecode.web.query`. A
:class:`~chutecode.errors.ChutecodeError` answers 400 (or the status of the
limit it passed) with ``{"error": "...", "field": "..."}``; anything else
answers 500 with a one-line message and logs the traceback to
``wsgi.errors``. Every answer carries ``Content-Security-Policy: default-src
'self'`` and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import io
import json
import re
import threading
import traceback
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from chutecode.design.design import Design
from chutecode.drawing.draw import draw
from chutecode.errors import BusyError, ChutecodeError, RequestError
from chutecode.renderers.api import draw_pages, render_drawings
from chutecode.renderers.svg import svg_text
from chutecode.ringcode.layout import Layout
from chutecode.web.explain import group_areas, ring_table
from chutecode.web.limits import DEFAULT_LIMITS, Limits, RenderSlots
from chutecode.web.page import page_html
from chutecode.web.query import Query, parse_query
from chutecode.web.reading import read_bits, read_picture

__all__ = ["Playground", "make_app", "file_stem", "DOWNLOADS", "STATIC_FILES", "SECURITY_HEADERS"]

StartResponse = Callable[..., Any]

#: The static files, by the only names a request may use, with their types.
STATIC_FILES: dict[str, str] = {
    "style.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}

#: Download kinds: the format, the file name's ending and its content type.
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "svg": ("svg", ".svg", "image/svg+xml"),
    "png": ("png", ".png", "image/png"),
    "pdf": ("pdf", ".pdf", "application/pdf"),
    "worksheet": ("pdf", "-worksheet.pdf", "application/pdf"),
    "layout": ("json", "-layout.json", "application/json; charset=utf-8"),
    "design": ("json", "-design.json", "application/json; charset=utf-8"),
}

#: Headers on every answer.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; "
                                "frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)

_JSON = "application/json; charset=utf-8"
_STATUS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 411: "Length Required",
           413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
           500: "Internal Server Error", 503: "Service Unavailable"}
_PICTURE_TYPES = ("image/png", "image/jpeg")
_BITS_TYPES = ("text/plain",)


@dataclass
class Response:
    """One answer: status, headers and body."""

    status: int
    content_type: str
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


def _json(data: Any, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, _JSON, body, list(headers or []))


def _error(status: int, message: str, name: str | None = None,
           headers: list[tuple[str, str]] | None = None) -> Response:
    return _json({"error": " ".join(message.split()), "field": name}, status, headers)


def file_stem(message: str) -> str:
    """A safe file name stem from the message: ``HELLO MARS`` -> ``hello-mars`` (``canopy`` if none)."""
    plain = unicodedata.normalize("NFKD", message).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    stem = "-".join(words)[:40].strip("-")
    return stem or "canopy"


class _Cache:
    """The last previews made, by their canonical query (a preview is the same for the same query)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Playground:
    """The WSGI application of the playground.

    Args:
        limits: what one request may ask for (:class:`~chutecode.web.limits.Limits`).
        hosts: the host names the ``Host`` header may name (the port aside);
            ``None`` takes any. ``chutecode serve`` on 127.0.0.1 takes only
            ``127.0.0.1``, ``localhost`` and ``[::1]``, so that another site cannot
            reach the playground through a name of its own.
        cache: previews kept for queries asked again (0: none).
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, hosts: Iterable[str] | None = None,
                 cache: int = 64) -> None:
        self.limits = limits
        self.slots = RenderSlots(limits)
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)
        self.previews = _Cache(cache)

    # -- WSGI --------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            response = self.respond(method, environ.get("PATH_INFO", "/") or "/", environ)
        except BusyError as exc:
            response = _error(503, str(exc), None, [("Retry-After", str(self.limits.retry_after))])
        except ChutecodeError as exc:
            response = _error(getattr(exc, "status", 400), str(exc), getattr(exc, "field", None))
        except Exception:  # noqa: BLE001 - no traceback ever reaches the browser
            errors = environ.get("wsgi.errors")
            if errors is not None:
                errors.write(traceback.format_exc())
            response = _error(500, "the playground failed on this request: the server's log has the details")
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body))),
                   *SECURITY_HEADERS, *response.headers]
        if not any(name == "Cache-Control" for name, _ in response.headers):
            headers.append(("Cache-Control", "no-store"))
        start_response(f"{response.status} {_STATUS.get(response.status, 'Error')}", headers)
        return [b""] if method == "HEAD" else [response.body]

    def respond(self, method: str, path: str, environ: Mapping[str, Any]) -> Response:
        """The answer to one request (errors raised, not yet turned into answers)."""
        self._check_host(environ)
        query = environ.get("QUERY_STRING", "") or ""
        if path == "/api/read":
            if method != "POST":
                return _error(405, "/api/read takes POST: the picture or the bits in the body", None,
                              [("Allow", "POST")])
            return self.read(environ, query)
        if method not in ("GET", "HEAD"):
            return _error(405, f"{path[:60]} takes GET, not {method[:10]}", None, [("Allow", "GET, HEAD")])
        if path == "/":
            return self.page(query)
        if path.startswith("/static/"):
            return self.static(path.removeprefix("/static/"))
        if path == "/api/preview":
            return self.preview(query)
        if path.startswith("/download/"):
            return self.download(path.removeprefix("/download/"), query)
        return _error(404, f"there is no {path[:60]!r} here: the playground is at /")

    def _check_host(self, environ: Mapping[str, Any]) -> None:
        if self.hosts is None:
            return
        host = str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        if name not in self.hosts:
            raise RequestError(f"host {host[:60]!r} is not served here: open the playground as "
                               f"http://{sorted(self.hosts)[0]}/")

    # -- the page and its files --------------------------------------------------------------------

    def page(self, query: str) -> Response:
        """The page, its form filled from the query as written."""
        if len(query) > self.limits.query_chars:
            parse_query(query, self.limits)   # raises the 414
        try:
            values = dict(parse_qsl(query, keep_blank_values=True, max_num_fields=200))
        except ValueError:
            values = {}
        body = page_html(values, self.limits).encode("utf-8")
        return Response(200, "text/html; charset=utf-8", body)

    def static(self, name: str) -> Response:
        """One of :data:`STATIC_FILES`; any other name is a 404 (no request names a file)."""
        if name not in STATIC_FILES:
            return _error(404, f"there is no static file {name[:60]!r}")
        body = resources.files("chutecode.web").joinpath("static", name).read_bytes()
        return Response(200, STATIC_FILES[name], body, [("Cache-Control", "no-cache")])

    # -- drawing -----------------------------------------------------------------------------------

    def preview(self, query: str) -> Response:
        """JSON for the page: every page's SVG, the ring table and where each group is drawn."""
        request = parse_query(query, self.limits)
        key = request.to_query()
        body = self.previews.get(key)
        if body is None:
            with self.slots.slot():
                data = self._preview(request)
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.previews.put(key, body)
        return Response(200, _JSON, body)

    def _preview(self, request: Query) -> dict[str, Any]:
        from chutecode.renderers.cairo import raster_pixels

        layout = request.layout()
        drawings = [draw(layout, page) for page in request.design.pages()]
        width, height = raster_pixels(drawings[0])
        place = layout.coordinates
        return {
            "query": request.to_query(),
            "message": layout.message,
            "place": None if place is None else {"text": place.text, "latitude": place.latitude,
                                                 "longitude": place.longitude},
            "pages": [svg_text(drawing) for drawing in drawings],
            "areas": [group_areas(drawing, layout) for drawing in drawings],
            "table": ring_table(layout),
            "png": {"width": width, "height": height, "dpi": request.design.dpi,
                    "allowed": width * height <= self.limits.png_pixels},
            "worksheet": request.design.worksheet,
        }

    def download(self, kind: str, query: str) -> Response:
        """A file as ``chutecode render`` (or ``chutecode encode -f json``) writes it."""
        if kind not in DOWNLOADS:
            return _error(404, f"there is no download {kind[:40]!r}: use {', '.join(DOWNLOADS)}")
        fmt, ending, content_type = DOWNLOADS[kind]
        request = parse_query(query, self.limits)
        layout = request.layout()
        if kind == "layout":
            body = (layout.to_json() + "\n").encode("utf-8")
        elif kind == "design":
            body = (json.dumps(request.design.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            design = request.design.replace(worksheet=True) if kind == "worksheet" else request.design
            body = self.render(layout, design, fmt)
        disposition = f'attachment; filename="{file_stem(layout.message)}{ending}"'
        return Response(200, content_type, body, [("Content-Disposition", disposition)])

    def render(self, layout: Layout, design: Design, fmt: str) -> bytes:
        """The bytes of ``layout`` drawn as ``design`` says in ``fmt``, by the path ``chutecode render``
        takes (:func:`~chutecode.renderers.api.draw_pages`, then
        :func:`~chutecode.renderers.api.render_drawings`)."""
        from chutecode.renderers.cairo import raster_pixels

        if design.worksheet is True and fmt != "pdf":
            raise _named(RequestError(f"worksheet=yes prints two pages, and {fmt.upper()} holds one: "
                                      "download the worksheet PDF, or choose worksheet questions or "
                                      "answers"), "worksheet")
        buffer = io.BytesIO()
        with self.slots.slot():
            info, drawings = draw_pages(layout, buffer, design, format=fmt)
            if fmt == "png":
                for drawing in drawings:
                    width, height = raster_pixels(drawing)
                    if width * height > self.limits.png_pixels:
                        raise _named(RequestError(
                            f"a PNG of {width} x {height} px is more than the playground draws "
                            f"({self.limits.png_pixels / 1e6:g} million pixels): lower the dpi or the size"),
                            "dpi")
            if fmt == "svg":
                render_drawings(drawings, buffer, format=info.name)
            else:
                with self.slots.cairo():
                    render_drawings(drawings, buffer, format=info.name)
        return buffer.getvalue()

    # -- reading back ------------------------------------------------------------------------------

    def read(self, environ: Mapping[str, Any], query: str) -> Response:
        """Decode the picture or the ring bits in the request body (read in memory only)."""
        kind = str(environ.get("CONTENT_TYPE") or "").split(";", 1)[0].strip().lower()
        if kind not in (*_PICTURE_TYPES, *_BITS_TYPES):
            return _error(415, f"a body of type {kind[:40]!r} cannot be read: send a PNG (image/png), a "
                               "JPEG (image/jpeg) or ring bits (text/plain)")
        length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
        if not length_text.isdigit():
            return _error(411, "the request has no Content-Length: send the picture or the bits as the body")
        length = int(length_text)
        if length > self.limits.upload_bytes:
            return _error(413, f"the upload is {length / 1e6:.1f} MB, more than the playground reads "
                               f"({self.limits.upload_bytes / 2**20:g} MB)")
        hint = 80
        if query:
            values = dict(parse_qsl(query, keep_blank_values=True, max_num_fields=4))
            if set(values) - {"gores"}:
                raise RequestError(f"/api/read takes only gores in its query, not {query[:40]!r}")
            if values.get("gores", "").strip():
                hint = _gores_hint(values["gores"], self.limits)
        body = environ["wsgi.input"].read(length) if length else b""
        with self.slots.slot():
            if kind in _BITS_TYPES:
                try:
                    text = body.decode("utf-8")
                except UnicodeDecodeError:
                    raise RequestError("the pasted bits are not UTF-8 text of 0 and 1") from None
                result = read_bits(text, self.limits)
            else:
                result = read_picture(body, self.limits, gores=hint)
        return _json(result)


def _named(error: ChutecodeError, name: str) -> ChutecodeError:
    error.field = name  # type: ignore[attr-defined]
    return error


def _gores_hint(text: str, limits: Limits) -> int:
    stripped = text.strip()
    if not stripped.isdigit() or not 2 <= int(stripped) <= limits.gores:
        raise _named(RequestError(f"gores {text[:20]!r} is not valid: give a whole number from 2 to "
                                  f"{limits.gores}"), "gores")
    return int(stripped)


def make_app(limits: Limits = DEFAULT_LIMITS, *, hosts: Iterable[str] | None = None) -> Playground:
    """A playground WSGI application (see :class:`Playground`)."""
    return Playground(limits, hosts=hosts)
