"""A preview of a drawing in a terminal: true-colour half blocks, or plain characters.

The sheet is drawn (by the PNG renderer) ``columns`` pixels wide. In colour,
every character cell shows two pixels, one above the other, as an upper half
block ``▀`` with a 24-bit foreground and background colour: terminal cells are
about twice as tall as wide, so the pixels are square and the canopy round.
Transparent pixels take the terminal's own background.

The plain preview is for output that is not a terminal (a file, a pipe, a
log): one character a cell, the colour of the cell told by the palette role
it is nearest to: ``#`` a coloured gore (a 1), ``.`` a plain gore (a 0),
``:`` a spacer, ``=`` a terminator and ``+`` a fill gore when the palette
gives them their own colours, ``@`` text on the page, and a space for the
background.

>>> from chutecode.drawing.draw import draw
>>> from chutecode.ringcode.encoder import encode
>>> lines = plain_preview(draw(encode("DARE")), 20).splitlines()
>>> len(lines), {len(line) for line in lines}
(10, {20})
"""

from __future__ import annotations

import dataclasses
import io
import os
from typing import Any, TextIO

from chutecode.design.palette import RGB, mix
from chutecode.drawing.drawing import Drawing
from chutecode.errors import RenderError

__all__ = ["write_preview", "colour_preview", "plain_preview", "preview_image", "wants_colour",
           "default_width", "MIN_COLUMNS", "MAX_COLUMNS", "AUTO_COLUMNS"]

#: The narrowest and widest previews, in character cells.
MIN_COLUMNS = 8
MAX_COLUMNS = 400
#: The widest preview chosen without a width, and the width when the output is not a terminal.
AUTO_COLUMNS = 72
PLAIN_COLUMNS = 60

_UPPER_HALF = "\u2580"
_LOWER_HALF = "\u2584"
_RESET = "\x1b[0m"


def _check_columns(columns: int) -> None:
    if isinstance(columns, bool) or not isinstance(columns, int) or not MIN_COLUMNS <= columns <= MAX_COLUMNS:
        raise RenderError(f"width {columns!r} is not valid: give a whole number of characters from "
                          f"{MIN_COLUMNS} to {MAX_COLUMNS}")


def preview_image(drawing: Drawing, width: int, height_scale: float = 1.0) -> Any:
    """The sheet of ``drawing`` as a Pillow RGBA image ``width`` pixels wide.

    ``height_scale`` stretches the height (0.5 for one pixel a character cell).
    """
    from PIL import Image

    from chutecode.renderers.cairo import render_png

    sheet_w, sheet_h = drawing.sheet_size
    dpi = width / sheet_w * 25.4
    buffer = io.BytesIO()
    render_png(dataclasses.replace(drawing, dpi=dpi), buffer)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")
    rows = max(1, round(image.height * height_scale))
    if rows != image.height:
        image = image.resize((image.width, rows), Image.Resampling.BOX)
    return image


def colour_preview(drawing: Drawing, columns: int) -> str:
    """The sheet in ``columns`` character cells of true-colour half blocks (ANSI escape codes)."""
    _check_columns(columns)
    image = preview_image(drawing, columns)
    width, height = image.size
    pixels = image.load()
    lines = []
    for top_row in range(0, height, 2):
        cells: list[str] = []
        state: tuple[Any, Any] = (None, None)
        for x in range(width):
            top = pixels[x, top_row]
            bottom = pixels[x, top_row + 1] if top_row + 1 < height else (0, 0, 0, 0)
            cell, state = _cell(top, bottom, state)
            cells.append(cell)
        lines.append("".join(cells) + _RESET)
    return "\n".join(lines) + "\n"


def _cell(top: tuple[int, int, int, int], bottom: tuple[int, int, int, int],
          state: tuple[Any, Any]) -> tuple[str, tuple[Any, Any]]:
    """One character cell, and the (foreground, background) colours in force after it."""
    upper = top[:3] if top[3] >= 128 else None
    lower = bottom[:3] if bottom[3] >= 128 else None
    if upper is None and lower is None:
        glyph, fg, bg = " ", state[0], None
    elif upper is None:
        glyph, fg, bg = _LOWER_HALF, lower, None
    else:
        glyph, fg, bg = _UPPER_HALF, upper, lower
    codes = []
    if bg != state[1]:
        codes.append("49" if bg is None else "48;2;{};{};{}".format(*bg))
    if fg != state[0]:
        codes.append("38;2;{};{};{}".format(*fg))
    return (f"\x1b[{';'.join(codes)}m" if codes else "") + glyph, (fg, bg)


