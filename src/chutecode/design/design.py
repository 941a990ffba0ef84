"""The :class:`Design`: everything about how a layout is drawn and printed, in one typed value.

The field table is the dataclass itself: each field carries its
:class:`~chutecode.design.options.Option` (help, parser, CLI spelling), and
:data:`FIELDS` lists them. The command line, the batch columns, the keyword
options of :func:`chutecode.render`, the web playground and the docs' table are
all made from it, so an option has one name everywhere.

>>> design = Design.create(palette="midnight", size="20cm", seam_width="0.3mm")
>>> design.size, design.seam_width
(200.0, 0.3)
>>> design.to_dict()
{'seam_width': 0.3, 'palette': 'midnight', 'size': 200.0}
>>> Design.from_query(design.to_query()) == design
True
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from chutecode.design import animation as a
from chutecode.design import options as o
from chutecode.design.fonts import DEFAULT_FONT
from chutecode.design.language import DEFAULT_LANGUAGE, LANGUAGES
from chutecode.design.page import Page
from chutecode.design.palette import PALETTES, RGB, Palette, get_palette
from chutecode.design.style import EQUAL, STYLES, Style
from chutecode.design.units import PAGE_SIZES, Margins, parse_page_size
from chutecode.errors import ChutecodeError, DesignError, PageError, PrintError

__all__ = ["Design", "FIELDS", "FIELD_NAMES", "DEFAULT_SIZE_MM", "DEFAULT_DPI", "field_option"]

#: The canopy diameter of a bare canopy page, and of a page without a size, in mm.
DEFAULT_SIZE_MM = 200.0
#: Pixels per inch of raster output unless another is asked for.
DEFAULT_DPI = 300.0


@dataclass(frozen=True)
class Design:
    """How a layout looks and prints: style, colours, size and page.

    Build one with :meth:`Design.create` (which parses text such as ``"20cm"``
    or ``"a3"``); every field is then a checked, typed value. Lengths are mm.
    The fields, their types and their defaults are the table in the docs
    (see *Design options*); :data:`FIELDS` lists them.
    """

    # The canopy's shape.
    style: str = o.option("dgb", "dgb: disk, gap and band as on Perseverance; disk: rings edge to edge.",
                          o.choice(STYLES), choices=STYLES, metavar="STYLE")
    equal: str = o.option("width", "For style disk: rings of equal width or equal area.",
                          o.choice(EQUAL), choices=EQUAL, metavar="WIDTH|AREA")
    start_angle: float = o.option(0.0, "Degrees clockwise from 12 o'clock where the leading edge of gore 0 "
                                  "sits.", o.angle, metavar="DEGREES")
    gore_offset: int = o.option(0, "Turn the code clockwise by whole gores (the real canopy: 1).", o.whole,
                                metavar="GORES")
    seam_width: float | None = o.option(None, "Seam lines: 0 for none, or a length such as 0.3mm.",
                                        o.seam_or_none, metavar="LENGTH",
                                        shown_default="0.12% of the size, narrower past 80 gores")
    seam_colour: RGB | None = o.option(None, "Seam colour (changes the palette's seam).", o.colour_or_none,
                                       dump=o.dump_colour, metavar="COLOUR", aliases=("--seam-color",),
                                       shown_default="the palette's")
    vent: float | None = o.option(None, "Vent radius as a fraction of the canopy radius.",
                                  o.fraction_or_none, metavar="FRACTION", shown_default="0.09")
    annotate: bool = o.option(False, "Write each symbol on its group and tint spacer, terminator and fill "
                              "gores.", o.style_bool, cli="flag")
    merge: bool = o.option(True, "Draw runs of equal colour as one shape (off: one shape a gore).",
                           o.style_bool, cli="no_flag")
    # Colours.
    palette: str | Palette | None = o.option(
        None, f"Colours: {', '.join(PALETTES)}.", o.palette_or_none, dump=o.dump_palette, metavar="NAME",
        aliases=("-p",),
        shown_default="perseverance, explain with annotate", group="colour")
    colours: tuple[tuple[str, str], ...] = o.option(
        (), "Change colours of the palette: one=#DF6A33, background=black, rings=red,gold (a 'one' colour "
        "per ring); repeatable on the command line, separated by ';' in a cell.", o.colours,
        dump=o.dump_colours, cli="multiple", metavar="ROLE=COLOUR", aliases=("--colour", "--color"),
        group="colour")
    transparent: bool = o.option(False, "No background: the page, the vent and the gap are see-through "
                                 "(PNG, SVG, PDF, APNG and animated SVG).", o.parse_bool, cli="flag",
                                 group="colour")
    # Size.
    size: float | None = o.option(None, "Canopy diameter: 20cm, 24in, 7200px (px at dpi), 600pt, or mm.",
                                  o.length_or_none, metavar="LENGTH", aliases=("-s",),
                                  shown_default="200mm; on a page, as large as fits", group="size")
    dpi: float = o.option(DEFAULT_DPI, "Pixels per inch of raster output (and of px lengths).", o.dpi,
                          metavar="DPI", group="size")
    # The page.
    page: str | None = o.option(None, f"Print on a page: {', '.join(PAGE_SIZES)}, or WxH such as 500x500mm.",
                                o.page_or_none, metavar="SIZE", shown_default="a page as large as the canopy",
                                group="page")
    landscape: bool = o.option(False, "Turn the page: long side across.", o.parse_bool, cli="flag",
                               group="page")
    margin: Margins | None = o.option(None, "Space kept clear inside the trim: 1 to 4 lengths as in CSS, "
                                      "e.g. 15mm or 1in,2cm.", o.margins_or_none, dump=o.dump_margins,
                                      metavar="LENGTHS", shown_default="5% of the page's short side",
                                      group="page")
    bleed: float = o.option(0.0, "Background beyond the trim for the print shop, e.g. 3mm (PDF TrimBox and "
                            "BleedBox).", o.bleed, metavar="LENGTH", group="page")
    crop_marks: bool = o.option(False, "Trim marks at the corners, outside the bleed.", o.parse_bool,
                                cli="flag", group="page")
    caption: bool | str = o.option(False, "The message as a title on the page, or a title of your own.",
                                   o.flag_or_text, cli="flag_text", group="page")
    subtitle: bool | str = o.option(False, "The place in degrees, minutes and seconds, or a text of your "
                                    "own.",
                                    o.flag_or_text, cli="flag_text", group="page")
    legend: bool = o.option(False, "A key to the code: one group drawn and read, and the alphabet table.",
                            o.parse_bool, cli="flag", group="page")
    footer: bool | str = o.option(False, "One line on how to read the code at the bottom, or a text of your "
                                  "own.", o.flag_or_text, cli="flag_text", group="page")
    font: str | None = o.option(None, "Font family of the page text (checked to be installed); characters "
                                "it lacks come from other installed fonts.",
                                o.font_or_none, metavar="FAMILY", shown_default=DEFAULT_FONT, group="page")
    lang: str = o.option(DEFAULT_LANGUAGE, "Language of the texts chutecode writes on the page (legend, "
                         "footer, worksheet, the place): English, German, Spanish, French, Dutch, Russian, "
                         "Ukrainian, Arabic or Japanese.", o.language, choices=tuple(LANGUAGES),
                         metavar="LANG", group="page")
    text_as_paths: bool = o.option(False, "Draw the page texts as outlines, not text (SVG, PDF, EPS, PS), "
                                   "for cutters and print shops that ask for outlines.", o.parse_bool,
                                   cli="flag", group="page")
    paper: RGB | None = o.option(None, "Page colour.", o.colour_or_none, dump=o.dump_colour, metavar="COLOUR",
                                 shown_default="the palette's background; white for a worksheet",
                                 group="page")
    worksheet: bool | str = o.option(False, "A classroom worksheet: the canopy to decode (no message) with "
                                     "boxes for bits and letters, then the answer key; or one of its pages, "
                                     "questions or answers.", o.worksheet, cli="flag", group="page")
    # The document.
    title: str | None = o.option(None, "Document title.", o.text_or_none, shown_default="the message",
                                 group="document")
    author: str | None = o.option(None, "Document author.", o.text_or_none, group="document")
    subject: str | None = o.option(None, "Document subject.", o.text_or_none,
                                   shown_default="what the code says", group="document")
    timestamp: bool | datetime = o.option(False, "Write the date of making in the PDF instead of a fixed one "
                                          "(then files differ); or a date.", o.timestamp,
                                          dump=o.dump_timestamp, cli="flag", group="document")
    cmyk_profile: str | None = o.option(None, "CMYK ICC profile from your print shop, for TIFF and JPEG "
                                        "output and as the output intent of --pdfx.", o.profile_or_none,
                                        metavar="PATH.icc", group="document")
    pdfx: bool = o.option(False, "Write PDFs as PDF/X-4 for print: XMP metadata, trim and bleed boxes, a "
                          "document ID, fonts embedded, and an output intent: with --cmyk-profile the "
                          "press's, colours converted to its CMYK; else sRGB.", o.parse_bool, cli="flag",
                          group="document")
    # Animation (GIF, APNG, animated SVG).
    frame_rate: float = o.option(12.0, "Frames a second of an animation (GIF, APNG).", a.frame_rate,
                                 metavar="FPS", group="animation")
    duration: float = o.option(5.0, "Seconds an animation takes to reveal the canopy along the spiral.",
                               a.seconds(a.MAX_DURATION), metavar="SECONDS", group="animation")
    hold: float = o.option(2.0, "Seconds an animation shows the finished canopy before it starts again.",
                           a.seconds(a.MAX_HOLD), metavar="SECONDS", group="animation")

    def __post_init__(self) -> None:
        # Typed invariants that need several fields; each value was parsed by create().
        if self.landscape and self.page is None:
            raise PrintError("landscape needs a page size: give page='a4' (or another) too")
        if self.page is not None and self.margin is not None:
            width, height = self.page_size or (0.0, 0.0)
            m = self.margin
            if m.left + m.right >= width * 0.8 or m.top + m.bottom >= height * 0.8:
                sides = dict.fromkeys(f"{side:g}mm" for side in m)
                raise PageError(f"margin {','.join(sides)!r} leaves almost no room on a {width:g} x "
                                f"{height:g} mm page: use smaller margins")
        self.resolved_style  # noqa: B018 - checks the style options against each other
        self.resolved_timing  # noqa: B018 - checks frame rate and duration together

    # -- making ----------------------------------------------------------------------------------------

    @classmethod
    def create(cls, **values: Any) -> Design:
        """The one parser of design options: user values (text or typed) in, a checked Design out.

        Accepts every field by name, as text (``size="20cm"``, ``page="a3"``,
        ``caption="yes"``, ``colours="one=#DF6A33"``) or as a typed value
        (``size=200``, ``caption=True``). ``style`` may also be a
        :class:`~chutecode.design.style.Style` (its options become the
        design's), and ``palette`` a mapping of roles with an optional
        ``base`` palette. ``None`` means the default.

        Raises:
            ChutecodeError: for an unknown option or a value that is not valid;
                the error's ``field`` attribute names the option.
        """
        return cls._parse(cls(), values)

    def replace(self, **values: Any) -> Design:
        """A copy with some options changed, parsed as :meth:`create` parses them."""
        return self._parse(self, values)

    @classmethod
    def _parse(cls, base: Design, values: Mapping[str, Any]) -> Design:
        values = _expand(values)
        unknown = sorted(set(values) - set(FIELD_NAMES))
        if unknown:
            hint = _HINTS.get(unknown[0], "")
            message = f"option {unknown[0]!r} is not known: {hint}use {', '.join(FIELD_NAMES)}"
            raise _named(DesignError(message), unknown[0])
        changes: dict[str, Any] = {}
        dpi = base.dpi
        if "dpi" in values and values["dpi"] is not None:
            dpi = changes["dpi"] = _parse_one("dpi", values["dpi"], dpi)
        for name, value in values.items():
            if name == "dpi":
                continue
            changes[name] = FIELDS[name].default if value is None else _parse_one(name, value, dpi)
        try:
            return dataclasses.replace(base, **changes)
        except ChutecodeError as exc:
            raise _named(exc, _blame(exc, changes)) from None

    # -- what it resolves to ---------------------------------------------------------------------------

    @functools.cached_property
    def resolved_style(self) -> Style:
        """The canopy :class:`Style` this design asks for (a worksheet's questions are never annotated,
        its answers always are)."""
        annotate = self.annotate
        if self.worksheet == "questions":
            annotate = False
        elif self.worksheet == "answers":
            annotate = True
        return Style(name=self.style, equal=self.equal, start_angle=self.start_angle,
                     gore_offset=self.gore_offset, seam_width=self.seam_width, vent=self.vent,
                     annotate=annotate, merge=self.merge)

    @functools.cached_property
    def resolved_palette(self) -> Palette:
        """The :class:`Palette`: the named or given palette with ``colours`` and ``seam_colour`` applied."""
        base = self.palette
        if base is None:
            base = "explain" if self.resolved_style.annotate and self.worksheet is False else "perseverance"
        palette = get_palette(base)
        changes: dict[str, Any] = {role: (colour.split(",") if role == "rings" else colour)
                                   for role, colour in self.colours}
        if self.seam_colour is not None:
            changes["seam"] = self.seam_colour
        if changes:
            palette = palette.replace(name=f"{palette.name}+custom", **changes)
        return palette

    @property
    def page_size(self) -> tuple[float, float] | None:
        """Width and height of the trimmed page in mm; ``None`` for a page as large as the canopy."""
        if self.page is None:
            return None
        return parse_page_size(self.page, landscape=self.landscape, dpi=self.dpi)

    @functools.cached_property
    def resolved_page(self) -> Page:
        """The :class:`Page` of one page of this design (see :meth:`pages` for worksheets)."""
        side = self.worksheet if isinstance(self.worksheet, str) else None
        return Page(size=self.page_size, margins=self.margin, bleed=self.bleed, crop_marks=self.crop_marks,
                    caption=self.caption, subtitle=self.subtitle, legend=self.legend, footer=self.footer,
                    font=self.font or DEFAULT_FONT, lang=self.lang, text_as_paths=self.text_as_paths,
                    paper=self.paper, title=self.title,
                    author=self.author or "", subject=self.subject, timestamp=self.timestamp,
                    cmyk_profile=self.cmyk_profile, worksheet=side, transparent=self.transparent,
                    pdfx=self.pdfx)

    @functools.cached_property
    def resolved_timing(self) -> a.Timing:
        """The :class:`~chutecode.design.animation.Timing` of an animation of this design."""
        return a.Timing(frame_rate=self.frame_rate, duration=self.duration, hold=self.hold)

    def pages(self) -> tuple[Design, ...]:
        """The designs of the pages this design prints: itself, or a worksheet's two pages
        (the canopy to decode, then the answer key)."""
        if self.worksheet is True:
            return tuple(dataclasses.replace(self, worksheet=side) for side in o.WORKSHEET_SIDES)
        return (self,)

    # -- writing ---------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The options that differ from the defaults, as plain JSON data (see :meth:`from_dict`)."""
        out: dict[str, Any] = {}
        for name, field in FIELDS.items():
            value = getattr(self, name)
            if value != field.default:
                out[name] = field.option.dump(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Design:
        """The design that :meth:`to_dict` wrote."""
        if not isinstance(data, Mapping):
            raise DesignError(f"design data {data!r:.60} is not a mapping of option names to values")
        return cls.create(**dict(data))

    def to_query(self) -> str:
        """The options that differ from the defaults as a URL query string (see :meth:`from_query`)."""
        pairs = []
        for name, value in self.to_dict().items():
            if isinstance(value, bool):
                text = "yes" if value else "no"
            elif isinstance(value, (dict, list)):
                text = _query_text(name, value)
            else:
                text = value if isinstance(value, str) else repr(value)
            pairs.append((name, text))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: str) -> Design:
        """The design that :meth:`to_query` wrote; other keys are refused."""
        if query.startswith("?"):
            query = query[1:]
        try:
            pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False, max_num_fields=200)
        except ValueError as exc:
            raise DesignError(f"query {query[:60]!r} is not valid: {exc}") from None
        # Every value is text, parsed as a command line or a batch cell is: a margin of one to
        # four lengths ("12mm", "5.0,5.0,5.0,5.0"), a palette's name or its JSON.
        return cls.create(**dict(pairs))


