"""Lengths, page sizes and margins with units. The internal length unit is the millimetre.

``parse_length("20cm")`` gives 200.0; pixel lengths need the DPI:
``parse_length("7200px", dpi=300)`` gives 609.6. Page sizes come from the
:data:`PAGE_SIZES` table or a ``WxH`` size such as ``500x500mm``:

>>> parse_page_size("a4")
(210.0, 297.0)
>>> parse_page_size("a4", landscape=True)
(297.0, 210.0)
>>> page_pixels(210.0, 297.0, 300)
(2480, 3508)
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from chutecode.errors import UnitError
from chutecode.limits import MAX_DPI

__all__ = [
    "UNITS_MM",
    "check_dpi",
    "PAGE_SIZES",
    "Margins",
    "parse_length",
    "parse_page_size",
    "parse_margins",
    "page_pixels",
    "length_pixels",
    "mm_to_px",
    "mm_to_pt",
    "UnitError",
]


#: Millimetres per unit. ``px`` is resolved with the DPI.
UNITS_MM: dict[str, float] = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}

_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$")


def parse_length(
    value: str | float | int, *, dpi: float = 300, default_unit: str = "mm", allow_zero: bool = False
) -> float:
    """Turn ``"20cm"``, ``"24in"``, ``"7200px"`` or a number into millimetres.

    A bare number is taken in ``default_unit``. Raises :class:`UnitError` for
    unknown units and for lengths that are not positive (zero is accepted when
    ``allow_zero`` is true, as for margins and bleed).
    """
    if isinstance(value, bool):
        raise UnitError(f"length {value!r} is not a length: give e.g. 20cm, 24in or 7200px")
    if isinstance(value, (int, float)):
        if isinstance(value, int) and abs(value) > 10**18:  # past any length, and past the floats
            raise UnitError(f"length of {int(math.log10(abs(value))) + 1} digits is not a length: give e.g. "
                            "20cm, 24in or 7200px")
        number, unit = float(value), default_unit
    else:
        match = _LENGTH.match(str(value))
        if not match:
            raise UnitError(
                f"length {value!r} is not a positive number with a unit: give e.g. 20cm, 200mm, "
                f"24in, 7200px or 600pt"
            )
        number, unit = float(match.group(1)), (match.group(2) or default_unit).lower()
    if unit == "px":
        mm = number / check_dpi(dpi) * 25.4
    elif unit in UNITS_MM:
        mm = number * UNITS_MM[unit]
    else:
        raise UnitError(f"unit {unit!r} in {value!r} is not known: use one of {', '.join([*UNITS_MM, 'px'])}")
    if mm == 0 and allow_zero:
        return 0.0
    if not mm > 0 or mm == float("inf"):
        raise UnitError(f"length {value!r} must be greater than zero")
    return mm


def check_dpi(dpi: object) -> float:
    """``dpi`` as a float when it is a positive, finite number; else :class:`UnitError`.

    This is the one check of a DPI value: designs, lengths in px, pixel sizes and
    every raster writer use it.
    """
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not math.isfinite(dpi) or dpi <= 0:
        raise UnitError(f"dpi {dpi!r} is not valid: give a positive number such as 300")
    if dpi > MAX_DPI:
        raise UnitError(f"dpi {dpi:g} is more than the limit of {MAX_DPI:g}: give a dpi such as 300")
    return float(dpi)


def mm_to_px(mm: float, dpi: float) -> float:
    """Millimetres to pixels at ``dpi``."""
    return mm / 25.4 * dpi


def mm_to_pt(mm: float) -> float:
    """Millimetres to PostScript points (1/72 in)."""
    return mm / 25.4 * 72


def _inches(width: float, height: float) -> tuple[float, float]:
    return width * 25.4, height * 25.4


#: Named page sizes, portrait, in millimetres (ISO 216 A series and US sizes).
#: The parser, the CLI help and the docs all read this one table.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a0": (841.0, 1189.0),
    "a1": (594.0, 841.0),
    "a2": (420.0, 594.0),
    "a3": (297.0, 420.0),
    "a4": (210.0, 297.0),
    "a5": (148.0, 210.0),
    "a6": (105.0, 148.0),
    "letter": _inches(8.5, 11.0),
    "legal": _inches(8.5, 14.0),
    "tabloid": _inches(11.0, 17.0),
    "18x24in": _inches(18.0, 24.0),
    "24x36in": _inches(24.0, 36.0),
}

_SIZE_UNITS = "mm|cm|in|pt|px"
_NUMBER = r"[0-9]*\.?[0-9]+"
_PAGE_SIZE = re.compile(
    rf"^\s*({_NUMBER})\s*({_SIZE_UNITS})?\s*[x×]\s*({_NUMBER})\s*({_SIZE_UNITS})?\s*$", re.IGNORECASE
)


def parse_page_size(value: str, *, landscape: bool = False, dpi: float = 300) -> tuple[float, float]:
    """Turn a page name or a ``WxH`` size into ``(width_mm, height_mm)``.

    ``value`` is a name from :data:`PAGE_SIZES` (any case: ``"a4"``, ``"Letter"``)
    or a width and a height with units, ``"500x500mm"``, ``"13.5inx4cm"`` or
    ``"18x24in"``. A side without a unit takes the other side's unit; with
    neither, millimetres. ``px`` sides are resolved at ``dpi``.

    Named sizes are portrait. ``landscape=True`` puts the longer side across
    (width >= height) for names and ``WxH`` sizes alike; without it a ``WxH``
    size is kept as written.

    Raises :class:`UnitError` naming the valid page names when ``value`` is
    neither a known name nor a ``WxH`` size.
    """
    text = str(value).strip().lower()
    if text in PAGE_SIZES:
        width, height = PAGE_SIZES[text]
    else:
        match = _PAGE_SIZE.match(text)
        if not match:
            raise UnitError(
                f"page size {value!r} is not known: use one of {', '.join(PAGE_SIZES)} "
                f"or a width x height with units such as 500x500mm or 13.5inx4cm"
            )
        w_number, w_unit, h_number, h_unit = match.groups()
        w_unit = (w_unit or h_unit or "mm").lower()
        h_unit = (h_unit or w_unit).lower()
        width = parse_length(f"{w_number}{w_unit}", dpi=dpi)
        height = parse_length(f"{h_number}{h_unit}", dpi=dpi)
    if landscape and height > width:
        width, height = height, width
    return width, height


class Margins(NamedTuple):
    """Page margins in millimetres, in CSS order."""

    top: float
    right: float
    bottom: float
    left: float


def parse_margins(value: str | float | int | Margins, *, dpi: float = 300) -> Margins:
    """Turn ``"10mm"``, ``"10mm,20mm"``, ``"1in,2cm,1in"`` or ``"1in,2cm,1in,2cm"`` into :class:`Margins`.

    One to four lengths separated by commas (or spaces), read as in CSS: one
    length for all sides; vertical then horizontal; top, horizontal, bottom;
    top, right, bottom, left. Bare numbers are millimetres and zero is allowed.
    """
    if isinstance(value, Margins):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        side = parse_length(value, dpi=dpi, allow_zero=True)
        return Margins(side, side, side, side)
    parts = [part for part in re.split(r"[,\s]+", str(value).strip()) if part]
    if not 1 <= len(parts) <= 4:
        raise UnitError(
            f"margins {value!r} are not valid: give 1 to 4 lengths separated by commas, "
            f"e.g. 10mm, 10mm,20mm or 1in,2cm,1in,2cm (top, right, bottom, left)"
        )
    sides = [parse_length(part, dpi=dpi, allow_zero=True) for part in parts]
    if len(sides) == 1:
        return Margins(sides[0], sides[0], sides[0], sides[0])
    if len(sides) == 2:
        return Margins(sides[0], sides[1], sides[0], sides[1])
    if len(sides) == 3:
        return Margins(sides[0], sides[1], sides[2], sides[1])
    return Margins(*sides)


def length_pixels(mm: float, dpi: float) -> int:
    """Whole pixels covering ``mm`` at ``dpi``: the nearest pixel, halves rounded up, at least 1.

    This is the rule that gives 2480 x 3508 px for A4 at 300 dpi
    (2480.31 and 3507.87 px): truncating would give 3507, rounding up 2481.
    """
    exact = mm / 25.4 * check_dpi(dpi)
    # The tolerance absorbs float noise such as 609.6 mm at 600 dpi = 14400.000000000002.
    return max(1, math.floor(round(exact, 6) + 0.5))


def page_pixels(width_mm: float, height_mm: float, dpi: float) -> tuple[int, int]:
    """Pixel size ``(width_px, height_px)`` of a page at ``dpi``; see :func:`length_pixels`.

    >>> page_pixels(215.9, 279.4, 300)
    (2550, 3300)
    """
    return length_pixels(width_mm, dpi), length_pixels(height_mm, dpi)
