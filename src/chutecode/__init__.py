"""chutecode: parachute ring codes, from message and place to print-ready canopy.

>>> import chutecode
>>> layout = chutecode.encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W")
>>> chutecode.decode(layout).message
'DARE MIGHTY THINGS'
"""

from __future__ import annotations

from chutecode._version import __version__
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


# Inside a running IPython (a notebook), decodings show as the canopy read and its table.
register_notebook_display()


def __getattr__(name: str) -> object:
    # decode_image needs numpy: import it on first use only.
    if name == "decode_image":
        from chutecode.picture.reader import decode_image

        return decode_image
    raise AttributeError(f"module 'chutecode' has no attribute {name!r}")
