"""Fonts for page text: the default family, and checking that a family is installed.

Measuring text is the drawing layer's job (:mod:`chutecode.drawing.text`).
"""

from __future__ import annotations

import functools
import shutil

from chutecode.errors import FontError

__all__ = ["DEFAULT_FONT", "GENERIC_FAMILIES", "check_font"]

#: The font of page text unless another is asked for; it comes with cairo's usual fontconfig setup.
DEFAULT_FONT = "DejaVu Sans"
#: Family names fontconfig always resolves to some installed font.
GENERIC_FAMILIES = ("sans-serif", "sans", "serif", "monospace", "mono")

@functools.lru_cache(maxsize=64)
def _installed(font: str) -> tuple[bool, str]:
    """Whether ``font`` is installed, and what the system offers instead when it is not."""
    wanted = font.strip().lower()
    if wanted in GENERIC_FAMILIES:
        return True, font
    fc_match = shutil.which("fc-match")
    if fc_match:
        import subprocess  # only here: most processes never check a font

        try:
            done = subprocess.run(
                [fc_match, "-f", "%{family}", font], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0:
            families = [f.strip() for f in done.stdout.split(",") if f.strip()]
            return wanted in {f.lower() for f in families}, (families[0] if families else "")
    # No fontconfig tool: ask Pillow, which finds fonts by file name in the system folders.
    from PIL import ImageFont

    for name in (font, font.replace(" ", ""), font.replace(" ", "-")):
        for ext in ("", ".ttf", ".otf"):
            try:
                ImageFont.truetype(name + ext, 10)
                return True, font
            except OSError:
                continue
    return wanted == DEFAULT_FONT.lower(), ""


def check_font(font: str) -> str:
    """Return ``font`` when it is installed; raise :class:`~chutecode.errors.FontError` otherwise.

    Uses fontconfig's ``fc-match`` when it is on the PATH (the family it
    matches must be the one asked for, not a fallback), else Pillow's font
    lookup. Generic families (``sans-serif``, ``serif``, ``monospace``) are
    always accepted.
    """
    if not isinstance(font, str) or not font.strip():
        raise FontError(f"font {font!r} is not valid: give a family name such as {DEFAULT_FONT!r}")
    ok, instead = _installed(font.strip())
    if not ok:
        fallback = f" (fontconfig would use {instead!r} instead)" if instead else ""
        raise FontError(
            f"font {font!r} is not installed{fallback}: install it or use an installed "
            f"family such as {DEFAULT_FONT!r} (see 'fc-list : family')"
        )
    return font.strip()
