"""Page composition: where the canopy, each text block and the crop marks go.

:func:`compose` takes a layout, a :class:`~chutecode.design.page.Page`, the drawing
style and the palette, and returns a :class:`Composition`: the canopy's
centre and radius and every text block with its bounding box, in mm, in
page coordinates (origin at the top-left corner of the trimmed page). Text is
measured, never guessed, so tests can check from these numbers that no text
touches the canopy's disk and that all of it stays inside the trim.

The canopy is centred in the safe area (the page minus the margins minus
the room the texts need). Three arrangements are tried: texts above and
below the canopy (``stacked``), texts in a column beside it (``side``), and
the caption above with the rest beside it (``header-side``); the one giving
the largest canopy wins, ``stacked`` unless another is clearly larger.

Without a page size (``Page.size is None``) the page is the canopy's square,
grown by the margins and the texts, and the canopy keeps its diameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from chutecode.design.design import DEFAULT_SIZE_MM
from chutecode.design.page import Page
from chutecode.design.palette import RGB, Palette
from chutecode.design.units import PAGE_SIZES, Margins
from chutecode.drawing import wording
from chutecode.drawing.blocks import (
    Typography,
    alphabet_strip,
    caption_block,
    legend_block,
    paragraph,
    rim_block,
    worksheet_grid,
)
from chutecode.drawing.geometry import Style
from chutecode.drawing.shapes import Block, Box, Segment, TextLine
from chutecode.errors import PageError
from chutecode.ringcode.layout import Layout

__all__ = ["Composition", "compose", "DEFAULT_CANOPY_MM", "crop_marks", "slug_for"]

#: Canopy diameter when neither a size nor a page is given.
DEFAULT_CANOPY_MM = DEFAULT_SIZE_MM
#: Crop marks: distance from the trim where they start (at least), their length and line width.
MARK_OFFSET_MM = 3.0
MARK_LENGTH_MM = 5.0
MARK_WIDTH_MM = 0.25 * 25.4 / 72
_REGISTRATION: RGB = (0, 0, 0)
#: Worksheets are printed in classrooms: white paper unless another is asked for.
WORKSHEET_PAPER: RGB = (255, 255, 255)


@dataclass(frozen=True)
class Composition:
    """Where everything goes on one page (mm, page coordinates, y down).

    Attributes:
        page: the options it was made from.
        width, height: the trimmed page.
        bleed: background beyond the trim on every side.
        slug: room beyond the bleed for crop marks (0 without them).
        paper: the page colour (painted over page and bleed).
        ink: the colour of body text.
        canopy_centre, canopy_radius: the canopy's disk.
        backdrop: ``none`` (the paper is the palette's background, or the page
            is transparent) or ``disk`` (the canopy's own background is
            painted over its disk).
        blocks: the text blocks (caption, subtitle, legend, footer, ...).
        marks: crop marks, outside the bleed.
        arrangement: ``plain``, ``stacked``, ``side`` or ``header-side``.
    """

    page: Page
    width: float
    height: float
    bleed: float
    slug: float
    paper: RGB
    ink: RGB
    canopy_centre: tuple[float, float]
    canopy_radius: float
    backdrop: str = "none"
    blocks: tuple[Block, ...] = ()
    marks: tuple[Segment, ...] = ()
    arrangement: str = "plain"

    @property
    def canopy_diameter(self) -> float:
        """The canopy's diameter."""
        return 2 * self.canopy_radius

    @property
    def transparent(self) -> bool:
        """True when nothing is painted under the canopy and the texts (no paper, no background)."""
        return self.page.transparent

    @property
    def offset(self) -> float:
        """Distance from the sheet's edge to the trim: bleed plus slug."""
        return self.bleed + self.slug

    @property
    def sheet_width(self) -> float:
        """Width of the whole sheet: page, bleed and slug."""
        return self.width + 2 * self.offset

    @property
    def sheet_height(self) -> float:
        """Height of the whole sheet: page, bleed and slug."""
        return self.height + 2 * self.offset

    @property
    def trim_box(self) -> Box:
        """The trimmed page."""
        return Box(0.0, 0.0, self.width, self.height)

    @property
    def bleed_box(self) -> Box:
        """The page with its bleed."""
        return Box(-self.bleed, -self.bleed, self.width + self.bleed, self.height + self.bleed)

    @property
    def canopy_origin(self) -> tuple[float, float]:
        """Top-left corner of the canopy's square, in page coordinates."""
        return (self.canopy_centre[0] - self.canopy_radius, self.canopy_centre[1] - self.canopy_radius)

    def texts(self) -> tuple[TextLine, ...]:
        """Every text line of every block."""
        return tuple(line for block in self.blocks for line in block.texts)

    def block(self, name: str) -> Block | None:
        """The block called ``name``, if any."""
        return next((b for b in self.blocks if b.name == name), None)


