"""Positioned page elements: boxes, text lines, rectangles, segments and blocks.

Every length is in millimetres, in page coordinates: the origin is the
top-left corner of the trimmed page, y grows downwards. Blocks are built at
the origin and moved into place by :mod:`chutecode.drawing.composition`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from chutecode.design.fonts import DEFAULT_FONT
from chutecode.design.language import DEFAULT_LANGUAGE
from chutecode.design.palette import RGB
from chutecode.drawing.text import measure

__all__ = [
    "Box",
    "TextLine",
    "Rect",
    "Segment",
    "Block",
    "text_line",
    "union",
]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle from ``(x0, y0)`` to ``(x1, y1)``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """``x1 - x0``."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """``y1 - y0``."""
        return self.y1 - self.y0

    def moved(self, dx: float, dy: float) -> Box:
        """The box shifted by ``(dx, dy)``."""
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def inside(self, other: Box, tolerance: float = 1e-6) -> bool:
        """True when this box lies within ``other``."""
        return (
            self.x0 >= other.x0 - tolerance
            and self.y0 >= other.y0 - tolerance
            and self.x1 <= other.x1 + tolerance
            and self.y1 <= other.y1 + tolerance
        )

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share some area."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def distance_to(self, point: tuple[float, float]) -> float:
        """Distance from ``point`` to the nearest point of the box (0 inside it)."""
        dx = max(self.x0 - point[0], 0.0, point[0] - self.x1)
        dy = max(self.y0 - point[1], 0.0, point[1] - self.y1)
        return math.hypot(dx, dy)

    def clear_of_disk(self, centre: tuple[float, float], radius: float) -> bool:
        """True when no point of the box lies inside the disk."""
        return self.distance_to(centre) >= radius


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding all ``boxes`` (an empty box at the origin for none)."""
    items = list(boxes)
    if not items:
        return Box(0.0, 0.0, 0.0, 0.0)
    return Box(
        min(b.x0 for b in items), min(b.y0 for b in items), max(b.x1 for b in items), max(b.y1 for b in items)
    )


@dataclass(frozen=True)
class TextLine:
    """One line of text: its left end at ``x`` on the baseline ``y``, ``advance`` wide; ``bbox``
    holds every glyph. ``lang`` is its language and ``rtl`` its direction (a right-to-left line
    starts at its right end, ``x + advance``)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    colour: RGB
    font: str
    advance: float
    bbox: Box
    lang: str = DEFAULT_LANGUAGE
    rtl: bool = False

    def moved(self, dx: float, dy: float) -> TextLine:
        """The line shifted by ``(dx, dy)``."""
        return replace(self, x=self.x + dx, y=self.y + dy, bbox=self.bbox.moved(dx, dy))


def text_line(
    text: str,
    x: float,
    y: float,
    size: float,
    colour: RGB,
    *,
    font: str = DEFAULT_FONT,
    bold: bool = False,
    anchor: str = "start",
    lang: str = DEFAULT_LANGUAGE,
    rtl: bool | None = None,
) -> TextLine:
    """A measured line; ``anchor`` says what ``x`` is: the ``left`` or ``right`` end, the
    ``middle``, or the ``start`` or ``end`` in the line's direction (``start`` is the right end
    of a right-to-left line). ``rtl`` ``None`` finds the direction from the text and ``lang``."""
    m = measure(text, size, font, bold=bold, lang=lang, rtl=rtl)
    if anchor == "start":
        anchor = "right" if m.rtl else "left"
    elif anchor == "end":
        anchor = "left" if m.rtl else "right"
    if anchor == "middle":
        x -= m.advance / 2
    elif anchor == "right":
        x -= m.advance
    box = Box(x + m.left, y - m.ascent, x + m.right, y + m.descent)
    return TextLine(text, x, y, size, bold, colour, font, m.advance, box, lang, m.rtl)


@dataclass(frozen=True)
class Rect:
    """A rectangle, filled and/or outlined (``stroke_width`` mm, centred on the edge)."""

    x: float
    y: float
    w: float
    h: float
    fill: RGB | None = None
    stroke: RGB | None = None
    stroke_width: float = 0.0

    @property
    def bbox(self) -> Box:
        """The painted area, outline included."""
        half = self.stroke_width / 2 if self.stroke is not None else 0.0
        return Box(self.x - half, self.y - half, self.x + self.w + half, self.y + self.h + half)

    def moved(self, dx: float, dy: float) -> Rect:
        """The rectangle shifted by ``(dx, dy)``."""
        return replace(self, x=self.x + dx, y=self.y + dy)


@dataclass(frozen=True)
class Segment:
    """A straight line from ``(x0, y0)`` to ``(x1, y1)``, ``width`` mm wide, butt ends."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: RGB
    width: float

    @property
    def bbox(self) -> Box:
        """The painted area (approximately: the end points grown by half the width)."""
        half = self.width / 2
        return Box(
            min(self.x0, self.x1) - half,
            min(self.y0, self.y1) - half,
            max(self.x0, self.x1) + half,
            max(self.y0, self.y1) + half,
        )

    def moved(self, dx: float, dy: float) -> Segment:
        """The segment shifted by ``(dx, dy)``."""
        return replace(self, x0=self.x0 + dx, y0=self.y0 + dy, x1=self.x1 + dx, y1=self.y1 + dy)


@dataclass(frozen=True)
class Block:
    """A named group of texts, rectangles and segments; ``bbox`` holds all of them."""

    name: str
    texts: tuple[TextLine, ...] = ()
    rects: tuple[Rect, ...] = ()
    segments: tuple[Segment, ...] = ()

    @property
    def bbox(self) -> Box:
        """The area the block paints."""
        return union(
            [*(t.bbox for t in self.texts), *(r.bbox for r in self.rects), *(s.bbox for s in self.segments)]
        )

    def moved(self, dx: float, dy: float) -> Block:
        """The block shifted by ``(dx, dy)``."""
        return Block(
            self.name,
            tuple(t.moved(dx, dy) for t in self.texts),
            tuple(r.moved(dx, dy) for r in self.rects),
            tuple(s.moved(dx, dy) for s in self.segments),
        )

    def placed(self, x: float, y: float, width: float) -> Block:
        """The block moved so that its top is at ``y``, centred across ``[x, x + width]``."""
        box = self.bbox
        return self.moved(x + (width - box.width) / 2 - box.x0, y - box.y0)

    @staticmethod
    def stack(name: str, parts: Iterable[Block], gap: float) -> Block:
        """Blocks one under the other, each centred on the widest, ``gap`` apart."""
        items = [p for p in parts if p.texts or p.rects or p.segments]
        width = max((p.bbox.width for p in items), default=0.0)
        texts: list[TextLine] = []
        rects: list[Rect] = []
        segments: list[Segment] = []
        y = 0.0
        for part in items:
            placed = part.placed(0.0, y, width)
            texts += placed.texts
            rects += placed.rects
            segments += placed.segments
            y += part.bbox.height + gap
        return Block(name, tuple(texts), tuple(rects), tuple(segments))
