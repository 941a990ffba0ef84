"""Text no installed font covers: which characters, and which font to install for them.

Pango draws a character that no font has as a box (the missing glyph); a page
never carries one. :func:`missing_characters` finds them by counting Pango's
unknown glyphs, and :func:`coverage_error` says which font would cover them.
"""

from __future__ import annotations

import unicodedata

from chutecode.drawing.text.pango import (
    LOCK,
    TextSpec,
    measuring_context,
    new_layout,
    script_name,
    unknown_glyphs,
)
from chutecode.errors import FontError

__all__ = ["missing_characters", "coverage_error", "font_advice"]

_CJK_SCRIPTS = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})
_MOST_LISTED = 5


def missing_characters(spec: TextSpec) -> list[str]:
    """The distinct characters of ``spec.text`` no installed font has a glyph for, in text order
    (all of them when only their combination has none)."""
    with LOCK:
        missing = []
        for char in dict.fromkeys(spec.text):
            if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
                continue
            alone = TextSpec(char, spec.font, spec.bold, spec.lang, spec.rtl)
            if unknown_glyphs(new_layout(measuring_context(spec.rtl), alone)):
                missing.append(char)
        return missing or [c for c in dict.fromkeys(spec.text) if not c.isspace()]


def font_advice(chars: list[str]) -> str:
    """Which font (and Debian package) covers ``chars``."""
    with LOCK:
        scripts = [script_name(c) for c in chars]
    if any(s in _CJK_SCRIPTS for s in scripts):
        return "install Noto Sans CJK (Debian: apt-get install fonts-noto-cjk)"
    if all(s == "UNKNOWN" for s in scripts):
        return ("no standard font has private-use or unassigned characters: give a font that has "
                "them (font=...)")
    if any(s == "COMMON" and unicodedata.category(c) == "So" for s, c in zip(scripts, chars, strict=True)):
        return "install Noto Color Emoji (Debian: apt-get install fonts-noto-color-emoji)"
    known = next((s for s in scripts if s not in ("COMMON", "INHERITED", "UNKNOWN")), None)
    family = f"Noto Sans {known.replace('_', ' ').title()}" if known else "Noto Sans"
    return f"install {family} (Debian: apt-get install fonts-noto-core)"


def coverage_error(spec: TextSpec, chars: list[str]) -> FontError:
    """The error for ``spec.text`` whose ``chars`` no installed font covers."""
    listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:_MOST_LISTED])
    more = f" and {len(chars) - _MOST_LISTED} more" if len(chars) > _MOST_LISTED else ""
    shown = spec.text if len(spec.text) <= 40 else spec.text[:39] + "…"
    return FontError(f"text {shown!r} has characters no installed font covers: {listed}{more}; "
                     f"{font_advice(chars)}")