def slug_for(bleed: float, crop: bool) -> float:
    """Room beyond the bleed for crop marks: enough for marks starting outside the bleed."""
    if not crop:
        return 0.0
    start = max(bleed + 1.0, MARK_OFFSET_MM)
    return start + MARK_LENGTH_MM + 1.0 - bleed


def crop_marks(width: float, height: float, bleed: float) -> tuple[Segment, ...]:
    """Trim marks at the four corners, on the trim lines' extensions, outside the bleed."""
    start = max(bleed + 1.0, MARK_OFFSET_MM)
    end = start + MARK_LENGTH_MM
    marks: list[Segment] = []
    for x, sx in ((0.0, -1.0), (width, 1.0)):
        for y, sy in ((0.0, -1.0), (height, 1.0)):
            marks.append(Segment(x + sx * start, y, x + sx * end, y, _REGISTRATION, MARK_WIDTH_MM))
            marks.append(Segment(x, y + sy * start, x, y + sy * end, _REGISTRATION, MARK_WIDTH_MM))
    return tuple(marks)


def _first_gore_angle(style: Style, gores: int) -> float:
    return math.radians(style.start_angle) + style.gore_offset * 2 * math.pi / gores


def compose(
    layout: Layout, page: Page, style: Style, palette: Palette, *, canopy: float | None = None
) -> Composition:
    """Lay out one page: the canopy (``canopy`` mm across, or as large as fits) and the texts.

    Raises :class:`~chutecode.errors.PageError` when the canopy asked for,
    or any canopy at all, does not fit beside the texts.
    """
    paper = page.paper or (WORKSHEET_PAPER if page.worksheet is not None else palette.background)
    backdrop = "none" if paper == palette.background or page.transparent else "disk"
    size = page.size
    if page.worksheet is not None and size is None:
        size = PAGE_SIZES["a4"]
    if page.plain:
        diameter = canopy or DEFAULT_CANOPY_MM
        r = diameter / 2
        ink = Typography.for_page(diameter, page.font, paper, palette, page.lang).ink
        return Composition(page, diameter, diameter, 0.0, 0.0, paper, ink, (r, r), r, backdrop)

    slug = slug_for(page.bleed, page.crop_marks)
    if size is None:
        diameter = canopy or DEFAULT_CANOPY_MM
        text_on = page.has_text
        margins = page.margins or (Margins(*([diameter * 0.07] * 4)) if text_on else Margins(0, 0, 0, 0))
        width = diameter + margins.left + margins.right
        t = Typography.for_page(width, page.font, paper, palette, page.lang)
        header, footer = _blocks(layout, page, t, diameter)
        heights = [b.bbox.height for b in (*header, *footer)]
        height = margins.top + margins.bottom + diameter + sum(heights) + t.gap * len(heights)
        comp = _stacked(
            page,
            layout,
            style,
            t,
            width,
            height,
            margins,
            header,
            footer,
            diameter,
            slug,
            paper,
            backdrop,
            exact=True,
        )
        return comp

    width, height = size
    margins = page.margins or Margins(*([max(5.0, 0.05 * min(width, height))] * 4))
    t = Typography.for_page(min(width, height), page.font, paper, palette, page.lang)
    safe_w = width - margins.left - margins.right
    safe_h = height - margins.top - margins.bottom
    rim = _rim(page, t)

    candidates: list[tuple[float, str]] = []
    header, footer = _blocks(layout, page, t, safe_w)
    used = sum(b.bbox.height for b in (*header, *footer)) + t.gap * len(header + footer)
    stacked_d = min(safe_w, safe_h - used) - 2 * rim
    candidates.append((stacked_d, "stacked"))
    if width > height * 0.9 and (header or footer):
        candidates.append((_side_fit(layout, page, t, safe_w, safe_h, rim, header_on_top=False), "side"))
        if header and footer:
            candidates.append(
                (_side_fit(layout, page, t, safe_w, safe_h, rim, header_on_top=True), "header-side")
            )
    best_d, best = candidates[0]
    for d, name in candidates[1:]:
        if d > best_d * 1.08:
            best_d, best = d, name
    least = 0.2 * min(safe_w, safe_h)
    if canopy is not None:
        fitting = [(d, name) for d, name in candidates if d >= canopy - 1e-9]
        if not fitting:
            raise PageError(
                f"a canopy {canopy:g} mm across does not fit a {width:g} x {height:g} mm page "
                f"with these texts and margins: at most {max(best_d, 0):.0f} mm; leave size out "
                "to fit the page"
            )
        best_d, best = canopy, fitting[0][1]
    elif best_d < least:
        raise PageError(
            f"a {width:g} x {height:g} mm page leaves only {max(best_d, 0):.0f} mm for the canopy "
            "beside these texts: use a larger page, smaller margins or fewer texts"
        )
    if best == "stacked":
        return _stacked(
            page,
            layout,
            style,
            t,
            width,
            height,
            margins,
            header,
            footer,
            best_d,
            slug,
            paper,
            backdrop,
            exact=False,
        )
    return _side(
        page,
        layout,
        style,
        t,
        width,
        height,
        margins,
        best_d,
        slug,
        paper,
        backdrop,
        header_on_top=(best == "header-side"),
    )


