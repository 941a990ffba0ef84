"""What a renderer receives: a :class:`Drawing` (shapes, colours, metadata).

A drawing is painted in this order, by every renderer alike:

1. the background (the whole square page; shows through the vent and gap);
2. each ring (innermost first): its base colour as a full annulus, then its
   runs of other colours on top (:meth:`Drawing.ring_paint`), so that
   neighbouring gores never let the background bleed through their shared edge;
3. the seams: radial lines at every gore edge and circles at every ring edge;
4. the labels (annotate mode): text in ``palette.text_colour`` over a halo in
   ``palette.zero``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chutecode.design.animation import Timing
from chutecode.design.palette import RGB, Palette
from chutecode.drawing.geometry import Geometry, RingBand, Run, Sector, merge_runs

if TYPE_CHECKING:
    from chutecode.drawing.composition import Composition

__all__ = ["Drawing", "RingPaint"]


@dataclass(frozen=True)
class RingPaint:
    """How to paint one ring: ``base`` over the whole annulus (``None``: no
    base, every gore drawn on its own), then ``runs`` (``run.key`` is the RGB colour)."""

    band: RingBand
    base: RGB | None
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Drawing:
    """Everything a renderer needs: geometry in mm, palette, DPI and metadata.

    Attributes:
        geometry: the shapes (:class:`~chutecode.drawing.geometry.Geometry`).
        palette: the colours (:class:`~chutecode.design.palette.Palette`).
        dpi: pixels per inch for raster formats.
        title: a short title (the layout's message).
        description: one line on what the code says and how it is built.
        composition: the page the canopy sits on (size, texts, bleed, marks);
            ``None`` for the bare canopy page, as large as the canopy.
        timing: how an animation of the drawing runs (frame rate, reveal, hold).
    """

    geometry: Geometry
    palette: Palette
    dpi: float
    title: str
    description: str
    composition: Composition | None = None
    timing: Timing = Timing()

    def page(self) -> Composition:
        """The page composition; the bare canopy page when none was given."""
        if self.composition is not None:
            return self.composition
        from chutecode.design.page import Page
        from chutecode.drawing.composition import Composition

        r = self.geometry.radius
        return Composition(Page(), self.size, self.size, 0.0, 0.0, self.palette.background,
                           self.palette.text_colour, (r, r), r)

    @property
    def size(self) -> float:
        """The canopy diameter in mm (the page side of a bare canopy page)."""
        return self.geometry.size

    @property
    def sheet_size(self) -> tuple[float, float]:
        """Width and height in mm of everything drawn: page, bleed and slug."""
        page = self.page()
        return (page.sheet_width, page.sheet_height)

    def colour(self, sector: Sector) -> RGB:
        """The colour of one gore."""
        return self.palette.colour(sector.role, sector.bit, sector.ring)

    def ring_paint(self) -> tuple[RingPaint, ...]:
        """Per ring, the base colour and the runs painted over it (see module doc).

        Worked out once a drawing: a raster image paints it once per band.
        """
        kept: tuple[RingPaint, ...] | None = self.__dict__.get("_ring_paint")
        if kept is None:
            kept = self._ring_paint()
            object.__setattr__(self, "_ring_paint", kept)  # a cache, not a field: equality is unchanged
        return kept

    def _ring_paint(self) -> tuple[RingPaint, ...]:
        out = []
        merge = self.geometry.style.merge
        for band in self.geometry.rings:
            sectors = self.geometry.ring_sectors(band.index)
            runs = merge_runs(sectors, self.colour, merge=merge)
            if not merge:
                out.append(RingPaint(band, None, tuple(runs)))
                continue
            weight: Counter[RGB] = Counter()
            for run in runs:
                weight[run.key] += len(run.gores)  # type: ignore[index]
            base = max(weight, key=lambda c: (weight[c], c == self.palette.zero))
            out.append(RingPaint(band, base, tuple(r for r in runs if r.key != base)))
        return tuple(out)
