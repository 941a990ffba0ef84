"""Geometry: a :class:`~chutecode.ringcode.layout.Layout` and a :class:`Style` in,
drawing-neutral shapes out.

Lengths are millimetres. The canvas is a square whose side is the canopy
diameter; its centre is the canopy centre. Angles are radians measured
**clockwise from 12 o'clock** (compass bearings): a point at radius ``r`` and
angle ``a`` lies at ``x = cx + r·sin(a)``, ``y = cy - r·cos(a)`` in a
y-down drawing space (SVG, cairo).

Gore ``k`` of every ring spans ``[a0 + (k + gore_offset)·w, a0 + (k + gore_offset + 1)·w]``
where ``w = 2π / gores`` and ``a0`` is the style's ``start_angle``: by
default the leading edge of gore 0 sits at 12 o'clock and the code reads
clockwise.

Styles:

- ``dgb`` (default), the disk-gap-band canopy of SPEC section 6: with four
  rings (three lines and the coordinates) ring 1 spans 0.09-0.37 of the
  outer radius, ring 2 0.37-0.63, ring 3 0.63-0.80, the gap 0.80-0.90 and
  the coordinate band 0.90-1.00; the vent is inside 0.09. Other ring counts:
  the outermost ring (the coordinate ring, or the last line when there is no
  place) stays on the band and the other rings share the disk, their
  boundaries placed along the real canopy's profile (0.09, 0.37, 0.63, 0.80
  at 0, 1/3, 2/3, 1 of the disk, linearly in between). A single ring fills
  the vent's edge to the rim.
- ``disk``: rings edge to edge from the vent to the rim, of equal width
  (``equal="width"``) or equal area (``equal="area"``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from chutecode.design.design import DEFAULT_SIZE_MM
from chutecode.design.style import DGB_BAND, DGB_DISK, Style, default_seam_mm, get_style, seam_mm
from chutecode.errors import StyleError
from chutecode.ringcode.layout import ROLE_NAMES, Layout

__all__ = [
    "Sector", "RingBand", "RadialSeam",
    "Label", "Run", "Geometry", "ring_bounds", "build_geometry", "merge_runs", "point",
]

TAU = 2 * math.pi


@dataclass(frozen=True)
class Sector:
    """One gore: an annular sector of ring ``ring`` (0 = innermost).

    ``start`` < ``end`` are radians clockwise from 12 o'clock (``end`` may
    pass 2π); ``role`` is ``spacer``, ``data``, ``terminator`` or ``fill``.
    """

    ring: int
    gore: int
    inner: float
    outer: float
    start: float
    end: float
    role: str
    bit: int

    @property
    def mid_angle(self) -> float:
        """The angle through the middle of the gore."""
        return (self.start + self.end) / 2

    @property
    def mid_radius(self) -> float:
        """The radius halfway between the inner and outer edges."""
        return (self.inner + self.outer) / 2


@dataclass(frozen=True)
class RingBand:
    """The annulus of one ring, what the ring holds, and the group where its reading starts."""

    index: int
    inner: float
    outer: float
    kind: str
    start_group: int = 0


@dataclass(frozen=True)
class RadialSeam:
    """A seam along a gore edge, from ``inner`` to ``outer`` radius."""

    angle: float
    inner: float
    outer: float


@dataclass(frozen=True)
class Label:
    """A symbol's label (a space shows as ␣), centred at (``radius``, ``angle``), ``size`` mm high,
    its baseline turned ``rotation`` radians clockwise (kept readable: never
    upside down)."""

    text: str
    ring: int
    group: int
    radius: float
    angle: float
    size: float
    rotation: float


@dataclass(frozen=True)
class Run:
    """Consecutive gores of one ring sharing a ``key`` (e.g. a colour)."""

    ring: int
    inner: float
    outer: float
    start: float
    end: float
    key: Hashable
    gores: tuple[int, ...]

    @property
    def full(self) -> bool:
        """True when the run is the whole ring."""
        return self.end - self.start >= TAU - 1e-9


@dataclass(frozen=True)
class Geometry:
    """Every shape of one drawing, in mm; the canopy centre is (``radius``, ``radius``)."""

    size: float
    gores: int
    vent: float
    rings: tuple[RingBand, ...]
    sectors: tuple[Sector, ...]
    seam_width: float
    radial_seams: tuple[RadialSeam, ...]
    circle_seams: tuple[float, ...]
    labels: tuple[Label, ...]
    style: Style
    #: Gores in a group (one symbol).
    group: int = 10
    #: Makes every symbol's label (see :attr:`symbol_labels`); measuring text is left until asked.
    label_maker: Callable[[], tuple[Label, ...]] | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def symbol_labels(self) -> tuple[Label, ...]:
        """Every symbol's label, drawn or not (``labels`` holds those drawn: all of them in annotate
        mode). Made on first use, so a canopy without labels never measures text."""
        return self.label_maker() if self.label_maker is not None else self.labels

    @property
    def radius(self) -> float:
        """The outer radius of the canopy."""
        return self.size / 2

    @property
    def centre(self) -> tuple[float, float]:
        """The canopy centre in page coordinates."""
        return (self.size / 2, self.size / 2)

    def ring_sectors(self, ring: int) -> tuple[Sector, ...]:
        """The sectors of ring ``ring`` (0 = innermost), gore 0 first."""
        return tuple(s for s in self.sectors if s.ring == ring)


def point(centre: tuple[float, float], radius: float, angle: float) -> tuple[float, float]:
    """Page coordinates of the point at ``radius`` and ``angle`` (clockwise from 12 o'clock)."""
    return (centre[0] + radius * math.sin(angle), centre[1] - radius * math.cos(angle))


def _profile(t: float) -> float:
    """The real disk's boundary at fraction ``t`` of the disk's rings (piecewise linear)."""
    steps = len(DGB_DISK) - 1
    pos = min(max(t, 0.0), 1.0) * steps
    i = min(int(pos), steps - 1)
    return DGB_DISK[i] + (DGB_DISK[i + 1] - DGB_DISK[i]) * (pos - i)


def ring_bounds(kinds: Sequence[str], style: Style) -> list[tuple[float, float]]:
    """Inner and outer radius of every ring as fractions of the outer radius.

    ``kinds`` are the ring kinds, innermost first (``line``, ``padding``,
    ``coordinates``).

    >>> ring_bounds(["line", "line", "line", "coordinates"], Style())
    [(0.09, 0.37), (0.37, 0.63), (0.63, 0.8), (0.9, 1.0)]
    """
    count = len(kinds)
    vent = style.vent_fraction
    if count == 0:
        return []
    if style.name == "disk" or count == 1:
        if style.equal == "area" and style.name == "disk":
            edges = [math.sqrt(vent**2 + (1 - vent**2) * i / count) for i in range(count + 1)]
        else:
            edges = [vent + (1 - vent) * i / count for i in range(count + 1)]
        return [(round(edges[i], 10), round(edges[i + 1], 10)) for i in range(count)]
    disk = count - 1
    lo, hi = DGB_DISK[0], DGB_DISK[-1]
    edges = [_profile(i / disk) for i in range(disk + 1)]
    edges = [vent + (e - lo) / (hi - lo) * (hi - vent) for e in edges]
    bounds = [(round(edges[i], 10), round(edges[i + 1], 10)) for i in range(disk)]
    bounds.append(DGB_BAND)
    return bounds


#: The largest label, as a fraction of the canopy diameter.
LABEL_MAX = 0.045


#: The font of the labels (bold).
LABEL_FONT = "DejaVu Sans"


def _label_size(text: str, ring_width: float, arc: float, diameter: float, lang: str) -> float:
    """The size of a label that fits its ring's width and its group's arc (measured with Pango)."""
    from chutecode.drawing.text import measure

    by_height = ring_width * 0.42
    width_at_1mm = max(measure(text, 1.0, LABEL_FONT, bold=True, lang=lang).right, 0.3)
    by_width = arc * 0.85 / width_at_1mm
    return max(min(by_height, by_width, LABEL_MAX * diameter), 0.0)


def build_geometry(layout: Layout, style: Style | str | None = None, size: float = DEFAULT_SIZE_MM, *,
                   dpi: float = 300.0, lang: str = "en") -> Geometry:
    """Lay out ``layout`` on a canopy ``size`` mm across in ``style``.

    ``dpi`` only resolves a ``seam_width`` given in pixels; ``lang`` is the language the labels
    (annotate mode) are measured in.
    """
    style = get_style(style)
    if not isinstance(size, (int, float)) or isinstance(size, bool) or not math.isfinite(size) or size <= 0:
        raise StyleError(f"size {size!r} is not valid: give the canopy diameter in mm, greater than zero")
    radius = size / 2
    gores = layout.scheme.gores
    width = TAU / gores
    a0 = math.radians(style.start_angle) + style.gore_offset * width
    bounds = ring_bounds([ring.kind for ring in layout.rings], style)

    bands = tuple(RingBand(i, lo * radius, hi * radius, ring.kind, ring.start_group)
                  for i, (ring, (lo, hi)) in enumerate(zip(layout.rings, bounds, strict=True)))
    sectors = tuple(
        Sector(band.index, k, band.inner, band.outer, a0 + k * width, a0 + (k + 1) * width,
               ROLE_NAMES[ring.roles[k]], int(ring.bits[k]))
        for band, ring in zip(bands, layout.rings, strict=True)
        for k in range(gores)
    )

    seam = default_seam_mm(size, gores) if style.seam_width is None else seam_mm(style.seam_width, dpi)
    radial: tuple[RadialSeam, ...] = ()
    circles: tuple[float, ...] = ()
    if seam > 0 and bands:
        radial = tuple(RadialSeam(a0 + k * width, bands[0].inner, bands[-1].outer) for k in range(gores))
        circles = tuple(sorted({round(r, 9) for band in bands for r in (band.inner, band.outer)}))

    group = layout.scheme.group

    def make_labels() -> tuple[Label, ...]:
        out: list[Label] = []
        for band, ring in zip(bands, layout.rings, strict=True):
            mid = (band.inner + band.outer) / 2
            for symbol in ring.symbols:
                angle = a0 + (symbol.group * group + group / 2) * width
                text = symbol.label if symbol.label.strip() else "\u2423"   # a space shows as ␣
                size_mm = _label_size(text, band.outer - band.inner, group * width * mid, size, lang)
                turn = math.fmod(angle, TAU) % TAU
                rotation = turn + math.pi if math.pi / 2 < turn < 3 * math.pi / 2 else turn
                out.append(Label(text, band.index, symbol.group, mid, angle, size_mm,
                                 math.fmod(rotation, TAU)))
        return tuple(out)

    labels = make_labels() if style.annotate else ()

    return Geometry(size=float(size), gores=gores, vent=style.vent_fraction * radius, rings=bands,
                    sectors=sectors, seam_width=seam, radial_seams=radial, circle_seams=circles,
                    labels=labels, style=style, group=group,
                    label_maker=(lambda: labels) if style.annotate else make_labels)


def merge_runs(sectors: Sequence[Sector], key: Callable[[Sector], Hashable], *,
               merge: bool = True) -> list[Run]:
    """Group the sectors of one ring (gore order) into runs of equal ``key``.

    Runs wrap around: a run that crosses gore 0 is one run. With ``merge``
    false every sector is its own run.
    """
    if not sectors:
        return []
    keys = [key(s) for s in sectors]
    first = sectors[0]
    if not merge:
        return [Run(s.ring, s.inner, s.outer, s.start, s.end, k, (s.gore,))
                for s, k in zip(sectors, keys, strict=True)]
    if all(k == keys[0] for k in keys):
        return [Run(first.ring, first.inner, first.outer, first.start, first.start + TAU, keys[0],
                    tuple(s.gore for s in sectors))]
    groups: list[list[int]] = []
    for i, k in enumerate(keys):
        if groups and keys[groups[-1][-1]] == k:
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) > 1 and keys[groups[0][0]] == keys[groups[-1][0]]:
        groups[0] = groups.pop() + groups[0]
    runs = []
    for members in groups:
        lo, hi = sectors[members[0]], sectors[members[-1]]
        end = hi.end if hi.end > lo.start else hi.end + TAU
        runs.append(Run(lo.ring, lo.inner, lo.outer, lo.start, end, keys[members[0]],
                        tuple(sectors[i].gore for i in members)))
    return runs
