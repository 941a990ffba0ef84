"""The text blocks of a page: caption, subtitle, legend, footer and the worksheet parts.

Each builder lays its block out at the origin, no wider than the width it is
given (a single word or table cell wider than that is the only exception),
measuring every line with :func:`chutecode.design.fonts.measure`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from chutecode.design.palette import RGB, Palette, contrast, luminance, mix
from chutecode.drawing.shapes import Block, Rect, Segment, TextLine, text_line
from chutecode.drawing.text import measure, wrap_text
from chutecode.ringcode.codec import get_codec
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.layout import Layout

__all__ = [
    "Typography",
    "paragraph",
    "caption_block",
    "legend_block",
    "worksheet_grid",
    "alphabet_strip",
    "rim_block",
    "dms_text",
    "footer_text",
    "alphabet_entries",
    "WORKSHEET_TITLE",
    "worksheet_instructions",
]

#: Title of a worksheet's first page (and of the worksheet document).
WORKSHEET_TITLE = "Decode the parachute"

_DARK_INK: RGB = (26, 24, 22)
_LIGHT_INK: RGB = (244, 240, 233)


@dataclass(frozen=True)
class Typography:
    """Sizes (mm) and colours of the texts of one page, from its short side ``unit``."""

    font: str
    unit: float
    paper: RGB
    ink: RGB
    accent: RGB
    muted: RGB
    one: RGB
    zero: RGB
    rule: RGB

    @classmethod
    def for_page(cls, unit: float, font: str, paper: RGB, palette: Palette) -> Typography:
        """The typography of a page whose short side is ``unit`` mm, on ``paper``."""
        ink = _DARK_INK if luminance(paper) > 0.3 else _LIGHT_INK
        accent = palette.one if contrast(palette.one, paper) >= 2.5 else ink
        return cls(
            font=font,
            unit=unit,
            paper=paper,
            ink=ink,
            accent=accent,
            muted=mix(ink, paper, 0.3),
            one=palette.one,
            zero=palette.zero,
            rule=mix(ink, paper, 0.55),
        )

    def _size(self, fraction: float, least: float) -> float:
        return max(self.unit * fraction, least)

    @property
    def caption(self) -> float:
        """Caption size."""
        return self._size(0.052, 3.0)

    @property
    def subtitle(self) -> float:
        """Subtitle size."""
        return self._size(0.024, 2.2)

    @property
    def heading(self) -> float:
        """Size of headings inside the legend and the worksheet."""
        return self._size(0.019, 2.2)

    @property
    def body(self) -> float:
        """Size of the legend's text and tables."""
        return self._size(0.0135, 1.9)

    @property
    def small(self) -> float:
        """Size of the footer and small print."""
        return self._size(0.0118, 1.7)

    @property
    def gap(self) -> float:
        """Space between blocks, and between the canopy and the texts."""
        return self.unit * 0.03

    @property
    def line(self) -> float:
        """Width of rules and box outlines."""
        return max(self.unit * 0.0007, 0.12)


def paragraph(
    name: str,
    text: str,
    width: float,
    size: float,
    colour: RGB,
    font: str,
    *,
    bold: bool = False,
    leading: float = 1.3,
    align: str = "middle",
) -> Block:
    """``text`` wrapped to ``width``, lines ``leading`` sizes apart, centred (or ``align="start"``)."""
    lines = wrap_text(text, width, size, font, bold=bold)
    ascent = measure("X", size, font, bold=bold).ascent
    texts: list[TextLine] = []
    for index, line in enumerate(lines):
        y = ascent + index * size * leading
        if align == "middle":
            texts.append(text_line(line, width / 2, y, size, colour, font=font, bold=bold, anchor="middle"))
        else:
            texts.append(text_line(line, 0.0, y, size, colour, font=font, bold=bold))
    return Block(name, tuple(texts))


