"""Palettes: colours for the roles of a canopy drawing.

A :class:`Palette` maps the roles of the layout to RGB colours:

- ``one`` and ``zero``: data gores carrying a 1 or a 0;
- ``spacer``, ``terminator`` and ``fill``: gores with those roles; each falls
  back to the colour of the bit it carries (a spacer holds a 0, terminator
  data and fill hold 1s), so most palettes leave them unset;
- ``seam``: the seam lines between gores and rings;
- ``background``: the page, the vent and the gap;
- ``text``: labels in annotate mode;
- ``rings``: optional per-ring ``one`` colours, innermost ring first; rings
  past the end of the tuple use ``one``.

Colours are given as any CSS colour string Pillow's ``ImageColor`` reads
(``#DF6A33``, ``rgb(223, 106, 51)``, ``hsl(...)``, ``orange``) or as RGB
tuples, and are stored as ``(r, g, b)`` tuples of 0-255.

>>> get_palette("perseverance").one
(217, 83, 43)
>>> get_palette({"base": "mono", "one": "navy"}).one
(0, 0, 128)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chutecode.errors import PaletteError

__all__ = ["RGB", "Palette", "PALETTES", "ROLES", "get_palette", "parse_colour", "hex_colour", "luminance",
           "contrast", "mix"]

RGB = tuple[int, int, int]

#: The colour roles a palette can set, in display order.
ROLES: tuple[str, ...] = ("one", "zero", "spacer", "terminator", "fill", "seam", "background", "text")

#: Layout role codes (see :data:`chutecode.ringcode.layout.ROLE_NAMES`) to palette fields.
_ROLE_FIELD = {"s": "spacer", "t": "terminator", "f": "fill"}


def parse_colour(value: str | Sequence[int], *, role: str = "colour") -> RGB:
    """Turn a CSS colour string or an RGB(A) sequence into an ``(r, g, b)`` tuple.

    Raises :class:`PaletteError` quoting the value when it is not a colour, or
    when it is not opaque.

    >>> parse_colour("#DF6A33")
    (223, 106, 51)
    >>> parse_colour("rgb(0, 114, 178)")
    (0, 114, 178)
    """
    if isinstance(value, str):
        from PIL import ImageColor

        try:
            parsed: tuple[int, ...] = tuple(ImageColor.getrgb(value.strip()))
        except ValueError:
            raise PaletteError(
                f"{role} {value!r} is not a colour: give a CSS colour such as '#DF6A33', "
                f"'rgb(223, 106, 51)', 'hsl(19, 73%, 54%)' or a name such as 'orange'"
            ) from None
    elif isinstance(value, Sequence) and all(isinstance(v, int) and not isinstance(v, bool)
                                             for v in value):
        parsed = tuple(int(v) for v in value)
        if len(parsed) not in (3, 4) or not all(0 <= v <= 255 for v in parsed):
            raise PaletteError(f"{role} {value!r} is not a colour: give 3 numbers from 0 to 255")
    else:
        raise PaletteError(f"{role} {value!r} is not a colour: give a CSS colour string or (r, g, b)")
    if len(parsed) == 4 and parsed[3] != 255:
        raise PaletteError(f"{role} {value!r} is not opaque: give a colour without transparency")
    return (parsed[0], parsed[1], parsed[2])


def hex_colour(colour: RGB) -> str:
    """``(223, 106, 51)`` -> ``'#df6a33'``."""
    return "#{:02x}{:02x}{:02x}".format(*colour)


@dataclass(frozen=True)
class Palette:
    """Colours for every role of a drawing; see the module docstring.

    Build one with :func:`get_palette` (which parses colour strings) or
    :meth:`Palette.create`; unset roles are ``None`` and resolved by
    :meth:`colour`, :attr:`seam_colour`, :attr:`text_colour`.
    """

    name: str
    one: RGB
    zero: RGB
    background: RGB
    spacer: RGB | None = None
    terminator: RGB | None = None
    fill: RGB | None = None
    seam: RGB | None = None
    text: RGB | None = None
    rings: tuple[RGB, ...] = ()
    description: str = ""

    @classmethod
    def create(cls, name: str = "custom", **colours: Any) -> Palette:
        """Build a palette from colour strings or tuples; ``one``, ``zero`` and
        ``background`` are required, the other roles optional."""
        missing = [role for role in ("one", "zero", "background") if colours.get(role) is None]
        if missing:
            raise PaletteError(f"palette {name!r} has no {', '.join(missing)} colour: "
                               "give one, zero and background (the other roles fall back)")
        return _build(name, colours)

    def replace(self, **changes: Any) -> Palette:
        """A copy with some roles changed; colours may be strings. ``None`` unsets
        an optional role."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        values.update(changes)
        name = values.pop("name")
        return _build(name, values)

    def ring_one(self, ring: int) -> RGB:
        """The ``one`` colour of ring ``ring`` (0 = innermost)."""
        return self.rings[ring] if 0 <= ring < len(self.rings) else self.one

    def colour(self, role: str, bit: int | str, ring: int = 0) -> RGB:
        """The colour of a gore: its role code (``s``, ``d``, ``t``, ``f``) or role
        name, the bit it carries and its ring index (0 = innermost)."""
        field = _ROLE_FIELD.get(role, role if role in ("spacer", "terminator", "fill") else None)
        if field is not None:
            own = getattr(self, field)
            if own is not None:
                return own
        return self.ring_one(ring) if int(bit) else self.zero

    @property
    def seam_colour(self) -> RGB:
        """The seam colour; unset, a grey between ``one`` and ``zero``."""
        if self.seam is not None:
            return self.seam
        return mix(self.one, self.zero, 0.5)

    @property
    def text_colour(self) -> RGB:
        """The label colour; unset, black or white, whichever contrasts more with ``zero``."""
        if self.text is not None:
            return self.text
        black, white = (0, 0, 0), (255, 255, 255)
        return black if contrast(self.zero, black) >= contrast(self.zero, white) else white

    def to_dict(self) -> dict[str, Any]:
        """The palette as plain data with ``#rrggbb`` colours (unset roles omitted)."""
        out: dict[str, Any] = {"name": self.name}
        for role in ROLES:
            value = getattr(self, role)
            if value is not None:
                out[role] = hex_colour(value)
        if self.rings:
            out["rings"] = [hex_colour(c) for c in self.rings]
        if self.description:
            out["description"] = self.description
        return out


