"""What a playground URL asks for: the message, the place, the ring-code options and the design.

A share link is ``?message=...&coords=...``, then the ring-code options that
differ from :func:`chutecode.encode`'s defaults (``codec``, ``flow``, ``rings``,
``gores``, ``group``, ``spacer``, ``transliterate``, ``strict``, the names of
``chutecode render --codec ...`` and of batch columns), then
:meth:`Design.to_query() <chutecode.design.Design.to_query>`. :func:`parse_query`
reads it back through :meth:`Design.from_query
<chutecode.design.Design.from_query>`, so a link restores the very same design.

>>> query = parse_query("message=HELLO+MARS&coords=48.8584,+2.2945&gores=120&palette=midnight")
>>> query.encode_options, query.design.palette
({'gores': 120}, 'midnight')
>>> query.to_query()
'message=HELLO+MARS&coords=48.8584%2C+2.2945&gores=120&palette=midnight'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from chutecode.design.design import FIELDS, Design
from chutecode.design.options import FALSE_WORDS, TRUE_WORDS
from chutecode.errors import CapacityError, ChutecodeError, CoordinateError, RequestError, SchemeError
from chutecode.ringcode.codec import CODECS
from chutecode.ringcode.coordinates import Coordinates, parse_coordinates
from chutecode.ringcode.encoder import FLOWS, encode
from chutecode.ringcode.layout import Layout
from chutecode.ringcode.perseverance import PERSEVERANCE_MESSAGE
from chutecode.web.limits import DEFAULT_LIMITS, Limits

__all__ = ["EncodeOption", "ENCODE_OPTIONS", "LEFT_OUT", "PLACE_NAMES", "Query", "parse_query", "blame",
           "DEFAULT_COORDS"]

#: The place of the default page (the Perseverance canopy's, JPL).
DEFAULT_COORDS = "34 11 58 N 118 10 31 W"


@dataclass(frozen=True)
class EncodeOption:
    """One option of :func:`chutecode.encode` as the playground offers it.

    ``kind`` is ``choice`` (one of ``choices``), ``whole`` (a whole number),
    ``whole_or_none`` (blank for the default) or ``bool``.
    """

    name: str
    help: str
    kind: str
    default: Any
    choices: tuple[str, ...] = ()


#: The ring-code options, named as :func:`chutecode.encode`'s keywords, the command line's
#: ``--codec``... and batch columns name them.
ENCODE_OPTIONS: dict[str, EncodeOption] = {option.name: option for option in (
    EncodeOption("codec", "Symbol code: letters A=1..Z=26, printable ascii, or utf8 bytes.", "choice",
                 "letters", tuple(CODECS)),
    EncodeOption("flow", "One word a ring, or the text as one stream round the spiral.", "choice", "words",
                 FLOWS),
    EncodeOption("rings", "Fix the ring count (blank: as many as needed).", "whole_or_none", None),
    EncodeOption("gores", "Gores in every ring: a multiple of the group.", "whole", 80),
    EncodeOption("group", "Gores in a group (one symbol).", "whole", 10),
    EncodeOption("spacer", "Zero bits leading each group (blank: 3 for 7-bit codecs, 2 for utf8).",
                 "whole_or_none", None),
    EncodeOption("transliterate", "Spell other scripts in Latin letters for the letters and ascii codecs.",
                 "bool", True),
    EncodeOption("strict", "Refuse a longitude of 128° or more instead of widening the coordinate ring.",
                 "bool", False),
)}

#: Design options the playground does not take, and why.
LEFT_OUT: dict[str, str] = {
    "cmyk_profile": "it names a file on the server: CMYK TIFF and JPEG are made with "
                    "'chutecode render --cmyk-profile'",
}

#: The query's own names besides the ring-code and design options.
PLACE_NAMES = ("message", "coords")

_FONT_NAME = re.compile(r"[A-Za-z0-9 _-]{1,64}")
_LENGTH_FIELDS = ("size", "seam_width", "bleed")


def blame(exc: ChutecodeError, options: Mapping[str, Any]) -> ChutecodeError:
    """Set ``exc.field`` (unless set) to the input an error of :func:`chutecode.encode` is about.

    A scheme error starts with the option it is about (``gores 85 is not a multiple...``);
    a capacity error is about the rings when a ring count was given and the message says so;
    the rest (a character the codec lacks, a word too long) are about the message.
    """
    if getattr(exc, "field", None) is not None:
        return exc
    text = str(exc)
    name = "message"
    if isinstance(exc, SchemeError):
        name = next((n for n in ("gores", "group", "spacer", "codec", "flow") if text.startswith(n)), "gores")
    elif isinstance(exc, CapacityError) and "rings" in options and (
            "rings=" in text or text.startswith("rings")):
        name = "rings"
    elif isinstance(exc, CoordinateError):
        name = "coords"
    exc.field = name  # type: ignore[attr-defined]
    return exc


def _request_error(message: str, name: str | None) -> RequestError:
    error = RequestError(message)
    error.field = name  # type: ignore[attr-defined]
    return error


def _whole(name: str, text: str, low: int, high: int) -> int:
    stripped = text.strip()
    if not stripped.lstrip("+").isdigit() or len(stripped) > 9:
        raise _request_error(f"{name} {text!r} is not valid: give a whole number from {low} to {high}", name)
    value = int(stripped)
    if not low <= value <= high:
        raise _request_error(f"{name} {text!r} is not valid: give a whole number from {low} to {high}", name)
    return value


def _encode_value(option: EncodeOption, text: str, limits: Limits) -> Any:
    name = option.name
    if option.kind == "choice":
        word = text.strip().lower()
        if word not in option.choices:
            raise _request_error(f"{name} {text!r} is not known: use one of {', '.join(option.choices)}",
                                 name)
        return word
    if option.kind == "bool":
        word = text.strip().lower()
        if word not in (*TRUE_WORDS, *FALSE_WORDS):
            raise _request_error(f"{name} {text!r} is not valid: give yes or no", name)
        return word in TRUE_WORDS
    if option.kind == "whole_or_none" and text.strip().lower() in ("", "none"):
        return None
    high = {"rings": limits.rings, "gores": limits.gores}.get(name, 64)
    return _whole(name, text, 1, high)


@dataclass(frozen=True)
class Query:
    """One canopy as the playground asks for it: what to encode and how to draw it.

    Attributes:
        message: the text as typed.
        coords: the place as typed; empty for none.
        encode_options: the ring-code options that differ from the defaults.
        design: the checked :class:`~chutecode.design.Design`.
        limits: the limits it was checked against.
    """

    message: str
    coords: str
    encode_options: dict[str, Any]
    design: Design
    limits: Limits = field(default=DEFAULT_LIMITS, compare=False, repr=False)

    @property
    def place(self) -> Coordinates | None:
        """The place, parsed; ``None`` without one."""
        if not self.coords.strip() or self.coords.strip().lower() == "none":
            return None
        try:
            return parse_coordinates(self.coords)
        except ChutecodeError as exc:
            exc.field = "coords"  # type: ignore[attr-defined]
            raise

    def layout(self) -> Layout:
        """Encode the message and the place; errors name the option they are about."""
        place = self.place
        try:
            layout = encode(self.message, place, **self.encode_options)
        except ChutecodeError as exc:
            raise blame(exc, self.encode_options) from None
        if len(layout.rings) > self.limits.rings:
            raise _request_error(
                f"message {self.message[:40]!r} needs {len(layout.rings)} rings, more than the playground "
                f"draws ({self.limits.rings}): use flow stream, more gores or a shorter message", "message")
        return layout

    def encode_query(self) -> list[tuple[str, str]]:
        """The message, the place and the ring-code options as query pairs."""
        pairs = [("message", self.message), ("coords", self.coords)]
        for name, value in self.encode_options.items():
            pairs.append((name, ("yes" if value else "no") if isinstance(value, bool) else str(value)))
        return pairs

    def to_query(self) -> str:
        """The share link's query: message, place, ring-code options, then ``Design.to_query()``."""
        design = self.design.to_query()
        return urlencode(self.encode_query()) + (f"&{design}" if design else "")

    def replace_design(self, **values: Any) -> Query:
        """A copy with some design options changed (parsed as :meth:`Design.replace` parses them)."""
        return Query(self.message, self.coords, dict(self.encode_options), self.design.replace(**values),
                     self.limits)


