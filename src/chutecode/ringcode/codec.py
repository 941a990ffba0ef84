"""Symbol codecs: how text becomes the numbers a ring's groups carry.

Three codecs are built in (SPEC section 2):

- ``letters``: A=1 … Z=26, a space is 0 (only in the ``stream`` flow),
  7 data bits by default. Accents are stripped and, with ``transliterate``,
  other scripts are transliterated to Latin with ``anyascii``.
- ``ascii``: printable 7-bit ASCII (32–126), 7 data bits.
- ``utf8``: the UTF-8 bytes of the text, 8 data bits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chutecode.errors import CodecError, SchemeError

__all__ = ["Codec", "CODECS", "get_codec", "CodecName"]

CodecName = Literal["letters", "ascii", "utf8"]


def _strip_accents(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _position_hint(text: str, index: int) -> str:
    return f"at position {index + 1} of {text!r}"


@dataclass(frozen=True)
class Codec:
    """A mapping between text and symbol values, with the data bits it needs.

    Attributes:
        name: the codec's name (``letters``, ``ascii`` or ``utf8``).
        data_bits: the data bits of a group by default (7 or 8).
        min_data_bits: the fewest data bits that hold every symbol and still
            leave the all-ones terminator value unused.
        space: the symbol value of a space (used by the ``stream`` flow).
        description: one line for help texts.
    """

    name: str
    data_bits: int
    min_data_bits: int
    space: int
    description: str

    def normalise(self, message: str, *, transliterate: bool = True) -> str:
        """Return the message as this codec will encode it.

        Whitespace runs collapse to one space. Raises :class:`CodecError`
        naming the first character that cannot be encoded and its position.
        """
        if not isinstance(message, str):
            raise CodecError(f"message {message!r} is not text: give a string")
        if self.name == "utf8":
            text = unicodedata.normalize("NFC", message)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = text[exc.start]
                raise CodecError(
                    f"character {bad!r} {_position_hint(text, exc.start)} is not valid Unicode "
                    "(a lone surrogate): give well-formed text"
                ) from None
            for index, char in enumerate(text):
                if unicodedata.category(char) == "Cc" and not char.isspace():
                    raise CodecError(
                        f"character {char!r} {_position_hint(text, index)} is a control character: "
                        "the utf8 codec takes printable text"
                    )
            return _collapse_spaces(text)
        out: list[str] = []
        for index, char in enumerate(message):
            if char.isspace():
                out.append(" ")
                continue
            if self.name == "letters" and char.isascii() and char.isalpha():
                out.append(char.upper())  # A-Z as it is: no transliteration table needed
                continue
            out.append(self._normalise_char(message, index, char, transliterate))
        return _collapse_spaces("".join(out))

    def _normalise_char(self, message: str, index: int, char: str, transliterate: bool) -> str:
        where = _position_hint(message, index)
        if self.name == "letters":
            if transliterate:
                from anyascii import anyascii

                mapped = anyascii(char)
            else:
                mapped = _strip_accents(char)
            mapped = mapped.upper()
            if mapped and all("A" <= c <= "Z" or c == " " for c in mapped):
                return mapped
            if char.isdigit() or (char.isascii() and char.isprintable()):
                raise CodecError(
                    f"character {char!r} {where} is not a letter: the letters codec takes A-Z "
                    "and spaces; use codec='ascii' for digits and punctuation"
                )
            advice = (
                "use codec='utf8' to keep it" if transliterate
                else "pass transliterate=True to spell it in Latin letters, or use codec='utf8'"
            )
            raise CodecError(
                f"character {char!r} {where} has no Latin letter: the letters codec takes A-Z; {advice}"
            )
        # ascii
        if char.isascii():
            if char.isprintable():
                return char
            raise CodecError(
                f"character {char!r} {where} is not printable ASCII: the ascii codec takes "
                "characters 32-126"
            )
        if transliterate:
            from anyascii import anyascii

            mapped = anyascii(char)
            if mapped and all(" " <= c <= "~" for c in mapped):
                return mapped
        raise CodecError(
            f"character {char!r} {where} is not ASCII: the ascii codec takes characters 32-126; "
            + ("use codec='utf8' to keep it" if transliterate
               else "pass transliterate=True or use codec='utf8'")
        )

    def encode_text(self, text: str) -> tuple[int, ...]:
        """Turn normalised text into symbol values."""
        if self.name == "letters":
            return tuple(0 if c == " " else ord(c) - 64 for c in text)
        if self.name == "ascii":
            return tuple(ord(c) for c in text)
        return tuple(text.encode("utf-8"))

    def decode_symbols(self, values: Sequence[int]) -> str:
        """Turn symbol values back into text; raises :class:`CodecError` if invalid."""
        if self.name == "utf8":
            try:
                return bytes(values).decode("utf-8")
            except (UnicodeDecodeError, ValueError):
                raise CodecError(
                    f"bytes {bytes(v & 0xFF for v in values)!r} are not valid UTF-8"
                ) from None
        for value in values:
            if not self.is_symbol(value, allow_space=True):
                raise CodecError(f"symbol {value} is not a {self.name} symbol")
        if self.name == "letters":
            return "".join(" " if v == 0 else chr(64 + v) for v in values)
        return "".join(chr(v) for v in values)

    def is_symbol(self, value: int, *, allow_space: bool) -> bool:
        """Whether ``value`` stands for a character of this codec."""
        if value == self.space:
            return allow_space
        if self.name == "letters":
            return 1 <= value <= 26
        if self.name == "ascii":
            return 32 <= value <= 126
        # UTF-8 bytes of printable text: no C0 controls or DEL, no 0xC0, 0xC1, 0xF5-0xFF.
        return 0x20 < value < 0xF5 and value not in (0x7F, 0xC0, 0xC1)

    def symbol_label(self, value: int) -> str:
        """A short label for a symbol value: ``D``, ``␣`` for a space, ``0xD0`` for a byte."""
        if value == self.space:
            return "␣"
        if self.name == "letters" and 1 <= value <= 26:
            return chr(64 + value)
        if self.name == "ascii" and 32 < value <= 126:
            return chr(value)
        if self.name == "utf8" and 32 < value < 127:
            return chr(value)
        return f"0x{value:02X}"

    def letter_value(self, letter: str) -> int:
        """The symbol value of a hemisphere letter (N, S, E, W) in this codec."""
        if self.name == "letters":
            return ord(letter) - 64
        return ord(letter)

    def default_spacer(self, group: int) -> int:
        """The spacer that leaves this codec's default data bits in a group."""
        return group - self.data_bits


CODECS: dict[str, Codec] = {
    "letters": Codec("letters", 7, 5, 0, "A=1 ... Z=26, space=0; the Perseverance code"),
    "ascii": Codec("ascii", 7, 7, 32, "printable 7-bit ASCII 32-126: digits, punctuation, lower case"),
    "utf8": Codec("utf8", 8, 8, 32, "UTF-8 bytes: any language and emoji"),
}


def get_codec(name: str) -> Codec:
    """Return the codec called ``name``; raises :class:`SchemeError` if unknown."""
    try:
        return CODECS[name]
    except (KeyError, TypeError):
        raise SchemeError(
            f"codec {name!r} is not known: use one of {', '.join(CODECS)}"
        ) from None
