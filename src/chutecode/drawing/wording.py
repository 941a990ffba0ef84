"""The words of a page: every sentence chutecode writes on a page, in the page's language.

Each function takes a :class:`~chutecode.design.language.Language` and returns
text in it. The English strings here are the source of the gettext
catalogues in ``src/chutecode/locale``: after changing one, extract and update
the catalogues and translate it (docs/languages.md says how); a test fails on
a string a catalogue lacks. Placeholders are ``{name}`` fields, filled in
after the lookup with numbers the language's way
(:meth:`~chutecode.design.language.Language.number`).

Code stays code in every language: bits, the letters A to Z of the
``letters`` codec, and the hemisphere letters N, S, E and W of the coordinate
ring are what the canopy holds.

>>> from chutecode.design.language import get_language
>>> worksheet_title(get_language("de"))
'Entschlüssle den Fallschirm'
"""

from __future__ import annotations

from chutecode.design.language import Language
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.layout import Layout

__all__ = [
    "worksheet_title",
    "legend_heading",
    "legend_explanation",
    "footer_text",
    "worksheet_instructions",
    "place_text",
    "clockwise",
    "spacer_label",
    "data_label",
    "group_heading",
    "ring_label",
    "ring_name",
    "end_label",
    "bit_values",
    "alphabet",
    "describe_layout",
    "describe_scheme",
]


def worksheet_title(lang: Language) -> str:
    """Title of a worksheet's first page (and of the worksheet document)."""
    # Translators: a classroom worksheet's title, inviting the pupil.
    # A gore is one of the panels a parachute's canopy is sewn from;
    # a coloured gore is 1, a plain one 0.
    return lang.gettext("Decode the parachute")


def legend_heading(lang: Language) -> str:
    """Heading of the legend."""
    return lang.gettext("How to read the code")


def _table(lang: Language, pairs: list[tuple[str, int]], *, gap: str = " … ") -> str:
    """``A=1 … Z=26``: code characters and their numbers, kept left to right."""
    items = [f"{label}={lang.number(value)}" for label, value in pairs]
    return lang.isolate(gap.join(items))


def _codec_sentence(lang: Language, layout: Layout) -> str:
    s = layout.scheme
    if s.codec == "letters":
        table = lang.isolate(f"A={lang.number(1)}, B={lang.number(2)} … Z={lang.number(26)}")
        text = lang.gettext("The data bits make a number from {first} to {last} that stands for a "
                            "letter: {table}.").format(first=lang.number(1), last=lang.number(26),
                                                        table=table)
        if s.flow == "stream":
            text = lang.sentences(text, lang.gettext("A space is {value}.").format(value=lang.number(0)))
        return text
    if s.codec == "ascii":
        table = lang.isolate(", ".join(f"{a}={lang.number(ord(a))} … {b}={lang.number(ord(b))}"
                                       for a, b in (("A", "Z"), ("a", "z"), ("0", "9"))) +
                             f", ␣={lang.number(32)}")
        return lang.gettext("The data bits make the character's ASCII code: {table}.").format(table=table)
    return lang.gettext(
        "The data bits make one byte of the text in UTF-8. A byte below {limit} is a character by "
        "itself ({table}); any other character takes two to four bytes, the first starting with the "
        "bits {two}, {three} or {four}, each of the others with {follow}."
    ).format(limit=lang.number(128), table=lang.isolate(f"A={lang.number(65)} … Z={lang.number(90)}, "
                                                          f"␣={lang.number(32)}"), **_utf8_leads(lang))


def _utf8_leads(lang: Language) -> dict[str, str]:
    return {"two": lang.isolate("110"), "three": lang.isolate("1110"), "four": lang.isolate("11110"),
            "follow": lang.isolate("10")}


def _flow_sentence(lang: Language, layout: Layout) -> str:
    if layout.scheme.flow == "words":
        return lang.gettext("After a word, a group of all ones closes it; the next word starts on the "
                            "next ring out, at the group where the last one ended.")
    return lang.gettext("The text runs on from ring to ring, spaces included; a group of all ones "
                        "closes it.")


def _place_sentence(lang: Language) -> str:
    return lang.gettext("The outer ring gives the place: degrees, minutes and seconds of latitude, "
                        "N or S, then of longitude, E or W.")


