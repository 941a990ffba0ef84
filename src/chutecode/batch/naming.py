"""Safe, unique file names for batch outputs.

A name comes from the row's ``name`` column or a ``--name`` template such as
``{index:04d}-{message}``. Whatever the row says, the result is one plain file
name: no path separators, no ``..``, no control characters, bounded length,
unique within the batch (case-insensitively), so nothing is ever written
outside the output folder.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from typing import Any

from chutecode.batch.rows import BatchError
from chutecode.limits import MAX_NAME_CHARS

__all__ = ["check_template", "expand_template", "safe_stem", "NameBook", "MAX_STEM"]

MAX_STEM = 80
_UNSAFE = re.compile(r"[^\w\-. ]+", re.UNICODE)
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


def check_template(template: str) -> None:
    """Refuse a template with attribute or index lookups, bad syntax, or past the limits
    (:data:`~chutecode.limits.MAX_NAME_CHARS` characters, and no width or precision above it)."""
    if not isinstance(template, str):
        raise BatchError(f"name template {template!r:.60} is not text: give e.g. '{{index:04d}}-{{message}}'")
    if len(template) > MAX_NAME_CHARS:
        raise BatchError(f"name template of {len(template)} characters is longer than the limit of "
                         f"{MAX_NAME_CHARS}: give a shorter template")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise BatchError(f"name template {template!r} is not valid: {exc}") from None
    for _, field_name, spec, _ in parts:
        if field_name is None:
            continue
        if not field_name or not field_name.isidentifier():
            raise BatchError(
                f"name template {template!r} has field {{{field_name}}}: use plain column names "
                "such as {index:04d}-{message}"
            )
        if "{" in (spec or ""):
            raise BatchError(f"name template {template!r} has a field inside {{{field_name}:{spec}}}: "
                             "give the width as a number, such as {index:04d}")
        widest = max((int(number) for number in re.findall(r"\d+", spec or "")), default=0)
        if widest > MAX_NAME_CHARS:
            raise BatchError(
                f"name template {template!r} asks for {{{field_name}:{spec}}}, wider than the limit of "
                f"{MAX_NAME_CHARS} characters of a name: use a width such as {{index:04d}}"
            )


def expand_template(template: str, fields: dict[str, Any], index: int) -> str:
    """Fill a ``--name`` template from a row; missing columns are empty."""
    values = {key: value for key, value in fields.items() if isinstance(key, str)}
    values["index"] = index

    class _Missing(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return ""

    try:
        return string.Formatter().vformat(template, (), _Missing(values))[:4 * MAX_NAME_CHARS]
    except (ValueError, TypeError) as exc:
        raise BatchError(f"name template {template!r} does not fit row {index}: {exc}") from None


def safe_stem(raw: str, fallback: str) -> str:
    """Make ``raw`` a plain, bounded file stem; ``fallback`` when nothing is left."""
    text = unicodedata.normalize("NFKC", str(raw)[:4 * MAX_NAME_CHARS])
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"[\s_]+", lambda m: "_" if "_" in m.group() else "-", text.strip())
    text = text.strip("._- ")
    encoded = text.encode("utf-8")[:MAX_STEM]
    text = encoded.decode("utf-8", errors="ignore").rstrip("._- ")
    if not text:
        return fallback
    if text.lower().split(".")[0] in _RESERVED:
        text = f"_{text}"
    return text


class NameBook:
    """Hands out unique stems within one batch (case-insensitive); ``reserved`` stems are
    never handed out (the batch's own files, such as the ``combine`` book)."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken: set[str] = {stem.lower() for stem in reserved}

    def claim(self, stem: str) -> str:
        """Return ``stem``, or ``stem-2``, ``stem-3``, ... if already taken."""
        candidate, number = stem, 1
        while candidate.lower() in self._taken:
            number += 1
            suffix = f"-{number}"
            candidate = stem.encode("utf-8")[:MAX_STEM - len(suffix)].decode("utf-8", "ignore") + suffix
        self._taken.add(candidate.lower())
        return candidate