def caption_block(
    name: str,
    text: str,
    width: float,
    size: float,
    least: float,
    colour: RGB,
    font: str,
    *,
    bold: bool = True,
) -> Block:
    """A title on one line when it fits at a size down to ``least``, else wrapped at ``size``."""
    advance = measure(text, size, font, bold=bold).right
    if advance > width:
        fitted = size * width / advance * 0.999
        if fitted >= least:
            size = fitted
        else:
            longest = max((measure(w, size, font, bold=bold).right for w in text.split()), default=0.0)
            if longest > width:
                size = max(size * width / longest * 0.999, 1.0)
    return paragraph(name, text, width, size, colour, font, bold=bold, leading=1.18)


def dms_text(place: Coordinates) -> str:
    """A place in degrees, minutes and seconds with typographic primes: ``34° 11′ 58″ N  118° ...``."""
    return (
        f"{place.lat_degrees}° {place.lat_minutes:02d}′ {place.lat_seconds:02d}″ {place.lat_hemisphere}"
        f"\u2003{place.lon_degrees}° {place.lon_minutes:02d}′ {place.lon_seconds:02d}″ {place.lon_hemisphere}"
    )


def _symbol_words(layout: Layout) -> str:
    codec = layout.scheme.codec
    if codec == "letters":
        return "a number from 1 to 26, a letter: A=1 … Z=26"
    if codec == "ascii":
        return "a character code (ASCII): A=65 … Z=90, a=97 … z=122, 0=48 … 9=57"
    return "a byte of the text in UTF-8 (ASCII letters as A=65 … Z=90)"


def footer_text(layout: Layout) -> str:
    """The default footer: how to read the code in one or two lines."""
    s = layout.scheme
    place = " The outer ring is the place." if layout.coordinates is not None else ""
    return (
        f"Read each ring clockwise, innermost first: each group of {s.group} gores is {s.spacer} "
        f"blank spacer gores, then {s.data} bits (coloured = 1), most significant first, giving "
        f"{_symbol_words(layout)}.{place}"
    )


def _explanation(layout: Layout) -> str:
    s = layout.scheme
    text = (
        f"Read each ring clockwise, innermost ring first. A coloured gore is 1, a plain gore is 0. "
        f"Every group of {s.group} gores holds {s.spacer} spacer gores (always 0) and {s.data} data bits, "
        f"most significant bit first: {_symbol_words(layout)}."
    )
    if s.flow == "words":
        text += (
            " After a word, a group of all ones closes it; the next word starts on the next ring "
            "out, at the group where the last one ended."
        )
    else:
        text += " The text runs on from ring to ring, spaces included; a group of all ones closes it."
    if layout.coordinates is not None:
        text += (
            " The outer ring gives the place: degrees, minutes and seconds of latitude, N or S, "
            "then of longitude, E or W."
        )
    return text


def alphabet_entries(layout: Layout) -> list[tuple[str, int]]:
    """``(label, value)`` of the letters A to Z in the layout's codec (and the space for ``stream``)."""
    codec = get_codec(layout.scheme.codec)
    entries = [(chr(c), codec.encode_text(chr(c))[0]) for c in range(ord("A"), ord("Z") + 1)]
    if layout.scheme.flow == "stream" and codec.name == "letters":
        entries.insert(0, ("␣", codec.space))
    return entries


def _bit_squares(
    x: float,
    y: float,
    bits: str,
    side: float,
    t: Typography,
    *,
    digits: bool = False,
    outline: float | None = None,
) -> tuple[list[Rect], list[TextLine]]:
    rects: list[Rect] = []
    texts: list[TextLine] = []
    width = t.line if outline is None else outline
    for index, bit in enumerate(bits):
        fill = t.one if bit == "1" else t.zero
        rects.append(Rect(x + index * side, y, side, side, fill=fill, stroke=t.rule, stroke_width=width))
        if digits:
            colour = _DARK_INK if luminance(fill) > 0.35 else _LIGHT_INK
            size = side * 0.55
            rects_mid = y + side / 2 + measure("0", size, t.font).ascent * 0.36
            texts.append(
                text_line(
                    bit, x + (index + 0.5) * side, rects_mid, size, colour, font=t.font, anchor="middle"
                )
            )
    return rects, texts


