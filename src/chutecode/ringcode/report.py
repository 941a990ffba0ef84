"""Plain-text views of layouts and decodings, for the terminal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chutecode.ringcode.layout import ROLE_NAMES, Layout

if TYPE_CHECKING:
    from chutecode.ringcode.decoder import Decoded

__all__ = ["layout_bits", "layout_table", "layout_rows", "GroupRow", "RingRows", "decoded_report"]


def layout_bits(layout: Layout) -> str:
    """One line of bits a ring, innermost first, gore 0 first."""
    return "\n".join(ring.bits for ring in layout.rings) + "\n"


@dataclass(frozen=True)
class GroupRow:
    """One group of a ring as the table shows it.

    Attributes:
        group: the group's index on the ring.
        first_gore, last_gore: the gores it spans.
        bits: its bits, the spacer set apart by a space (fill groups unsplit).
        role: ``data``, ``terminator`` or ``fill``: the role of its last gore.
        symbol: ``D = 4`` (label and value), ``48`` (a number), or empty.
    """

    group: int
    first_gore: int
    last_gore: int
    bits: str
    role: str
    symbol: str


@dataclass(frozen=True)
class RingRows:
    """One ring of the table: what it holds, where it starts and its groups."""

    number: int
    title: str
    start_group: int
    spacer: int
    data: int
    groups: tuple[GroupRow, ...]


def layout_rows(layout: Layout) -> tuple[RingRows, ...]:
    """The rows of :func:`layout_table`, as values (for other views of the same table)."""
    s = layout.scheme
    rings = []
    for number, ring in enumerate(layout.rings, start=1):
        by_group = {sym.group: sym for sym in ring.symbols}
        title = {"line": f"line {ring.text!r}", "coordinates": "coordinates",
                 "padding": "padding"}[ring.kind]
        groups = []
        for index in range(s.groups):
            lo, hi = index * s.group, (index + 1) * s.group
            bits, roles = ring.bits[lo:hi], ring.roles[lo:hi]
            kind = ROLE_NAMES[roles[-1]]
            shown = bits if kind == "fill" else f"{bits[:ring.spacer]} {bits[ring.spacer:]}"
            sym = by_group.get(index)
            symbol = ""
            if sym is not None:
                symbol = sym.label if sym.label == str(sym.value) else f"{sym.label} = {sym.value}"
            groups.append(GroupRow(index, lo, hi - 1, shown, kind, symbol))
        rings.append(RingRows(number, title, ring.start_group, ring.spacer, ring.data, tuple(groups)))
    return tuple(rings)


def layout_table(layout: Layout) -> str:
    """A readable table of every ring's groups: bits, role and symbol."""
    s = layout.scheme
    out = [
        f"message  {layout.message!r}",
        f"place    {layout.coordinates.text if layout.coordinates else '(none)'}",
        f"scheme   {s.gores} gores, groups of {s.group} ({s.spacer} spacer + {s.data} data bits), "
        f"codec {s.codec}, flow {s.flow}",
        "",
    ]
    for ring in layout_rows(layout):
        out.append(f"ring {ring.number}: {ring.title}, starts at group {ring.start_group}"
                   + (f", {ring.spacer} spacer + {ring.data} data bits" if ring.spacer != s.spacer else ""))
        out.append("  group  gores    bits         role        symbol")
        for row in ring.groups:
            out.append(f"  {row.group:>5}  {row.first_gore:>2}-{row.last_gore:<4} {row.bits:<12} "
                       f"{row.role:<11} {row.symbol}".rstrip())
        out.append("")
    return "\n".join(out)


def decoded_report(decoded: Decoded, *, words: Callable[[str], str] = str) -> str:
    """A readable summary of a decoding: message, place, how each ring read and, when the
    bits read more than one way, every other reading (``words`` rewords what differs, e.g.
    in the command line's flags)."""
    place = "(none)"
    if decoded.coordinates is not None:
        place = f"{decoded.coords_text} ({decoded.latitude:.6f}, {decoded.longitude:.6f})"
    out = [
        f"message  {decoded.message}",
        f"place    {place}",
        f"codec    {decoded.codec}, flow {decoded.flow}",
        "",
    ]
    if decoded.alternatives:
        count = len(decoded.alternatives)
        what = "the picture also reads" if decoded.confidence is not None else "the same bits also read"
        out[-1:] = [f"NOT CERTAIN: {what} {count} other way{'s' * (count != 1)}:"]
        for number, other in enumerate(decoded.alternatives, start=1):
            where = other.coords_text or "no place"
            out.append(f"  {number:>2}. {other.message!r}, {where}, flow {other.flow}: {words(other.why)}")
        out.append("")
    for ring in decoded.rings:
        rotation = "-" if ring.rotation is None else f"{ring.rotation}"
        text = ring.text if ring.text or ring.kind != "line" else "(the end of the stream)"
        sure = "" if ring.confidence is None else f"  (confidence {ring.confidence:.2f})"
        out.append(f"ring {ring.number}  {ring.kind:<11} rotation {rotation:>3}  "
                   f"start group {ring.start_group}  {text}{sure}".rstrip())
        if ring.corrected:
            out.append(f"        corrected gores: {', '.join(map(str, ring.corrected))}")
        if ring.guessed:
            out.append(f"        guessed gores: {', '.join(map(str, ring.guessed))}")
    if decoded.confidence is not None:
        out += ["", f"confidence {decoded.confidence:.2f}"]
    for warning in decoded.warnings:
        out.append(f"warning: {warning}")
    return "\n".join(out) + "\n"
