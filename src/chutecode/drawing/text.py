"""Measuring page text: the metrics of a line at a size, and breaking text into lines.

Text is measured with cairo's toy font API (``select_font_face``), the same
API the cairo renderers draw with, with hinted metrics switched off so that a
PDF, a PNG at any DPI and the measurement agree. Sizes are in millimetres
(any unit works: metrics scale with the size).

>>> metrics = measure("DARE", 10.0)
>>> 25 < metrics.advance < 32
True
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Any

from chutecode.design.fonts import DEFAULT_FONT

__all__ = ["TextMetrics", "font_options", "measure", "wrap_text"]

_REFERENCE_SIZE = 100.0


@dataclass(frozen=True)
class TextMetrics:
    """Metrics of one line of text at one size, in the size's unit.

    ``advance`` is where the next text would start; ``ink_left`` and
    ``ink_right`` bound the drawn glyphs from the start point; ``ascent`` and
    ``descent`` are the font's (every glyph fits between them).
    """

    advance: float
    ink_left: float
    ink_right: float
    ascent: float
    descent: float

    @property
    def left(self) -> float:
        """Left edge of a box holding both the advance and the ink, from the start point."""
        return min(0.0, self.ink_left)

    @property
    def right(self) -> float:
        """Right edge of a box holding both the advance and the ink, from the start point."""
        return max(self.advance, self.ink_right)


def font_options() -> Any:
    """cairo font options used for measuring and drawing: no hinting, unhinted metrics."""
    import cairocffi as cairo

    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    options.set_hint_style(cairo.HINT_STYLE_NONE)
    return options


@functools.lru_cache(maxsize=1)
def _context() -> Any:
    import cairocffi as cairo

    surface = cairo.ImageSurface(cairo.FORMAT_A8, 1, 1)
    context = cairo.Context(surface)
    context.set_font_options(font_options())
    return context


# The measuring context holds the font last selected on it, and cairo 1.16 aborts when two
# threads use one scaled font at once: threads that draw at once (the web playground's
# server) measure one at a time.
_MEASURING = threading.Lock()


@functools.lru_cache(maxsize=8192)
def _reference_metrics(text: str, font: str, bold: bool) -> TextMetrics:
    import cairocffi as cairo

    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    with _MEASURING:
        context = _context()
        context.select_font_face(font, cairo.FONT_SLANT_NORMAL, weight)
        context.set_font_size(_REFERENCE_SIZE)
        x_bearing, _, width, _, x_advance, _ = context.text_extents(text)
        ascent, descent, *_ = context.font_extents()
    if not text.strip():
        x_bearing, width = 0.0, 0.0
    return TextMetrics(x_advance, x_bearing, x_bearing + width, ascent, descent)


def measure(text: str, size: float, font: str = DEFAULT_FONT, *, bold: bool = False) -> TextMetrics:
    """The metrics of ``text`` set in ``font`` at ``size`` (same unit as the result)."""
    ref = _reference_metrics(text, font, bold)
    k = size / _REFERENCE_SIZE
    return TextMetrics(ref.advance * k, ref.ink_left * k, ref.ink_right * k, ref.ascent * k, ref.descent * k)


def wrap_text(
    text: str, width: float, size: float, font: str = DEFAULT_FONT, *, bold: bool = False
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` at ``size``, at spaces.

    A single word wider than ``width`` stays on its own line (the caller
    shrinks the size when that matters).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if current and measure(trial, size, font, bold=bold).right > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines
