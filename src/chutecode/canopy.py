"""One message and place with one design, in one object: ``chutecode.make(...)``.

>>> import chutecode
>>> canopy = chutecode.make("HELLO MARS", palette="midnight", size="10cm")
>>> canopy.layout.message, canopy.design.palette
('HELLO MARS', 'midnight')
>>> canopy.svg()[:5], canopy.svg(inline=True)[:4]
('<?xml', '<svg')
>>> canopy.svg_data_uri()[:33]
'data:image/svg+xml;charset=utf-8,'
>>> canopy.to_pil(size=64).size
(64, 64)
"""

from __future__ import annotations

import base64
import dataclasses
import inspect
import io
import sys
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from chutecode.design.design import FIELD_NAMES, Design
from chutecode.errors import DecodeError, RenderError
from chutecode.renderers.api import Output, render
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.decoder import Decoded
from chutecode.ringcode.encoder import encode
from chutecode.ringcode.layout import Layout

if TYPE_CHECKING:
    from chutecode.drawing.drawing import Drawing

__all__ = ["Canopy", "make", "NOTEBOOK_SIZE", "NOTEBOOK_PIXELS"]

#: Keyword options of :func:`chutecode.encode` (the ring code), read from its signature.
ENCODE_OPTIONS: tuple[str, ...] = tuple(name for name in inspect.signature(encode).parameters
                                        if name not in ("message", "coords"))
#: How large a canopy shows in a notebook when its design gives no size or page.
NOTEBOOK_SIZE = "120mm"
#: The longer side in pixels of a notebook's PNG of a canopy.
NOTEBOOK_PIXELS = 480


@dataclass(frozen=True)
class Canopy:
    """A :class:`~chutecode.ringcode.layout.Layout` and the :class:`~chutecode.design.Design`
    it is drawn with."""

    layout: Layout
    design: Design = Design()

    @classmethod
    def from_decoded(cls, decoded: Decoded, **options: Any) -> Canopy:
        """The canopy a :class:`~chutecode.ringcode.decoder.Decoded` was read from, gore 0 at the start.

        The decoded message and place are encoded again with the scheme that
        was read (gores, group, spacer, codec, flow, rings), and every ring must
        give back the bits that were read, turned by the ring's rotation: what
        is drawn is what was read. ``options`` are design options.

        Raises:
            DecodeError: when the decoding carries no bits (made by hand), or
                the canopy cannot be redrawn as read.
        """
        if not isinstance(decoded, Decoded):
            raise DecodeError(f"decoded {decoded!r:.60} is not a Decoded: make one with chutecode.decode()")
        if not decoded.bits:
            raise DecodeError("this Decoded carries no bits, so the canopy it was read from cannot be drawn: "
                              "make it with chutecode.decode()")
        layout = _reencode(decoded)
        return cls(layout, Design.create(**options))

    def replace(self, **options: Any) -> Canopy:
        """A copy with some design options changed (``canopy.replace(palette="mars")``)."""
        return dataclasses.replace(self, design=self.design.replace(**options))

    def draw(self, **overrides: Any) -> Drawing:
        """The :class:`~chutecode.drawing.drawing.Drawing` of the canopy's page (one page)."""
        from chutecode.drawing.draw import draw

        return draw(self.layout, self.design.replace(**overrides) if overrides else self.design)

    # -- files and streams -----------------------------------------------------------------------------

    def save(self, out: Output, kind: str | None = None, *, format: str | None = None,
             **overrides: Any) -> list[str]:
        """Draw into ``out``, a path or a binary stream, as :func:`chutecode.render` does.

        ``kind`` is the format (``svg``, ``png``, ``pdf``, ``gif``, ``apng``,
        ``animated-svg``, ``cut``, ...; ``format=`` is the same), by default
        from the file's extension; a stream needs one. ``overrides`` change
        design options for this file only. Returns the paths written.
        """
        if kind is not None and format is not None and kind.lower() != format.lower():
            raise RenderError(f"kind={kind!r} and format={format!r} disagree: give one of them")
        return render(self.layout, out, self.design, format=kind or format, **overrides)

    def to_bytes(self, kind: str, **overrides: Any) -> bytes:
        """The file of format ``kind`` as bytes."""
        buffer = io.BytesIO()
        self.save(buffer, kind, **overrides)
        return buffer.getvalue()

    def svg(self, inline: bool = False, **overrides: Any) -> str:
        """The SVG document as text; ``inline=True`` leaves out the XML declaration, for HTML."""
        text = self.to_bytes("svg", **overrides).decode("utf-8")
        if inline:
            text = text.split("?>", 1)[1].lstrip() if text.startswith("<?xml") else text
        return text

    def svg_data_uri(self, encoding: str = "utf8", **overrides: Any) -> str:
        """The SVG as a ``data:`` URI for an ``<img src=...>`` or CSS ``url(...)``.

        ``encoding`` is ``utf8`` (percent-encoded UTF-8, smaller for SVG) or ``base64``.
        """
        text = self.svg(inline=True, **overrides)
        if encoding == "base64":
            return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
        if encoding != "utf8":
            raise RenderError(f"encoding {encoding!r} is not known: use 'utf8' or 'base64'")
        return "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(text, safe="/:=;,'()")

    def png(self, size: int | None = None, **overrides: Any) -> bytes:
        """The PNG as bytes; ``size`` is the longer side in pixels (else the design's size at its dpi)."""
        if size is not None:
            overrides = {**overrides, "dpi": _dpi_for(self, size, overrides)}
        return self.to_bytes("png", **overrides)

    def png_data_uri(self, size: int | None = None, **overrides: Any) -> str:
        """The PNG as a base64 ``data:`` URI; ``size`` as for :meth:`png`."""
        return "data:image/png;base64," + base64.b64encode(self.png(size, **overrides)).decode("ascii")

    def to_pil(self, size: int | None = None, **overrides: Any) -> Any:
        """The picture as a Pillow image: ``RGB``, or ``RGBA`` for a transparent design.

        ``size`` is the image's longer side in pixels (for a bare canopy, the
        image is ``size`` x ``size``); by default the design's size at its dpi.
        The canopy's diameter, the design's ``size`` option, is not changed:
        use :meth:`replace` for that.
        """
        from PIL import Image

        image = Image.open(io.BytesIO(self.png(size, **overrides)))
        image.load()
        return image

    # -- terminals and notebooks -----------------------------------------------------------------------

    def terminal(self, out: TextIO | None = None, *, width: int | None = None, colour: bool | None = None,
                 **overrides: Any) -> None:
        """Print a preview into ``out`` (standard output by default), ``width`` characters wide.

        In a terminal the preview is in true colour (two pixels a character
        cell); elsewhere (a file, a pipe), or with ``colour=False``, it is
        plain text, one character a cell (``#`` a coloured gore, ``.`` a
        plain one). ``NO_COLOR`` in the environment turns colour off.
        """
        from chutecode.renderers.terminal import write_preview

        write_preview(self.draw(**overrides), sys.stdout if out is None else out, width=width, colour=colour)

    def _repr_svg_(self) -> str:
        """Show the canopy in Jupyter and other rich displays (12 cm across unless the design says)."""
        return self.svg(inline=True, **self._notebook_size())

    def _repr_png_(self) -> bytes:
        """The canopy as a PNG for rich displays that take no SVG (480 px on its longer side)."""
        return self.png(NOTEBOOK_PIXELS)

    def _notebook_size(self) -> dict[str, Any]:
        return {} if self.design.size or self.design.page else {"size": NOTEBOOK_SIZE}


