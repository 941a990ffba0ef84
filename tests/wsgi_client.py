"""Calling a WSGI application in-process, as a server would (for the playground's tests)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any
from wsgiref.util import setup_testing_defaults


@dataclass
class Answer:
    """What the application answered."""

    status: int
    headers: dict[str, str]
    body: bytes
    errors: str = ""
    raw_headers: list[tuple[str, str]] = field(default_factory=list)

    def json(self) -> Any:
        assert self.headers["Content-Type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def call(app: Any, path: str, query: str = "", *, method: str | None = None, body: bytes | None = None,
         content_type: str | None = None, environ: dict[str, Any] | None = None) -> Answer:
    """One request to ``app`` (a GET, or a POST of ``body`` with its Content-Length)."""
    method = method or ("GET" if body is None else "POST")
    env: dict[str, Any] = {}
    setup_testing_defaults(env)
    errors = io.StringIO()
    env.update(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD=method, HTTP_HOST="127.0.0.1:8000")
    env["wsgi.input"] = io.BytesIO(body or b"")
    env["wsgi.errors"] = errors
    if body is not None:
        env["CONTENT_LENGTH"] = str(len(body))
    if content_type is not None:
        env["CONTENT_TYPE"] = content_type
    env.update(environ or {})
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        seen["status"], seen["headers"] = status, headers
        return lambda data: None

    chunks = app(env, start_response)
    try:
        data = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return Answer(int(seen["status"].split()[0]), dict(seen["headers"]), data, errors.getvalue(),
                  list(seen["headers"]))
