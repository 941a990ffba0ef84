"""CMYK output for print: sRGB images converted with a user-supplied ICC profile.

The conversion goes from sRGB to the press profile with the relative
colorimetric rendering intent and black point compensation, the usual choice
for graphics with few, flat colours. The result is written as TIFF or JPEG
with the DPI and the CMYK profile embedded, so a print shop knows what the
numbers mean. No CMYK profile ships with chutecode: bring the one your print
shop asks for (e.g. ISO Coated v2 / FOGRA39, or US Web Coated SWOP).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chutecode.design.profile import describe_profile, open_profile
from chutecode.design.units import check_dpi
from chutecode.errors import ColorProfileError, PrintError
from chutecode.files import atomic_output

if TYPE_CHECKING:
    from PIL import Image, ImageCms

__all__ = ["CMYK_FORMATS", "to_cmyk", "save_cmyk"]

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
    source = source_profile or ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    try:
        transform = ImageCms.buildTransform(
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
    result = ImageCms.applyTransform(rgb, transform)
    assert isinstance(result, Image.Image)
    result.info["icc_profile"] = embedded
    if "dpi" in image.info:
        result.info["dpi"] = image.info["dpi"]
    return result


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
    cmyk = to_cmyk(image, profile)
    options: dict[str, object] = {"dpi": (dpi, dpi), "icc_profile": cmyk.info["icc_profile"]}
    if kind == "TIFF":
        options["compression"] = "tiff_lzw"
    else:
        if not 1 <= quality <= 100:
            raise PrintError(f"JPEG quality {quality!r} is not valid: use 1 to 100")
        options["quality"] = quality
        options["subsampling"] = 0  # keep thin lines and text sharp in every channel
    if isinstance(out, (str, os.PathLike)):
        with atomic_output(out) as stream:
            cmyk.save(stream, format=kind, **options)
    else:
        cmyk.save(out, format=kind, **options)


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
