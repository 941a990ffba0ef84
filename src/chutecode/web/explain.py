"""The Explain view's data: the ring table of ``chutecode encode --format table``, and where
each group lies on the drawn page, so that pointing at one shows the other.

>>> from chutecode.ringcode.encoder import encode
>>> table = ring_table(encode("DARE"))
>>> table["rings"][0]["groups"][0]
{'group': 0, 'gores': '0-9', 'bits': '000 0000100', 'role': 'data', 'symbol': 'D = 4'}
"""

from __future__ import annotations

from typing import Any

from chutecode.drawing.drawing import Drawing
from chutecode.renderers.svg import sector_path
from chutecode.ringcode.layout import Layout
from chutecode.ringcode.report import layout_rows

__all__ = ["ring_table", "group_areas", "scheme_text"]


def scheme_text(layout: Layout) -> str:
    """The scheme line of the table: gores, groups, spacer and data bits, codec and flow."""
    s = layout.scheme
    return (f"{s.gores} gores, groups of {s.group} ({s.spacer} spacer + {s.data} data bits), "
            f"codec {s.codec}, flow {s.flow}")


def ring_table(layout: Layout) -> dict[str, Any]:
    """Every ring's groups (bits, role, symbol) as plain data, innermost ring first."""
    rings = []
    for ring in layout_rows(layout):
        note = f"{ring.spacer} spacer + {ring.data} data bits" if ring.spacer != layout.scheme.spacer else ""
        rings.append({
            "ring": ring.number, "title": ring.title, "start_group": ring.start_group, "note": note,
            "groups": [{"group": row.group, "gores": f"{row.first_gore}-{row.last_gore}", "bits": row.bits,
                        "role": row.role, "symbol": row.symbol} for row in ring.groups],
        })
    return {"message": layout.message, "place": layout.coordinates.text if layout.coordinates else None,
            "scheme": scheme_text(layout), "rings": rings}


def group_areas(drawing: Drawing, layout: Layout) -> dict[str, Any]:
    """Where every group of every ring is on the drawing's SVG sheet.

    Returns ``{"transform": ..., "groups": [{"ring", "group", "d"}]}``: the
    translation the SVG renderer puts the canopy under, and one SVG path (an
    annular sector, in canopy coordinates) a group.
    """
    page = drawing.page()
    geometry = drawing.geometry
    ox, oy = page.canopy_origin
    dx, dy = page.offset + ox, page.offset + oy
    group = layout.scheme.group
    groups = []
    for band in geometry.rings:
        sectors = geometry.ring_sectors(band.index)
        for index in range(len(sectors) // group):
            first, last = sectors[index * group], sectors[(index + 1) * group - 1]
            groups.append({"ring": band.index + 1, "group": index,
                           "d": sector_path(geometry.centre, band.inner, band.outer, first.start, last.end)})
    return {"transform": f"translate({dx:.4f} {dy:.4f})", "groups": groups}
