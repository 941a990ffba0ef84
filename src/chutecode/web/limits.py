"""The playground's limits: how much one request may ask for, and how many drawings run at once.

The library draws whatever it is asked; a server open to a browser must not.
Every value below is checked before the work it guards (the upload size
before the body is read, the pixel count before a PNG is drawn), and a request
past a limit is a :class:`~chutecode.errors.RequestError` naming the limit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from chutecode.errors import BusyError

__all__ = ["Limits", "RenderSlots", "DEFAULT_LIMITS"]


@dataclass(frozen=True)
class Limits:
    """What one request may ask for.

    Attributes:
        message_chars: characters of the message.
        text_chars: characters of any other value (a caption of one's own, a title).
        query_chars: characters of a whole query string.
        gores: gores in a ring.
        rings: rings of a canopy (lines, padding and the place).
        length_mm: the canopy diameter, a page side, and other lengths, in mm.
        dpi: pixels per inch of a PNG.
        png_pixels: pixels of a PNG (width times height).
        upload_bytes: bytes of an uploaded picture or of pasted bits.
        image_pixels: pixels of an uploaded picture.
        renders: drawings made at once; more wait for ``wait`` seconds, then get a 503.
        wait: seconds a request waits for a free drawing slot.
        retry_after: seconds a 503 asks the browser to wait before trying again.
    """

    message_chars: int = 280
    text_chars: int = 200
    query_chars: int = 8192
    gores: int = 400
    rings: int = 20
    length_mm: float = 5000.0
    dpi: float = 1200.0
    png_pixels: int = 50_000_000
    upload_bytes: int = 20 * 1024 * 1024
    image_pixels: int = 50_000_000
    renders: int = 4
    wait: float = 10.0
    retry_after: int = 2


#: The limits of ``chutecode serve`` and of :data:`chutecode.web.app`.
DEFAULT_LIMITS = Limits()


class RenderSlots:
    """At most ``limits.renders`` drawings at once; a request waits ``limits.wait`` seconds for a slot.

    cairo 1.16 is not safe when two threads rasterise with one font at once, so
    cairo output (PNG, PDF) is also made one at a time (:meth:`cairo`); SVG
    previews only take a slot.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.renders)
        self._cairo = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one drawing slot; raise :class:`~chutecode.errors.BusyError` when none frees up in time."""
        if not self._slots.acquire(timeout=self.limits.wait):
            raise BusyError(f"the playground is drawing {self.limits.renders} canopies already: try again in "
                       f"{self.limits.retry_after} s")
        try:
            yield
        finally:
            self._slots.release()

    @contextmanager
    def cairo(self) -> Iterator[None]:
        """Hold the one cairo output lock (inside a slot)."""
        with self._cairo:
            yield