def _rim(page: Page, t: Typography) -> float:
    """Room around the canopy for the worksheet's group numbers."""
    return _rim_size(t) * 2.6 if page.worksheet is not None else 0.0


def _rim_size(t: Typography) -> float:
    return t.body * 1.05


def _blocks(layout: Layout, page: Page, t: Typography, width: float) -> tuple[list[Block], list[Block]]:
    """The blocks above and below the canopy, built for a column ``width`` mm wide."""
    header: list[Block] = []
    footer: list[Block] = []
    words = t.words
    if page.worksheet == "questions":
        header.append(caption_block("title", wording.worksheet_title(words), width, t.caption * 0.8,
                                    t.subtitle, t.accent, t, rtl=words.rtl))
        header.append(paragraph("instructions", wording.worksheet_instructions(words, layout), width, t.body,
                                t.ink, t, leading=1.35, rtl=words.rtl))
        footer.append(worksheet_grid(layout, width, t, filled=False))
        footer.append(alphabet_strip(layout, width, t))
        return header, footer
    caption = page.caption
    subtitle = page.subtitle
    if page.worksheet == "answers":
        caption = caption or True
        subtitle = subtitle or True
    if caption:
        text = layout.message if caption is True else caption
        if text:
            header.append(caption_block("caption", text, width, t.caption, t.caption * 0.55, t.accent, t))
    if subtitle:
        place = layout.coordinates
        if subtitle is True:
            text, rtl = (wording.place_text(words, place) if place is not None else ""), words.rtl
        else:
            text, rtl = subtitle, None
        if text:
            header.append(caption_block("subtitle", text, width, t.subtitle, t.subtitle * 0.6, t.ink, t,
                                        bold=False, rtl=rtl))
    if page.worksheet == "answers":
        footer.append(worksheet_grid(layout, width, t, filled=True))
    if page.legend and page.worksheet is None:
        footer.append(legend_block(layout, width, t))
    if page.footer and page.worksheet is None:
        if page.footer is True:
            text, rtl = wording.footer_text(words, layout), words.rtl
        else:
            text, rtl = page.footer, None
        footer.append(paragraph("footer", text, width, t.small, t.muted, t, leading=1.3, rtl=rtl))
    return header, footer


def _side_fit(
    layout: Layout,
    page: Page,
    t: Typography,
    safe_w: float,
    safe_h: float,
    rim: float,
    *,
    header_on_top: bool,
) -> float:
    """The largest canopy with the texts in a column beside it (0 when nothing fits)."""
    top = 0.0
    if header_on_top:
        header, _ = _blocks(layout, page, t, safe_w)
        top = sum(b.bbox.height + t.gap for b in header)
    room_h = safe_h - top
    d_max = min(room_h, safe_w * 0.8) - 2 * rim
    for step in range(40):
        d = d_max * (1 - step * 0.02)
        column = safe_w - d - 2 * rim - t.gap
        if column < safe_w * 0.2:
            continue
        header, footer = _blocks(layout, page, t, column)
        parts = footer if header_on_top else [*header, *footer]
        need = sum(b.bbox.height for b in parts) + t.gap * (len(parts) - 1)
        widest = max((b.bbox.width for b in parts), default=0.0)
        if need <= room_h and widest <= column + 1e-6:
            return d
    return 0.0