def legend_explanation(lang: Language, layout: Layout) -> str:
    """How to read the code, in full: gores, groups, the codec, the flow and the place."""
    s = layout.scheme
    gores = lang.npgettext("legend: every group of", "{count} gore", "{count} gores",
                           s.group).format(count=lang.number(s.group))
    spacers = lang.npgettext("legend: holds", "{count} spacer gore", "{count} spacer gores",
                             s.spacer).format(count=lang.number(s.spacer))
    bits = lang.npgettext("legend: and", "{count} data bit", "{count} data bits",
                          s.data).format(count=lang.number(s.data))
    return lang.sentences(
        lang.gettext("Read each ring clockwise, innermost ring first. A coloured gore is 1, a plain "
                     "gore is 0."),
        lang.gettext("Every group of {gores} holds {spacers} (always 0) and {bits}, most significant "
                     "bit first.").format(gores=gores, spacers=spacers, bits=bits),
        _codec_sentence(lang, layout),
        _flow_sentence(lang, layout),
        _place_sentence(lang) if layout.coordinates is not None else "",
    )


def footer_text(lang: Language, layout: Layout) -> str:
    """The default footer: how to read the code in one or two lines."""
    s = layout.scheme
    spacers = lang.npgettext("footer: each group is", "{count} blank spacer gore",
                             "{count} blank spacer gores", s.spacer).format(count=lang.number(s.spacer))
    bits = lang.npgettext("footer: then", "{count} bit", "{count} bits",
                          s.data).format(count=lang.number(s.data))
    if s.codec == "letters":
        meaning = lang.pgettext("footer", "a letter, {table}").format(
            table=_table(lang, [("A", 1), ("Z", 26)]))
    elif s.codec == "ascii":
        meaning = lang.pgettext("footer", "an ASCII code, {table}").format(
            table=_table(lang, [("A", 65), ("Z", 90)]))
    else:
        meaning = lang.pgettext("footer", "a byte of the text in UTF-8, {table}").format(
            table=_table(lang, [("A", 65), ("Z", 90)]))
    return lang.sentences(
        lang.gettext("Read each ring clockwise, innermost first."),
        lang.gettext("Each group is {spacers}, then {bits} (coloured = 1), most significant first: "
                     "{meaning}.").format(spacers=spacers, bits=bits, meaning=meaning),
        lang.gettext("The outer ring is the place.") if layout.coordinates is not None else "",
    )


def worksheet_instructions(lang: Language, layout: Layout) -> str:
    """What to do on the worksheet's first page (never the message)."""
    s = layout.scheme
    # Translators: the letters codec is always A=1 … Z=26, in every language.
    if s.codec == "letters":
        turn = lang.gettext("Turn each number into a letter with the table.")
    elif s.codec == "ascii":
        turn = lang.gettext("Turn each number into a character with the table of ASCII codes.")
    else:
        turn = lang.gettext(
            "Each number is one byte of the text in UTF-8: a byte below {limit} is a character by "
            "itself; any other character takes two to four bytes, the first starting with the bits "
            "{two}, {three} or {four}, each of the others with {follow}. Find the characters in the "
            "table."
        ).format(limit=lang.number(128), **_utf8_leads(lang))
    return lang.sentences(
        lang.gettext("Each ring is read clockwise, innermost ring first. The numbers around the canopy "
                     "mark its groups."),
        lang.gettext("For each group, write 1 for a coloured gore and 0 for a plain one. The shaded "
                     "boxes are spacers, always 0; the others make a binary number, most significant "
                     "bit first."),
        turn,
        _flow_sentence(lang, layout) if s.flow == "words" else "",
        _place_sentence(lang) if layout.coordinates is not None else "",
    )


def place_text(lang: Language, place: Coordinates) -> str:
    """A place in degrees, minutes and seconds as the language writes it: ``34° 11′ 58″ N  118° ...``."""
    def parts(degrees: int, minutes: int, seconds: int) -> dict[str, str]:
        return {"degrees": lang.number(degrees), "minutes": lang.number(minutes, digits=2),
                "seconds": lang.number(seconds, digits=2)}

    lat = parts(place.lat_degrees, place.lat_minutes, place.lat_seconds)
    lon = parts(place.lon_degrees, place.lon_minutes, place.lon_seconds)
    # Translators: a latitude and a longitude as your language writes
    # them (the hemisphere as a letter or a word); the canopy itself
    # always holds the letters N, S, E and W. In right-to-left text,
    # keep the numbers left to right between U+2066 and U+2069.
    if place.lat_hemisphere == "N":
        latitude = lang.pgettext("latitude", "{degrees}° {minutes}′ {seconds}″ N").format(**lat)
    else:
        latitude = lang.pgettext("latitude", "{degrees}° {minutes}′ {seconds}″ S").format(**lat)
    if place.lon_hemisphere == "E":
        longitude = lang.pgettext("longitude", "{degrees}° {minutes}′ {seconds}″ E").format(**lon)
    else:
        longitude = lang.pgettext("longitude", "{degrees}° {minutes}′ {seconds}″ W").format(**lon)
    # Translators: the latitude, then the longitude, with an em space
    # (U+2003) between them.
    return lang.pgettext("place: latitude, then longitude", "{latitude}\u2003{longitude}").format(
        latitude=latitude, longitude=longitude)


