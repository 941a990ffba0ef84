"""The language of page text: its gettext catalogue, its direction and how it writes numbers.

Every sentence chutecode writes on a page (legend, footer, worksheet, the
place) is English in the source and looked up in the gettext catalogue of the
page's language, ``chutecode/locale/<lang>/LC_MESSAGES/chutecode.mo``. The
catalogues are compiled from their ``.po`` files with Babel and shipped
compiled, so that an installed package needs no build step (a test checks
that every ``.mo`` is the compiled ``.po``). Numbers are written with Babel
(CLDR data): digits, grouping and decimal marks as the language writes them.

>>> german = get_language("de")
>>> german.number(1234), german.rtl
('1.234', False)
>>> get_language("ar").rtl
True
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "RIGHT_TO_LEFT", "WESTERN_DIGITS", "NO_SPACE_BETWEEN_SENTENCES",
           "LOCALE_DIR", "DOMAIN", "Language", "get_language"]

#: The languages page text is written in: code and the language's own name for itself.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "nl": "Nederlands",
    "ru": "Русский",
    "uk": "Українська",
    "ar": "العربية",
    "ja": "日本語",
}
#: The language of page text unless another is asked for (the source language of the catalogues).
DEFAULT_LANGUAGE = "en"
#: Languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar"})
#: Languages whose numbers are written in Western digits (CLDR's default numbering system ``latn``):
#: below 1000 they need no grouping mark, so they are written without loading Babel.
WESTERN_DIGITS = frozenset({"en", "de", "es", "fr", "nl", "ru", "uk", "ar", "ja"})
#: Languages that set sentences one after the other without a space.
NO_SPACE_BETWEEN_SENTENCES = frozenset({"ja"})
#: Where the compiled catalogues are: ``<lang>/LC_MESSAGES/chutecode.mo``.
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: The gettext domain of chutecode's catalogues.
DOMAIN = "chutecode"

_LEFT_TO_RIGHT_ISOLATE = "\u2066"
_POP_DIRECTIONAL_ISOLATE = "\u2069"


class Language:
    """One language of page text: translated sentences, direction, numbers.

    Make one with :func:`get_language` (cached). The ``gettext`` family of
    methods look up a sentence in the catalogue (English when the language is
    English); :meth:`number` writes a whole number the language's way.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        self.name = LANGUAGES[code]
        self.rtl = code in RIGHT_TO_LEFT
        if code == DEFAULT_LANGUAGE:
            self._catalogue: gettext.NullTranslations = gettext.NullTranslations()
        else:
            self._catalogue = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code])

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def gettext(self, message: str) -> str:
        """``message`` in this language."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of ``singular``/``plural`` this language uses for ``count``."""
        return self._catalogue.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language, where ``context`` tells apart equal English words."""
        return self._catalogue.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        """:meth:`ngettext` with a ``context``."""
        return self._catalogue.npgettext(context, singular, plural, count)

    def number(self, value: int, *, digits: int = 1) -> str:
        """A whole number as this language writes it, with at least ``digits`` digits (``05``)."""
        if 0 <= value < 1000 and self.code in WESTERN_DIGITS:
            return str(value).zfill(digits)
        from babel.numbers import format_decimal

        return str(format_decimal(value, format="0" * digits if digits > 1 else None, locale=self.code,
                                  numbering_system="default"))

    def sentences(self, *parts: str) -> str:
        """Sentences one after the other, as the language sets them (Japanese: no space between)."""
        gap = "" if self.code in NO_SPACE_BETWEEN_SENTENCES else " "
        return gap.join(part for part in parts if part)

    def isolate(self, text: str) -> str:
        """``text`` kept left to right inside right-to-left text (a formula, bits, a range)."""
        return f"{_LEFT_TO_RIGHT_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}" if self.rtl else text


@functools.cache
def get_language(code: str) -> Language:
    """The :class:`Language` called ``code`` (one of :data:`LANGUAGES`); ``KeyError`` for others."""
    if code not in LANGUAGES:
        raise KeyError(code)
    return Language(code)
