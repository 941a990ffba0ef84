"""The page a canopy is printed on: size, margins, bleed, crop marks, texts and metadata.

A :class:`Page` is what was asked for; :func:`chutecode.composition.compose`
turns it and a layout into positions (where the canopy and each text go).
Every renderer draws that composition.

>>> page = Page.create(page="a3", bleed="3mm", caption=True, legend=True)
>>> page.size, page.bleed
((297.0, 420.0), 3.0)
>>> Page.create().plain
True
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chutecode.errors import PageError, PrintError
from chutecode.fonts import DEFAULT_FONT, check_font
from chutecode.palette import RGB, parse_colour
from chutecode.units import Margins, parse_length, parse_margins, parse_page_size

__all__ = ["Page", "PAGE_OPTIONS", "WORKSHEET_SIDES", "MAX_BLEED_MM"]

#: Keyword options of :meth:`Page.create` (and of :func:`chutecode.render`).
PAGE_OPTIONS: tuple[str, ...] = (
    "page",
    "landscape",
    "margin",
    "bleed",
    "crop_marks",
    "caption",
    "subtitle",
    "legend",
    "footer",
    "font",
    "paper",
    "title",
    "author",
    "subject",
    "timestamp",
    "cmyk_profile",
    "worksheet",
)
#: The two pages of a worksheet: the canopy to decode, and the answer key.
WORKSHEET_SIDES: tuple[str, ...] = ("questions", "answers")
#: The largest bleed accepted (print shops ask for 2 to 5 mm; 25 mm is generous).
MAX_BLEED_MM = 25.0


def _text_option(name: str, value: Any) -> bool | str:
    if value is None or value is False:
        return False
    if value is True:
        return True
    if isinstance(value, str):
        return value.strip() or False
    raise PrintError(f"{name} {value!r} is not valid: give True (the default text), False or a text")


def _flag(name: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise PrintError(f"{name} {value!r} is not valid: give True or False")
    return value


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
        font: the family of every page text (checked to be installed).
        paper: the page colour; ``None`` for the palette's background.
        title, author, subject: document metadata (``title`` defaults to the
            message, ``subject`` to a description of the code).
        timestamp: ``False`` for a fixed date (reproducible files), ``True``
            for now, or a :class:`~datetime.datetime`.
        cmyk_profile: path of a CMYK ICC profile for TIFF and JPEG output.
        worksheet: ``None``, or the worksheet page to draw: ``"questions"``
            (no message anywhere) or ``"answers"``.
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
    paper: RGB | None = None
    title: str | None = None
    author: str = ""
    subject: str | None = None
    timestamp: bool | datetime = False
    cmyk_profile: str | None = None
    worksheet: str | None = None

    @classmethod
    def create(
        cls,
        *,
        page: str | tuple[float, float] | None = None,
        landscape: bool = False,
        margin: str | float | Margins | None = None,
        bleed: str | float = 0,
        crop_marks: bool = False,
        caption: bool | str | None = False,
        subtitle: bool | str | None = False,
        legend: bool = False,
        footer: bool | str | None = False,
        font: str | None = None,
        paper: str | RGB | None = None,
        title: str | None = None,
        author: str | None = None,
        subject: str | None = None,
        timestamp: bool | datetime | None = False,
        cmyk_profile: str | os.PathLike[str] | None = None,
        worksheet: str | bool | None = None,
        dpi: float = 300,
    ) -> Page:
        """A page from user-facing options (lengths as text with units, or mm).

        ``page`` is a name from :data:`chutecode.units.PAGE_SIZES` or a
        ``WxH`` size such as ``500x500mm``; ``landscape`` puts its long side
        across; ``margin`` takes 1 to 4 lengths as in CSS; ``bleed`` a length.
        Raises a :class:`~chutecode.errors.ChutecodeError` for anything invalid
        (unknown page, negative bleed, missing font, missing profile...).
        """
        if page is None or page == "":
            size = None
            if landscape:
                raise PrintError("landscape needs a page size: give page='a4' (or another) too")
        elif isinstance(page, tuple):
            size = (parse_length(page[0]), parse_length(page[1]))
            if landscape and size[1] > size[0]:
                size = (size[1], size[0])
        else:
            size = parse_page_size(str(page), landscape=bool(landscape), dpi=dpi)
        margins = None if margin is None else parse_margins(margin, dpi=dpi)
        bleed_mm = _bleed(bleed, dpi)
        if size is not None and margins is not None:
            if margins.left + margins.right >= size[0] * 0.8 or margins.top + margins.bottom >= size[1] * 0.8:
                raise PageError(
                    f"margins {margin!r} leave almost no room on a {size[0]:g} x {size[1]:g} mm "
                    "page: use smaller margins"
                )
        if timestamp is None:
            timestamp = False
        if not isinstance(timestamp, (bool, datetime)):
            raise PrintError(
                f"timestamp {timestamp!r} is not valid: give True (now), False (a fixed date) or a datetime"
            )
        profile = None
        if cmyk_profile is not None and str(cmyk_profile) != "":
            from chutecode.cmyk import load_cmyk_profile

            load_cmyk_profile(cmyk_profile)
            profile = os.fspath(cmyk_profile)
        side = _worksheet(worksheet)
        return cls(
            size=size,
            margins=margins,
            bleed=bleed_mm,
            crop_marks=_flag("crop_marks", crop_marks),
            caption=_text_option("caption", caption),
            subtitle=_text_option("subtitle", subtitle),
            legend=_flag("legend", legend),
            footer=_text_option("footer", footer),
            font=check_font(font) if font is not None else DEFAULT_FONT,
            paper=None if paper is None else parse_colour(paper, role="paper"),
            title=None if title is None else str(title),
            author=str(author or ""),
            subject=None if subject is None else str(subject),
            timestamp=timestamp,
            cmyk_profile=profile,
            worksheet=side,
        )

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


def _bleed(value: Any, dpi: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise PrintError(f"bleed {value!r} is not valid: give a length of zero or more, e.g. 3mm")
    if isinstance(value, str) and value.strip().startswith("-"):
        raise PrintError(f"bleed {value!r} is not valid: give a length of zero or more, e.g. 3mm")
    if value is None:
        return 0.0
    mm = parse_length(value, dpi=dpi, allow_zero=True)
    if mm > MAX_BLEED_MM:
        raise PrintError(
            f"bleed {value!r} is {mm:g} mm, more than {MAX_BLEED_MM:g} mm: print shops ask "
            "for 2 to 5 mm, e.g. 3mm"
        )
    return mm


def _worksheet(value: Any) -> str | None:
    if value is None or value is False:
        return None
    if isinstance(value, str) and value in WORKSHEET_SIDES:
        return value
    raise PrintError(
        f"worksheet {value!r} is not valid for one page: use {', '.join(WORKSHEET_SIDES)} "
        "(render(..., worksheet=True) draws both pages)"
    )