def clockwise(lang: Language) -> str:
    """The label over the drawn group: the direction to read it in."""
    # Translators: over a group of gores drawn left to right. The arrow
    # points right and shows at the right end (in right-to-left text,
    # put it first).
    return lang.gettext("clockwise →")


def spacer_label(lang: Language) -> str:
    """The label under the spacer gores of the drawn group."""
    return lang.pgettext("legend diagram", "spacer")


def data_label(lang: Language, formula: str, *, byte: tuple[int, str] | None = None) -> str:
    """The label under the data bits of the drawn group: ``data: 0000100 = 4 = D``, or for a byte of a
    character of several bytes (``byte=(index, character)``), which byte of which character."""
    formula = lang.isolate(formula)
    # Translators: {formula} is code, e.g. "0000100 = 4 = D": the bits,
    # their value and the letter.
    if byte is None:
        return lang.pgettext("legend diagram", "data: {formula}").format(formula=formula)
    return lang.pgettext("legend diagram", "data: {formula}, byte {index} of “{char}”").format(
        formula=formula, index=lang.number(byte[0]), char=byte[1])


def group_heading(lang: Language, group: int, first: int, last: int) -> str:
    """The heading over a group's boxes on the worksheet: ``group 1 · gores 1–10``."""
    gores = lang.isolate(f"{lang.number(first)}–{lang.number(last)}")
    return lang.gettext("group {group} · gores {gores}").format(group=lang.number(group), gores=gores)


def ring_label(lang: Language, number: int) -> str:
    """``Ring 1``: a ring's name beside its row of boxes."""
    return lang.gettext("Ring {number}").format(number=lang.number(number))


def ring_name(lang: Language, where: str) -> str:
    """What a ring is, under its label: ``inner``, ``outer`` or ``place``."""
    if where == "inner":
        return lang.pgettext("ring", "inner")
    if where == "outer":
        return lang.pgettext("ring", "outer")
    return lang.pgettext("ring", "place")


def end_label(lang: Language) -> str:
    """The answer key's word for a terminator group."""
    return lang.pgettext("answer key", "end")


def bit_values(lang: Language, data: int) -> str:
    """The line under the worksheet's table: the value of each data bit, most significant first."""
    weights = lang.isolate("  ".join(lang.number(2**k) for k in reversed(range(data))))
    return lang.gettext("Bit values, most significant first: {weights}").format(weights=weights)


def alphabet(lang: Language) -> str:
    """The letters of the language's alphabet in its order (capitals, where the script has them)."""
    # Translators: your language's own alphabet in its order (capitals
    # where your script has them); a utf8 worksheet lists these letters
    # with their bytes.
    return lang.pgettext("the letters of the alphabet in order, capitals where the script has them",
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _build(lang: Language, layout: Layout, *, flow: bool) -> str:
    s = layout.scheme
    count = len(layout.rings)
    rings = lang.npgettext("description", "{count} ring", "{count} rings", count).format(
        count=lang.number(count))
    gores = lang.npgettext("description: rings of", "{count} gore", "{count} gores", s.gores).format(
        count=lang.number(s.gores))
    numbers = {"rings": rings, "gores": gores, "group": lang.number(s.group),
               "spacer": lang.number(s.spacer), "data": lang.number(s.data), "codec": s.codec,
               "flow": s.flow}
    if flow:
        return lang.gettext("{rings} of {gores}, groups of {group} ({spacer} spacer + {data} data bits), "
                            "codec {codec}, flow {flow}; coloured gore = 1, read clockwise, innermost "
                            "ring first").format(**numbers)
    return lang.gettext("{rings} of {gores}, groups of {group} ({spacer} spacer + {data} data bits), "
                        "codec {codec}; coloured gore = 1, read clockwise, innermost ring "
                        "first").format(**numbers)


def describe_layout(lang: Language, layout: Layout) -> str:
    """One line on what ``layout`` says and how its code is built (a document's subject)."""
    parts = []
    if layout.message:
        parts.append(lang.gettext("message: {message}").format(message=layout.message))
    if layout.coordinates is not None:
        parts.append(lang.gettext("place: {place}").format(place=layout.coordinates.text))
    parts.append(_build(lang, layout, flow=True))
    # Translators: what separates the parts of a one-line description.
    separator = lang.pgettext("between the parts of a description", "; ")
    return lang.gettext("Parachute ring code. {parts}.").format(parts=separator.join(parts))


def describe_scheme(lang: Language, layout: Layout) -> str:
    """One line on how the code of ``layout`` is built, without its message or place (a worksheet's)."""
    return lang.gettext("Parachute ring code worksheet: {build}.").format(
        build=_build(lang, layout, flow=False))