def _pairs(query: str, limits: Limits) -> list[tuple[str, str]]:
    if len(query) > limits.query_chars:
        error = _request_error(f"the query is {len(query)} characters, more than the playground takes "
                               f"({limits.query_chars})", None)
        error.status = 414  # type: ignore[attr-defined]
        raise error
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False, max_num_fields=200,
                          errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise _request_error(f"the query {query[:60]!r} is not valid: {exc}", None) from None
    seen: set[str] = set()
    for name, _ in pairs:
        if name in seen:
            raise _request_error(f"{name} is given twice in the query: give each option once", name)
        seen.add(name)
    return pairs


def _check_design_text(name: str, text: str, limits: Limits) -> None:
    if name in LEFT_OUT:
        raise _request_error(f"{name} {text[:40]!r} is not taken by the playground: {LEFT_OUT[name]}", name)
    if len(text) > limits.text_chars:
        raise _request_error(f"{name} is {len(text)} characters long: the playground takes at most "
                             f"{limits.text_chars}", name)
    if name == "dpi":
        try:
            too_many = float(text) > limits.dpi
        except ValueError:
            too_many = False  # not a number: Design.create says what is valid
        if too_many:
            raise _request_error(f"dpi {text[:40]!r} is more than the playground draws: give at most "
                                 f"{limits.dpi:g}", name)
    if name == "font" and text.strip() and not _FONT_NAME.fullmatch(text.strip()):
        raise _request_error(f"font {text[:40]!r} is not valid here: give a family name of letters, digits, "
                             "spaces and dashes such as 'DejaVu Sans'", name)