def _group_diagram(layout: Layout, width: float, t: Typography) -> Block:
    """One group drawn as gores: the example is the first symbol of the first ring."""
    s = layout.scheme
    ring = layout.rings[0]
    symbol = ring.symbols[0] if ring.symbols else None
    group = symbol.group if symbol is not None else 0
    bits = ring.bits[group * s.group : (group + 1) * s.group]
    spacer = ring.spacer
    size = t.body
    side = min(size * 1.9, width / (s.group + 0.5))
    rects, texts = _bit_squares(0.0, 0.0, bits, side, t, digits=True)
    segments: list[Segment] = []
    label_size = size * 0.92
    tick = side * 0.18
    y_rule = side + side * 0.3
    baseline = y_rule + tick + measure("X", label_size, t.font).ascent * 1.15
    data_bits = bits[spacer:]
    value = int(data_bits, 2) if data_bits else 0
    meaning = f"{data_bits} = {value}"
    if symbol is not None and symbol.label not in (str(value),):
        meaning += f" = {symbol.label}"
    spans = ((0, spacer, "spacer"), (spacer, s.group, f"data: {meaning}"))
    for start, end, label in spans:
        x0, x1 = start * side + side * 0.08, end * side - side * 0.08
        segments += [
            Segment(x0, y_rule, x1, y_rule, t.muted, t.line),
            Segment(x0, y_rule - tick, x0, y_rule + tick * 0.1, t.muted, t.line),
            Segment(x1, y_rule - tick, x1, y_rule + tick * 0.1, t.muted, t.line),
        ]
        texts.append(
            text_line(label, (x0 + x1) / 2, baseline, label_size, t.ink, font=t.font, anchor="middle")
        )
    arrow = text_line(
        "clockwise →", s.group * side / 2, -side * 0.35, label_size, t.muted, font=t.font, anchor="middle"
    )
    texts.append(arrow)
    return Block("legend-group", tuple(texts), tuple(rects), tuple(segments))


