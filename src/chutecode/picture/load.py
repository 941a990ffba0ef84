"""Open a picture for reading, shrunk as it loads, in bounded memory.

A picture is never held at full size when it is larger than the reader needs:

- a JPEG is decoded at 1/2, 1/4 or 1/8 scale by the decoder itself (Pillow's ``draft``);
- where libvips is installed (``pip install 'chutecode[vips]'``), any file it reads is shrunk
  while it streams (``thumbnail``);
- otherwise a large PNG is decoded a strip of rows at a time and each strip is shrunk
  before the next is read, so that only a strip and the small result are in memory;
- other large pictures are loaded whole, up to :data:`MAX_LOAD_BYTES` of decoded pixels.

Pictures of more than :data:`MAX_PIXELS` pixels are refused before anything is decoded.
Pillow's own decompression-bomb check is replaced by these limits, so reading a big
poster prints no ``DecompressionBombWarning``.
"""

from __future__ import annotations

import io
import math
import os
import struct
import threading
import warnings
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from chutecode.errors import ImageReadError

__all__ = ["MAX_PIXELS", "MAX_LOAD_BYTES", "ImageSource", "describe", "load_picture"]

#: Pictures with more pixels than this (2 gigapixels) are refused.
MAX_PIXELS = 2_000_000_000

#: Most bytes of decoded pixels a picture may take when it cannot be shrunk as it loads.
MAX_LOAD_BYTES = 400_000_000

# Pictures of more pixels than this are shrunk as they load (when they need shrinking at all).
_STREAM_PIXELS = 24_000_000
# Rows of a PNG decoded at a time by the strip reader.
_STRIP_BYTES = 24_000_000

ImageSource = str | os.PathLike[str] | bytes | BinaryIO | Any

_PILLOW_LIMIT = threading.Lock()


def describe(source: ImageSource) -> str:
    """How an error names the picture: its quoted path, or ``the image``."""
    if isinstance(source, (str, os.PathLike)):
        return repr(os.fspath(source))
    return "the image"


