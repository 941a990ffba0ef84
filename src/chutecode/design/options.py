"""The pieces of the design field table: what one option is, and the parsers that
turn a user's value (text from a command line, a spreadsheet cell or a URL, or a
typed Python value) into the one typed value a :class:`~chutecode.design.Design` holds.

Every parser takes the value and the option's name and returns the canonical
value, or raises a :class:`~chutecode.errors.ChutecodeError` that quotes the
value and says what would be valid.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chutecode.design.page import WORKSHEET_SIDES
from chutecode.design.palette import ROLES, Palette, get_palette, hex_colour, parse_colour
from chutecode.design.style import seam_mm
from chutecode.design.units import Margins, UnitError, check_dpi, parse_length, parse_margins, parse_page_size
from chutecode.errors import ChutecodeError, PaletteError, PrintError, StyleError
from chutecode.limits import MAX_BLEED_MM, MAX_DPI, MAX_PAGE_MM, MAX_TEXT_CHARS, MIN_PAGE_MM, PDF_MAX_PT

__all__ = ["Option", "option", "CLI_KINDS", "TRUE_WORDS", "FALSE_WORDS", "parse_bool"]

#: How an option appears on the command line: ``value`` (``--size LENGTH``),
#: ``flag`` (``--annotate``), ``no_flag`` (``--no-merge`` for an option that is on by
#: default), ``flag_text`` (``--caption`` and ``--caption-text TEXT``) and
#: ``multiple`` (a repeatable ``--colours ROLE=COLOUR``).
CLI_KINDS = ("value", "flag", "no_flag", "flag_text", "multiple")

TRUE_WORDS = ("1", "true", "yes", "y", "on")
FALSE_WORDS = ("0", "false", "no", "n", "off")

Parser = Callable[[Any, str, float], Any]


@dataclass(frozen=True)
class Option:
    """One row of the field table: how an option is named, parsed, shown and written.

    Attributes:
        help: one line for the CLI help and the docs.
        parse: ``parse(value, name, dpi)`` -> the typed value (raises on bad input).
        dump: typed value -> plain JSON data.
        cli: ``value``, ``flag``, ``no_flag``, ``flag_text`` or ``multiple`` (see :data:`CLI_KINDS`).
        metavar: the placeholder of the CLI value (``LENGTH``, ``COLOUR``...).
        aliases: other CLI spellings (``--color``).
        choices: the valid words, for options that take one of a few.
        shown_default: the default as the help text says it, when ``None`` means more.
        group: the section of the docs' table (``canopy``, ``colour``, ``size``, ``page``, ``document``,
            ``animation``).
    """

    help: str
    parse: Parser
    dump: Callable[[Any], Any]
    cli: str = "value"
    metavar: str = "TEXT"
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    shown_default: str | None = None
    group: str = "canopy"


def option(default: Any, help: str, parse: Parser, *, dump: Callable[[Any], Any] | None = None,
           **spec: Any) -> Any:
    """A dataclass field of :class:`~chutecode.design.Design` carrying its :class:`Option`."""
    return dataclasses.field(default=default, metadata={"option": Option(help, parse, dump or _plain,
                                                                         **spec)})


def _plain(value: Any) -> Any:
    return value


def _quote(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else repr(value)


def parse_bool(value: Any, name: str, _dpi: float = 300.0, *,
               error: type[ChutecodeError] = PrintError) -> bool:
    """``True``/``False``, or the words yes/no, true/false, on/off, 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in (*TRUE_WORDS, *FALSE_WORDS):
        return value.strip().lower() in TRUE_WORDS
    raise error(f"{name} {_quote(value)} is not valid: give True or False (yes or no)")


def style_bool(value: Any, name: str, dpi: float = 300.0) -> bool:
    """A yes/no style option (errors are :class:`StyleError`)."""
    return parse_bool(value, name, dpi, error=StyleError)


def choice(choices: Sequence[str], error: type[ChutecodeError] = StyleError) -> Parser:
    """A parser for one word of ``choices`` (case and surrounding space ignored)."""

    def parse(value: Any, name: str, _dpi: float) -> str:
        word = value.strip().lower() if isinstance(value, str) else value
        if word not in choices:
            raise error(f"{name} {_quote(value)} is not known: use one of {', '.join(choices)}")
        return str(word)

    return parse


