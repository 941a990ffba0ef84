"""Page text: measuring lines and breaking paragraphs with Pango (:mod:`.measure`), the layouts
measured and drawn alike (:mod:`.pango`), and text no installed font covers (:mod:`.coverage`).

Importing this package loads no text library: Pango is loaded on the first measurement.
"""

from __future__ import annotations

from chutecode.drawing.text.measure import TextMetrics, measure, spec_for, text_direction, wrap_text
from chutecode.drawing.text.pango import REFERENCE_SIZE, TextSpec, font_options

__all__ = ["TextMetrics", "TextSpec", "REFERENCE_SIZE", "font_options", "measure", "spec_for",
           "text_direction", "wrap_text"]
