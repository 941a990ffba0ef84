"""One sample page set a language: a message in the language's script, a place, and the encoding
that fits it (shared by the page-text, golden-page and cross-format tests)."""

from __future__ import annotations

import chutecode

#: lang -> (message, codec, flow, coords, gores)
SAMPLES: dict[str, tuple[str, str, str, str, int]] = {
    "en": ("DARE MIGHTY THINGS", "letters", "words", "34 11 58 N 118 10 31 W", 80),
    "de": ("WAGE GROSSES", "letters", "words", "52 31 12 N 13 24 18 E", 80),
    "es": ("¡Hola, Marte!", "utf8", "stream", "40 25 0 N 3 42 0 W", 80),
    "fr": ("Bonjour", "utf8", "stream", "43 36 16 N 1 26 38 E", 80),
    "nl": ("DURF GROOT", "letters", "words", "52 22 0 N 4 54 0 E", 80),
    "ru": ("Мир", "utf8", "words", "55 45 21 N 37 37 2 E", 80),
    "uk": ("До зірок", "utf8", "stream", "50 27 0 N 30 31 0 E", 80),
    "ar": ("نحو المريخ", "utf8", "stream", "25 15 0 N 55 18 0 E", 100),
    "ja": ("火星へ", "utf8", "stream", "30 24 0 N 130 58 0 E", 80),
}

#: Every page text at once: the poster options of the samples.
POSTER = dict(page="a4", caption=True, subtitle=True, legend=True, footer=True)


def sample_layout(lang: str) -> chutecode.Layout:
    """The sample layout of ``lang``."""
    message, codec, flow, coords, gores = SAMPLES[lang]
    return chutecode.encode(message, codec=codec, flow=flow, coords=coords, gores=gores)