def _role_colours(drawing: Drawing, *, page_text: bool) -> list[tuple[RGB, str]]:
    """Each colour of the drawing with the character that stands for it; ``page_text`` adds the ink."""
    pal = drawing.palette
    page = drawing.page()
    pairs: list[tuple[RGB | None, str]] = [(pal.one, "#"), *((c, "#") for c in pal.rings), (pal.zero, "."),
                                           (pal.spacer, ":"), (pal.terminator, "="), (pal.fill, "+")]
    if not page.transparent:
        pairs += [(pal.background, " "), (page.paper, " ")]
    if page_text:
        pairs.append((page.ink, "@"))
    out: list[tuple[RGB, str]] = []
    for colour, char in pairs:
        if colour is not None and all(colour != known for known, _ in out):
            out.append((colour, char))
    # A cell half on a gore and half on the background is that gore (else a white gore's edge on a
    # dark sky would be nearest to a middle colour such as orange).
    grounds = [colour for colour, char in out if char == " "]
    for colour, char in list(out):
        if char not in (" ", "@"):
            out += [(mix(colour, ground, 0.5), char) for ground in grounds]
    return out


def plain_preview(drawing: Drawing, columns: int) -> str:
    """The sheet in ``columns`` plain characters a line (no escape codes); see the module docstring.

    Inside the canopy's disk a cell is told by the canopy's colours alone;
    outside it the page's text colour counts too (``@``).
    """
    _check_columns(columns)
    image = preview_image(drawing, columns, height_scale=0.5)
    canopy = _role_colours(drawing, page_text=False)
    page_roles = _role_colours(drawing, page_text=bool(drawing.page().blocks))
    page = drawing.page()
    sheet_w, sheet_h = drawing.sheet_size
    sx, sy = image.width / sheet_w, image.height / sheet_h
    cx, cy = ((page.offset + page.canopy_centre[0]) * sx, (page.offset + page.canopy_centre[1]) * sy)
    rx, ry = page.canopy_radius * sx, page.canopy_radius * sy
    pixels = image.load()
    lines = []
    for y in range(image.height):
        row = []
        for x in range(image.width):
            r, g, b, alpha = pixels[x, y]
            if alpha < 128:
                row.append(" ")
                continue
            inside = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2 <= 1.0
            roles = canopy if inside else page_roles
            _, char = min(roles, key=lambda rc: (rc[0][0] - r) ** 2 + (rc[0][1] - g) ** 2
                          + (rc[0][2] - b) ** 2)
            row.append(char)
        lines.append("".join(row))
    return "\n".join(lines) + "\n"


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


def wants_colour(stream: Any) -> bool:
    """Whether a preview into ``stream`` is in colour: a terminal, without ``NO_COLOR``, not ``TERM=dumb``."""
    return _is_tty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def default_width(stream: Any) -> int:
    """Characters across for a preview into ``stream``: what the terminal's width and height allow
    (a square canopy takes half as many lines as columns), at most :data:`AUTO_COLUMNS`."""
    if not _is_tty(stream):
        return PLAIN_COLUMNS
    import shutil

    columns, lines = shutil.get_terminal_size((80, 24))
    return max(MIN_COLUMNS, min(columns - 1, 2 * (lines - 2), AUTO_COLUMNS))


def write_preview(drawing: Drawing, stream: TextIO, *, width: int | None = None,
                  colour: bool | None = None) -> None:
    """Write the preview of ``drawing`` into the text ``stream``: in colour for a terminal
    (:func:`wants_colour`), plain otherwise; ``width`` characters across (:func:`default_width`)."""
    colour = wants_colour(stream) if colour is None else colour
    width = default_width(stream) if width is None else width
    stream.write(colour_preview(drawing, width) if colour else plain_preview(drawing, width))
    stream.flush()
