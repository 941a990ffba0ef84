"""Errors raised by chutecode.

Every error is a :class:`ChutecodeError`, itself a :class:`ValueError`, so
callers can catch one class. Each message quotes the bad value and says what
would be valid.
"""

from __future__ import annotations

__all__ = [
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
    "PrintError",
    "ColorProfileError",
    "FontError",
    "PageError",
    "DesignError",
    "UnitError",
    "BatchError",
    "RowOptionError",
    "GalleryError",
    "PngEncoderError",
    "RequestError",
    "BusyError",
    "OutputError",
]


class ChutecodeError(ValueError):
    """Base class of every error chutecode raises on bad input."""


class SchemeError(ChutecodeError):
    """The ring scheme (gores, group, spacer, codec, flow) is not valid."""


class CodecError(ChutecodeError):
    """A character or symbol cannot be encoded with the chosen codec."""


class CapacityError(ChutecodeError):
    """The message does not fit the rings, gores or groups asked for."""


class CoordinateError(ChutecodeError):
    """Coordinates could not be parsed or are out of range."""


class DecodeError(ChutecodeError):
    """Ring bits could not be read back into a message."""


class ImageReadError(DecodeError):
    """A picture could not be read as a canopy: no canopy, no rings, or bits that do not decode."""


class LayoutError(ChutecodeError):
    """A serialised layout is malformed or of an unknown version."""


class PaletteError(ChutecodeError):
    """A palette name or a colour could not be understood."""


class StyleError(ChutecodeError):
    """A drawing style or one of its options is not valid."""


class RenderError(ChutecodeError):
    """A drawing could not be made: unknown format, impossible size, ..."""


class PrintError(ChutecodeError):
    """A print option (bleed, page boxes, strip size, output format) is not valid."""


class ColorProfileError(PrintError):
    """An ICC colour profile is missing, unreadable or of the wrong colour space."""


class FontError(RenderError):
    """A font asked for is not installed or not valid."""


class PageError(PrintError):
    """A page cannot hold what was asked for (canopy, texts, margins)."""


class DesignError(ChutecodeError):
    """A design option is not known, or design data (a dict or a query string) is malformed."""


class UnitError(ChutecodeError):
    """A length, size, DPI or page name could not be understood."""


class BatchError(ChutecodeError):
    """A batch file or batch option is not usable as a whole."""


class RowOptionError(ChutecodeError):
    """A batch row's column holds a value that is not valid."""


class GalleryError(ChutecodeError):
    """The gallery spec is not usable."""


class PngEncoderError(RenderError):
    """A surface, size, DPI or encoder choice that cannot be written as PNG."""


class RequestError(ChutecodeError):
    """A request to the web playground is not valid: an unknown parameter, a value past the
    playground's limits, or a body too large or of the wrong kind."""


class BusyError(RequestError):
    """The web playground is drawing as many canopies as it may at once: try again shortly."""


class OutputError(ChutecodeError):
    """An output path that cannot be written: a folder, a block device, a socket; a stream that
    is not binary or not writable; a format that contradicts the file's extension."""