def _alphabet_table(layout: Layout, width: float, t: Typography) -> Block:
    entries = alphabet_entries(layout)
    data = layout.scheme.data
    size = t.body
    side = size * 0.78
    letter_w = max(measure(label, size, t.font, bold=True).right for label, _ in entries)
    value_w = max(measure(str(value), size, t.font).right for _, value in entries)
    gap = size * 0.45
    cell = letter_w + gap + value_w + gap + data * side
    column_gap = size * 1.6
    columns = max(1, min(len(entries), int((width + column_gap) // (cell + column_gap))))
    rows = math.ceil(len(entries) / columns)
    columns = math.ceil(len(entries) / rows)
    # Down the columns (A, B, C...) unless that leaves the last column nearly empty: then across.
    across = len(entries) - (columns - 1) * rows < rows / 2
    pitch = size * 1.42
    ascent = measure("X", size, t.font).ascent
    texts: list[TextLine] = []
    rects: list[Rect] = []
    for index, (label, value) in enumerate(entries):
        row, column = divmod(index, columns) if across else divmod(index, rows)[::-1]
        x = column * (cell + column_gap)
        baseline = row * pitch + ascent
        texts.append(
            text_line(label, x + letter_w, baseline, size, t.ink, font=t.font, bold=True, anchor="end")
        )
        texts.append(
            text_line(
                str(value), x + letter_w + gap + value_w, baseline, size, t.muted, font=t.font, anchor="end"
            )
        )
        bits = format(value, f"0{data}b")
        squares, _ = _bit_squares(
            x + letter_w + gap + value_w + gap,
            baseline - ascent * 0.5 - side / 2,
            bits,
            side,
            t,
            outline=t.line * 0.7,
        )
        rects += squares
    return Block("legend-table", tuple(texts), tuple(rects))


def legend_block(layout: Layout, width: float, t: Typography) -> Block:
    """The key to the code: a heading, one group drawn as gores, how to read it, the alphabet table."""
    heading = paragraph(
        "legend-heading", "How to read the code", width, t.heading, t.accent, t.font, bold=True
    )
    diagram = _group_diagram(layout, width, t)
    words = paragraph("legend-text", _explanation(layout), width, t.body, t.ink, t.font, leading=1.35)
    table = _alphabet_table(layout, width, t)
    return Block.stack("legend", [heading, diagram, words, table], t.body * 1.1)


def worksheet_instructions(layout: Layout) -> str:
    """What to do on the worksheet's first page (never the message)."""
    s = layout.scheme
    text = (
        f"Each ring is read clockwise, innermost ring first. The numbers around the canopy mark its "
        f"groups of {s.group} gores. For each group, write a 1 for a coloured gore and a 0 for a plain "
        f"one: the first {s.spacer} (shaded) are spacers and always 0, the other {s.data} are a binary "
        "number, most significant bit first. Turn each number into a letter with the table."
    )
    if s.flow == "words":
        text += " A group of all ones ends a word; the next word starts on the next ring, where it ended."
    if layout.coordinates is not None:
        text += " The outer ring is a place: degrees, minutes, seconds, N or S; then E or W."
    return text


def alphabet_strip(layout: Layout, width: float, t: Typography) -> Block:
    """The letters and their values in two or more rows, plus the bit values to add up."""
    entries = alphabet_entries(layout)
    size = t.body
    cell_w = max(measure(f"{label} {value}", size, t.font, bold=True).right for label, value in entries)
    cell_w += size * 1.1
    columns = max(1, min(len(entries), int(width // cell_w)))
    rows = math.ceil(len(entries) / columns)
    columns = math.ceil(len(entries) / rows)
    ascent = measure("X", size, t.font).ascent
    texts: list[TextLine] = []
    rects: list[Rect] = []
    pitch = size * 1.9
    for index, (label, value) in enumerate(entries):
        row, column = divmod(index, columns)
        x = column * cell_w
        y = row * pitch
        rects.append(Rect(x, y, cell_w, pitch, stroke=t.rule, stroke_width=t.line))
        baseline = y + pitch / 2 + ascent * 0.36
        letter = text_line(
            label, x + cell_w / 2 - size * 0.15, baseline, size, t.ink, font=t.font, bold=True, anchor="end"
        )
        number = text_line(str(value), x + cell_w / 2 + size * 0.15, baseline, size, t.muted, font=t.font)
        texts += [letter, number]
    weights = "  ".join(str(2**k) for k in reversed(range(layout.scheme.data)))
    hint = text_line(
        f"Bit values, most significant first: {weights}",
        columns * cell_w / 2,
        rows * pitch + size * 1.2 + ascent,
        size,
        t.ink,
        font=t.font,
        anchor="middle",
    )
    texts.append(hint)
    return Block("alphabet", tuple(texts), tuple(rects))


def _ring_name(layout: Layout, index: int) -> str:
    kind = layout.rings[index].kind
    where = "place" if kind == "coordinates" else ("inner" if index == 0 else "")
    if index == len(layout.rings) - 1 and kind != "coordinates":
        where = "outer"
    return where


def worksheet_grid(layout: Layout, width: float, t: Typography, *, filled: bool) -> Block:
    """Boxes to write the bits and the symbol of every group of every ring (filled in for the key)."""
    s = layout.scheme
    groups = s.groups
    size = t.body
    label_w = (
        max(
            measure(f"Ring {len(layout.rings)}", size, t.font, bold=True).right,
            measure("place", size * 0.85, t.font).right,
        )
        + size * 0.8
    )
    column_gap = size * 1.2
    best = None
    for rows_per_ring in range(1, groups + 1):
        per_row = math.ceil(groups / rows_per_ring)
        cell_w = (width - label_w - (per_row - 1) * column_gap) / per_row
        box = cell_w / (s.group + 2.6)
        best = (rows_per_ring, per_row, cell_w, box)
        if box >= min(3.2, size * 1.5):
            break
    assert best is not None
    rows_per_ring, per_row, cell_w, box = best
    box = min(box, size * 2.2)
    cell_w = box * (s.group + 2.6)
    box_h = box * 1.35
    head = size * 0.82
    head_ascent = measure("X", head, t.font).ascent
    row_h = head_ascent + head * 0.5 + box_h
    row_gap = box_h * 0.35
    ring_gap = box_h * 0.45
    shade = mix(t.paper, t.ink, 0.12)
    texts: list[TextLine] = []
    rects: list[Rect] = []
    y = 0.0
    for ring_index, ring in enumerate(layout.rings):
        symbols = {symbol.group: symbol for symbol in ring.symbols}
        where = _ring_name(layout, ring_index)
        ring_top = y
        for row in range(rows_per_ring):
            for column in range(per_row):
                group = row * per_row + column
                if group >= groups:
                    break
                x = label_w + column * (cell_w + column_gap)
                first = group * s.group + 1
                texts.append(
                    text_line(
                        f"group {group + 1} · gores {first}–{first + s.group - 1}",
                        x,
                        y + head_ascent,
                        head,
                        t.muted,
                        font=t.font,
                    )
                )
                top = y + head_ascent + head * 0.5
                bits = ring.bits[group * s.group : (group + 1) * s.group]
                for k in range(s.group):
                    fill = shade if k < ring.spacer else None
                    rects.append(
                        Rect(x + k * box, top, box, box_h, fill=fill, stroke=t.rule, stroke_width=t.line)
                    )
                    if filled:
                        digit = box_h * 0.62
                        texts.append(
                            text_line(
                                bits[k],
                                x + (k + 0.5) * box,
                                top + box_h / 2 + digit * 0.36,
                                digit,
                                t.ink,
                                font=t.font,
                                anchor="middle",
                            )
                        )
                letter_x = x + (s.group + 0.4) * box
                letter_w = box * 2.2
                rects.append(Rect(letter_x, top, letter_w, box_h, stroke=t.ink, stroke_width=t.line * 1.6))
                if filled:
                    answer = _answer(symbols.get(group), ring, group, s.group)
                    fit = min(
                        box_h * 0.7,
                        letter_w * 0.85 / max(measure(answer, 1.0, t.font, bold=True).right, 0.01),
                    )
                    texts.append(
                        text_line(
                            answer,
                            letter_x + letter_w / 2,
                            top + box_h / 2 + fit * 0.36,
                            fit,
                            t.accent if t.accent != t.ink else t.ink,
                            font=t.font,
                            bold=True,
                            anchor="middle",
                        )
                    )
            y += row_h + row_gap
        label_y = ring_top + head_ascent + head * 0.5 + box_h / 2
        texts.append(text_line(f"Ring {ring_index + 1}", 0.0, label_y, size, t.ink, font=t.font, bold=True))
        if where:
            texts.append(text_line(where, 0.0, label_y + size * 1.1, size * 0.85, t.muted, font=t.font))
        y += ring_gap
    return Block("worksheet-grid", tuple(texts), tuple(rects))


def _answer(symbol: object, ring: object, group: int, size: int) -> str:
    if symbol is not None:
        label = getattr(symbol, "label", "")
        return label if label.strip() else "␣"
    roles = getattr(ring, "roles", "")[group * size : (group + 1) * size]
    return "end" if "t" in roles else "–"


def rim_block(
    layout: Layout,
    centre: tuple[float, float],
    radius: float,
    first_gore_angle: float,
    t: Typography,
    size: float,
) -> Block:
    """Group numbers around the canopy, outside its disk, and ticks at the group edges."""
    s = layout.scheme
    step = 2 * math.pi / s.gores
    texts: list[TextLine] = []
    segments: list[Segment] = []
    tick_out = radius + size * 0.9
    for group in range(s.groups):
        edge = first_gore_angle + group * s.group * step
        sin, cos = math.sin(edge), math.cos(edge)
        segments.append(
            Segment(
                centre[0] + (radius + size * 0.15) * sin,
                centre[1] - (radius + size * 0.15) * cos,
                centre[0] + tick_out * sin,
                centre[1] - tick_out * cos,
                t.muted,
                t.line * 1.5,
            )
        )
        middle = edge + s.group * step / 2
        probe = text_line(str(group + 1), 0.0, 0.0, size, t.ink, font=t.font, bold=True)
        half_w, half_h = probe.bbox.width / 2, probe.bbox.height / 2
        distance = radius + size * 0.35 + math.hypot(half_w, half_h)
        px, py = centre[0] + distance * math.sin(middle), centre[1] - distance * math.cos(middle)
        # Move the line so that its box is centred on (px, py).
        texts.append(probe.moved(px - (probe.bbox.x0 + half_w), py - (probe.bbox.y0 + half_h)))
    return Block("group-numbers", tuple(texts), (), tuple(segments))