def _finish(
    page: Page,
    layout: Layout,
    style: Style,
    t: Typography,
    width: float,
    height: float,
    centre: tuple[float, float],
    diameter: float,
    blocks: list[Block],
    slug: float,
    paper: RGB,
    backdrop: str,
    arrangement: str,
) -> Composition:
    radius = diameter / 2
    if page.worksheet is not None:
        blocks.append(
            rim_block(layout, centre, radius, _first_gore_angle(style, layout.scheme.gores), t, _rim_size(t))
        )
    marks = crop_marks(width, height, page.bleed) if page.crop_marks else ()
    return Composition(
        page,
        width,
        height,
        page.bleed,
        slug,
        paper,
        t.ink,
        centre,
        radius,
        backdrop,
        tuple(blocks),
        marks,
        arrangement,
    )


def _stacked(
    page: Page,
    layout: Layout,
    style: Style,
    t: Typography,
    width: float,
    height: float,
    margins: Margins,
    header: list[Block],
    footer: list[Block],
    diameter: float,
    slug: float,
    paper: RGB,
    backdrop: str,
    *,
    exact: bool,
) -> Composition:
    """Header blocks, the canopy, then footer blocks, centred in the safe area."""
    rim = _rim(page, t)
    safe_x, safe_w = margins.left, width - margins.left - margins.right
    safe_y, safe_h = margins.top, height - margins.top - margins.bottom
    used = sum(b.bbox.height for b in (*header, *footer)) + diameter + 2 * rim
    spaces = len(header) + len(footer)
    spare = safe_h - used - t.gap * spaces
    gap = t.gap if exact else t.gap + min(max(spare, 0.0) / max(spaces + 2, 1), t.gap)
    total = used + gap * spaces
    y = safe_y + max(safe_h - total, 0.0) / 2
    placed: list[Block] = []
    for block in header:
        placed.append(block.placed(safe_x, y, safe_w))
        y += block.bbox.height + gap
    centre = (safe_x + safe_w / 2, y + rim + diameter / 2)
    y += diameter + 2 * rim + gap
    for block in footer:
        placed.append(block.placed(safe_x, y, safe_w))
        y += block.bbox.height + gap
    return _finish(
        page, layout, style, t, width, height, centre, diameter, placed, slug, paper, backdrop, "stacked"
    )


def _side(
    page: Page,
    layout: Layout,
    style: Style,
    t: Typography,
    width: float,
    height: float,
    margins: Margins,
    diameter: float,
    slug: float,
    paper: RGB,
    backdrop: str,
    *,
    header_on_top: bool,
) -> Composition:
    """The canopy on the left, the texts in a column on the right (the caption on top for header-side)."""
    rim = _rim(page, t)
    safe_x, safe_w = margins.left, width - margins.left - margins.right
    safe_y, safe_h = margins.top, height - margins.top - margins.bottom
    placed: list[Block] = []
    top = safe_y
    if header_on_top:
        header, _ = _blocks(layout, page, t, safe_w)
        for block in header:
            placed.append(block.placed(safe_x, top, safe_w))
            top += block.bbox.height + t.gap
    room_h = safe_y + safe_h - top
    column = safe_w - diameter - 2 * rim - t.gap
    header, footer = _blocks(layout, page, t, column)
    parts = footer if header_on_top else [*header, *footer]
    need = sum(b.bbox.height for b in parts) + t.gap * (len(parts) - 1)
    widest = max((b.bbox.width for b in parts), default=0.0)
    spare_w = max(column - widest, 0.0)
    x = safe_x + spare_w / 3
    centre = (x + rim + diameter / 2, top + room_h / 2)
    column_x = x + diameter + 2 * rim + t.gap + spare_w / 3
    y = top + max(room_h - need, 0.0) / 2
    for block in parts:
        placed.append(block.placed(column_x, y, widest))
        y += block.bbox.height + t.gap
    return _finish(
        page,
        layout,
        style,
        t,
        width,
        height,
        centre,
        diameter,
        placed,
        slug,
        paper,
        backdrop,
        "header-side" if header_on_top else "side",
    )
