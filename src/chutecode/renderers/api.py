"""The :func:`chutecode.render` and :func:`chutecode.render_pages` functions: layouts in,
a file (or stream) out, each layout drawn on a page as its :class:`~chutecode.design.Design` says.

Keyword options are sugar for a design: ``render(layout, "a.pdf", page="a3")``
is ``render(layout, "a.pdf", Design.create(page="a3"))``. They are turned into a
design once, and every page is drawn once (:func:`chutecode.drawing.draw.draw`).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from chutecode.design.design import Design
from chutecode.drawing.draw import draw
from chutecode.drawing.drawing import Drawing
from chutecode.errors import OutputError, PrintError, RenderError
from chutecode.files import atomic_output
from chutecode.renderers.registry import RendererInfo, renderer_for
from chutecode.ringcode.layout import Layout

__all__ = ["render", "render_pages", "render_drawing", "render_drawings", "as_design", "check_cmyk",
           "draw_pages", "numbered_paths",
           "CMYK_FORMATS"]

Output = str | os.PathLike[str] | BinaryIO
PageItem = Layout | tuple[Layout, Design | Mapping[str, Any]]

#: The formats that need (and alone take) ``cmyk_profile``.
CMYK_FORMATS = ("tiff", "jpeg")


def as_design(design: Design | Mapping[str, Any] | None = None, **options: Any) -> Design:
    """``design`` (a :class:`Design`, a mapping of options or ``None``) with keyword ``options`` applied."""
    if design is None:
        return Design.create(**options)
    if isinstance(design, Mapping):
        return Design.create(**{**design, **options})
    if not isinstance(design, Design):
        raise RenderError(f"design {design!r:.60} is not a Design: make one with Design.create() "
                          "or give options as keywords")
    return design.replace(**options) if options else design


def render(layout: Layout, out: Output, design: Design | Mapping[str, Any] | None = None, *,
           format: str | None = None, **options: Any) -> list[str]:
    """Draw ``layout`` on a page into ``out``, a path or a binary stream.

    Args:
        layout: from :func:`chutecode.encode`.
        out: a file path (written through a temporary file renamed into
            place: a failed render leaves nothing) or a writable binary stream.
        design: how it looks and prints (a :class:`~chutecode.design.Design`);
            ``None`` for the default (the Perseverance colours, 200 mm).
        format: ``svg``, ``png``, ``pdf``, ``eps``, ``ps``, ``tiff``, ``jpeg`` or
            a plugin's; by default from the extension of ``out``.
        **options: any design option, by name (``palette="midnight"``,
            ``size="20cm"``, ``page="a3"``, ``caption=True``...: the table of
            design options in the docs lists them all), applied on top of
            ``design``. ``worksheet=True`` draws the worksheet's two pages (see
            :func:`render_pages`).

    Returns:
        The paths written (one, or a worksheet's two pages in a format that holds
        one page); empty for a stream.

    Raises:
        ChutecodeError: one line, nothing written: an unknown option or format,
            a bad value, a canopy that does not fit the page...
    """
    return render_pages([(layout, as_design(design, **options))], out, format=format)


def render_drawing(drawing: Drawing, out: Output, *, format: str | None = None) -> None:
    """Write one :class:`Drawing` into ``out`` (a path or a binary stream)."""
    render_drawings([drawing], out, format=format)


def numbered_paths(path: str | os.PathLike[str], count: int) -> list[str]:
    """``poster.svg`` -> ``poster-1.svg``, ``poster-2.svg``, ...: one file a page."""
    target = Path(os.fspath(path))
    return [str(target.with_name(f"{target.stem}-{number}{target.suffix}")) for number in range(1, count + 1)]


def _pairs(items: Iterable[PageItem] | Layout, design: Design) -> list[tuple[Layout, Design]]:
    if isinstance(items, Layout):
        items = [items]
    if not isinstance(items, Iterable) or isinstance(items, (str, bytes)):
        raise RenderError(f"pages {items!r:.60} are not layouts: give a Layout, or a list of layouts or "
                          "(Layout, Design) pairs")
    pages: list[tuple[Layout, Design]] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Layout):
            layout, own = item, design
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Layout) \
                and isinstance(item[1], (Design, Mapping)):
            layout = item[0]
            own = item[1] if isinstance(item[1], Design) else design.replace(**item[1])
        else:
            raise RenderError(f"page {number} ({item!r:.60}) is not a Layout or a (Layout, Design) pair")
        pages.extend((layout, side) for side in own.pages())
    if not pages:
        raise RenderError("no pages given: render_pages needs at least one layout")
    return pages


def render_pages(items: Iterable[PageItem] | Layout, out: Output,
                 design: Design | Mapping[str, Any] | None = None, *, format: str | None = None,
                 **options: Any) -> list[str]:
    """Draw several designs, one page each: one PDF, or one file a page for other formats.

    Args:
        items: layouts, or ``(layout, design)`` pairs (a :class:`Design`, or a
            mapping of options applied on top of the shared design) for that page.
        out: a path or a binary stream. PDF: one document with a page per
            design (same bleed and crop marks on every page). Formats that hold
            one page write ``NAME-1.ext``, ``NAME-2.ext``, ... (one page: ``out``
            itself), and need a path.
        design: as for :func:`render`, for every page. A worksheet design
            becomes its two pages (the canopy to decode, without the message;
            then the answer key).
        format: as for :func:`render`.
        **options: as for :func:`render`, applied on top of ``design``.

    Returns:
        The paths written (empty for a stream).
    """
    info, drawings = draw_pages(items, out, design, format=format, **options)
    return render_drawings(drawings, out, format=info.name)


def draw_pages(items: Iterable[PageItem] | Layout, out: Output,
               design: Design | Mapping[str, Any] | None = None, *, format: str | None = None,
               **options: Any) -> tuple[RendererInfo, list[Drawing]]:
    """The format and the drawings :func:`render_pages` writes (same arguments), each page drawn once."""
    info = renderer_for(out, format)
    pairs = _pairs(items, as_design(design, **options))
    for _, page in pairs:
        check_cmyk(info, page)
    return info, [draw(layout, page) for layout, page in pairs]


def check_cmyk(info: RendererInfo, design: Design) -> None:
    """Refuse ``cmyk_profile`` for a format that is not CMYK (a PDF/X file takes it as its output
    intent), and ``transparent`` for one that is."""
    if design.cmyk_profile and info.name not in CMYK_FORMATS and not (info.name == "pdf" and design.pdfx):
        raise PrintError(f"cmyk_profile {design.cmyk_profile!r} is for CMYK output: write .tif, .tiff "
                         f"or .jpg (format tiff or jpeg), or a PDF/X file (pdfx=True), not {info.name}")
    if design.transparent and info.name in CMYK_FORMATS:
        raise PrintError(f"transparent=True is not possible in CMYK {info.name.upper()}, which is printed "
                         "on paper: leave transparent out, or write PNG, SVG or PDF")


def render_drawings(drawings: Sequence[Drawing], out: Output, *, format: str | None = None) -> list[str]:
    """Write drawings made by :func:`chutecode.drawing.draw.draw` into ``out``, through the registry.

    One drawing goes to the format's renderer. Several go to the format's page
    writer as one file when it has one (PDF does), else one file a page
    (``NAME-1.ext``, ``NAME-2.ext``, ...). Returns the paths written (empty for
    a stream).
    """
    info = renderer_for(out, format)
    if not drawings:
        raise RenderError("no pages given: give at least one drawing")
    path = os.fsdecode(out) if _is_path(out) else None  # type: ignore[arg-type]
    if path is None:
        _check_stream(out)
    if len(drawings) == 1 or info.pages is not None:
        def write(stream: BinaryIO) -> None:
            if len(drawings) == 1:
                info.renderer(drawings[0], stream)
            else:
                info.pages(drawings, stream)  # type: ignore[misc]

        if path is None:
            write(out)  # type: ignore[arg-type]
            return []
        with atomic_output(path) as stream:
            write(stream)
        return [path]
    if path is None:
        raise RenderError(f"{len(drawings)} pages in {info.name.upper()} are written as one file each and "
                          "need an output path (NAME-1.ext, NAME-2.ext, ...), or use PDF for one document")
    written: list[str] = []
    try:
        for drawing, target in zip(drawings, numbered_paths(path, len(drawings)), strict=True):
            with atomic_output(target) as stream:
                info.renderer(drawing, stream)
            written.append(target)
    except BaseException:
        for done in written:
            with contextlib.suppress(OSError):
                os.unlink(done)
        raise
    return written


def _check_stream(out: Any) -> None:
    """Refuse, before drawing, a stream that cannot take bytes: text, closed or read-only."""
    if not hasattr(out, "write"):
        raise OutputError(f"output {out!r:.60} is neither a path nor a binary stream")
    if isinstance(out, io.TextIOBase):
        raise OutputError(f"output {out!r:.60} is a text stream: give a binary stream such as io.BytesIO() "
                          "or open(path, 'wb'), or a path")
    if getattr(out, "closed", False) is True:
        raise OutputError(f"output {out!r:.60} is closed: give an open binary stream or a path")
    writable = getattr(out, "writable", None)
    if callable(writable):
        try:
            ok = writable()
        except (OSError, ValueError):
            ok = False
        if ok is False:
            raise OutputError(f"output {out!r:.60} is not writable: open it with 'wb', or give a path")


def _is_path(out: Any) -> bool:
    return isinstance(out, (str, bytes)) or hasattr(out, "__fspath__")
