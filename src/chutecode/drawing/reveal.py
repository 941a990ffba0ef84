"""How an animation reveals a canopy: the order the code is read in, and when.

The code is read ring by ring, innermost first (the message, then the place
on the outer ring), each ring from the group where its reading starts (the
spiral), group after group all the way round. Every group takes the same
time, so a ring is swept at a steady speed; a symbol's label shows once its
group has been read. A :class:`Reveal` says, for any moment, how far each ring
is swept and which labels show; the renderers of :mod:`chutecode.renderers.animation`
and :mod:`chutecode.renderers.animation_svg` draw it.

Frames: the reveal's ``frames`` (see :class:`~chutecode.design.animation.Timing`)
show the moments ``0, d/n, 2d/n, ...`` of a reveal of ``d`` seconds, then one
more frame, the finished canopy exactly as the still picture draws it, is held
for ``hold`` seconds.

Besides the still drawing, an animation paints two others: the *ghost*
(:func:`ghost_drawing`: every gore in one dim colour, no labels, no page texts),
which shows the canopy's shape before it is read, and the *labelled*
drawing (:func:`labelled_drawing`: the still drawing with every symbol's label),
whose labels appear group by group.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from chutecode.design.animation import Timing
from chutecode.design.palette import mix
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import TAU, Label

__all__ = ["Sweep", "GroupRead", "Reveal", "reveal_plan", "ghost_drawing", "labelled_drawing",
           "frame_times", "frame_durations"]


@dataclass(frozen=True)
class Sweep:
    """One ring read clockwise from angle ``start`` all the way round, from ``t0`` to ``t1`` seconds."""

    ring: int
    inner: float
    outer: float
    start: float
    t0: float
    t1: float

    def fraction(self, t: float) -> float:
        """How much of the ring is read at ``t`` seconds: 0 to 1."""
        if t <= self.t0:
            return 0.0
        if t >= self.t1:
            return 1.0
        return (t - self.t0) / (self.t1 - self.t0)


@dataclass(frozen=True)
class GroupRead:
    """One group: ring, group index, its angles, and when it is read (``t0`` to ``t1``)."""

    ring: int
    group: int
    start: float
    end: float
    t0: float
    t1: float
    label: Label | None


@dataclass(frozen=True)
class Reveal:
    """The reading of a canopy in time (see the module docstring)."""

    sweeps: tuple[Sweep, ...]
    groups: tuple[GroupRead, ...]
    timing: Timing

    def labels_at(self, t: float) -> tuple[Label, ...]:
        """The labels showing at ``t`` seconds: those of the groups read by then, during the reveal."""
        if t >= self.timing.duration:
            return ()
        return tuple(g.label for g in self.groups if g.label is not None and g.t1 <= t + 1e-9)


def reveal_plan(drawing: Drawing) -> Reveal:
    """When each ring and group of ``drawing`` is read (see the module docstring)."""
    g = drawing.geometry
    timing = drawing.timing
    per_ring = g.gores // g.group
    total = per_ring * len(g.rings)
    step = timing.duration / max(total, 1)
    width = TAU / g.gores
    labels = {(label.ring, label.group): label for label in g.symbol_labels}
    sweeps: list[Sweep] = []
    groups: list[GroupRead] = []
    done = 0
    for band in g.rings:
        a0 = g.ring_sectors(band.index)[0].start
        start = a0 + band.start_group * g.group * width
        sweeps.append(Sweep(band.index, band.inner, band.outer, start, done * step, (done + per_ring) * step))
        for k in range(per_ring):
            index = (band.start_group + k) % per_ring
            lo = start + k * g.group * width
            groups.append(GroupRead(band.index, index, lo, lo + g.group * width, (done + k) * step,
                                    (done + k + 1) * step, labels.get((band.index, index))))
        done += per_ring
    return Reveal(tuple(sweeps), tuple(groups), timing)


def frame_times(timing: Timing) -> list[float]:
    """The moment each reveal frame shows, in seconds (the held last frame is not listed)."""
    return [timing.duration * i / timing.frames for i in range(timing.frames)]


def frame_durations(timing: Timing, unit_ms: int) -> list[int]:
    """How long each frame shows, in milliseconds rounded to ``unit_ms`` (10 for GIF), the reveal's
    frames then the held last one; rounded so that they add up to the reveal and the hold exactly
    (to the unit)."""
    ends = [timing.duration * (i + 1) / timing.frames for i in range(timing.frames)]
    ends.append(timing.duration + timing.hold)
    out, before = [], 0
    for end in ends:
        mark = round(end * 1000 / unit_ms) * unit_ms
        out.append(max(mark - before, unit_ms))
        before = mark
    return out


def ghost_drawing(drawing: Drawing) -> Drawing:
    """The canopy before it is read: every gore one dim colour, faint seams, no labels, no page texts."""
    pal = drawing.palette
    dim = mix(pal.zero, pal.background, 0.78)
    ghost = pal.replace(name=f"{pal.name}+ghost", one=dim, zero=dim, spacer=None, terminator=None, fill=None,
                        rings=(), seam=mix(pal.seam_colour, pal.background, 0.55))
    geometry = dataclasses.replace(drawing.geometry, labels=())
    page = drawing.page()
    return dataclasses.replace(drawing, palette=ghost, geometry=geometry,
                               composition=dataclasses.replace(page, blocks=()))


def labelled_drawing(drawing: Drawing) -> Drawing:
    """The still drawing with every symbol's label written on its group."""
    geometry = dataclasses.replace(drawing.geometry, labels=drawing.geometry.symbol_labels)
    return dataclasses.replace(drawing, geometry=geometry)
