"""The page options of ``chutecode render``: page size, margins, bleed, texts, metadata, CMYK."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from chutecode.units import PAGE_SIZES

__all__ = ["page_options", "page_render_options", "PAGE_NAMES_HELP"]

#: The page names for the help text, read from the one table the parser uses.
PAGE_NAMES_HELP = ", ".join(PAGE_SIZES)


def page_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the page options (``--page``, ``--bleed``, ``--caption``, ...) to a command."""
    options = [
        click.option(
            "--page",
            metavar="SIZE",
            help=f"Print on a page: {PAGE_NAMES_HELP}, or WxH with units such as 500x500mm "
            "[default: a page as large as the canopy]. The canopy is as large as fits "
            "unless --size is given.",
        ),
        click.option("--landscape", is_flag=True, help="Turn the page: long side across."),
        click.option(
            "--margin",
            metavar="LENGTHS",
            help="Space kept clear inside the trim: 1 to 4 lengths as in CSS, e.g. 15mm or "
            "1in,2cm [default: 5% of the page's short side].",
        ),
        click.option(
            "--bleed",
            metavar="LENGTH",
            default="0",
            help="Background beyond the trim for the print shop, e.g. 3mm; the PDF gets a "
            "TrimBox and a BleedBox [default: none].",
        ),
        click.option("--crop-marks", is_flag=True, help="Trim marks at the corners, outside the bleed."),
        click.option("--caption", is_flag=True, help="The message as a title on the page."),
        click.option("--caption-text", metavar="TEXT", help="A title of your own (implies --caption)."),
        click.option("--subtitle", is_flag=True, help="The place in degrees, minutes and seconds."),
        click.option("--subtitle-text", metavar="TEXT", help="A subtitle of your own."),
        click.option(
            "--legend",
            is_flag=True,
            help="A key to the code: one group drawn and read, and the alphabet table.",
        ),
        click.option("--footer", is_flag=True, help="One line on how to read the code, at the bottom."),
        click.option("--footer-text", metavar="TEXT", help="A footer of your own."),
        click.option("--font", metavar="FAMILY", help="Font of the page text [default: DejaVu Sans]."),
        click.option(
            "--paper",
            metavar="COLOUR",
            help="Page colour [default: the palette's background; white for --worksheet].",
        ),
        click.option("--title", metavar="TEXT", help="Document title [default: the message]."),
        click.option("--author", metavar="TEXT", help="Document author."),
        click.option("--subject", metavar="TEXT", help="Document subject [default: what the code says]."),
        click.option(
            "--timestamp",
            is_flag=True,
            help="Write today's date in the PDF instead of a fixed one (then files differ).",
        ),
        click.option(
            "--cmyk-profile",
            metavar="PATH.icc",
            help="CMYK ICC profile from your print shop, for .tif/.tiff/.jpg output.",
        ),
        click.option(
            "--worksheet",
            is_flag=True,
            help="A classroom worksheet: page 1 the canopy to decode (no message) with boxes "
            "for bits and letters, page 2 the answer key. PDF: one file; other formats: "
            "NAME-1.ext and NAME-2.ext.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def page_render_options(values: dict[str, Any]) -> dict[str, Any]:
    """Turn the page options' values (popped from ``values``) into keyword options of ``render``."""
    caption_text = values.pop("caption_text")
    subtitle_text = values.pop("subtitle_text")
    footer_text = values.pop("footer_text")
    caption = caption_text if caption_text is not None else values.pop("caption")
    subtitle = subtitle_text if subtitle_text is not None else values.pop("subtitle")
    footer = footer_text if footer_text is not None else values.pop("footer")
    for name in ("caption", "subtitle", "footer"):
        values.pop(name, None)
    options: dict[str, Any] = {
        "page": values.pop("page"),
        "landscape": values.pop("landscape"),
        "bleed": values.pop("bleed"),
        "crop_marks": values.pop("crop_marks"),
        "caption": caption,
        "subtitle": subtitle,
        "legend": values.pop("legend"),
        "footer": footer,
        "timestamp": values.pop("timestamp"),
    }
    for name in ("margin", "font", "paper", "title", "author", "subject", "cmyk_profile"):
        value = values.pop(name)
        if value is not None:
            options[name] = value
    if values.pop("worksheet"):
        options["worksheet"] = True
    return {k: v for k, v in options.items() if v not in (None, False) or k == "bleed"}
