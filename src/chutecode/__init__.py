"""chutecode: parachute ring codes, from message and place to print-ready canopy.

>>> import chutecode
>>> layout = chutecode.encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W")
>>> chutecode.decode(layout).message
'DARE MIGHTY THINGS'

The names below are imported on first use, so that ``import chutecode`` (and a
command line that needs only some of it) loads only what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from chutecode._version import __version__

if TYPE_CHECKING:
    from chutecode.canopy import Canopy, make
    from chutecode.design.design import FIELD_NAMES, Design
    from chutecode.design.page import Page
    from chutecode.design.palette import PALETTES, Palette, get_palette
    from chutecode.design.style import STYLES, Style
    from chutecode.design.units import PAGE_SIZES
    from chutecode.display import load_ipython_extension, register_notebook_display, show
    from chutecode.drawing.draw import draw
    from chutecode.drawing.drawing import Drawing
    from chutecode.drawing.geometry import Geometry, build_geometry
    from chutecode.errors import (
        CapacityError,
        ChutecodeError,
        CodecError,
        ColorProfileError,
        CoordinateError,
        DecodeError,
        DesignError,
        FontError,
        ImageReadError,
        LayoutError,
        OutputError,
        PageError,
        PaletteError,
        PrintError,
        RenderError,
        SchemeError,
        StyleError,
        UnitError,
    )
    from chutecode.picture.reader import decode_image
    from chutecode.renderers import (
        Renderer,
        available_formats,
        get_renderer,
        register_renderer,
        render,
        render_pages,
    )
    from chutecode.ringcode.coordinates import Coordinates, parse_coordinates
    from chutecode.ringcode.decoder import Decoded, DecodedRing, decode
    from chutecode.ringcode.encoder import encode
    from chutecode.ringcode.layout import Layout, Ring, Scheme, Symbol
    from chutecode.ringcode.perseverance import PERSEVERANCE_COORDS, PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE

__all__ = [
    "encode",
    "make",
    "Canopy",
    "show",
    "register_notebook_display",
    "load_ipython_extension",
    "Design",
    "FIELD_NAMES",
    "DesignError",
    "draw",
    "decode",
    "decode_image",
    "parse_coordinates",
    "Layout",
    "Ring",
    "Scheme",
    "Symbol",
    "Coordinates",
    "Decoded",
    "DecodedRing",
    "ChutecodeError",
    "SchemeError",
    "CodecError",
    "CapacityError",
    "CoordinateError",
    "DecodeError",
    "ImageReadError",
    "LayoutError",
    "OutputError",
    "PaletteError",
    "StyleError",
    "RenderError",
    "UnitError",
    "render",
    "render_pages",
    "Page",
    "PAGE_SIZES",
    "PageError",
    "PrintError",
    "FontError",
    "ColorProfileError",
    "Drawing",
    "Renderer",
    "register_renderer",
    "get_renderer",
    "available_formats",
    "Palette",
    "PALETTES",
    "get_palette",
    "Style",
    "STYLES",
    "Geometry",
    "build_geometry",
    "PERSEVERANCE_MESSAGE",
    "PERSEVERANCE_COORDS",
    "PERSEVERANCE_PLACE",
    "__version__",
]

#: Where each public name lives (imported on first use).
_HOMES: dict[str, str] = {
    "Canopy": "chutecode.canopy",
    "make": "chutecode.canopy",
    "FIELD_NAMES": "chutecode.design.design",
    "Design": "chutecode.design.design",
    "Page": "chutecode.design.page",
    "PALETTES": "chutecode.design.palette",
    "Palette": "chutecode.design.palette",
    "get_palette": "chutecode.design.palette",
    "STYLES": "chutecode.design.style",
    "Style": "chutecode.design.style",
    "PAGE_SIZES": "chutecode.design.units",
    "show": "chutecode.display",
    "register_notebook_display": "chutecode.display",
    "load_ipython_extension": "chutecode.display",
    "draw": "chutecode.drawing.draw",
    "Drawing": "chutecode.drawing.drawing",
    "Geometry": "chutecode.drawing.geometry",
    "build_geometry": "chutecode.drawing.geometry",
    "CapacityError": "chutecode.errors",
    "ChutecodeError": "chutecode.errors",
    "CodecError": "chutecode.errors",
    "ColorProfileError": "chutecode.errors",
    "CoordinateError": "chutecode.errors",
    "DecodeError": "chutecode.errors",
    "DesignError": "chutecode.errors",
    "FontError": "chutecode.errors",
    "ImageReadError": "chutecode.errors",
    "LayoutError": "chutecode.errors",
    "OutputError": "chutecode.errors",
    "PageError": "chutecode.errors",
    "PaletteError": "chutecode.errors",
    "PrintError": "chutecode.errors",
    "RenderError": "chutecode.errors",
    "SchemeError": "chutecode.errors",
    "StyleError": "chutecode.errors",
    "UnitError": "chutecode.errors",
    "Renderer": "chutecode.renderers",
    "available_formats": "chutecode.renderers",
    "get_renderer": "chutecode.renderers",
    "register_renderer": "chutecode.renderers",
    "render": "chutecode.renderers",
    "render_pages": "chutecode.renderers",
    "Coordinates": "chutecode.ringcode.coordinates",
    "parse_coordinates": "chutecode.ringcode.coordinates",
    "Decoded": "chutecode.ringcode.decoder",
    "DecodedRing": "chutecode.ringcode.decoder",
    "decode": "chutecode.ringcode.decoder",
    "encode": "chutecode.ringcode.encoder",
    "Layout": "chutecode.ringcode.layout",
    "Ring": "chutecode.ringcode.layout",
    "Scheme": "chutecode.ringcode.layout",
    "Symbol": "chutecode.ringcode.layout",
    "PERSEVERANCE_COORDS": "chutecode.ringcode.perseverance",
    "PERSEVERANCE_MESSAGE": "chutecode.ringcode.perseverance",
    "PERSEVERANCE_PLACE": "chutecode.ringcode.perseverance",
    "decode_image": "chutecode.picture.reader",
}


def _notebook_display() -> None:
    """Inside a running IPython (a notebook), decodings show as the canopy read and its table; elsewhere
    nothing is imported for it."""
    import sys

    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    if get_ipython is not None and get_ipython() is not None:
        from chutecode.display import register_notebook_display

        register_notebook_display()


_notebook_display()


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'chutecode' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
