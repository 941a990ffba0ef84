"""PNG encoding of a rendered cairo surface, with the DPI written in the file."""

from __future__ import annotations

from typing import Any, BinaryIO

__all__ = ["write_png"]


def write_png(surface: Any, out: BinaryIO, dpi: float) -> None:
    """Encode a cairo ``ImageSurface`` (ARGB32 or RGB24) as PNG into ``out``.

    The DPI is stored in the file's ``pHYs`` chunk.
    """
    from PIL import Image

    surface.flush()
    width, height, stride = surface.get_width(), surface.get_height(), surface.get_stride()
    data = bytes(surface.get_data())
    image = Image.frombuffer("RGBA", (width, height), data, "raw", "BGRA", stride, 1)
    image.convert("RGB").save(out, format="PNG", dpi=(dpi, dpi))
