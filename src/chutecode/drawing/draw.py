"""The one way from a layout and a design to a :class:`~chutecode.drawing.drawing.Drawing`.

>>> from chutecode.ringcode.encoder import encode
>>> from chutecode.design import Design
>>> drawing = draw(encode("DARE"), Design.create(size="10cm", palette="mono"))
>>> drawing.size, drawing.palette.name
(100.0, 'mono')
"""

from __future__ import annotations

from chutecode.design.design import Design
from chutecode.design.language import get_language
from chutecode.drawing import wording
from chutecode.drawing.composition import compose
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import build_geometry
from chutecode.errors import RenderError
from chutecode.ringcode.layout import Layout

__all__ = ["draw"]


def draw(layout: Layout, design: Design | None = None) -> Drawing:
    """Compose the page and build the canopy's shapes for one page of ``design``.

    A worksheet design prints two pages: draw each of ``design.pages()``.
    Raises :class:`~chutecode.errors.RenderError` for a layout that is not a
    :class:`Layout` or a two-page design, and the page's errors when the
    canopy does not fit beside the texts.
    """
    if not isinstance(layout, Layout):
        raise RenderError(f"layout {layout!r:.60} is not a Layout: make one with chutecode.encode()")
    design = Design() if design is None else design
    if not isinstance(design, Design):
        raise RenderError(f"design {design!r:.60} is not a Design: make one with Design.create()")
    if design.worksheet is True:
        raise RenderError("worksheet=True draws two pages: draw each of design.pages(), or use "
                          "chutecode.render()")
    page, style, palette = design.resolved_page, design.resolved_style, design.resolved_palette
    composition = compose(layout, page, style, palette, canopy=design.size)
    geometry = build_geometry(layout, style, composition.canopy_diameter, dpi=design.dpi, lang=page.lang)
    words = get_language(page.lang)
    if page.worksheet is not None:
        title = page.title or wording.worksheet_title(words)
        description = (wording.describe_scheme(words, layout) if page.worksheet == "questions"
                       else wording.describe_layout(words, layout))
    else:
        place = layout.coordinates.text if layout.coordinates else "parachute ring code"
        fallback = layout.message or place
        title = page.title or fallback
        description = wording.describe_layout(words, layout)
    return Drawing(geometry=geometry, palette=palette, dpi=design.dpi, title=title, description=description,
                   composition=composition, timing=design.resolved_timing)