def _number(value: Any, name: str, what: str, error: type[ChutecodeError]) -> float:
    if isinstance(value, bool):
        raise error(f"{name} {value!r} is not valid: give {what}")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # a whole number past the floats
            digits = int(math.log10(abs(value))) + 1
            raise error(f"{name} of {digits} digits is not valid: give {what}") from None
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise error(f"{name} {value!r} is not valid: give {what}") from None
    else:
        raise error(f"{name} {_quote(value)} is not valid: give {what}")
    if not math.isfinite(number):
        raise error(f"{name} {_quote(value)} is not valid: give {what}")
    return number


def angle(value: Any, name: str, _dpi: float) -> float:
    """Degrees, any finite number."""
    return _number(value, name, "degrees clockwise from 12 o'clock, e.g. 0 or -4.5", StyleError)


def whole(value: Any, name: str, _dpi: float) -> int:
    """A whole number (``3``, ``"-2"``)."""
    if isinstance(value, bool):
        raise StyleError(f"{name} {value!r} is not valid: give a whole number of gores")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = value.strip() if isinstance(value, str) else ""
    if text.lstrip("+-").isdigit() and len(text) < 20:
        return int(text)
    raise StyleError(f"{name} {_quote(value)} is not valid: give a whole number of gores")


def fraction_or_none(value: Any, name: str, _dpi: float) -> float | None:
    """A fraction of the outer radius, or ``None``."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
        return None
    return _number(value, name, "a fraction of the outer radius such as 0.09", StyleError)


def dpi(value: Any, name: str, _dpi: float) -> float:
    """Dots per inch: a positive number (checked by :func:`~chutecode.design.units.check_dpi`)."""
    number = _number(value, name, "a positive number such as 300", UnitError)
    if number > MAX_DPI:
        shown = f"{number:g}" if not isinstance(value, str) else repr(value if len(value) <= 20 else
                                                                       value[:20] + "…")
        raise UnitError(f"{name} {shown} is more than the limit of {MAX_DPI:g}: give a dpi such as 300")
    try:
        return check_dpi(number)
    except UnitError:
        raise UnitError(f"{name} {_quote(value)} is not valid: give a positive number such as 300") from None


def length_or_none(value: Any, name: str, dpi: float) -> float | None:
    """A positive length in mm from ``"20cm"``, ``"7200px"`` (at ``dpi``) or a number of mm; or ``None``."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return check_side(name, value, parse_length(value, dpi=dpi))


def check_side(name: str, value: Any, mm: float) -> float:
    """``mm`` when it is within :data:`MIN_PAGE_MM` and :data:`MAX_PAGE_MM`; else :class:`UnitError`."""
    if mm > MAX_PAGE_MM:
        raise UnitError(f"{name} {value!r:.40} is {mm:.6g} mm, more than the limit of {MAX_PAGE_MM:g} mm "
                        f"(PDF pages end at {PDF_MAX_PT:,} pt): give a smaller {name}")
    if mm < MIN_PAGE_MM:
        raise UnitError(f"{name} {value!r:.40} is {mm:.3g} mm, less than the limit of {MIN_PAGE_MM:g} mm: "
                        f"give a larger {name}")
    return mm


