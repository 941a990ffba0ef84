"""One message and place with one design, in one object: ``chutecode.make(...)``.

>>> import chutecode
>>> canopy = chutecode.make("HELLO MARS", palette="midnight", size="10cm")
>>> canopy.layout.message, canopy.design.palette
('HELLO MARS', 'midnight')
>>> canopy.svg()[:5]
'<?xml'
"""

from __future__ import annotations

import inspect
import io
from dataclasses import dataclass
from typing import Any

from chutecode.design.design import FIELD_NAMES, Design
from chutecode.renderers.api import Output, render
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.encoder import encode
from chutecode.ringcode.layout import Layout

__all__ = ["Canopy", "make"]

#: Keyword options of :func:`chutecode.encode` (the ring code), read from its signature.
ENCODE_OPTIONS: tuple[str, ...] = tuple(name for name in inspect.signature(encode).parameters
                                        if name not in ("message", "coords"))


@dataclass(frozen=True)
class Canopy:
    """A :class:`~chutecode.ringcode.layout.Layout` and the :class:`~chutecode.design.Design`
    it is drawn with."""

    layout: Layout
    design: Design = Design()

    def save(self, out: Output, format: str | None = None, **overrides: Any) -> list[str]:
        """Draw into ``out`` (a path or a binary stream); ``overrides`` change design options for
        this file only. Returns the paths written."""
        return render(self.layout, out, self.design, format=format, **overrides)

    def svg(self, **overrides: Any) -> str:
        """The SVG document as text."""
        buffer = io.BytesIO()
        self.save(buffer, format="svg", **overrides)
        return buffer.getvalue().decode("utf-8")

    def _repr_svg_(self) -> str:
        """Show the canopy in Jupyter and other rich displays (12 cm across unless the design says)."""
        return self.svg(**({} if self.design.size or self.design.page else {"size": "120mm"}))


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


assert not set(ENCODE_OPTIONS) & set(FIELD_NAMES), "encode and design options must not share a name"
