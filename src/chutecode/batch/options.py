"""Row options: which columns a batch understands, and their types.

Command-line options give every row's defaults; a row's own columns override
them. A column is an option of :func:`chutecode.encode` (``codec``, ``rings``...)
or of the :class:`~chutecode.design.Design` (every field of its table, in the
same spelling and units as the API and the command line). Values from CSV
arrive as text and are converted here, so a bad value fails that row with a
one-line error naming the column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chutecode.batch.rows import BatchError
from chutecode.design.design import FIELD_NAMES, Design
from chutecode.design.options import parse_bool
from chutecode.errors import ChutecodeError, RowOptionError

__all__ = ["ENCODE_COLUMNS", "DESIGN_COLUMNS", "META_COLUMNS", "split_options", "RowOptionError",
           "check_columns"]


def _shown(value: Any) -> str:
    """A cell quoted for a message, cut short when it is long."""
    text = repr(value)
    return text if len(text) <= 48 else repr(str(value)[:40] + "…")


def _text(value: Any) -> str:
    return str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a whole number")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("+-").isdigit() or len(text) > 18:
        raise ValueError("a whole number")
    return int(text)


def _bool(value: Any) -> bool:
    if isinstance(value, str) and value.strip() == "":
        return False
    try:
        return parse_bool(value, "value")
    except ChutecodeError:
        raise ValueError("true or false") from None


Converter = Callable[[Any], Any]

#: Columns passed to :func:`chutecode.encode`.
ENCODE_COLUMNS: dict[str, Converter] = {
    "codec": _text, "flow": _text, "rings": _int, "gores": _int, "group": _int, "spacer": _int,
    "transliterate": _bool, "strict": _bool,
}

#: Columns that are design options: the field table, name for name.
DESIGN_COLUMNS: tuple[str, ...] = FIELD_NAMES

#: Columns with a meaning of their own.
META_COLUMNS = ("message", "coords", "name", "index")


def check_columns(columns: set[str]) -> None:
    """Refuse unknown column names for the whole batch, listing the valid ones."""
    known = set(ENCODE_COLUMNS) | set(DESIGN_COLUMNS) | set(META_COLUMNS)
    unknown = sorted(c for c in columns if c not in known)
    if unknown:
        raise BatchError(
            f"column {unknown[0]!r} is not a design option: use {', '.join(sorted(known))}"
        )


def split_options(values: dict[str, Any]) -> tuple[dict[str, Any], Design]:
    """Convert a row's values into (encode options, :class:`Design`)."""
    encode_options: dict[str, Any] = {}
    design_values: dict[str, Any] = {}
    for key, value in values.items():
        if key in META_COLUMNS or value is None:
            continue
        if key in ENCODE_COLUMNS:
            try:
                encode_options[key] = ENCODE_COLUMNS[key](value)
            except (TypeError, ValueError) as exc:
                raise RowOptionError(f"column {key!r} has {_shown(value)}: use {exc}") from None
        elif key in DESIGN_COLUMNS:
            design_values[key] = value
    try:
        design = Design.create(**design_values)
    except ChutecodeError as exc:
        name = getattr(exc, "field", None)
        if name is None:
            raise
        raise RowOptionError(f"column {name!r} has {_shown(design_values.get(name))}: {exc}") from None
    return encode_options, design
