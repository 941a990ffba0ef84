"""chutecode: parachute ring codes, from message and place to print-ready canopy.

>>> import chutecode
>>> layout = chutecode.encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W")
>>> chutecode.decode(layout).message
'DARE MIGHTY THINGS'
"""

from __future__ import annotations

from chutecode.coordinates import Coordinates, parse_coordinates
from chutecode.decoder import Decoded, DecodedRing, decode
from chutecode.encoder import encode
from chutecode.errors import (
    CapacityError,
    ChutecodeError,
    CodecError,
    ColorProfileError,
    CoordinateError,
    DecodeError,
    FontError,
    ImageReadError,
    LayoutError,
    PageError,
    PaletteError,
    PrintError,
    RenderError,
    SchemeError,
    StyleError,
)
from chutecode.geometry import STYLES, Geometry, Style, build_geometry
from chutecode.layout import Layout, Ring, Scheme, Symbol
from chutecode.page import Page
from chutecode.palette import PALETTES, Palette, get_palette
from chutecode.renderers import (
    Drawing,
    Renderer,
    available_formats,
    get_renderer,
    register_renderer,
    render,
    render_pages,
)
from chutecode.units import PAGE_SIZES, UnitError

__version__ = "0.1.0"

#: The Mars 2020 Perseverance message and the place it names (JPL).
PERSEVERANCE_MESSAGE = "DARE MIGHTY THINGS"
PERSEVERANCE_COORDS = "34°11'58\"N 118°10'31\"W"
#: The same place as a value, ready to encode without parsing.
PERSEVERANCE_PLACE = Coordinates(34, 11, 58, "N", 118, 10, 31, "W")

__all__ = [
    "encode",
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


def __getattr__(name: str) -> object:
    # decode_image needs numpy: import it on first use only.
    if name == "decode_image":
        from chutecode.image_reader import decode_image

        return decode_image
    raise AttributeError(f"module 'chutecode' has no attribute {name!r}")
