"""The print profile: a CMYK ICC profile from the print shop, opened and checked.

The conversion to CMYK with it is the renderers' job (:mod:`chutecode.renderers.cmyk`).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from chutecode.errors import ColorProfileError

if TYPE_CHECKING:
    from PIL import ImageCms

__all__ = ["load_cmyk_profile", "open_profile", "describe_profile"]


def load_cmyk_profile(path: str | os.PathLike[str]) -> ImageCms.ImageCmsProfile:
    """Open the ICC profile at ``path`` and check that its colour space is CMYK.

    Raises :class:`~chutecode.errors.ColorProfileError` when the file is
    missing, is not an ICC profile, or describes another colour space.
    """
    return open_profile(path)[0]


def open_profile(
    source: str | os.PathLike[str] | ImageCms.ImageCmsProfile,
) -> tuple[ImageCms.ImageCmsProfile, bytes]:
    """The CMYK profile and the bytes to embed: the file as it is, for a path."""
    from PIL import ImageCms

    if isinstance(source, ImageCms.ImageCmsProfile):
        _check_cmyk(source, describe_profile(source))
        return source, source.tobytes()
    where = Path(source)
    if not where.is_file():
        raise ColorProfileError(
            f"ICC profile {str(source)!r} does not exist: "
            f"give the path of a CMYK .icc file from your print shop"
        )
    try:
        data = where.read_bytes()
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError) as error:
        raise ColorProfileError(
            f"ICC profile {str(source)!r} cannot be read ({error}): give a valid CMYK .icc or .icm file"
        ) from None
    _check_cmyk(profile, str(source))
    return profile, data


def _check_cmyk(profile: ImageCms.ImageCmsProfile, name: str) -> None:
    space = profile.profile.xcolor_space.strip()
    if space != "CMYK":
        raise ColorProfileError(
            f"ICC profile {name!r} is for {space or 'an unknown colour space'}, not CMYK: "
            f"give a CMYK output profile such as ISO Coated v2 or US Web Coated SWOP"
        )


def describe_profile(profile: ImageCms.ImageCmsProfile) -> str:
    """The profile's own description, or ``"CMYK profile"`` when it has none."""
    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(profile).strip() or "CMYK profile"
    except ImageCms.PyCMSError:
        return "CMYK profile"