def _open(source: ImageSource) -> Any:
    """Open ``source`` lazily (header only) as a Pillow image."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, Image.Image):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        stream: Any = io.BytesIO(bytes(source))
    elif isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        stream = source
    else:
        raise ImageReadError(
            f"cannot read an image from {type(source).__name__!r}: give a path, bytes, a binary "
            "stream or a PIL image"
        )
    # Pillow warns past 89 Mpx and refuses past 179 Mpx; this module sets its own limits.
    with _PILLOW_LIMIT, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            return Image.open(stream)
        except UnidentifiedImageError:
            raise ImageReadError(
                f"{describe(source)} is not a picture Pillow can read: give a PNG (or JPEG, TIFF ...)"
            ) from None
        except (SyntaxError, EOFError, struct.error, zlib.error) as exc:
            raise ImageReadError(f"{describe(source)} is damaged: {exc or type(exc).__name__}") from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _damaged(source: ImageSource, exc: BaseException) -> ImageReadError:
    detail = str(exc) or type(exc).__name__
    return ImageReadError(f"{describe(source)} is truncated or damaged ({detail}): save the picture again")


def load_picture(source: ImageSource, max_side: int) -> tuple[Any, float]:
    """The picture as a loaded Pillow image (any mode) no larger than about ``max_side``, and the
    factor it was shrunk by (1.0 when not shrunk).

    Raises:
        ImageReadError: not a picture, truncated or damaged, or past the size limits.
    """
    from PIL import Image

    image = _open(source)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageReadError(
            f"{describe(source)} is {width} x {height} px ({width * height / 1e6:.0f} Mpx): pictures of "
            f"at most {MAX_PIXELS // 1_000_000} Mpx are read"
        )
    factor = max(1, math.ceil(max(width, height) / max_side))
    try:
        if factor >= 2 and width * height > _STREAM_PIXELS:
            shrunk = _shrink_on_load(source, image, factor)
            if shrunk is not None:
                _close_opened(source, image)
                return shrunk, width / shrunk.width
        needed = width * height * max(len(image.getbands()), 1)
        if needed > MAX_LOAD_BYTES:
            raise ImageReadError(
                f"{describe(source)} is {width} x {height} px in {image.format or 'this format'}, which "
                f"cannot be shrunk as it loads here: give a PNG or JPEG, install libvips "
                f"(pip install 'chutecode[vips]'), or use pictures under "
                f"{MAX_LOAD_BYTES // (1_000_000 * max(len(image.getbands()), 1))} Mpx"
            )
        with _PILLOW_LIMIT, warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except ImageReadError:
        raise
    except (OSError, SyntaxError, EOFError, ValueError, struct.error, zlib.error) as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
            raise
        raise _damaged(source, exc) from None
    reduced = _reduce(image, factor)
    if reduced is not image:
        _close_opened(source, image)
    return reduced, float(factor)


def _close_opened(source: ImageSource, image: Any) -> None:
    """Close the file of an image this module opened (never one the caller gave)."""
    if image is not source:
        image.close()


def _reduce(image: Any, factor: int) -> Any:
    """Box-shrink a loaded image by a whole factor (palette pictures become RGB first)."""
    if factor < 2:
        return image
    if image.mode in ("P", "PA", "1") or image.mode.startswith("I;16"):
        image = image.convert("RGBA" if image.mode == "PA" or "transparency" in image.info else "RGB")
    if image.mode in ("I", "F"):
        image = image.convert("L")
    return image.reduce(factor)


def _shrink_on_load(source: ImageSource, image: Any, factor: int) -> Any | None:
    """``image`` shrunk by ``factor`` without decoding it whole, or ``None`` where that cannot be done."""
    if image.format == "JPEG":
        width = image.width
        image.draft("RGB", (image.width // factor, image.height // factor))
        image.load()
        return _reduce(image, max(1, round(image.width * factor / width)))
    shrunk = _vips_shrink(source, factor)
    if shrunk is not None:
        return shrunk
    if image.format == "PNG":
        return _png_strips(image, factor)
    return None


def _vips_shrink(source: ImageSource, factor: int) -> Any | None:
    """Shrink with libvips when it is installed and the picture is a file or bytes."""
    if not isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)):
        return None
    try:
        import pyvips
    except Exception:  # not installed, or its library is missing
        return None
    from PIL import Image

    try:
        if isinstance(source, (str, os.PathLike)):
            vimage = pyvips.Image.new_from_file(os.fspath(source), access="sequential")
        else:
            vimage = pyvips.Image.new_from_buffer(bytes(source), "", access="sequential")
        if vimage.interpretation == "cmyk" or vimage.bands == 4 and vimage.interpretation == "multiband":
            vimage = vimage.colourspace("srgb")
        vimage = vimage.shrink(factor, factor)
        if vimage.format != "uchar":
            vimage = vimage.cast("uchar")
        bands = vimage.bands
        data = vimage.write_to_memory()
    except pyvips.Error:
        return None
    mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}.get(bands)
    if mode is None:
        return None
    return Image.frombytes(mode, (vimage.width, vimage.height), data)


# --- a PNG decoded a strip at a time ---------------------------------------------------------------


def _png_chunks(stream: BinaryIO) -> Iterator[tuple[bytes, bytes]]:
    if stream.read(8) != b"\x89PNG\r\n\x1a\n":
        raise SyntaxError("not a PNG signature")
    while True:
        head = stream.read(8)
        if len(head) < 8:
            raise EOFError("the PNG ends before its last chunk")
        length, kind = struct.unpack(">I4s", head)
        data = stream.read(length)
        stream.read(4)
        if len(data) < length:
            raise EOFError("the PNG ends inside a chunk")
        yield kind, data
        if kind == b"IEND":
            return


def _png_strips(image: Any, factor: int) -> Any | None:
    """Decode a non-interlaced 8-bit PNG a strip of rows at a time, shrinking each strip."""
    from PIL import Image

    info = getattr(image, "png", None)
    rawmode = getattr(image, "im_rawmode", None) or (info.im_rawmode if info is not None else None)
    fp = getattr(image, "fp", None)
    if rawmode is None or fp is None or image.info.get("interlace"):
        return None
    mode = image.mode
    if mode not in ("RGB", "RGBA", "L", "LA", "P"):
        return None
    bands = {"RGB": 3, "RGBA": 4, "L": 1, "LA": 2, "P": 1}[mode]
    if (
        not rawmode.startswith(("RGB", "L", "P"))
        or rawmode.endswith(";16B")
        or rawmode in ("P;1", "P;2", "P;4", "L;1", "L;2", "L;4", "1")
    ):
        return None
    width, height = image.size
    row_bytes = width * bands + 1
    rows_per_strip = max(factor, (_STRIP_BYTES // row_bytes) // factor * factor)
    palette = image.getpalette() if mode == "P" else None
    transparency = image.info.get("transparency")
    fp.seek(0)
    inflate = zlib.decompressobj()
    pending = bytearray()
    previous = b"\x00" + bytes(row_bytes - 1)
    out = Image.new(
        "RGBA" if mode in ("RGBA", "LA") or transparency is not None else "RGB",
        (max(1, width // factor), max(1, height // factor)),
    )
    done = 0

    def flush(rows: int) -> None:
        nonlocal pending, previous, done
        take = rows * row_bytes
        block = bytes(pending[:take])
        del pending[:take]
        strip = Image.frombytes(mode, (width, rows + 1), zlib.compress(previous + block, 0), "zip", rawmode)
        previous = b"\x00" + strip.crop((0, rows, width, rows + 1)).tobytes()
        strip = strip.crop((0, 1, width, rows + 1))
        if palette is not None:
            strip.putpalette(palette)
            if transparency is not None:
                strip.info["transparency"] = transparency
            strip = strip.convert("RGBA" if transparency is not None else "RGB")
        if strip.mode != out.mode:
            strip = strip.convert(out.mode)
        small = strip.reduce(factor)
        out.paste(small, (0, done // factor))
        done += rows

    for kind, data in _png_chunks(fp):
        if kind != b"IDAT":
            continue
        pending += inflate.decompress(data)
        while len(pending) >= rows_per_strip * row_bytes and done + rows_per_strip <= height:
            flush(rows_per_strip)
    pending += inflate.flush()
    whole = (height - done) // factor * factor
    if len(pending) < (height - done) * row_bytes:
        raise EOFError(f"the PNG holds {done + len(pending) // row_bytes} of its {height} rows")
    if whole:
        flush(whole)
    return out
