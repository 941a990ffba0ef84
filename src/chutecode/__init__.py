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
    CoordinateError,
    DecodeError,
    ImageReadError,
    LayoutError,
    SchemeError,
)
from chutecode.layout import Layout, Ring, Scheme, Symbol

__version__ = "0.1.0"

#: The Mars 2020 Perseverance message and the place it names (JPL).
PERSEVERANCE_MESSAGE = "DARE MIGHTY THINGS"
PERSEVERANCE_COORDS = "34°11'58\"N 118°10'31\"W"

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
    "PERSEVERANCE_MESSAGE",
    "PERSEVERANCE_COORDS",
    "__version__",
]


def __getattr__(name: str) -> object:
    # decode_image needs numpy: import it on first use only.
    if name == "decode_image":
        from chutecode.image_reader import decode_image

        return decode_image
    raise AttributeError(f"module 'chutecode' has no attribute {name!r}")
