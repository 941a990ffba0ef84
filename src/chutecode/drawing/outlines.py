"""Outlines of a canopy for cutters and plotters: what a cut file and the vpype command hold.

A :class:`CutPlan` is the canopy alone (no page, no texts), in mm, centre at
``(radius, radius)``:

- ``pieces``: every run of equal colour of every ring as one closed outline
  (an annular sector, or a whole ring), grouped by colour in
  :attr:`CutPlan.colours`; with ``merge=False`` every gore is a piece;
- ``vent``: the circle of the vent (when there is one);
- ``band``: the band's outline, its inner and outer circle (the disk-gap-band
  style), or the canopy's rim (the disk style);
- ``rings``: the other circles where rings meet;
- ``scores``: the gore seams inside a run, for score lines (the seams between
  runs of different colour are cut already); none when the design has no
  seams (``seam_width=0``).

:func:`polygon` and :func:`circle_points` flatten them into points, for tools
that take lines (vpype).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from chutecode.design.palette import RGB
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import TAU, merge_runs, point

__all__ = ["Piece", "Score", "CutPlan", "cut_plan", "polygon", "circle_points", "segments_for"]


@dataclass(frozen=True)
class Piece:
    """A run of gores of one colour on ring ``ring``: from ``start`` to ``end`` (radians clockwise
    from 12 o'clock), between radii ``inner`` and ``outer``."""

    ring: int
    inner: float
    outer: float
    start: float
    end: float
    colour: RGB
    gores: tuple[int, ...]

    @property
    def full(self) -> bool:
        """True when the piece is a whole ring (two circles)."""
        return self.end - self.start >= TAU - 1e-9


@dataclass(frozen=True)
class Score:
    """A gore seam inside a run: a radial line at ``angle`` from ``inner`` to ``outer``."""

    ring: int
    angle: float
    inner: float
    outer: float


@dataclass(frozen=True)
class CutPlan:
    """Everything a cut file holds, in mm (see the module docstring)."""

    size: float
    pieces: tuple[Piece, ...]
    vent: float | None
    band: tuple[float, ...]
    rings: tuple[float, ...]
    scores: tuple[Score, ...]

    @property
    def centre(self) -> tuple[float, float]:
        """The canopy's centre."""
        return (self.size / 2, self.size / 2)

    @property
    def colours(self) -> dict[RGB, tuple[Piece, ...]]:
        """The pieces by colour, colours in the order they first appear (innermost ring first)."""
        out: dict[RGB, list[Piece]] = {}
        for piece in self.pieces:
            out.setdefault(piece.colour, []).append(piece)
        return {colour: tuple(pieces) for colour, pieces in out.items()}


def cut_plan(drawing: Drawing) -> CutPlan:
    """The outlines of the canopy of ``drawing``."""
    g = drawing.geometry
    merge = g.style.merge
    pieces: list[Piece] = []
    scores: list[Score] = []
    for band in g.rings:
        sectors = g.ring_sectors(band.index)
        for run in merge_runs(sectors, drawing.colour, merge=merge):
            pieces.append(Piece(band.index, run.inner, run.outer, run.start, run.end, run.key,  # type: ignore[arg-type]
                                run.gores))
        if g.seam_width > 0 and merge:
            colours = [drawing.colour(s) for s in sectors]
            for k, sector in enumerate(sectors):
                if colours[k] == colours[k - 1]:   # an edge inside a run: not cut, scored
                    scores.append(Score(band.index, sector.start, band.inner, band.outer))
    edges = sorted({round(r, 9) for band in g.rings for r in (band.inner, band.outer)})
    vent = g.rings[0].inner if g.rings and g.rings[0].inner > 0 else None
    band_edges: tuple[float, ...] = ()
    if g.rings:
        last = g.rings[-1]
        gap = len(g.rings) > 1 and last.inner > g.rings[-2].outer + 1e-9
        band_edges = (last.inner, last.outer) if gap else (last.outer,)
    taken = {round(r, 9) for r in (*band_edges, *((vent,) if vent else ()))}
    rings = tuple(r for r in edges if r not in taken and r > 0)
    return CutPlan(size=g.size, pieces=tuple(pieces), vent=vent, band=band_edges, rings=rings,
                   scores=tuple(scores))


def segments_for(radius: float, sweep: float, tolerance: float) -> int:
    """Straight segments that follow an arc of ``radius`` and ``sweep`` radians within ``tolerance`` mm."""
    if radius <= tolerance:
        return 1
    step = 2 * math.acos(1 - tolerance / radius)
    return max(1, math.ceil(sweep / step))


def _arc(centre: tuple[float, float], radius: float, start: float, end: float,
         tolerance: float) -> list[tuple[float, float]]:
    count = segments_for(radius, abs(end - start), tolerance)
    return [point(centre, radius, start + (end - start) * i / count) for i in range(count + 1)]


def circle_points(centre: tuple[float, float], radius: float,
                  tolerance: float = 0.02) -> list[tuple[float, float]]:
    """A closed polygon (first point repeated last) within ``tolerance`` mm of a circle."""
    points = _arc(centre, radius, 0.0, TAU, tolerance)
    points[-1] = points[0]   # exactly: tools tell a closed line by its ends
    return points


def polygon(piece: Piece, centre: tuple[float, float],
            tolerance: float = 0.02) -> list[list[tuple[float, float]]]:
    """The closed outline(s) of a piece as polygons (first point repeated last): one for a sector,
    two circles for a whole ring."""
    if piece.full:
        return [circle_points(centre, r, tolerance) for r in (piece.outer, piece.inner) if r > 0]
    outer = _arc(centre, piece.outer, piece.start, piece.end, tolerance)
    inner = _arc(centre, piece.inner, piece.end, piece.start, tolerance) if piece.inner > 0 else [centre]
    ring = outer + inner
    return [ring + [ring[0]]]
