"""CMYK output for print: sRGB images converted with a user-supplied ICC profile.

The conversion goes from sRGB to the press profile with the relative
colorimetric rendering intent and black point compensation, the usual choice
for graphics with few, flat colours. The result is written as TIFF or JPEG
with the DPI and the CMYK profile embedded, so a print shop knows what the
numbers mean. No CMYK profile ships with chutecode: bring the one your print
shop asks for (e.g. ISO Coated v2 / FOGRA39, or US Web Coated SWOP).

TIFF is written band by band (:func:`write_cmyk_tiff`): each band of sRGB
rows is converted and LZW-compressed (by Pillow's libtiff) into strips of
:func:`tiff_rows_per_strip` rows, and the strips are laid one after the other
in one baseline TIFF, so the whole image is never in memory (a 24 x 36 in
poster at 600 dpi is 1.2 GB of CMYK pixels). JPEG holds the whole image.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from chutecode.design.profile import describe_profile, open_profile
from chutecode.design.units import check_dpi
from chutecode.errors import ColorProfileError, PrintError
from chutecode.files import atomic_output

if TYPE_CHECKING:
    from PIL import Image, ImageCms

__all__ = ["CMYK_FORMATS", "to_cmyk", "save_cmyk", "write_cmyk_tiff", "tiff_rows_per_strip",
           "rgb_to_cmyk_transform"]

#: File formats that can hold CMYK, by file extension.
CMYK_FORMATS: dict[str, str] = {".tif": "TIFF", ".tiff": "TIFF", ".jpg": "JPEG", ".jpeg": "JPEG"}


def to_cmyk(
    image: Image.Image,
    profile: str | os.PathLike[str] | ImageCms.ImageCmsProfile,
    *,
    source_profile: ImageCms.ImageCmsProfile | None = None,
) -> Image.Image:
    """Convert an sRGB ``image`` to CMYK with ``profile`` (a path or an opened profile).

    Relative colorimetric intent with black point compensation. Transparent
    pixels are laid on white first (paper has no alpha). ``source_profile``
    replaces sRGB as the input colour space. The result carries the CMYK
    profile in ``info["icc_profile"]`` (the file's own bytes for a path) and
    the input's DPI, if any.
    """
    from PIL import Image, ImageCms

    cmyk_profile, embedded = open_profile(profile)
    rgb = _flatten_to_rgb(image)
    result = ImageCms.applyTransform(rgb, rgb_to_cmyk_transform(cmyk_profile, source_profile))
    assert isinstance(result, Image.Image)
    result.info["icc_profile"] = embedded
    if "dpi" in image.info:
        result.info["dpi"] = image.info["dpi"]
    return result


def rgb_to_cmyk_transform(cmyk_profile: ImageCms.ImageCmsProfile,
               source_profile: ImageCms.ImageCmsProfile | None = None) -> ImageCms.ImageCmsTransform:
    """The sRGB (or ``source_profile``) to CMYK transform: relative colorimetric, black point compensation."""
    from PIL import ImageCms

    source = source_profile or ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    try:
        return ImageCms.buildTransform(
            source,
            cmyk_profile,
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )
    except ImageCms.PyCMSError as error:
        raise ColorProfileError(
            f"ICC profile {describe_profile(cmyk_profile)!r} cannot convert from sRGB ({error}): "
            f"give a CMYK output profile with tables for the relative colorimetric intent"
        ) from None


def save_cmyk(
    image: Image.Image,
    out: str | os.PathLike[str] | BinaryIO,
    profile: str | os.PathLike[str] | ImageCms.ImageCmsProfile,
    *,
    dpi: float,
    format: str | None = None,
    quality: int = 95,
) -> None:
    """Convert an sRGB ``image`` with :func:`to_cmyk` and save it as a CMYK TIFF or JPEG.

    ``format`` is ``"tiff"`` or ``"jpeg"``; by default it comes from the file
    extension of ``out`` (``.tif``, ``.tiff``, ``.jpg``, ``.jpeg``). The DPI and
    the CMYK ICC profile are written in the file. TIFF is LZW-compressed
    (lossless); JPEG uses ``quality``. A path is written atomically.
    """
    kind = _format_of(out, format)
    check_dpi(dpi)
    if kind == "TIFF":
        rows = tiff_rows_per_strip(image.width)
        bands = (image.crop((0, top, image.width, min(top + rows * 64, image.height)))
                 for top in range(0, image.height, rows * 64))
        if isinstance(out, (str, os.PathLike)):
            with atomic_output(out) as stream:
                write_cmyk_tiff(bands, image.width, image.height, stream, profile, dpi=dpi)
        else:
            write_cmyk_tiff(bands, image.width, image.height, out, profile, dpi=dpi)
        return
    cmyk = to_cmyk(image, profile)
    options: dict[str, object] = {"dpi": (dpi, dpi), "icc_profile": cmyk.info["icc_profile"]}
    if not 1 <= quality <= 100:
        raise PrintError(f"JPEG quality {quality!r} is not valid: use 1 to 100")
    options["quality"] = quality
    options["subsampling"] = 0  # keep thin lines and text sharp in every channel
    if isinstance(out, (str, os.PathLike)):
        with atomic_output(out) as stream:
            cmyk.save(stream, format=kind, **options)
    else:
        cmyk.save(out, format=kind, **options)


def tiff_rows_per_strip(width: int) -> int:
    """Rows in each TIFF strip: about 64 KiB of CMYK pixels, a multiple of 8 rows (as Pillow chooses)."""
    rows = max(1, 65536 // (4 * max(width, 1)))
    return ((rows + 7) // 8) * 8


#: The largest TIFF chutecode writes: its offsets are 32-bit.
_TIFF_MAX_BYTES = 0xFFFF_FFFF
_SHORT, _LONG, _RATIONAL, _UNDEFINED = 3, 4, 5, 7


def write_cmyk_tiff(
    bands: Iterable[Image.Image],
    width: int,
    height: int,
    out: BinaryIO,
    profile: str | os.PathLike[str] | ImageCms.ImageCmsProfile,
    *,
    dpi: float,
) -> None:
    """Write sRGB ``bands`` (images ``width`` px wide, from the top down) as one CMYK TIFF into ``out``.

    Each band's height must be a multiple of :func:`tiff_rows_per_strip`, but
    the last; the heights add up to ``height``. Each band is converted as
    :func:`to_cmyk` converts and LZW-compressed into strips as it comes, so only
    one band is held at a time. The TIFF carries the DPI and the CMYK profile.
    A stream that cannot seek is written through a temporary file.
    """
    from PIL import ImageCms

    check_dpi(dpi)
    cmyk_profile, embedded = open_profile(profile)
    transform = rgb_to_cmyk_transform(cmyk_profile)
    rows_per_strip = tiff_rows_per_strip(width)
    target: Any = out if _seekable(out) else tempfile.TemporaryFile()
    start = target.tell()
    target.write(b"II*\x00\x00\x00\x00\x00")  # little-endian; the IFD's place is filled in at the end
    offsets: list[int] = []
    counts: list[int] = []
    done = 0
    for band in bands:
        if band.width != width or done >= height or (band.height % rows_per_strip and
                                                      done + band.height != height):
            raise PrintError(f"TIFF band of {band.width} x {band.height} px at row {done} does not fit a "
                             f"{width} x {height} px image in strips of {rows_per_strip} rows")
        cmyk = ImageCms.applyTransform(_flatten_to_rgb(band), transform)
        assert cmyk is not None
        for strip in _lzw_strips(cmyk, rows_per_strip):
            offsets.append(target.tell() - start)
            counts.append(len(strip))
            target.write(strip)
        done += band.height
    if done != height:
        raise PrintError(f"TIFF bands gave {done} rows, not {height}")
    _write_ifd(target, start, width, height, rows_per_strip, offsets, counts, embedded, dpi)
    if target is not out:
        target.seek(0)
        while chunk := target.read(1 << 20):
            out.write(chunk)
        target.close()


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable()) and stream.tell() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _lzw_strips(cmyk: Image.Image, rows_per_strip: int) -> list[bytes]:
    """The LZW-compressed strips of ``cmyk``, ``rows_per_strip`` rows each, as Pillow's libtiff makes them."""
    from PIL import Image

    buffer = io.BytesIO()
    cmyk.save(buffer, format="TIFF", compression="tiff_lzw", tiffinfo={278: rows_per_strip})
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as written:
        tags = written.tag_v2  # type: ignore[attr-defined]
        offsets, counts = tags[273], tags[279]
    if isinstance(offsets, int):
        offsets, counts = (offsets,), (counts,)
    return [data[offset : offset + count] for offset, count in zip(offsets, counts, strict=True)]


def _write_ifd(target: Any, start: int, width: int, height: int, rows_per_strip: int, offsets: list[int],
               counts: list[int], icc: bytes, dpi: float) -> None:
    """Append the one IFD (with its out-of-line values) and point the header at it."""
    if target.tell() % 2:
        target.write(b"\x00")
    resolution = Fraction(dpi).limit_denominator(10000)
    ratio = struct.pack("<II", resolution.numerator, resolution.denominator)
    entries: list[tuple[int, int, int, bytes]] = [  # tag, type, count, value bytes
        (256, _LONG, 1, struct.pack("<I", width)),
        (257, _LONG, 1, struct.pack("<I", height)),
        (258, _SHORT, 4, struct.pack("<4H", 8, 8, 8, 8)),
        (259, _SHORT, 1, struct.pack("<H", 5)),  # LZW
        (262, _SHORT, 1, struct.pack("<H", 5)),  # separated: CMYK
        (273, _LONG, len(offsets), struct.pack(f"<{len(offsets)}I", *offsets)),
        (277, _SHORT, 1, struct.pack("<H", 4)),
        (278, _LONG, 1, struct.pack("<I", rows_per_strip)),
        (279, _LONG, len(counts), struct.pack(f"<{len(counts)}I", *counts)),
        (282, _RATIONAL, 1, ratio),
        (283, _RATIONAL, 1, ratio),
        (284, _SHORT, 1, struct.pack("<H", 1)),  # chunky
        (296, _SHORT, 1, struct.pack("<H", 2)),  # inches
        (34675, _UNDEFINED, len(icc), icc),
    ]
    ifd = target.tell() - start
    extra = ifd + 2 + 12 * len(entries) + 4
    table, tail = [struct.pack("<H", len(entries))], []
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            table.append(struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00"))
            continue
        table.append(struct.pack("<HHII", tag, kind, count, extra))
        tail.append(value + b"\x00" * (len(value) % 2))
        extra += len(tail[-1])
    if extra > _TIFF_MAX_BYTES:
        raise PrintError(f"the CMYK TIFF would be {extra / 1e9:.1f} GB, more than a TIFF holds (4.3 GB): "
                         "use a lower dpi or PDF")
    target.write(b"".join(table) + b"\x00\x00\x00\x00" + b"".join(tail))
    end = target.tell()
    target.seek(start + 4)
    target.write(struct.pack("<I", ifd))
    target.seek(end)


def _format_of(out: object, format: str | None) -> str:
    if format is not None:
        kind = {"tif": "TIFF", "tiff": "TIFF", "jpg": "JPEG", "jpeg": "JPEG"}.get(format.lower().lstrip("."))
        if kind is None:
            raise PrintError(f"CMYK format {format!r} is not known: use tiff or jpeg")
        return kind
    if isinstance(out, (str, os.PathLike)):
        suffix = Path(out).suffix.lower()
        if suffix in CMYK_FORMATS:
            return CMYK_FORMATS[suffix]
        raise PrintError(
            f"CMYK output {str(out)!r} has extension {suffix or '(none)'!r}: "
            f"use one of {', '.join(CMYK_FORMATS)}"
        )
    raise PrintError("CMYK output to a stream needs format='tiff' or format='jpeg'")


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    from PIL import Image

    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if image.mode in ("L", "1", "I", "F", "I;16"):
        return image.convert("RGB")
    raise ColorProfileError(f"image mode {image.mode!r} is not sRGB: give an RGB, RGBA or greyscale image")
