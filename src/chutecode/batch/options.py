"""Row options: which columns a batch understands, and their types.

Command-line options give every row's defaults; a row's own columns override
them. Values from CSV arrive as text and are converted here, so a bad value
fails that row with a one-line error naming the column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chutecode.batch.rows import BatchError
from chutecode.errors import ChutecodeError

__all__ = ["ENCODE_COLUMNS", "RENDER_COLUMNS", "META_COLUMNS", "split_options", "RowOptionError",
           "check_columns"]


class RowOptionError(ChutecodeError):
    """A row's column holds a value of the wrong type."""


def _text(value: Any) -> str:
    return str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a whole number")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("+-").isdigit():
        raise ValueError("a whole number")
    return int(text)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a number")
    return float(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "on"):
        return True
    if text in ("0", "false", "no", "n", "off", ""):
        return False
    raise ValueError("true or false")


def _flag_or_text(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    if text.lower() in ("1", "true", "yes", "y", "on"):
        return True
    if text.lower() in ("0", "false", "no", "n", "off"):
        return False
    return text


Converter = Callable[[Any], Any]

#: Columns passed to :func:`chutecode.encode`.
ENCODE_COLUMNS: dict[str, Converter] = {
    "codec": _text, "flow": _text, "rings": _int, "gores": _int, "group": _int, "spacer": _int,
    "transliterate": _bool, "strict": _bool,
}

#: Columns passed to :func:`chutecode.render`, with their types (a test keeps the
#: names within :data:`chutecode.renderers.api.RENDER_OPTIONS`).
RENDER_COLUMNS: dict[str, Converter] = {
    "style": _text, "palette": _text, "size": _text, "dpi": _float, "start_angle": _float,
    "gore_offset": _int, "annotate": _bool, "seam_width": _float, "seam_color": _text,
    "vent": _float, "equal": _text,
    "page": _text, "landscape": _bool, "margin": _text, "bleed": _text, "crop_marks": _bool,
    "caption": _flag_or_text, "subtitle": _flag_or_text, "legend": _bool, "footer": _flag_or_text,
    "font": _text, "paper": _text, "title": _text, "author": _text, "subject": _text,
}

#: Columns with a meaning of their own.
META_COLUMNS = ("message", "coords", "name", "index")


def check_columns(columns: set[str]) -> None:
    """Refuse unknown column names for the whole batch, listing the valid ones."""
    known = set(ENCODE_COLUMNS) | set(RENDER_COLUMNS) | set(META_COLUMNS)
    unknown = sorted(c for c in columns if c not in known)
    if unknown:
        raise BatchError(
            f"column {unknown[0]!r} is not a design option: use {', '.join(sorted(known))}"
        )


def split_options(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Convert and split option values into (encode options, render options)."""
    encode_options: dict[str, Any] = {}
    render_options: dict[str, Any] = {}
    for key, value in values.items():
        if key in META_COLUMNS or value is None:
            continue
        for table, target in ((ENCODE_COLUMNS, encode_options), (RENDER_COLUMNS, render_options)):
            if key in table:
                try:
                    target[key] = table[key](value)
                except (TypeError, ValueError) as exc:
                    raise RowOptionError(f"column {key!r} has {value!r}: use {exc}") from None
                break
    return encode_options, render_options
