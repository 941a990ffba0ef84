"""Reading batch rows from CSV (header row), JSON Lines or TOML (``[[poster]]``)."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chutecode.errors import BatchError
from chutecode.limits import MAX_ROWS_BYTES, size_text

__all__ = ["BatchError", "Row", "read_rows", "parse_rows"]


@dataclass(frozen=True)
class Row:
    """One design to make: where it came from and its fields.

    Attributes:
        index: 1-based position among the rows.
        line: line number in the source file (the TOML table's ordinal for TOML).
        fields: column name to value, empty cells left out.
    """

    index: int
    line: int
    fields: dict[str, Any] = field(default_factory=dict)


def read_rows(path: str | Path) -> list[Row]:
    """Read rows from a ``.csv``, ``.jsonl``/``.ndjson`` or ``.toml`` file."""
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise BatchError(f"rows file {str(source)!r} cannot be read: {exc.strerror or exc}") from None
    if size > MAX_ROWS_BYTES:
        raise BatchError(f"rows file {str(source)!r} of {size_text(size)} is larger than the limit of "
                         f"{size_text(MAX_ROWS_BYTES)}: split it into several batches")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchError(f"rows file {str(source)!r} is not UTF-8 text ({exc.reason})") from None
    return parse_rows(text, source.suffix.lower().lstrip("."), name=str(source))


def parse_rows(text: str, kind: str, *, name: str = "<rows>") -> list[Row]:
    """Parse rows from text of kind ``csv``, ``jsonl`` (or ``ndjson``, ``json``) or ``toml``."""
    if kind == "csv":
        rows = _csv_rows(text, name)
    elif kind in ("jsonl", "ndjson", "json"):
        rows = _jsonl_rows(text, name)
    elif kind == "toml":
        rows = _toml_rows(text, name)
    else:
        raise BatchError(f"rows file {name!r} has kind {kind!r}: use a .csv, .jsonl or .toml file")
    if not rows:
        raise BatchError(f"rows file {name!r} holds no rows: give at least one design")
    return rows


def _csv_rows(text: str, name: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not header:
        raise BatchError(f"rows file {name!r} has no header row: the first line names the columns")
    blank = [i + 1 for i, col in enumerate(header) if not (col or "").strip()]
    if blank:
        raise BatchError(f"rows file {name!r} has an empty column name (column {blank[0]})")
    rows: list[Row] = []
    for record in reader:
        extra = record.pop(None, None)
        fields = {k.strip(): v for k, v in record.items() if v is not None and v.strip() != ""}
        if extra:
            fields["__extra__"] = extra
        if not fields:
            continue
        rows.append(Row(len(rows) + 1, reader.line_num, fields))
    return rows


def _jsonl_rows(text: str, name: str) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BatchError(f"rows file {name!r} line {number} is not JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise BatchError(f"rows file {name!r} line {number} is not a JSON object: give one "
                             "object a line")
        rows.append(Row(len(rows) + 1, number, {k: v for k, v in data.items() if v is not None}))
    return rows


def _toml_rows(text: str, name: str) -> list[Row]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BatchError(f"rows file {name!r} is not valid TOML: {exc}") from None
    posters = data.get("poster")
    if not isinstance(posters, list) or not all(isinstance(p, dict) for p in posters):
        raise BatchError(f"rows file {name!r} has no [[poster]] tables: give one [[poster]] a design")
    # TOML tables have no line numbers after parsing: report the table's ordinal and
    # the line of its header, found in the text.
    header_lines = [n for n, line in enumerate(text.splitlines(), start=1)
                    if line.strip().startswith("[[poster]]")]
    return [
        Row(i + 1, header_lines[i] if i < len(header_lines) else i + 1, dict(p))
        for i, p in enumerate(posters)
    ]
