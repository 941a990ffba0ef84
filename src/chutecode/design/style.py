"""The canopy's style: the shape of the rings on the page, as one typed value.

Styles:

- ``dgb`` (default), the disk-gap-band canopy of SPEC section 6: with four
  rings (three lines and the coordinates) ring 1 spans 0.09-0.37 of the
  outer radius, ring 2 0.37-0.63, ring 3 0.63-0.80, the gap 0.80-0.90 and
  the coordinate band 0.90-1.00. :mod:`chutecode.drawing.geometry` places other ring counts.
- ``disk``: rings edge to edge from the vent to the rim, of equal width
  (``equal="width"``) or equal area (``equal="area"``).
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any

from chutecode.errors import StyleError

__all__ = ["STYLES", "EQUAL", "DGB_DISK", "DGB_GAP", "DGB_BAND", "SEAM_FRACTION", "SEAM_GORES", "Style",
           "get_style", "seam_mm", "default_seam_mm"]

STYLES: tuple[str, ...] = ("dgb", "disk")
EQUAL: tuple[str, ...] = ("width", "area")

#: Ring boundaries of the real canopy's disk, fractions of the outer radius (SPEC section 6).
DGB_DISK: tuple[float, ...] = (0.09, 0.37, 0.63, 0.80)
#: The open gap between disk and band.
DGB_GAP: tuple[float, float] = (0.80, 0.90)
#: The band that holds the coordinate ring.
DGB_BAND: tuple[float, float] = (0.90, 1.00)

#: Default seam width as a fraction of the canopy diameter (for up to :data:`SEAM_GORES` gores).
SEAM_FRACTION = 0.0012
#: Past this many gores the default seam narrows with the gores (Perseverance has 80).
SEAM_GORES = 80


@dataclass(frozen=True)
class Style:
    """How a layout is laid out on the page.

    Attributes:
        name: ``dgb`` (disk-gap-band, default) or ``disk``.
        equal: for ``disk``: rings of equal ``width`` (default) or ``area``.
        start_angle: degrees clockwise from 12 o'clock where the leading edge
            of gore 0 sits (default 0).
        gore_offset: whole gores to turn the code clockwise (the real canopy
            shows its D group one gore clockwise of the top: ``gore_offset=1``).
        seam_width: seam lines in mm (a number or a length such as
            ``"0.4mm"``); ``None`` for 0.12 % of the diameter, narrowed in
            proportion to the gores past 80 gores (:func:`default_seam_mm`),
            ``0`` for none.
        vent: radius of the vent as a fraction of the outer radius; ``None``
            for 0.09 (the real canopy's).
        annotate: write each symbol's letter or number on its group.
        merge: draw runs of gores of equal colour as one shape (default);
            ``False`` gives one shape a gore.
    """

    name: str = "dgb"
    equal: str = "width"
    start_angle: float = 0.0
    gore_offset: int = 0
    seam_width: float | str | None = None
    vent: float | None = None
    annotate: bool = False
    merge: bool = True

    def __post_init__(self) -> None:
        if self.name not in STYLES:
            raise StyleError(f"style {self.name!r} is not known: use one of {', '.join(STYLES)}")
        if self.equal not in EQUAL:
            raise StyleError(f"equal {self.equal!r} is not valid: use one of {', '.join(EQUAL)}")
        if isinstance(self.start_angle, bool) or not isinstance(self.start_angle, (int, float)) \
                or not math.isfinite(self.start_angle):
            raise StyleError(f"start_angle {self.start_angle!r} is not valid: give degrees "
                             "clockwise from 12 o'clock, e.g. 0 or -4.5")
        if isinstance(self.gore_offset, bool) or not isinstance(self.gore_offset, int):
            raise StyleError(f"gore_offset {self.gore_offset!r} is not valid: give a whole number of gores")
        if self.vent is not None:
            limit = DGB_DISK[-1] if self.name == "dgb" else 1.0
            if isinstance(self.vent, bool) or not isinstance(self.vent, (int, float)) \
                    or not 0 <= self.vent < limit * 0.95:
                raise StyleError(f"vent {self.vent!r} is not valid: give a fraction of the outer radius "
                                 f"from 0 to below {limit * 0.95:.2f} for the {self.name} style")
        if not isinstance(self.annotate, bool) or not isinstance(self.merge, bool):
            raise StyleError(f"annotate {self.annotate!r} and merge {self.merge!r} must be True or False")
        if self.seam_width is not None:
            seam_mm(self.seam_width, 300.0)

    @property
    def vent_fraction(self) -> float:
        """The vent radius as a fraction of the outer radius."""
        return DGB_DISK[0] if self.vent is None else float(self.vent)

    def replace(self, **changes: Any) -> Style:
        """A copy with some options changed; raises :class:`StyleError` for unknown ones."""
        fields = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - fields)
        if unknown:
            raise StyleError(f"style option {unknown[0]!r} is not known: use {', '.join(sorted(fields))}")
        return dataclasses.replace(self, **changes)


def get_style(style: str | Style | None = None, **options: Any) -> Style:
    """A :class:`Style` from a name or a Style, with ``options`` applied."""
    if style is None:
        style = "dgb"
    if isinstance(style, str):
        name = style.strip().lower()
        if name not in STYLES:
            raise StyleError(f"style {style!r} is not known: use one of {', '.join(STYLES)}")
        return Style(name=name).replace(**options)
    if isinstance(style, Style):
        return style.replace(**options) if options else style
    raise StyleError(f"style {style!r} is not valid: give a name ({', '.join(STYLES)}) or a Style")


def default_seam_mm(diameter: float, gores: int) -> float:
    """The default seam width in mm: 0.12 % of the diameter, times ``80 / gores`` past 80 gores.

    A seam keeps the same share of a gore's width however many gores there
    are, so 1000 narrow gores still show their colours between the seams.

    >>> default_seam_mm(200, 80), default_seam_mm(200, 1000)
    (0.24, 0.0192)
    """
    return round(SEAM_FRACTION * diameter * min(1.0, SEAM_GORES / max(gores, 1)), 12)


def seam_mm(value: float | str, dpi: float) -> float:
    """A seam width in mm from a number of mm or a length such as ``"0.3mm"`` (zero: no seams)."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"0*\.?0+\s*[a-zA-Z]*", text):
            return 0.0
        from chutecode.design.units import UnitError, parse_length

        try:
            return parse_length(text, dpi=dpi)
        except UnitError as exc:
            raise StyleError(f"seam_width {value!r} is not valid: give 0 or a length such as "
                             f"0.3mm ({exc})") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value < 0:
        raise StyleError(f"seam_width {value!r} is not valid: give 0 (no seams) or a length in mm")
    return float(value)
