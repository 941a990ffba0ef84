"""The text blocks of a page: caption, subtitle, legend, footer and the worksheet parts.

Each builder lays its block out at the origin, no wider than the width it is
given (a single word or table cell wider than that is the only exception),
measuring every line with :func:`chutecode.drawing.text.measure`. The words
are the page language's (:mod:`chutecode.drawing.wording`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from chutecode.design.language import DEFAULT_LANGUAGE, Language, get_language
from chutecode.design.palette import RGB, Palette, contrast, luminance, mix
from chutecode.drawing import wording
from chutecode.drawing.shapes import Block, Rect, Segment, TextLine, text_line
from chutecode.drawing.text import measure, text_direction, wrap_text
from chutecode.ringcode.codec import get_codec
from chutecode.ringcode.layout import Layout, Ring

__all__ = [
    "Typography",
    "paragraph",
    "caption_block",
    "legend_block",
    "worksheet_grid",
    "alphabet_strip",
    "rim_block",
    "alphabet_entries",
    "byte_characters",
]

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
    lang: str = DEFAULT_LANGUAGE

    @classmethod
    def for_page(cls, unit: float, font: str, paper: RGB, palette: Palette,
                 lang: str = DEFAULT_LANGUAGE) -> Typography:
        """The typography of a page whose short side is ``unit`` mm, on ``paper``, in ``lang``."""
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
            lang=lang,
        )

    @property
    def words(self) -> Language:
        """The page's language: its sentences, direction and numbers."""
        return get_language(self.lang)

    def text(self, text: str, x: float, y: float, size: float, colour: RGB, *, bold: bool = False,
             anchor: str = "left", rtl: bool | None = None) -> TextLine:
        """A measured line in this page's font and language (``anchor`` as in
        :func:`~chutecode.drawing.shapes.text_line`; geometric ``left`` unless told)."""
        return text_line(text, x, y, size, colour, font=self.font, bold=bold, anchor=anchor, lang=self.lang,
                         rtl=rtl)

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
    t: Typography,
    *,
    bold: bool = False,
    leading: float = 1.3,
    align: str = "middle",
    rtl: bool | None = None,
) -> Block:
    """``text`` wrapped to ``width``, centred (or ``align="start"``: from the left, from the right
    when the text runs right to left), baselines ``leading`` sizes apart or more: lines never overlap.

    ``rtl`` is the direction of the text (``None``: found from the text, as for a caption; give
    the page language's for its own sentences)."""
    rtl = text_direction(text, t.lang, rtl)
    lines = wrap_text(text, width, size, t.font, bold=bold, lang=t.lang, rtl=rtl)
    texts: list[TextLine] = []
    y = 0.0
    for line in lines:
        if align == "middle":
            placed = t.text(line, width / 2, 0.0, size, colour, bold=bold, anchor="middle", rtl=rtl)
        elif rtl:
            placed = t.text(line, width, 0.0, size, colour, bold=bold, anchor="right", rtl=rtl)
        else:
            placed = t.text(line, 0.0, 0.0, size, colour, bold=bold, rtl=rtl)
        if texts:
            above = texts[-1]
            y = max(above.y + size * leading, above.bbox.y1 - placed.bbox.y0)
        else:
            y = measure("X", size, t.font, bold=bold).ascent
        texts.append(placed.moved(0.0, y))
    return Block(name, tuple(texts))


def caption_block(
    name: str,
    text: str,
    width: float,
    size: float,
    least: float,
    colour: RGB,
    t: Typography,
    *,
    bold: bool = True,
    rtl: bool | None = None,
) -> Block:
    """A title on one line when it fits at a size down to ``least``, else wrapped at ``size``."""
    rtl = text_direction(text, t.lang, rtl)
    advance = measure(text, size, t.font, bold=bold, lang=t.lang, rtl=rtl).right
    if advance > width:
        fitted = size * width / advance * 0.999
        if fitted >= least:
            size = fitted
        else:
            words = wrap_text(text, 1e-6, size, t.font, bold=bold, lang=t.lang, rtl=rtl)
            longest = max((measure(w, size, t.font, bold=bold, lang=t.lang, rtl=rtl).right for w in words),
                          default=0.0)
            if longest > width:
                size = max(size * width / longest * 0.999, 1.0)
    return paragraph(name, text, width, size, colour, t, bold=bold, leading=1.18, rtl=rtl)


