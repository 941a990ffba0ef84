"""Page text on a cairo context, with Pango: the page's text lines and the canopy's labels.

A line is drawn from the very layout it was measured with
(:func:`chutecode.drawing.text.pango.cached_layout`, at the reference size),
scaled to its size, so it fills the box the composition gave it. With
``outlines`` the glyphs become filled paths instead of text (colour glyphs,
such as emoji, stay pictures: they have no outline).
"""

from __future__ import annotations

from typing import Any

from chutecode.design.language import DEFAULT_LANGUAGE
from chutecode.design.palette import RGB
from chutecode.drawing.geometry import LABEL_FONT, Label
from chutecode.drawing.shapes import TextLine
from chutecode.drawing.text.pango import (
    LOCK,
    REFERENCE_SIZE,
    TextSpec,
    bindings,
    cached_layout,
    extents,
    runs,
)

__all__ = ["TextPainter", "outline_layout", "LABEL_FONT", "label_offset"]

def _rgb(colour: RGB) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def outline_layout(ctx: Any, layout: Any, text: str, baseline: float, *, pictures: bool = True) -> bool:
    """Add the outlines of ``layout`` (of ``text``, first line at ``baseline``) to the current path.

    Colour glyph runs (emoji) have no outline: with ``pictures`` they are
    painted as they are (in the source colour's place) and left out of the
    path. Returns True when the layout has colour runs.
    """
    b = bindings()
    found = runs(layout, text)
    if not any(run.colour for run in found):
        ctx.move_to(0, 0)
        b.pangocairo.pango_cairo_layout_path(ctx._pointer, layout)
        return False
    it = b.pango.pango_layout_get_iter(layout)
    try:
        index = 0
        while True:
            run = b.pango.pango_layout_iter_get_run_readonly(it)
            if run != b.ffi.NULL:
                item = b.glyph_item(run)
                font = b.ffi.cast("PangoFont *", int(b.structs.cast("uintptr_t", item.item.analysis.font)))
                this = found[index]
                index += 1
                glyphs = b.cairo_ffi.cast("PangoGlyphString *", int(b.structs.cast("uintptr_t", item.glyphs)))
                if this.colour:
                    if pictures:
                        # Only this run's glyphs, as they are: the path so far is kept aside.
                        path = ctx.copy_path()
                        ctx.new_path()
                        ctx.move_to(this.x0, baseline)
                        b.pangocairo.pango_cairo_show_glyph_string(ctx._pointer, font, glyphs)
                        ctx.new_path()
                        ctx.append_path(path)
                else:
                    ctx.move_to(this.x0, baseline)
                    b.pangocairo.pango_cairo_glyph_string_path(ctx._pointer, font, glyphs)
            if not b.pango.pango_layout_iter_next_run(it):
                break
    finally:
        b.pango.pango_layout_iter_free(it)
    return True


def label_offset(label: Label, lang: str = DEFAULT_LANGUAGE) -> tuple[float, float]:
    """Where a canopy label's line starts, from the label's centre in its own turned frame:
    centred across on its ink, its capitals centred up and down (DejaVu's are 0.73 em high)."""
    from chutecode.drawing.text import measure

    metrics = measure(label.text, label.size, LABEL_FONT, bold=True, lang=lang)
    return (-(metrics.ink_left + metrics.ink_right) / 2, 0.36 * label.size)


class TextPainter:
    """Draws text lines and labels on one cairo context (user unit: mm), as text or outlines."""

    def __init__(self, ctx: Any, *, outlines: bool = False) -> None:
        self.ctx = ctx
        self.outlines = outlines

    def _visible(self, line: TextLine) -> bool:
        x0, y0, x1, y1 = self.ctx.clip_extents()
        box = line.bbox
        return box.x1 >= x0 and box.x0 <= x1 and box.y1 >= y0 and box.y0 <= y1

    def line(self, line: TextLine) -> None:
        """Draw ``line`` where it was measured, in its colour (skipped when outside the clip)."""
        if not line.text.strip() or not self._visible(line):
            return
        ctx = self.ctx
        spec = TextSpec(line.text, line.font, line.bold, line.lang, line.rtl)
        with LOCK:
            ctx.save()
            ctx.translate(line.x, line.y)
            k = line.size / REFERENCE_SIZE
            ctx.scale(k, k)
            layout = cached_layout(spec)
            baseline = extents(layout).baseline
            ctx.set_source_rgb(*_rgb(line.colour))
            ctx.translate(0, -baseline)
            ctx.new_path()
            if self.outlines:
                outline_layout(ctx, layout, line.text, baseline)
                ctx.fill()
            else:
                ctx.move_to(0, 0)
                bindings().pangocairo.pango_cairo_show_layout(ctx._pointer, layout)
            ctx.restore()

    def label(self, label: Label, x: float, y: float, halo: RGB, ink: RGB,
              lang: str = DEFAULT_LANGUAGE) -> None:
        """Draw a canopy label centred at ``(x, y)``, turned, over a halo: always as outlines
        (skipped when outside the clip)."""
        ctx = self.ctx
        x0, y0, x1, y1 = ctx.clip_extents()
        reach = label.size * (len(label.text) + 1)
        if x + reach < x0 or x - reach > x1 or y + reach < y0 or y - reach > y1:
            return
        from chutecode.drawing.text import spec_for

        spec = spec_for(label.text, LABEL_FONT, bold=True, lang=lang)
        dx, dy = label_offset(label, lang)
        with LOCK:
            ctx.save()
            ctx.translate(x, y)
            ctx.rotate(label.rotation)
            ctx.translate(dx, dy)
            k = label.size / REFERENCE_SIZE
            ctx.scale(k, k)
            layout = cached_layout(spec)
            baseline = extents(layout).baseline
            ctx.translate(0, -baseline)
            ctx.new_path()
            outline_layout(ctx, layout, spec.text, baseline, pictures=False)
            ctx.set_source_rgb(*_rgb(halo))
            ctx.set_line_width(0.18 * REFERENCE_SIZE)
            ctx.stroke_preserve()
            ctx.set_source_rgb(*_rgb(ink))
            ctx.fill()
            ctx.restore()
