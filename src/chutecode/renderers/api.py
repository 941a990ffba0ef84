"""The :func:`chutecode.render` and :func:`chutecode.render_pages` functions: layouts in,
a file (or stream) out, each layout drawn on a page (see :mod:`chutecode.page`)."""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from chutecode.composition import compose
from chutecode.errors import PrintError, RenderError
from chutecode.files import atomic_output
from chutecode.geometry import Style, build_geometry, get_style
from chutecode.layout import Layout
from chutecode.page import PAGE_OPTIONS, Page
from chutecode.pageblocks import WORKSHEET_TITLE
from chutecode.palette import Palette, get_palette
from chutecode.renderers.drawing import Drawing
from chutecode.renderers.registry import renderer_for
from chutecode.units import parse_length

__all__ = ["render", "render_pages", "render_drawing", "make_drawing", "describe_layout", "describe_scheme",
           "numbered_paths", "DEFAULT_SIZE", "DEFAULT_DPI", "RENDER_OPTIONS"]

PageItem = Layout | tuple[Layout, Mapping[str, Any]]

DEFAULT_SIZE = "200mm"
DEFAULT_DPI = 300.0

_STYLE_OPTIONS = ("equal", "start_angle", "gore_offset", "seam_width", "vent", "annotate", "merge")
_CMYK_FORMATS = ("tiff", "jpeg")
_COLOUR_OPTIONS = {"seam_colour": "seam", "seam_color": "seam"}
_MORE_OPTIONS = (*_STYLE_OPTIONS, *_COLOUR_OPTIONS, *PAGE_OPTIONS)
#: Every keyword option :func:`render` takes besides ``format``.
RENDER_OPTIONS: tuple[str, ...] = ("style", "palette", "size", "dpi", *_MORE_OPTIONS)


def describe_layout(layout: Layout) -> str:
    """One line on what ``layout`` says and how its code is built."""
    s = layout.scheme
    parts = [f"message: {layout.message}"] if layout.message else []
    if layout.coordinates is not None:
        parts.append(f"place: {layout.coordinates.text}")
    parts.append(f"{len(layout.rings)} ring{'s' * (len(layout.rings) != 1)} of {s.gores} gores, "
                 f"groups of {s.group} ({s.spacer} spacer + {s.data} data bits), codec {s.codec}, "
                 f"flow {s.flow}; coloured gore = 1, read clockwise, innermost ring first")
    return "Parachute ring code. " + "; ".join(parts) + "."


def describe_scheme(layout: Layout) -> str:
    """One line on how the code of ``layout`` is built, without its message or place."""
    s = layout.scheme
    return (f"Parachute ring code worksheet: {len(layout.rings)} ring{'s' * (len(layout.rings) != 1)} of "
            f"{s.gores} gores, groups of {s.group} ({s.spacer} spacer + {s.data} data bits), "
            f"codec {s.codec}; "
            "coloured gore = 1, read clockwise, innermost ring first.")


def _dpi(dpi: Any) -> float:
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not math.isfinite(dpi) or dpi <= 0:
        raise RenderError(f"dpi {dpi!r} is not valid: give a positive number such as 300")
    return float(dpi)


def make_drawing(layout: Layout, *, style: str | Style | None = "dgb",
                 palette: str | Palette | dict[str, Any] | None = None,
                 size: str | float | None = None, dpi: float = DEFAULT_DPI, **options: Any) -> Drawing:
    """Build the :class:`Drawing` that :func:`render` writes (same arguments, no output)."""
    if not isinstance(layout, Layout):
        raise RenderError(f"layout {layout!r:.60} is not a Layout: make one with chutecode.encode()")
    dpi = _dpi(dpi)
    known = _MORE_OPTIONS
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise RenderError(f"option {unknown[0]!r} is not known: use {', '.join(known)}")
    page_options = {k: v for k, v in options.items() if k in PAGE_OPTIONS}
    if page_options.get("worksheet") is True:
        raise RenderError("worksheet=True draws two pages: use chutecode.render() or render_pages(), or "
                          "worksheet='questions' / 'answers' for one of them")
    page = Page.create(**page_options, dpi=dpi)
    style_options = {k: v for k, v in options.items() if k in _STYLE_OPTIONS}
    if page.worksheet == "questions":
        style_options["annotate"] = False          # the labels would give the answer away
    elif page.worksheet == "answers":
        style_options.setdefault("annotate", True)
    size_mm = None if size is None else parse_length(size, dpi=dpi)
    style_obj = get_style(style, **style_options)
    if palette is None:
        palette = "explain" if style_obj.annotate and page.worksheet is None else "perseverance"
    pal = get_palette(palette)
    colours = {_COLOUR_OPTIONS[k]: v for k, v in options.items() if k in _COLOUR_OPTIONS}
    if colours:
        pal = pal.replace(**colours)
    composition = compose(layout, page, style_obj, pal, canopy=size_mm)
    geometry = build_geometry(layout, style_obj, composition.canopy_diameter, dpi=dpi)
    if page.worksheet == "questions":
        title = page.title or WORKSHEET_TITLE
        description = describe_scheme(layout)
    else:
        default = layout.message or (layout.coordinates.text if layout.coordinates else "parachute ring code")
        title = page.title or default
        description = describe_layout(layout)
    return Drawing(geometry=geometry, palette=pal, dpi=dpi, title=title, description=description,
                   composition=composition)


