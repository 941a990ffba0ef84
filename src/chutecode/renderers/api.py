"""The :func:`chutecode.render` function: a layout in, a file (or stream) out."""

from __future__ import annotations

import math
import os
from typing import Any, BinaryIO

from chutecode.errors import RenderError
from chutecode.files import atomic_output
from chutecode.geometry import Style, build_geometry, get_style
from chutecode.layout import Layout
from chutecode.palette import Palette, get_palette
from chutecode.renderers.drawing import Drawing
from chutecode.renderers.registry import renderer_for
from chutecode.units import parse_length

__all__ = ["render", "make_drawing", "describe_layout", "DEFAULT_SIZE", "DEFAULT_DPI"]

DEFAULT_SIZE = "200mm"
DEFAULT_DPI = 300.0

_STYLE_OPTIONS = ("equal", "start_angle", "gore_offset", "seam_width", "vent", "annotate", "merge")
_COLOUR_OPTIONS = {"seam_colour": "seam", "seam_color": "seam"}


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


def _dpi(dpi: Any) -> float:
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not math.isfinite(dpi) or dpi <= 0:
        raise RenderError(f"dpi {dpi!r} is not valid: give a positive number such as 300")
    return float(dpi)


def make_drawing(layout: Layout, *, style: str | Style | None = "dgb",
                 palette: str | Palette | dict[str, Any] | None = None,
                 size: str | float = DEFAULT_SIZE, dpi: float = DEFAULT_DPI, **options: Any) -> Drawing:
    """Build the :class:`Drawing` that :func:`render` writes (same arguments, no output)."""
    if not isinstance(layout, Layout):
        raise RenderError(f"layout {layout!r:.60} is not a Layout: make one with chutecode.encode()")
    dpi = _dpi(dpi)
    unknown = sorted(set(options) - set(_STYLE_OPTIONS) - set(_COLOUR_OPTIONS))
    if unknown:
        raise RenderError(f"option {unknown[0]!r} is not known: use "
                          f"{', '.join([*_STYLE_OPTIONS, *_COLOUR_OPTIONS])}")
    size_mm = parse_length(size, dpi=dpi)
    style_obj = get_style(style, **{k: v for k, v in options.items() if k in _STYLE_OPTIONS})
    if palette is None:
        palette = "explain" if style_obj.annotate else "perseverance"
    pal = get_palette(palette)
    colours = {_COLOUR_OPTIONS[k]: v for k, v in options.items() if k in _COLOUR_OPTIONS}
    if colours:
        pal = pal.replace(**colours)
    geometry = build_geometry(layout, style_obj, size_mm, dpi=dpi)
    title = layout.message or (layout.coordinates.text if layout.coordinates else "parachute ring code")
    return Drawing(geometry=geometry, palette=pal, dpi=dpi, title=title,
                   description=describe_layout(layout))


def render(layout: Layout, out: str | os.PathLike[str] | BinaryIO, *, format: str | None = None,
           style: str | Style | None = "dgb", palette: str | Palette | dict[str, Any] | None = None,
           size: str | float = DEFAULT_SIZE, dpi: float = DEFAULT_DPI, **options: Any) -> None:
    """Draw ``layout`` into ``out``, a path or a binary stream.

    Args:
        layout: from :func:`chutecode.encode`.
        out: a file path (written through a temporary file renamed into
            place: a failed render leaves nothing) or a writable binary stream.
        format: ``svg``, ``png``, ``pdf``, ``eps``, ``ps`` or a plugin's; by
            default from the extension of ``out``.
        style: ``dgb`` (default), ``disk`` or a :class:`~chutecode.geometry.Style`.
        palette: a name (see :data:`chutecode.PALETTES`), a
            :class:`~chutecode.palette.Palette` or a mapping of roles to colours;
            ``None`` for ``perseverance``, or ``explain`` when annotating.
        size: the canopy diameter = the page side: ``"20cm"``, ``"24in"``,
            ``"7200px"`` (at ``dpi``) or a number of mm.
        dpi: pixels per inch of raster output (and of ``px`` sizes).
        **options: style options ``equal``, ``start_angle``, ``gore_offset``,
            ``seam_width``, ``vent``, ``annotate``, ``merge`` (see
            :class:`~chutecode.geometry.Style`) and ``seam_colour``.

    Raises:
        RenderError, PaletteError, StyleError, UnitError: all
        :class:`~chutecode.errors.ChutecodeError`, one line, nothing written.
    """
    info = renderer_for(out, format)
    drawing = make_drawing(layout, style=style, palette=palette, size=size, dpi=dpi, **options)
    if isinstance(out, (str, bytes)) or hasattr(out, "__fspath__"):
        with atomic_output(os.fsdecode(out)) as stream:
            info.renderer(drawing, stream)
    elif hasattr(out, "write"):
        info.renderer(drawing, out)
    else:
        raise RenderError(f"output {out!r:.60} is neither a path nor a binary stream")