def _text(value: str, name: str) -> str:
    """A page or document text: at most :data:`MAX_TEXT_CHARS`, and well-formed Unicode."""
    if len(value) > MAX_TEXT_CHARS:
        raise PrintError(f"{name} of {len(value)} characters is longer than the limit of {MAX_TEXT_CHARS}: "
                         "give a shorter text")
    bad = next((i for i, c in enumerate(value) if "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise PrintError(f"{name} {value!r:.60} has a lone surrogate {value[bad]!r} at position {bad + 1}, "
                         "which is not text: give well-formed Unicode")
    return value


def seam_or_none(value: Any, name: str, dpi: float) -> float | None:
    """A seam width in mm (zero for none), or ``None`` for the default."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return seam_mm(value, dpi)


def bleed(value: Any, name: str, dpi: float) -> float:
    """A bleed in mm: zero or more, at most :data:`MAX_BLEED_MM`."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return 0.0
    if (isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0) or \
            (isinstance(value, str) and value.strip().startswith("-")):
        raise PrintError(f"{name} {value!r} is not valid: give a length of zero or more, e.g. 3mm")
    mm = parse_length(value, dpi=dpi, allow_zero=True)
    if mm > MAX_BLEED_MM:
        raise PrintError(f"{name} {value!r} is {mm:g} mm, more than {MAX_BLEED_MM:g} mm: print shops ask "
                         "for 2 to 5 mm, e.g. 3mm")
    return mm


def margins_or_none(value: Any, name: str, dpi: float) -> Margins | None:
    """One to four lengths as in CSS, or ``None`` for margins chosen from the page."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != 4:
            raise UnitError(f"{name} {value!r} are not valid: give 4 lengths (top, right, bottom, left)")
        return Margins(*(parse_length(v, dpi=dpi, allow_zero=True) for v in value))
    return parse_margins(value, dpi=dpi)


def dump_margins(value: Margins | None) -> list[float] | None:
    """Margins as four numbers of mm."""
    return None if value is None else [float(v) for v in value]


def colour_or_none(value: Any, name: str, _dpi: float) -> tuple[int, int, int] | None:
    """A CSS colour (``#333``, ``navy``, ``rgb(...)``) or ``None``."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return parse_colour(value, role=name)


def dump_colour(value: tuple[int, int, int] | None) -> str | None:
    """A colour as ``#rrggbb``."""
    return None if value is None else hex_colour(value)


def text_or_none(value: Any, name: str, _dpi: float) -> str | None:
    """Any text, or ``None``."""
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise PrintError(f"{name} {_quote(value):.60} is not valid: give a text")
    return _text(str(value), name)


def flag_or_text(value: Any, name: str, _dpi: float) -> bool | str:
    """``True`` (the default text), ``False``, or a text of one's own."""
    if value is None or value is False:
        return False
    if value is True:
        return True
    if isinstance(value, str):
        word = value.strip()
        if word.lower() in TRUE_WORDS:
            return True
        if word.lower() in FALSE_WORDS or word == "":
            return False
        return _text(word, name)
    raise PrintError(f"{name} {_quote(value)} is not valid: give True (the default text), False or a text")


def page_or_none(value: Any, name: str, dpi: float) -> str | None:
    """A page name or ``WxH`` size, checked and kept as text (``"a3"``, ``"500x500mm"``)."""

    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
        return None
    if isinstance(value, tuple) and len(value) == 2:
        width, height = (check_side(name, v, parse_length(v, dpi=dpi)) for v in value)
        return f"{width!r}x{height!r}mm"
    if not isinstance(value, str):
        raise UnitError(f"{name} {_quote(value):.60} is not valid: give a page name such as a4 or a size "
                        "such as 500x500mm")
    text = value.strip().lower()
    for side in parse_page_size(text, dpi=dpi):
        check_side(name, value, side)
    return text


def worksheet(value: Any, name: str, _dpi: float) -> bool | str:
    """``True`` for both worksheet pages, ``"questions"`` or ``"answers"`` for one, ``False`` for none."""
    if value is None:
        return False
    if isinstance(value, str) and value.strip().lower() in WORKSHEET_SIDES:
        return value.strip().lower()
    try:
        return parse_bool(value, name)
    except PrintError:
        raise PrintError(f"{name} {_quote(value)} is not valid: give True (both pages), False, or one "
                         f"page: {', '.join(WORKSHEET_SIDES)}") from None


def timestamp(value: Any, name: str, _dpi: float) -> bool | datetime:
    """``False`` (a fixed date), ``True`` (now) or a date and time (ISO 8601 text or a datetime)."""
    if value is None:
        return False
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value.strip().lower() not in (*TRUE_WORDS, *FALSE_WORDS):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    try:
        return parse_bool(value, name)
    except PrintError:
        raise PrintError(f"{name} {_quote(value)} is not valid: give True (now), False (a fixed date) "
                         "or a date such as 2021-02-18T20:55:00+00:00") from None


def dump_timestamp(value: bool | datetime) -> bool | str:
    """A timestamp as JSON: a bool or ISO 8601 text."""
    return value.isoformat() if isinstance(value, datetime) else value


def profile_or_none(value: Any, name: str, _dpi: float) -> str | None:
    """The path of a CMYK ICC profile, checked to load, or ``None``."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if not isinstance(value, (str, os.PathLike)):
        from chutecode.errors import ColorProfileError

        raise ColorProfileError(f"{name} {_quote(value):.60} is not valid: give the path of a CMYK ICC "
                                "profile such as 'press.icc'")
    from chutecode.design.profile import load_cmyk_profile

    load_cmyk_profile(value)
    return os.fspath(value)


def font_or_none(value: Any, name: str, _dpi: float) -> str | None:
    """An installed font family, or ``None`` for the default."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    from chutecode.design.fonts import check_font

    return check_font(value)


def language(value: Any, name: str, _dpi: float) -> str:
    """A language of page text: one of :data:`~chutecode.design.language.LANGUAGES` (case ignored)."""
    from chutecode.design.language import DEFAULT_LANGUAGE, LANGUAGES

    if value is None or (isinstance(value, str) and value.strip() == ""):
        return DEFAULT_LANGUAGE
    code = value.strip().lower() if isinstance(value, str) else value
    if code not in LANGUAGES:
        raise PrintError(f"{name} {_quote(value)} is not a language chutecode writes: use one of "
                         f"{', '.join(LANGUAGES)}")
    return str(code)


def palette_or_none(value: Any, name: str, _dpi: float) -> str | Palette | None:
    """A palette name, a :class:`Palette` (or its ``to_dict()`` data, or JSON of it), or ``None``."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, Palette):
        return value
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            raise PaletteError(f"{name} {value!r} is not valid JSON of a palette") from None
    if isinstance(value, Mapping):
        data = dict(value)
        if "base" in data:
            raise PaletteError(f"{name} {value!r}: give the base palette as palette and the changes as "
                               "colours, e.g. palette='mono', colours={'one': 'navy'}")
        return Palette.create(**data)
    if isinstance(value, str):
        return get_palette(value).name
    raise PaletteError(f"{name} {_quote(value)} is not valid: give a palette name or a Palette")


def dump_palette(value: str | Palette | None) -> Any:
    """A palette as its name, or a custom palette as its colours."""
    return value.to_dict() if isinstance(value, Palette) else value


#: Colour roles that ``colours`` may change (``rings`` sets a ``one`` colour per ring).
COLOUR_ROLES: tuple[str, ...] = (*ROLES, "rings")

_RINGS_SPLIT = re.compile(r"[,;](?![^(]*\))")


def colours(value: Any, name: str, _dpi: float) -> tuple[tuple[str, str], ...]:
    """Colour changes: ``"one=#DF6A33"``, several of them (a list, or text split by ``;``),
    or a mapping ``{"one": "#DF6A33", "rings": "red,gold"}``. Kept as ``(role, "#rrggbb")``
    pairs in role order; ``rings`` holds comma-separated colours."""
    if value is None or value == "" or value == () or value == []:
        return ()
    if not isinstance(value, (str, Mapping, Sequence)) or isinstance(value, bytes):
        raise PaletteError(f"{name} {_quote(value):.60} is not valid: give ROLE=COLOUR text such as "
                           "one=#DF6A33, several of them, or a mapping of roles to colours")
    items: list[tuple[str, Any]] = []
    if isinstance(value, Mapping):
        items = [(str(k), v) for k, v in value.items()]
    else:
        parts = [p for p in value.split(";")] if isinstance(value, str) else list(value)
        for part in parts:
            if isinstance(part, tuple) and len(part) == 2:
                items.append((str(part[0]), part[1]))
                continue
            role, sep, colour = str(part).partition("=")
            if not sep or not colour.strip():
                raise PaletteError(f"{name} {part!r} is not ROLE=COLOUR with ROLE one of "
                                   f"{', '.join(COLOUR_ROLES)}")
            items.append((role, colour))
    out: dict[str, str] = {}
    for role, colour in items:
        key = role.strip().lower()
        if key not in COLOUR_ROLES:
            raise PaletteError(f"{name} {f'{role}={colour}'!r} is not ROLE=COLOUR with ROLE one of "
                               f"{', '.join(COLOUR_ROLES)}")
        if key == "rings":
            ring_list = [c for c in _RINGS_SPLIT.split(colour) if c.strip()] if isinstance(colour, str) \
                else list(colour)
            out[key] = ",".join(hex_colour(parse_colour(c, role=f"ring {i + 1} colour"))
                                for i, c in enumerate(ring_list))
        else:
            out[key] = hex_colour(parse_colour(colour, role=key))
    return tuple((role, out[role]) for role in COLOUR_ROLES if role in out)


def dump_colours(value: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Colour changes as a mapping of role to colour."""
    return dict(value)