def alphabet_entries(layout: Layout, lang: Language | None = None, *,
                     whole_alphabet: bool = True) -> list[tuple[str, tuple[int, ...]]]:
    """``(label, values)`` of the characters a table shows for the layout's codec.

    ``letters`` and ``ascii``: the letters A to Z and their value (and the
    space for the ``stream`` flow of ``letters``). ``utf8``: characters and
    their bytes: the message's characters in Unicode order, and with
    ``whole_alphabet`` (a worksheet, which must not give the message away) the
    whole alphabet of ``lang`` and of Latin for the letters the message shares
    with it, in the cases the message uses.
    """
    codec = get_codec(layout.scheme.codec)
    if codec.name != "utf8":
        entries: list[tuple[str, tuple[int, ...]]] = [
            (chr(c), (codec.encode_text(chr(c))[0],)) for c in range(ord("A"), ord("Z") + 1)]
        if layout.scheme.flow == "stream" and codec.name == "letters":
            entries.insert(0, ("␣", (codec.space,)))
        return entries
    used = [c for c in dict.fromkeys(layout.message) if not c.isspace()]
    shown: list[str] = []
    if whole_alphabet:
        alphabets = [wording.alphabet(lang or get_language(DEFAULT_LANGUAGE)), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        for letters in dict.fromkeys(alphabets):
            shown += _alphabet_letters(letters, used)
    shown += sorted(c for c in used if c not in shown)
    shown = list(dict.fromkeys(shown))
    entries = [(c, tuple(c.encode("utf-8"))) for c in shown]  # the bytes of each
    if layout.scheme.flow == "stream" and " " in layout.message:
        entries.insert(0, ("␣", (32,)))
    return entries


def _alphabet_letters(letters: str, used: list[str]) -> list[str]:
    """The letters of an alphabet (given in capitals) in the cases ``used`` has, if it has any."""
    capitals = [c for c in letters]
    smalls = [c.lower() if len(c.lower()) == 1 else c for c in letters]
    has_capitals = any(c in capitals and c != c.lower() for c in used)
    has_smalls = any(c in smalls and c != c.upper() for c in used)
    caseless = any(c in capitals and c == c.lower() == c.upper() for c in used)
    out: list[str] = []
    if has_capitals or caseless:
        out += capitals
    if has_smalls:
        out += [c for c in smalls if c not in out]
    return out


def byte_characters(layout: Layout) -> dict[tuple[int, int], tuple[str, int, int]]:
    """For a ``utf8`` layout: which character each byte of the message is part of.

    Keys are ``(ring, group)`` of the message's rings; values are the
    character, the byte's number in it (from 1) and the character's byte count.
    Empty for other codecs.
    """
    if layout.scheme.codec != "utf8":
        return {}
    places = [(index, symbol.group, symbol.value) for index, ring in enumerate(layout.rings)
              if ring.kind == "line" for symbol in ring.symbols]
    out: dict[tuple[int, int], tuple[str, int, int]] = {}
    at = 0
    while at < len(places):
        lead = places[at][2]
        count = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        chunk = places[at:at + count]
        try:
            char = bytes(value for _, _, value in chunk).decode("utf-8")
        except UnicodeDecodeError:
            char, chunk = "�", chunk[:1]
        for number, (ring, group, _) in enumerate(chunk, start=1):
            out[(ring, group)] = (char, number, len(chunk))
        at += len(chunk)
    return out


def _label(char: str) -> str:
    return "␣" if char == " " else char


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
            texts.append(t.text(bit, x + (index + 0.5) * side, rects_mid, size, colour, anchor="middle",
                                rtl=False))
    return rects, texts


def _group_diagram(layout: Layout, width: float, t: Typography) -> Block:
    """One group drawn as gores: the example is the first symbol of the first ring."""
    words = t.words
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
    formula = f"{data_bits} = {words.number(value)}"
    byte = byte_characters(layout).get((0, group)) if ring.kind == "line" else None
    if byte is not None and byte[2] > 1:
        data = wording.data_label(words, formula, byte=(byte[1], byte[0]))
    else:
        if symbol is not None and symbol.label not in (str(value),):
            formula += f" = {_label(byte[0]) if byte is not None else symbol.label}"
        data = wording.data_label(words, formula)
    spans = ((0, spacer, wording.spacer_label(words)), (spacer, s.group, data))
    labels: list[TextLine] = []
    for start, end, label in spans:
        x0, x1 = start * side + side * 0.08, end * side - side * 0.08
        segments += [
            Segment(x0, y_rule, x1, y_rule, t.muted, t.line),
            Segment(x0, y_rule - tick, x0, y_rule + tick * 0.1, t.muted, t.line),
            Segment(x1, y_rule - tick, x1, y_rule + tick * 0.1, t.muted, t.line),
        ]
        line = t.text(label, (x0 + x1) / 2, baseline, label_size, t.ink, anchor="middle", rtl=words.rtl)
        if labels and line.bbox.overlaps(labels[-1].bbox):
            # Too long to sit beside the spacer's label: a line lower.
            line = line.moved(0.0, labels[-1].bbox.y1 - line.bbox.y0 + label_size * 0.15)
        labels.append(line)
    texts += labels
    arrow = t.text(wording.clockwise(words), s.group * side / 2, -side * 0.35, label_size, t.muted,
                   anchor="middle", rtl=words.rtl)
    texts.append(arrow)
    return Block("legend-group", tuple(texts), tuple(rects), tuple(segments))


def _values_text(t: Typography, values: tuple[int, ...]) -> str:
    return " ".join(t.words.number(v) for v in values)


def _alphabet_table(layout: Layout, width: float, t: Typography) -> Block:
    entries = alphabet_entries(layout, t.words, whole_alphabet=False)
    data = layout.scheme.data
    size = t.body
    side = size * 0.78
    squares = all(len(values) == 1 for _, values in entries)
    letter_w = max(measure(label, size, t.font, bold=True, lang=t.lang).right for label, _ in entries)
    value_w = max(measure(_values_text(t, values), size, t.font, lang=t.lang, rtl=False).right
                  for _, values in entries)
    gap = size * 0.45
    cell = letter_w + gap + value_w + ((gap + data * side) if squares else 0.0)
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
    mirrored = t.words.rtl and not squares
    for index, (label, values) in enumerate(entries):
        row, column = divmod(index, columns) if across else divmod(index, rows)[::-1]
        if t.words.rtl:
            column = columns - 1 - column  # right-to-left pages read the table from the right
        x = column * (cell + column_gap)
        baseline = row * pitch + ascent
        numbers = _values_text(t, values)
        if mirrored:
            # The character at the right, its bytes to its left.
            texts.append(t.text(label, x + cell, baseline, size, t.ink, bold=True, anchor="right"))
            texts.append(t.text(numbers, x + cell - letter_w - gap, baseline, size, t.muted, anchor="right",
                                rtl=False))
            continue
        texts.append(t.text(label, x + letter_w, baseline, size, t.ink, bold=True, anchor="right"))
        if squares:
            texts.append(t.text(numbers, x + letter_w + gap + value_w, baseline, size, t.muted,
                                anchor="right", rtl=False))
            bits = format(values[0], f"0{data}b")
            cells, _ = _bit_squares(
                x + letter_w + gap + value_w + gap,
                baseline - ascent * 0.5 - side / 2,
                bits,
                side,
                t,
                outline=t.line * 0.7,
            )
            rects += cells
        else:
            texts.append(t.text(numbers, x + letter_w + gap, baseline, size, t.muted, rtl=False))
    return Block("legend-table", tuple(texts), tuple(rects))


def legend_block(layout: Layout, width: float, t: Typography) -> Block:
    """The key to the code: a heading, one group drawn as gores, how to read it, the alphabet table."""
    words = t.words
    heading = paragraph("legend-heading", wording.legend_heading(words), width, t.heading, t.accent, t,
                        bold=True, rtl=words.rtl)
    diagram = _group_diagram(layout, width, t)
    text = paragraph("legend-text", wording.legend_explanation(words, layout), width, t.body, t.ink, t,
                     leading=1.35, rtl=words.rtl)
    table = _alphabet_table(layout, width, t)
    return Block.stack("legend", [heading, diagram, text, table], t.body * 1.1)


def alphabet_strip(layout: Layout, width: float, t: Typography) -> Block:
    """The characters and their values in rows of boxes, and the bit values to add up."""
    entries = alphabet_entries(layout, t.words)
    size = t.body
    numbers = [_values_text(t, values) for _, values in entries]
    letter_w = max(measure(label, size, t.font, bold=True, lang=t.lang).right for label, _ in entries)
    value_w = max(measure(text, size, t.font, lang=t.lang, rtl=False).right for text in numbers)
    pad = size * 0.55
    gap = size * 0.3
    cell_w = pad + letter_w + gap + value_w + pad
    columns = max(1, min(len(entries), int(width // cell_w)))
    rows = math.ceil(len(entries) / columns)
    columns = math.ceil(len(entries) / rows)
    ascent = measure("X", size, t.font).ascent
    texts: list[TextLine] = []
    rects: list[Rect] = []
    pitch = size * 1.9
    for index, ((label, _), number) in enumerate(zip(entries, numbers, strict=True)):
        row, column = divmod(index, columns)
        if t.words.rtl:
            column = columns - 1 - column  # right-to-left pages read the table from the right
        x = column * cell_w
        y = row * pitch
        rects.append(Rect(x, y, cell_w, pitch, stroke=t.rule, stroke_width=t.line))
        baseline = y + pitch / 2 + ascent * 0.36
        if t.words.rtl:
            texts.append(t.text(label, x + cell_w - pad, baseline, size, t.ink, bold=True, anchor="right"))
            texts.append(t.text(number, x + cell_w - pad - letter_w - gap, baseline, size, t.muted,
                                anchor="right", rtl=False))
        else:
            texts.append(t.text(label, x + pad + letter_w, baseline, size, t.ink, bold=True, anchor="right"))
            texts.append(t.text(number, x + pad + letter_w + gap, baseline, size, t.muted, rtl=False))
    hint = t.text(wording.bit_values(t.words, layout.scheme.data), columns * cell_w / 2,
                  rows * pitch + size * 1.2 + ascent, size, t.ink, anchor="middle", rtl=t.words.rtl)
    texts.append(hint)
    return Block("alphabet", tuple(texts), tuple(rects))


def _ring_name(layout: Layout, index: int) -> str:
    kind = layout.rings[index].kind
    where = "place" if kind == "coordinates" else ("inner" if index == 0 else "")
    if index == len(layout.rings) - 1 and kind != "coordinates":
        where = "outer"
    return where


def worksheet_grid(layout: Layout, width: float, t: Typography, *, filled: bool) -> Block:
    """Boxes to write the bits and the symbol of every group of every ring (filled in for the key).

    In the key of a ``utf8`` layout, each byte's box shows the character the byte is part of,
    over the byte's value."""
    words = t.words
    s = layout.scheme
    groups = s.groups
    size = t.body
    bytes_of = byte_characters(layout)
    names = {_ring_name(layout, i) for i in range(len(layout.rings))} - {""}
    label_w = (
        max(
            measure(wording.ring_label(words, len(layout.rings)), size, t.font, bold=True, lang=t.lang).right,
            *(measure(wording.ring_name(words, n), size * 0.85, t.font, lang=t.lang).right for n in names),
        )
        + size * 0.8
    )
    column_gap = size * 1.2
    answer_boxes = 2.2
    best = None
    for rows_per_ring in range(1, groups + 1):
        per_row = math.ceil(groups / rows_per_ring)
        cell_w = (width - label_w - (per_row - 1) * column_gap) / per_row
        box = cell_w / (s.group + 0.4 + answer_boxes)
        best = (rows_per_ring, per_row, cell_w, box)
        if box >= min(3.0, size * 1.5):
            break
    assert best is not None
    rows_per_ring, per_row, cell_w, box = best
    box = min(box, size * 2.2)
    cell_w = box * (s.group + 0.4 + answer_boxes)
    box_h = box * (1.6 if bytes_of else 1.35)
    head = size * 0.82
    headings = [wording.group_heading(words, g + 1, g * s.group + 1, (g + 1) * s.group)
                for g in range(groups)]
    head_ascent = max(measure(h, head, t.font, lang=t.lang, rtl=words.rtl).ascent for h in headings)
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
                texts.append(t.text(headings[group], x, y + head_ascent, head, t.muted, rtl=words.rtl))
                top = y + head_ascent + head * 0.5
                bits = ring.bits[group * s.group : (group + 1) * s.group]
                for k in range(s.group):
                    fill = shade if k < ring.spacer else None
                    rects.append(
                        Rect(x + k * box, top, box, box_h, fill=fill, stroke=t.rule, stroke_width=t.line)
                    )
                    if filled:
                        digit = box * 1.35 * 0.62
                        texts.append(t.text(bits[k], x + (k + 0.5) * box, top + box_h / 2 + digit * 0.36,
                                            digit, t.ink, anchor="middle", rtl=False))
                letter_x = x + (s.group + 0.4) * box
                letter_w = box * answer_boxes
                rects.append(Rect(letter_x, top, letter_w, box_h, stroke=t.ink, stroke_width=t.line * 1.6))
                if filled:
                    texts += _answer_texts(t, ring, ring_index, group, s.group, symbols.get(group),
                                           bytes_of, letter_x, top, letter_w, box_h)
            y += row_h + row_gap
        label_y = ring_top + head_ascent + head * 0.5 + box_h / 2
        label = t.text(wording.ring_label(words, ring_index + 1), 0.0, label_y, size, t.ink, bold=True,
                       rtl=words.rtl)
        texts.append(label)
        if where:
            name = t.text(wording.ring_name(words, where), 0.0, 0.0, size * 0.85, t.muted, rtl=words.rtl)
            texts.append(name.moved(0.0, max(label_y + size * 1.1, label.bbox.y1 - name.bbox.y0)))
        y += ring_gap
    return Block("worksheet-grid", tuple(texts), tuple(rects))


def _fitted(t: Typography, text: str, x: float, baseline_mid: float, width: float, height: float,
            colour: RGB, *, bold: bool, rtl: bool | None = None) -> TextLine:
    """``text`` centred at ``x`` and ``baseline_mid``, as large as fits ``width`` x ``height``."""
    size = min(height, width / max(measure(text, 1.0, t.font, bold=bold, lang=t.lang, rtl=rtl).right, 0.01))
    return t.text(text, x, baseline_mid + size * 0.36, size, colour, bold=bold, anchor="middle", rtl=rtl)


def _in_box(t: Typography, text: str, x: float, top: float, bottom: float, width: float, colour: RGB, *,
            bold: bool, rtl: bool | None = None) -> TextLine:
    """``text`` centred at ``x`` and between ``top`` and ``bottom``, as large as its box fits."""
    unit = measure(text, 1.0, t.font, bold=bold, lang=t.lang, rtl=rtl)
    size = min((bottom - top) / (unit.ascent + unit.descent), width / max(unit.right - unit.left, 0.01))
    baseline = top + (bottom - top - size * (unit.ascent + unit.descent)) / 2 + size * unit.ascent
    return t.text(text, x, baseline, size, colour, bold=bold, anchor="middle", rtl=rtl)


def _answer_texts(t: Typography, ring: Ring, ring_index: int, group: int, group_size: int, symbol: object,
                  bytes_of: dict[tuple[int, int], tuple[str, int, int]], x: float, top: float, width: float,
                  height: float) -> list[TextLine]:
    colour = t.accent if t.accent != t.ink else t.ink
    byte = bytes_of.get((ring_index, group)) if ring.kind == "line" else None
    if byte is not None and symbol is not None:
        value = t.words.number(getattr(symbol, "value", 0))
        pad = height * 0.06
        below = _in_box(t, value, x + width / 2, top + height * 0.66, top + height - pad, width * 0.8,
                        t.muted, bold=False, rtl=False)
        above = _in_box(t, _label(byte[0]), x + width / 2, top + pad, below.bbox.y0, width * 0.8, colour,
                        bold=True)
        return [above, below]
    answer = _answer(t, symbol, ring, group, group_size)
    return [_fitted(t, answer, x + width / 2, top + height / 2, width * 0.85, height * 0.7, colour,
                    bold=True)]


def _answer(t: Typography, symbol: object, ring: Ring, group: int, size: int) -> str:
    if symbol is not None:
        label = getattr(symbol, "label", "")
        return label if label.strip() else "␣"
    roles = ring.roles[group * size : (group + 1) * size]
    return wording.end_label(t.words) if "t" in roles else "–"


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
        probe = t.text(t.words.number(group + 1), 0.0, 0.0, size, t.ink, bold=True, rtl=False)
        half_w, half_h = probe.bbox.width / 2, probe.bbox.height / 2
        distance = radius + size * 0.35 + math.hypot(half_w, half_h)
        px, py = centre[0] + distance * math.sin(middle), centre[1] - distance * math.cos(middle)
        # Move the line so that its box is centred on (px, py).
        texts.append(probe.moved(px - (probe.bbox.x0 + half_w), py - (probe.bbox.y0 + half_h)))
    return Block("group-numbers", tuple(texts), (), tuple(segments))