def _build(name: str, values: Mapping[str, Any]) -> Palette:
    allowed = {f.name for f in dataclasses.fields(Palette)} - {"name"}
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise PaletteError(f"palette field {unknown[0]!r} is not known: use {', '.join(sorted(allowed))}")
    parsed: dict[str, Any] = {}
    for role in ROLES:
        value = values.get(role)
        parsed[role] = None if value is None else parse_colour(value, role=role)
    for role in ("one", "zero", "background"):
        if parsed[role] is None:
            raise PaletteError(f"palette {name!r} needs a {role} colour")
    rings = values.get("rings") or ()
    if isinstance(rings, str):
        rings = [part for part in re.split(r"[,;](?![^(]*\))", rings) if part.strip()]
    parsed["rings"] = tuple(parse_colour(c, role=f"ring {i + 1} colour") for i, c in enumerate(rings))
    return Palette(name=str(name), description=str(values.get("description") or ""), **parsed)


def luminance(colour: RGB) -> float:
    """Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


_DEFINITIONS: dict[str, dict[str, Any]] = {
    "perseverance": {
        "one": "#D9532B", "zero": "#FFFFFF", "seam": "#B9B4AE", "background": "#1E1A18",
        "text": "#1A1A1A",
        "description": "orange and white gores on a dark sky, as on the Mars 2020 canopy",
    },
    "mars": {
        "one": "#A8361E", "zero": "#E9C9A0", "seam": "#7A4A33", "background": "#3A1C12",
        "text": "#2B1109",
        "description": "rust and butterscotch, the colours of Jezero crater",
    },
    "midnight": {
        "one": "#F2C14E", "zero": "#22386A", "seam": "#4A5F90", "background": "#05070D",
        "text": "#FFFFFF",
        "description": "gold on deep navy",
    },
    "blueprint": {
        "one": "#E3EEFA", "zero": "#1F5A9E", "seam": "#8DB4E2", "background": "#123A6B",
        "text": "#FFFFFF",
        "description": "pale lines on blueprint blue",
    },
    "mono": {
        "one": "#111111", "zero": "#FFFFFF", "seam": "#777777", "background": "#BDBDBD",
        "text": "#000000",
        "description": "black and white gores on grey, for laser printers",
    },
    "okabe-ito": {
        "one": "#0072B2", "zero": "#F0E442", "seam": "#000000", "background": "#000000",
        "text": "#000000",
        "description": "blue and yellow from the Okabe-Ito set, clear to colour-blind readers",
    },
    "pastel": {
        "one": "#EE8C8C", "zero": "#FFF7E6", "seam": "#C9B8A8", "background": "#A9C7E0",
        "text": "#4A3B3B",
        "description": "coral and cream on powder blue",
    },
    "explain": {
        "one": "#E4572E", "zero": "#FFFFFF", "spacer": "#C6D2DE", "terminator": "#8E44AD",
        "fill": "#F5B041", "seam": "#9AA5B1", "background": "#2C3E50", "text": "#111111",
        "description": "annotate mode: spacers grey-blue, terminator purple, fill amber",
    },
}

#: The named palettes, by name.
PALETTES: dict[str, Palette] = {name: _build(name, spec) for name, spec in _DEFINITIONS.items()}


def get_palette(spec: str | Palette | Mapping[str, Any] | None = None) -> Palette:
    """A palette from a name, a :class:`Palette`, or a mapping of roles.

    A mapping may name a ``base`` palette (default ``perseverance``) whose
    roles it changes: ``{"base": "mono", "one": "navy", "rings": ["red", "blue"]}``.
    ``None`` gives ``perseverance``. Raises :class:`PaletteError` for an
    unknown name, field or colour.
    """
    if spec is None:
        return PALETTES["perseverance"]
    if isinstance(spec, Palette):
        return spec
    if isinstance(spec, str):
        key = spec.strip().lower().replace("_", "-")
        if key in PALETTES:
            return PALETTES[key]
        raise PaletteError(f"palette {spec!r} is not known: use one of {', '.join(PALETTES)}")
    if isinstance(spec, Mapping):
        changes = dict(spec)
        base = get_palette(changes.pop("base", "perseverance"))
        name = changes.pop("name", f"{base.name}+custom" if changes else base.name)
        return base.replace(name=name, **changes)
    raise PaletteError(f"palette {spec!r} is not valid: give a name ({', '.join(PALETTES)}), "
                       "a Palette or a mapping of roles to colours")
