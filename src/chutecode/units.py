"""Lengths with units. The internal length unit is the millimetre.

``parse_length("20cm")`` gives 200.0; pixel lengths need the DPI:
``parse_length("7200px", dpi=300)`` gives 609.6.
"""

from __future__ import annotations

import re

from chutecode.errors import ChutecodeError

__all__ = ["UNITS_MM", "parse_length", "mm_to_px", "mm_to_pt", "UnitError"]


class UnitError(ChutecodeError):
    """A length, size or page name could not be understood."""


#: Millimetres per unit. ``px`` is resolved with the DPI.
UNITS_MM: dict[str, float] = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}

_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$")


def parse_length(value: str | float | int, *, dpi: float = 300, default_unit: str = "mm") -> float:
    """Turn ``"20cm"``, ``"24in"``, ``"7200px"`` or a number into millimetres.

    A bare number is taken in ``default_unit``. Raises :class:`UnitError` for
    unknown units and for lengths that are not positive.
    """
    if isinstance(value, bool):
        raise UnitError(f"length {value!r} is not a length: give e.g. 20cm, 24in or 7200px")
    if isinstance(value, (int, float)):
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
        if dpi <= 0:
            raise UnitError(f"dpi {dpi!r} is not valid: use a positive number")
        mm = number / dpi * 25.4
    elif unit in UNITS_MM:
        mm = number * UNITS_MM[unit]
    else:
        raise UnitError(f"unit {unit!r} in {value!r} is not known: use one of {', '.join([*UNITS_MM, 'px'])}")
    if not mm > 0 or mm == float("inf"):
        raise UnitError(f"length {value!r} must be greater than zero")
    return mm


def mm_to_px(mm: float, dpi: float) -> float:
    """Millimetres to pixels at ``dpi``."""
    return mm / 25.4 * dpi


def mm_to_pt(mm: float) -> float:
    """Millimetres to PostScript points (1/72 in)."""
    return mm / 25.4 * 72