def _is_path(out: Any) -> bool:
    return isinstance(out, (str, bytes)) or hasattr(out, "__fspath__")


def render(layout: Layout, out: str | os.PathLike[str] | BinaryIO, *, format: str | None = None,
           style: str | Style | None = "dgb", palette: str | Palette | dict[str, Any] | None = None,
           size: str | float | None = None, dpi: float = DEFAULT_DPI, **options: Any) -> None:
    """Draw ``layout`` on a page into ``out``, a path or a binary stream.

    Args:
        layout: from :func:`chutecode.encode`.
        out: a file path (written through a temporary file renamed into
            place: a failed render leaves nothing) or a writable binary stream.
        format: ``svg``, ``png``, ``pdf``, ``eps``, ``ps``, ``tiff``, ``jpeg`` or
            a plugin's; by default from the extension of ``out``.
        style: ``dgb`` (default), ``disk`` or a :class:`~chutecode.geometry.Style`.
        palette: a name (see :data:`chutecode.PALETTES`), a
            :class:`~chutecode.palette.Palette` or a mapping of roles to colours;
            ``None`` for ``perseverance``, or ``explain`` when annotating.
        size: the canopy diameter: ``"20cm"``, ``"24in"``, ``"7200px"`` (at
            ``dpi``) or a number of mm. Without ``page`` it is also the page
            side (default 200 mm); with ``page`` the canopy is as large as the
            page allows unless ``size`` is given.
        dpi: pixels per inch of raster output (and of ``px`` lengths).
        **options: style options ``equal``, ``start_angle``, ``gore_offset``,
            ``seam_width``, ``vent``, ``annotate``, ``merge`` (see
            :class:`~chutecode.geometry.Style`), ``seam_colour``, and the page
            options of :meth:`chutecode.Page.create`: ``page``, ``landscape``,
            ``margin``, ``bleed``, ``crop_marks``, ``caption``, ``subtitle``,
            ``legend``, ``footer``, ``font``, ``paper``, ``title``, ``author``,
            ``subject``, ``timestamp``, ``cmyk_profile``; ``worksheet=True``
            draws the worksheet's two pages (see :func:`render_pages`).

    Raises:
        RenderError, PrintError, PaletteError, StyleError, UnitError: all
        :class:`~chutecode.errors.ChutecodeError`, one line, nothing written.
    """
    if options.get("worksheet") is True:
        render_pages([layout], out, format=format, style=style, palette=palette, size=size, dpi=dpi,
                     **options)
        return
    _check_cmyk(renderer_for(out, format).name, options)
    drawing = make_drawing(layout, style=style, palette=palette, size=size, dpi=dpi, **options)
    render_drawing(drawing, out, format=format)


def render_drawing(drawing: Drawing, out: str | os.PathLike[str] | BinaryIO, *,
                   format: str | None = None) -> None:
    """Write a :class:`Drawing` made by :func:`make_drawing` into ``out`` (a path or a
    binary stream), so that one drawing can be written in several formats."""
    info = renderer_for(out, format)
    if _is_path(out):
        with atomic_output(os.fsdecode(out)) as stream:  # type: ignore[arg-type]
            info.renderer(drawing, stream)
    elif hasattr(out, "write"):
        info.renderer(drawing, out)  # type: ignore[arg-type]
    else:
        raise RenderError(f"output {out!r:.60} is neither a path nor a binary stream")


def _check_cmyk(format_name: str, options: Mapping[str, Any]) -> None:
    if options.get("cmyk_profile") and format_name not in _CMYK_FORMATS:
        raise PrintError(f"cmyk_profile {str(options['cmyk_profile'])!r} is for CMYK output: write .tif, "
                         ".tiff "
                         f"or .jpg (format tiff or jpeg), not {format_name}")


def numbered_paths(path: str | os.PathLike[str], count: int) -> list[str]:
    """``poster.svg`` -> ``poster-1.svg``, ``poster-2.svg``, ...: one file a page."""
    target = Path(os.fspath(path))
    return [str(target.with_name(f"{target.stem}-{number}{target.suffix}")) for number in range(1, count + 1)]