def make(message: str, coords: str | Coordinates | tuple[float, float] | None = None,
         **options: Any) -> Canopy:
    """Encode ``message`` (and a place) and keep the design to draw it with.

    ``options`` are the keyword options of :func:`chutecode.encode` (``codec``,
    ``flow``, ``rings``, ``gores``...) and any design option (``palette``,
    ``size``, ``page``...).
    """
    encode_options = {k: v for k, v in options.items() if k in ENCODE_OPTIONS}
    design_options = {k: v for k, v in options.items() if k not in ENCODE_OPTIONS}
    design = Design.create(**design_options)  # unknown names are refused here, with the valid ones
    return Canopy(encode(message, coords, **encode_options), design)


def _dpi_for(canopy: Canopy, size: int, overrides: dict[str, Any]) -> float:
    """The dpi at which the canopy's sheet is ``size`` pixels on its longer side."""
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 100_000:
        raise RenderError(f"size {size!r} is not valid: give the image's longer side in pixels, a whole "
                          "number such as 512 (the canopy's diameter is the design option: use "
                          "canopy.replace(size='10cm'))")
    width, height = canopy.draw(**overrides).sheet_size
    return size / max(width, height) * 25.4


def _reencode(decoded: Decoded) -> Layout:
    """The layout of the decoded message and place, checked ring by ring against the bits read."""
    bits = decoded.bits
    readable = [ring for ring in decoded.rings if ring.kind == "line"] or \
        [ring for ring in decoded.rings if ring.kind != "padding"]
    if not readable:
        raise DecodeError("the decoding has no ring to take its scheme from")
    first = readable[0]
    group = first.spacer + first.data
    try:
        layout = encode(decoded.message, decoded.coordinates, codec=decoded.codec, flow=decoded.flow,
                        rings=len(bits), gores=len(bits[0]), group=group, spacer=first.spacer)
    except ValueError as exc:
        raise DecodeError(f"the canopy that was read cannot be drawn again: {exc}") from None
    for ring, read, drawn in zip(decoded.rings, bits, layout.rings, strict=True):
        turn = (ring.rotation or 0) % len(read)
        turned = read[len(read) - turn:] + read[:len(read) - turn] if turn else read
        if turned != drawn.bits:
            raise DecodeError(f"ring {ring.number} as read ({read[:20]}...) is not what its message encodes "
                              f"to ({drawn.bits[:20]}...): the canopy cannot be drawn as read")
    return layout


assert not set(ENCODE_OPTIONS) & set(FIELD_NAMES), "encode and design options must not share a name"
