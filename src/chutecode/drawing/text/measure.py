"""Measuring page text with Pango: the metrics of a line at a size, its direction, and line breaking.

Sizes are in millimetres (any unit works: metrics scale with the size).
Every measured text is checked to have a glyph for each character: a text no
installed font covers raises :class:`~chutecode.errors.FontError` naming the
characters and the font to install.

>>> metrics = measure("DARE", 10.0)
>>> 25 < metrics.advance < 32
True
>>> measure("مرحبا", 10.0).rtl
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from chutecode.design.fonts import DEFAULT_FONT
from chutecode.design.language import DEFAULT_LANGUAGE, RIGHT_TO_LEFT
from chutecode.drawing.text.pango import (
    LOCK,
    REFERENCE_SIZE,
    TextSpec,
    base_direction,
    cached_layout,
    extents,
    line_texts,
    measuring_context,
    new_layout,
    unknown_glyphs,
)

__all__ = ["TextMetrics", "measure", "text_direction", "wrap_text", "spec_for"]


@dataclass(frozen=True)
class TextMetrics:
    """Metrics of one line of text at one size, in the size's unit.

    ``advance`` is the line's width as set (where the next text would start);
    ``ink_left`` and ``ink_right`` bound the drawn glyphs from the line's left
    end; ``ascent`` and ``descent`` bound every glyph and the fonts' own line
    extents above and below the baseline; ``rtl`` says the line runs right to
    left (its first character is at the right end).
    """

    advance: float
    ink_left: float
    ink_right: float
    ascent: float
    descent: float
    rtl: bool = False

    @property
    def left(self) -> float:
        """Left edge of a box holding both the advance and the ink, from the line's left end."""
        return min(0.0, self.ink_left)

    @property
    def right(self) -> float:
        """Right edge of a box holding both the advance and the ink, from the line's left end."""
        return max(self.advance, self.ink_right)


def text_direction(text: str, lang: str = DEFAULT_LANGUAGE, rtl: bool | None = None) -> bool:
    """True when ``text`` runs right to left: ``rtl`` when given, else its first strong character's
    direction, else (digits and signs only) the direction of ``lang``."""
    if rtl is not None:
        return rtl
    with LOCK:
        found = base_direction(text)
    return (lang in RIGHT_TO_LEFT) if found is None else found


def spec_for(text: str, font: str = DEFAULT_FONT, *, bold: bool = False, lang: str = DEFAULT_LANGUAGE,
             rtl: bool | None = None) -> TextSpec:
    """The :class:`~chutecode.drawing.text.pango.TextSpec` a line is measured and drawn with."""
    return TextSpec(text, font, bold, lang, text_direction(text, lang, rtl))


@functools.lru_cache(maxsize=8192)
def _reference_metrics(spec: TextSpec) -> TextMetrics:
    with LOCK:
        layout = cached_layout(spec)
        found = extents(layout)
        boxes = unknown_glyphs(layout)
    if boxes:
        from chutecode.drawing.text.coverage import coverage_error, missing_characters

        raise coverage_error(spec, missing_characters(spec))
    ink_x, ink_y, ink_w, ink_h = found.ink
    _, log_y, log_w, log_h = found.logical
    baseline = found.baseline
    if not spec.text.strip() or ink_w <= 0:
        ink_x, ink_w, ink_y, ink_h = 0.0, 0.0, baseline, 0.0
    ascent = max(baseline - log_y, baseline - ink_y)
    descent = max(log_y + log_h - baseline, ink_y + ink_h - baseline)
    return TextMetrics(log_w, ink_x, ink_x + ink_w, ascent, descent, spec.rtl)


def measure(text: str, size: float, font: str = DEFAULT_FONT, *, bold: bool = False,
            lang: str = DEFAULT_LANGUAGE, rtl: bool | None = None) -> TextMetrics:
    """The metrics of ``text`` set in ``font`` at ``size`` (same unit as the result) in ``lang``.

    ``rtl`` is the line's direction; ``None`` finds it from the text (see :func:`text_direction`).
    """
    ref = _reference_metrics(spec_for(text, font, bold=bold, lang=lang, rtl=rtl))
    k = size / REFERENCE_SIZE
    return TextMetrics(ref.advance * k, ref.ink_left * k, ref.ink_right * k, ref.ascent * k,
                       ref.descent * k, ref.rtl)


@functools.lru_cache(maxsize=1024)
def _wrapped(spec: TextSpec, width: float) -> tuple[str, ...]:
    with LOCK:
        layout = new_layout(measuring_context(spec.rtl), spec, width=width)
        return tuple(line_texts(layout, spec.text))


def wrap_text(text: str, width: float, size: float, font: str = DEFAULT_FONT, *, bold: bool = False,
              lang: str = DEFAULT_LANGUAGE, rtl: bool | None = None) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` at ``size``, where the language allows
    (Unicode line breaking: at spaces, and between the characters of Chinese and Japanese).

    ``\\n`` starts a new line. A word wider than ``width`` stays whole on its own line
    (the caller shrinks the size when that matters). Every line of one
    paragraph has the paragraph's direction (``rtl``, or found from the text).
    """
    lines: list[str] = []
    k = size / REFERENCE_SIZE
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            lines.append("")
            continue
        spec = spec_for(paragraph, font, bold=bold, lang=lang, rtl=rtl)
        room = width / k
        found = _wrapped(spec, room)
        for _ in range(3):
            # A line's ink may reach past its advance (an overhanging glyph): then wrap narrower.
            over = max(_reference_metrics(TextSpec(line, font, bold, lang, spec.rtl)).right
                       for line in found) - width / k
            if over <= 1e-9 or room - over <= 0:
                break
            room -= over
            found = _wrapped(spec, room)
        lines += _keep_isolates(list(found))
    return lines


_ISOLATE_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_POP_ISOLATE = "\u2069"  # PDI


def _keep_isolates(lines: list[str]) -> list[str]:
    """Lines of one paragraph, each set on its own: a run kept left to right (or right to left)
    between isolate marks that a line break splits is closed at the end of its first line and
    opened again at the start of the next, so every line orders it as the paragraph did."""
    out = []
    open_marks = ""
    for line in lines:
        text = open_marks + line
        for char in line:
            if char in _ISOLATE_OPENERS:
                open_marks += char
            elif char == _POP_ISOLATE and open_marks:
                open_marks = open_marks[:-1]
        out.append(text + _POP_ISOLATE * len(open_marks))
    return out