def _pages(items: Iterable[PageItem], options: Mapping[str, Any]) -> list[tuple[Layout, dict[str, Any]]]:
    if isinstance(items, Layout):
        items = [items]
    pages: list[tuple[Layout, dict[str, Any]]] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Layout):
            layout, own = item, {}
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Layout) \
                and isinstance(item[1], Mapping):
            layout, own = item[0], dict(item[1])
        else:
            raise RenderError(f"page {number} ({item!r:.60}) is not a Layout or a (Layout, options) pair")
        merged = {**options, **own}
        if merged.get("worksheet") is True:
            for side in ("questions", "answers"):
                pages.append((layout, {**merged, "worksheet": side}))
        else:
            pages.append((layout, merged))
    if not pages:
        raise RenderError("no pages given: render_pages needs at least one layout")
    return pages


def render_pages(items: Iterable[PageItem], out: str | os.PathLike[str] | BinaryIO, *,
                 format: str | None = None, **options: Any) -> list[str]:
    """Draw several designs, one page each: one PDF, or one file a page for other formats.

    Args:
        items: layouts, or ``(layout, options)`` pairs whose options override
            the shared ``options`` for that page.
        out: a path or a binary stream. PDF: one document with a page per
            design (same bleed and crop marks on every page). Other formats
            write ``NAME-1.ext``, ``NAME-2.ext``, ... (one page: ``out`` itself),
            and need a path.
        format: as for :func:`render`.
        **options: the keyword options of :func:`render`, for every page.
            ``worksheet=True`` expands each layout into its two worksheet pages
            (the canopy to decode, without the message; then the answer key).

    Returns:
        The paths written (empty for a stream).
    """
    pages = _pages(items, options)
    info = renderer_for(out, format)
    for _, own in pages:
        _check_cmyk(info.name, own)
    worksheet = any(own.get("worksheet") is not None for _, own in pages)
    if worksheet and all(own.get("title") is None for _, own in pages):
        pages = [(layout, {**own, "title": WORKSHEET_TITLE}) for layout, own in pages]
    drawings = [make_drawing(layout, **own) for layout, own in pages]
    if info.name == "pdf":
        data = _pdf_document(drawings, [layout for layout, _ in pages], worksheet)
        if _is_path(out):
            with atomic_output(os.fsdecode(out)) as stream:  # type: ignore[arg-type]
                stream.write(data)
            return [os.fsdecode(out)]  # type: ignore[arg-type]
        out.write(data)  # type: ignore[union-attr]
        return []
    if not _is_path(out):
        if len(drawings) == 1:
            info.renderer(drawings[0], out)  # type: ignore[arg-type]
            return []
        raise RenderError(f"{len(drawings)} pages in {info.name.upper()} are written as one file each and "
                          "need an output path (NAME-1.ext, NAME-2.ext, ...), or use PDF for one document")
    targets = [os.fsdecode(out)] if len(drawings) == 1 else numbered_paths(os.fsdecode(out), len(drawings))  # type: ignore[arg-type]
    written: list[str] = []
    try:
        for drawing, target in zip(drawings, targets, strict=True):
            with atomic_output(target) as stream:
                info.renderer(drawing, stream)
            written.append(target)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    return written


def _pdf_document(drawings: list[Drawing], layouts: list[Layout], worksheet: bool) -> bytes:
    from chutecode.pdfboxes import concat_pdfs
    from chutecode.renderers.cairo import pdf_metadata, pdf_page

    first = drawings[0].page()
    for number, drawing in enumerate(drawings[1:], start=2):
        page = drawing.page()
        if (page.bleed, page.slug) != (first.bleed, first.slug):
            raise PrintError(f"page {number} has bleed {page.bleed:g} mm and crop marks "
                             f"{page.page.crop_marks}, "
                             f"page 1 bleed {first.bleed:g} mm and crop marks {first.page.crop_marks}: give "
                             "every page of one PDF the same bleed and crop marks")
    titles = list(dict.fromkeys(d.title for d in drawings))
    title = first.page.title or (titles[0] if len(titles) == 1 else " · ".join(titles))
    metadata = pdf_metadata(drawings[0], title=title)
    if first.page.subject is None:
        if worksheet:
            subject = describe_scheme(layouts[0])
        else:
            subjects = list(dict.fromkeys(d.description for d in drawings))
            subject = subjects[0] if len(subjects) == 1 else f"{len(drawings)} parachute ring codes"
        metadata = dataclasses.replace(metadata, subject=subject)
    return concat_pdfs([pdf_page(d) for d in drawings], bleed_mm=first.bleed, slug_mm=first.slug,
                       metadata=metadata)
