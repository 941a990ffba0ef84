"""The page a canopy is printed on: size, margins, bleed, crop marks, texts and metadata.

A :class:`Page` is what was asked for; :func:`chutecode.drawing.composition.compose`
turns it and a layout into positions (where the canopy and each text go).
Every renderer draws that composition.

A page is one part of a :class:`~chutecode.design.design.Design`, which parses
the user's options; the page holds them typed, in millimetres.

>>> from chutecode.design import Design
>>> page = Design.create(page="a3", bleed="3mm", caption=True, legend=True).resolved_page
>>> page.size, page.bleed
((297.0, 420.0), 3.0)
>>> Page().plain
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chutecode.design.fonts import DEFAULT_FONT
from chutecode.design.language import DEFAULT_LANGUAGE
from chutecode.design.palette import RGB
from chutecode.design.units import Margins
from chutecode.limits import MAX_BLEED_MM

__all__ = ["Page", "WORKSHEET_SIDES", "MAX_BLEED_MM"]

#: The two pages of a worksheet: the canopy to decode, and the answer key.
WORKSHEET_SIDES: tuple[str, ...] = ("questions", "answers")


@dataclass(frozen=True)
class Page:
    """Print options of one page. Lengths are millimetres.

    Attributes:
        size: ``(width, height)`` of the trimmed page; ``None`` for a page
            exactly as large as the canopy (grown for any texts).
        margins: space kept clear inside the trim; ``None`` picks one from the
            page size (none for a bare canopy page).
        bleed: how far the background runs past the trim (0 for none).
        crop_marks: trim marks in a slug outside the bleed.
        caption: ``True`` for the layout's message, or a text.
        subtitle: ``True`` for the place in degrees, minutes and seconds, or a text.
        legend: a key to the code: how a group reads, and the alphabet table.
        footer: ``True`` for a one-line "how to read", or a text.
        font: the family of every page text (checked to be installed); characters it
            lacks come from other installed fonts.
        lang: the language of the texts chutecode writes (legend, footer, worksheet,
            the place), one of :data:`~chutecode.design.language.LANGUAGES`.
        text_as_paths: draw every text as outlines instead of text (SVG, PDF, EPS, PS).
        paper: the page colour; ``None`` for the palette's background.
        title, author, subject: document metadata (``title`` defaults to the
            message, ``subject`` to a description of the code).
        timestamp: ``False`` for a fixed date (reproducible files), ``True``
            for now, or a :class:`~datetime.datetime`.
        cmyk_profile: path of a CMYK ICC profile for TIFF and JPEG output, and the
            output intent of a PDF/X file.
        pdfx: write PDFs as PDF/X-4 (output intent, XMP metadata, document ID).
        worksheet: ``None``, or the worksheet page to draw: ``"questions"``
            (no message anywhere) or ``"answers"``.
        transparent: no paper and no canopy background: only the gores, seams,
            labels, texts and marks are painted.
    """

    size: tuple[float, float] | None = None
    margins: Margins | None = None
    bleed: float = 0.0
    crop_marks: bool = False
    caption: bool | str = False
    subtitle: bool | str = False
    legend: bool = False
    footer: bool | str = False
    font: str = DEFAULT_FONT
    lang: str = DEFAULT_LANGUAGE
    text_as_paths: bool = False
    paper: RGB | None = None
    title: str | None = None
    author: str = ""
    subject: str | None = None
    timestamp: bool | datetime = False
    cmyk_profile: str | None = None
    worksheet: str | None = None
    transparent: bool = False
    pdfx: bool = False

    @property
    def plain(self) -> bool:
        """True for the bare canopy page: no page size, margins, texts, bleed or marks."""
        return (
            self.size is None
            and not any(self.margins or ())
            and self.bleed == 0
            and not self.crop_marks
            and not self.has_text
            and self.worksheet is None
        )

    @property
    def has_text(self) -> bool:
        """True when any text block is asked for."""
        return bool(self.caption or self.subtitle or self.legend or self.footer)

    def moment(self) -> datetime | None:
        """The creation date to write: ``None`` for the fixed date, else the timestamp."""
        if self.timestamp is True:
            return datetime.now(UTC).replace(microsecond=0)
        if isinstance(self.timestamp, datetime):
            return self.timestamp
        return None

    def replace(self, **changes: Any) -> Page:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)
