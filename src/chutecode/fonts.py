"""Fonts for page text: checking that a family is installed, and measuring text.

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
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from chutecode.errors import FontError

__all__ = [
    "DEFAULT_FONT",
    "GENERIC_FAMILIES",
    "TextMetrics",
    "check_font",
    "font_options",
    "measure",
    "wrap_text",
]

#: The font of page text unless another is asked for; it comes with cairo's usual fontconfig setup.
DEFAULT_FONT = "DejaVu Sans"
#: Family names fontconfig always resolves to some installed font.
GENERIC_FAMILIES = ("sans-serif", "sans", "serif", "monospace", "mono")

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


@functools.lru_cache(maxsize=8192)
def _reference_metrics(text: str, font: str, bold: bool) -> TextMetrics:
    import cairocffi as cairo

    context = _context()
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
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


@functools.lru_cache(maxsize=64)
def _installed(font: str) -> tuple[bool, str]:
    """Whether ``font`` is installed, and what the system offers instead when it is not."""
    wanted = font.strip().lower()
    if wanted in GENERIC_FAMILIES:
        return True, font
    fc_match = shutil.which("fc-match")
    if fc_match:
        try:
            done = subprocess.run(
                [fc_match, "-f", "%{family}", font], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0:
            families = [f.strip() for f in done.stdout.split(",") if f.strip()]
            return wanted in {f.lower() for f in families}, (families[0] if families else "")
    # No fontconfig tool: ask Pillow, which finds fonts by file name in the system folders.
    from PIL import ImageFont

    for name in (font, font.replace(" ", ""), font.replace(" ", "-")):
        for ext in ("", ".ttf", ".otf"):
            try:
                ImageFont.truetype(name + ext, 10)
                return True, font
            except OSError:
                continue
    return wanted == DEFAULT_FONT.lower(), ""


def check_font(font: str) -> str:
    """Return ``font`` when it is installed; raise :class:`~chutecode.errors.FontError` otherwise.

    Uses fontconfig's ``fc-match`` when it is on the PATH (the family it
    matches must be the one asked for, not a fallback), else Pillow's font
    lookup. Generic families (``sans-serif``, ``serif``, ``monospace``) are
    always accepted.
    """
    if not isinstance(font, str) or not font.strip():
        raise FontError(f"font {font!r} is not valid: give a family name such as {DEFAULT_FONT!r}")
    ok, instead = _installed(font.strip())
    if not ok:
        fallback = f" (fontconfig would use {instead!r} instead)" if instead else ""
        raise FontError(
            f"font {font!r} is not installed{fallback}: install it or use an installed "
            f"family such as {DEFAULT_FONT!r} (see 'fc-list : family')"
        )
    return font.strip()
