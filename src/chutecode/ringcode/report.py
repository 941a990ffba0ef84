"""Plain-text views of layouts and decodings, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chutecode.ringcode.layout import ROLE_NAMES, Layout

if TYPE_CHECKING:
    from chutecode.ringcode.decoder import Decoded

__all__ = ["layout_bits", "layout_table", "decoded_report"]


def layout_bits(layout: Layout) -> str:
    """One line of bits a ring, innermost first, gore 0 first."""
    return "\n".join(ring.bits for ring in layout.rings) + "\n"


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
    for number, ring in enumerate(layout.rings, start=1):
        by_group = {sym.group: sym for sym in ring.symbols}
        title = {"line": f"line {ring.text!r}", "coordinates": "coordinates",
                 "padding": "padding"}[ring.kind]
        out.append(f"ring {number}: {title}, starts at group {ring.start_group}"
                   + (f", {ring.spacer} spacer + {ring.data} data bits" if ring.spacer != s.spacer else ""))
        out.append("  group  gores    bits         role        symbol")
        for index in range(s.groups):
            lo, hi = index * s.group, (index + 1) * s.group
            bits, roles = ring.bits[lo:hi], ring.roles[lo:hi]
            kind = ROLE_NAMES[roles[-1]]
            shown = bits if kind == "fill" else f"{bits[:ring.spacer]} {bits[ring.spacer:]}"
            sym = by_group.get(index)
            symbol = ""
            if sym is not None:
                symbol = sym.label if sym.label == str(sym.value) else f"{sym.label} = {sym.value}"
            out.append(f"  {index:>5}  {lo:>2}-{hi - 1:<4} {shown:<12} {kind:<11} {symbol}".rstrip())
        out.append("")
    return "\n".join(out)


def decoded_report(decoded: Decoded) -> str:
    """A readable summary of a decoding: message, place and how each ring read."""
    place = "(none)"
    if decoded.coordinates is not None:
        place = f"{decoded.coords_text} ({decoded.latitude:.6f}, {decoded.longitude:.6f})"
    out = [
        f"message  {decoded.message}",
        f"place    {place}",
        f"codec    {decoded.codec}, flow {decoded.flow}",
        "",
    ]
    for ring in decoded.rings:
        rotation = "-" if ring.rotation is None else f"{ring.rotation}"
        out.append(f"ring {ring.number}  {ring.kind:<11} rotation {rotation:>3}  "
                   f"start group {ring.start_group}  {ring.text}".rstrip())
    return "\n".join(out) + "\n"