def _check_design_limits(design: Design, limits: Limits) -> None:
    for name in _LENGTH_FIELDS:
        value = getattr(design, name)
        if value is not None and value > limits.length_mm:
            raise _request_error(f"{name} {value:g} mm is larger than the playground draws: give at most "
                                 f"{limits.length_mm:g} mm", name)
    if design.page is not None:
        width, height = design.page_size or (0.0, 0.0)
        if max(width, height) > limits.length_mm:
            raise _request_error(f"page {design.page!r} is {width:g} x {height:g} mm, larger than the "
                                 f"playground draws: give sides of at most {limits.length_mm:g} mm", "page")
    if design.dpi > limits.dpi:
        raise _request_error(f"dpi {design.dpi:g} is more than the playground draws: give at most "
                             f"{limits.dpi:g}", "dpi")


def parse_query(query: str | Mapping[str, str], limits: Limits = DEFAULT_LIMITS) -> Query:
    """Read a playground query (text, or a mapping of names to texts) into a checked :class:`Query`.

    Without ``message`` and ``coords`` it is the default page, the Perseverance
    canopy; with a message and no ``coords`` there is no place.

    Raises:
        ChutecodeError: an unknown name, a bad value or a value past ``limits``,
            one line quoting it; its ``field`` attribute names the option.
    """
    if isinstance(query, Mapping):
        pairs = [(str(k), str(v)) for k, v in query.items()]
    else:
        pairs = _pairs(query[1:] if query.startswith("?") else query, limits)
    values = dict(pairs)
    known = (*PLACE_NAMES, *ENCODE_OPTIONS, *(name for name in FIELDS if name not in LEFT_OUT))
    for name in values:
        if name not in known and name not in LEFT_OUT:
            raise _request_error(f"option {name[:40]!r} is not known: use {', '.join(known)}", None)

    if "message" not in values and "coords" not in values:
        message, coords = PERSEVERANCE_MESSAGE, DEFAULT_COORDS
    else:
        message, coords = values.get("message", ""), values.get("coords", "")
    if len(message) > limits.message_chars:
        raise _request_error(f"message is {len(message)} characters long: the playground takes at most "
                             f"{limits.message_chars}", "message")
    if len(coords) > limits.text_chars:
        raise _request_error(f"coords is {len(coords)} characters long: give a place such as "
                             "34 11 58 N 118 10 31 W", "coords")

    encode_options: dict[str, Any] = {}
    for name, option in ENCODE_OPTIONS.items():
        if name in values:
            value = _encode_value(option, values[name], limits)
            if value != option.default:
                encode_options[name] = value

    design_pairs = [(name, text) for name, text in pairs if name in FIELDS]
    for name, text in design_pairs:
        _check_design_text(name, text, limits)
    design = Design.from_query(urlencode(design_pairs))
    _check_design_limits(design, limits)
    return Query(message, coords.strip(), encode_options, design, limits)