#: What an unknown option name that people reach for should be instead.
_HINTS = {
    "background": "for no background give transparent=True, for another colour colours='background=black'; ",
    "format": "the format is an argument of render and save (format= or kind=), not a design option; ",
    "kind": "the format is an argument of render and save (format= or kind=), not a design option; ",
}


def _query_text(name: str, value: Any) -> str:
    if name == "colours":
        return ";".join(f"{role}={colour}" for role, colour in value.items())
    if name == "margin":
        return ",".join(repr(v) for v in value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class FieldInfo:
    """One field of the table: its name, default and :class:`~chutecode.design.options.Option`."""

    name: str
    default: Any
    option: o.Option

    @property
    def flag(self) -> str:
        """The command-line flag: the name with dashes (``seam_width`` -> ``--seam-width``)."""
        return "--" + self.name.replace("_", "-")


#: The field table: every design option, in order, by name.
FIELDS: dict[str, FieldInfo] = {
    f.name: FieldInfo(f.name, f.default, f.metadata["option"]) for f in dataclasses.fields(Design)
}
#: The option names, in table order.
FIELD_NAMES: tuple[str, ...] = tuple(FIELDS)


def field_option(name: str) -> o.Option:
    """The :class:`~chutecode.design.options.Option` of the field ``name``."""
    return FIELDS[name].option


def _parse_one(name: str, value: Any, dpi: float) -> Any:
    try:
        return FIELDS[name].option.parse(value, name, dpi)
    except ChutecodeError as exc:
        raise _named(exc, name) from None


def _named(exc: ChutecodeError, name: str | None) -> ChutecodeError:
    if name is not None and getattr(exc, "field", None) is None:
        exc.field = name  # type: ignore[attr-defined]
    return exc


def _blame(exc: ChutecodeError, changes: Mapping[str, Any]) -> str | None:
    """The option a cross-field error is about: the first changed one its message names."""
    message = str(exc)
    for name in changes:
        if message.startswith(name) or f" {name}" in message:
            return name
    return next(iter(changes), None)


def _expand(values: Mapping[str, Any]) -> dict[str, Any]:
    """Sugar of :meth:`Design.create`: a Style object and a palette mapping with a base."""
    out = dict(values)
    style = out.get("style")
    if isinstance(style, Style):
        own_options = {f.name: getattr(style, f.name) for f in dataclasses.fields(Style) if f.name != "name"}
        out = {**own_options, **{k: v for k, v in out.items() if k != "style"}, "style": style.name}
    palette = out.get("palette")
    if isinstance(palette, Mapping):
        changes = {k: v for k, v in palette.items() if k not in ("base", "name", "description")}
        full = all(changes.get(role) is not None for role in ("one", "zero", "background"))
        if "base" in palette or not full:
            out["palette"] = palette.get("base")
            from_palette = o.colours(changes, "palette", DEFAULT_DPI)
            given_colours = o.colours(out.get("colours") or (), "colours", DEFAULT_DPI)
            out["colours"] = dict(from_palette) | dict(given_colours)
    return out
