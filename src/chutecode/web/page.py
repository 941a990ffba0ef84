"""The playground's one page: ``static/index.html`` with its form made from the field table.

Every design option of :data:`chutecode.design.FIELDS` (but those in
:data:`~chutecode.web.query.LEFT_OUT`) and every ring-code option of
:data:`~chutecode.web.query.ENCODE_OPTIONS` becomes one labelled control named
as the option, with the option's help as its hint; the page's script turns the
controls back into the query :func:`~chutecode.web.query.parse_query` reads.
A share link fills the controls with the values it holds, as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape
from importlib import resources
from typing import Any

from chutecode._version import __version__
from chutecode.design import options as o
from chutecode.design.design import FIELDS, FieldInfo
from chutecode.design.page import WORKSHEET_SIDES
from chutecode.design.palette import PALETTES, Palette, hex_colour
from chutecode.design.units import PAGE_SIZES
from chutecode.ringcode.perseverance import PERSEVERANCE_MESSAGE
from chutecode.web.limits import Limits
from chutecode.web.query import DEFAULT_COORDS, ENCODE_OPTIONS, LEFT_OUT, EncodeOption

__all__ = ["page_html", "SECTIONS", "ROLE_HELP", "control_names"]

#: The form's sections: a title, the options shown at once, and those under "more".
SECTIONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("code", "Ring code", ("codec", "flow", "rings", "gores"),
     ("group", "spacer", "transliterate", "strict")),
    ("canopy", "Canopy", ("style", "start_angle", "gore_offset", "annotate"),
     ("equal", "seam_width", "seam_colour", "vent", "merge")),
    ("colour", "Colours", ("palette",), ("colours", "transparent")),
    ("size", "Size", ("size", "dpi"), ()),
    ("page", "Page", ("page", "caption", "subtitle", "legend", "footer", "worksheet"),
     ("lang", "landscape", "margin", "bleed", "crop_marks", "font", "paper", "text_as_paths")),
    ("document", "Document", (), ("title", "author", "subject", "timestamp", "pdfx")),
    ("animation", "Animation", (), ("frame_rate", "duration", "hold")),
)

#: What each role of ``colours`` paints.
ROLE_HELP: dict[str, str] = {
    "one": "data gores holding a 1",
    "zero": "data gores holding a 0",
    "spacer": "spacer gores (default: as their bit)",
    "terminator": "terminator gores (default: as their bit)",
    "fill": "fill gores (default: as their bit)",
    "seam": "seam lines",
    "background": "background, vent and gap",
    "text": "letters in annotate mode",
    "rings": "a 'one' colour per ring, innermost first, separated by commas: red,gold",
}

_MORE = {"code": "ring code", "canopy": "canopy", "colour": "colour", "size": "size", "page": "page",
         "document": "document", "animation": "animation"}
_COLOURS_HINT = "Any CSS colour: #DF6A33, navy, rgb(0, 114, 178); blank for the palette's own."
_WORKSHEET_CHOICES = (("", "no"), ("yes", "both pages"), *((side, side) for side in WORKSHEET_SIDES))


_LABELS = {"dpi": "DPI"}


def _label(name: str) -> str:
    return _LABELS.get(name) or name.replace("_", " ").capitalize()


def _hint(name: str, text: str) -> str:
    return f'<p class="hint" id="h-{name}">{escape(text)}</p>'


def _error_slot(name: str) -> str:
    return f'<p class="error" id="e-{name}" hidden></p>'


def _described(name: str) -> str:
    return f'aria-describedby="h-{name} e-{name}"'


def _truthy(text: str | None) -> bool | None:
    if text is None:
        return None
    word = text.strip().lower()
    if word in o.TRUE_WORDS:
        return True
    if word in o.FALSE_WORDS or word == "":
        return False
    return None


def _text_input(name: str, value: str, placeholder: str, *, extra: str = "") -> str:
    return (f'<input type="text" id="f-{name}" name="{name}" data-field="{name}" data-kind="text" '
            f'value="{escape(value)}" placeholder="{escape(placeholder)}" {_described(name)} '
            f'autocomplete="off" spellcheck="false"{extra}>')


def _field(name: str, control: str, help_text: str, *, label: str | None = None, check: bool = False) -> str:
    label_html = f'<label for="f-{name}">{escape(label or _label(name))}</label>'
    inner = (control + label_html) if check else (label_html + control)
    kind = "field check" if check else "field"
    return f'<div class="{kind}" id="w-{name}">{inner}{_hint(name, help_text)}{_error_slot(name)}</div>'


def _select(name: str, choices: Iterable[tuple[str, str]], value: str, default: str) -> str:
    options = []
    for word, shown in choices:
        selected = " selected" if word == value else ""
        options.append(f'<option value="{escape(word)}"{selected}>{escape(shown)}</option>')
    return (f'<select id="f-{name}" name="{name}" data-field="{name}" data-kind="select" '
            f'data-default="{escape(default)}" {_described(name)}>{"".join(options)}</select>')


def _checkbox(name: str, checked: bool, default: bool) -> str:
    on = " checked" if checked else ""
    return (f'<input type="checkbox" id="f-{name}" name="{name}" value="yes" data-field="{name}" '
            f'data-kind="bool" data-default="{"yes" if default else "no"}" {_described(name)}{on}>')


def _placeholder(info: FieldInfo) -> str:
    if info.option.shown_default:
        return info.option.shown_default
    if info.default is None or info.default is False or info.default == ():
        return ""
    return f"{info.default:g}" if isinstance(info.default, float) else str(info.default)


def _swatch(palette: Palette) -> str:
    colours = [palette.background, palette.zero, palette.one, *palette.rings[:3]]
    rects = "".join(f'<rect x="{i * 10}" width="10" height="10" fill="{hex_colour(c)}"/>'
                    for i, c in enumerate(colours))
    return (f'<svg class="swatch" viewBox="0 0 {10 * len(colours)} 10" width="{10 * len(colours) * 2}" '
            f'height="20" aria-hidden="true" focusable="false">{rects}</svg>')


def _palette_field(info: FieldInfo, value: str | None) -> str:
    text = (value or "").strip()
    chosen = text if text.startswith("{") else text.lower()
    items: list[tuple[str, str, str, Palette | None]] = [
        ("", "default", "perseverance; explain when annotated", None)]
    items += [(name, name, pal.description, pal) for name, pal in PALETTES.items()]
    if chosen and chosen not in PALETTES:
        items.append((chosen, "from the link", "the colours the link holds", None))
    radios = []
    for i, (word, shown, about, pal) in enumerate(items):
        checked = " checked" if word == chosen else ""
        ident = f"f-palette-{i}"
        swatch = _swatch(pal) if pal is not None else '<span class="swatch-none" aria-hidden="true"></span>'
        radios.append(
            f'<div class="palette-choice"><input type="radio" id="{ident}" name="palette" '
            f'value="{escape(word)}" data-field="palette" data-kind="radio" data-default=""{checked}>'
            f'<label for="{ident}">{swatch}<span class="palette-name">{escape(shown)}</span>'
            f'<span class="palette-about">{escape(about)}</span></label></div>')
    return (f'<fieldset class="field palettes" id="w-palette" aria-describedby="h-palette e-palette">'
            f'<legend>Palette</legend><div class="palette-list">{"".join(radios)}</div>'
            f'{_hint("palette", info.option.help)}'
            f'{_error_slot("palette")}</fieldset>')


def _colour_parts(text: str | None) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in (text or "").split(";"):
        role, sep, colour = part.partition("=")
        if sep and role.strip().lower() in o.COLOUR_ROLES:
            parts[role.strip().lower()] = colour.strip()
    return parts


def _colours_field(info: FieldInfo, value: str | None) -> str:
    given = _colour_parts(value)
    rows = []
    for role in o.COLOUR_ROLES:
        ident = f"f-colour-{role}"
        picker = "" if role == "rings" else (
            f'<input type="color" class="picker" id="p-colour-{role}" data-picker-for="{ident}" '
            f'aria-label="Pick the {role} colour" value="#000000">')
        rows.append(
            f'<div class="colour-role"><label for="{ident}">{escape(role)}</label>'
            f'<input type="text" id="{ident}" data-role="{role}" data-colours="yes" '
            f'value="{escape(given.get(role, ""))}" placeholder="the palette\'s" '
            f'aria-describedby="h-colour-{role} h-colours e-colours" autocomplete="off" spellcheck="false">'
            f'{picker}<p class="hint role-hint" id="h-colour-{role}">{escape(ROLE_HELP[role])}</p></div>')
    return (f'<fieldset class="field colours" id="w-colours" data-field="colours" data-kind="colours">'
            f'<legend>Colours of your own</legend>{"".join(rows)}'
            f'{_hint("colours", _COLOURS_HINT)}'
            f'{_error_slot("colours")}</fieldset>')


def _flag_text_field(info: FieldInfo, value: str | None) -> str:
    name = info.name
    truth = _truthy(value)
    checked = truth is True or (value is not None and truth is None)
    own = value if (value is not None and truth is None) else ""
    box = (f'<input type="checkbox" id="f-{name}" data-field="{name}" data-kind="flagtext" value="yes" '
           f'data-default="no" {_described(name)}{" checked" if checked else ""}>')
    text = (f'<input type="text" id="t-{name}" data-text-for="{name}" value="{escape(own)}" '
            f'placeholder="text of your own (optional)" '
            f'aria-label="{escape(_label(name))}: text of your own" '
            f'autocomplete="off">')
    return (f'<div class="field check flagtext" id="w-{name}">{box}<label for="f-{name}">'
            f'{escape(_label(name))}</label>{text}{_hint(name, info.option.help)}{_error_slot(name)}</div>')


def _design_field(info: FieldInfo, value: str | None) -> str:
    name, spec = info.name, info.option
    if name == "palette":
        return _palette_field(info, value)
    if spec.cli == "multiple":
        return _colours_field(info, value)
    if spec.cli == "flag_text":
        return _flag_text_field(info, value)
    if spec.parse is o.worksheet:
        truth = _truthy(value)
        chosen = "yes" if truth is True else "" if truth is False or value is None else value.strip().lower()
        return _field(name, _select(name, _WORKSHEET_CHOICES, chosen, ""), spec.help)
    if spec.choices:
        chosen = (value or str(info.default)).strip().lower()
        control = _select(name, ((c, c) for c in spec.choices), chosen, str(info.default))
        return _field(name, control, spec.help)
    if spec.cli in ("flag", "no_flag") and isinstance(info.default, bool):
        truth = _truthy(value)
        if value is None or truth is not None:
            checked = info.default if truth is None else truth
            return _field(name, _checkbox(name, checked, info.default), spec.help, check=True)
    extra = ' list="page-sizes"' if name == "page" else ""
    if name in ("start_angle", "gore_offset", "dpi", "vent"):
        extra += ' inputmode="decimal"'
    return _field(name, _text_input(name, value or "", _placeholder(info), extra=extra), spec.help)


def _encode_field(option: EncodeOption, value: str | None) -> str:
    name = option.name
    if option.kind == "choice":
        chosen = (value or option.default).strip().lower()
        control = _select(name, ((c, c) for c in option.choices), chosen, option.default)
        return _field(name, control, option.help)
    if option.kind == "bool":
        truth = _truthy(value)
        checked = option.default if truth is None else truth
        return _field(name, _checkbox(name, checked, option.default), option.help, check=True)
    shown = "" if option.default is None else str(option.default)
    control = (f'<input type="text" inputmode="numeric" id="f-{name}" name="{name}" data-field="{name}" '
               f'data-kind="text" data-default="{escape(shown)}" value="{escape(value or shown)}" '
               f'placeholder="{"as needed" if name == "rings" else "default"}" {_described(name)} '
               f'autocomplete="off">')
    return _field(name, control, option.help)


def control_names() -> tuple[str, ...]:
    """The option names the form has a control for, in the form's order."""
    return (*ENCODE_OPTIONS, *(name for _, _, shown, more in SECTIONS for name in (*shown, *more)
                               if name not in ENCODE_OPTIONS))


def _sections(values: Mapping[str, str]) -> str:
    parts = []
    for key, title, shown, more in SECTIONS:
        def control(name: str) -> str:
            if name in ENCODE_OPTIONS:
                return _encode_field(ENCODE_OPTIONS[name], values.get(name))
            return _design_field(FIELDS[name], values.get(name))

        body = "".join(control(name) for name in shown)
        if more:
            opened = " open" if any(name in values for name in more) else ""
            body += (f'<details class="more"{opened}><summary>More {_MORE[key]} options</summary>'
                     f'{"".join(control(name) for name in more)}</details>')
        parts.append(f'<fieldset class="section" id="s-{key}"><legend>{escape(title)}</legend>{body}'
                     '</fieldset>')
    return "".join(parts)


def _basics(values: Mapping[str, str], limits: Limits) -> str:
    if "message" not in values and "coords" not in values:
        message, coords = PERSEVERANCE_MESSAGE, DEFAULT_COORDS
    else:
        message, coords = values.get("message", ""), values.get("coords", "")
    return (
        '<fieldset class="section basics" id="s-basics"><legend>Message and place</legend>'
        + _field("message", f'<textarea id="f-message" name="message" data-field="message" data-kind="text" '
                 f'rows="2" maxlength="{limits.message_chars}" {_described("message")} spellcheck="false">'
                 f'{escape(message)}</textarea>',
                 "The words on the canopy: one word a ring with flow words.")
        + _field("coords", f'<input type="text" id="f-coords" name="coords" data-field="coords" '
                 f'data-kind="text" value="{escape(coords)}" {_described("coords")} autocomplete="off" '
                 f'spellcheck="false" placeholder="none">',
                 "Place for the outer ring: 34°11'58\"N 118°10'31\"W, 34 11 58 N 118 10 31 W or "
                 "34.1994, -118.1753; blank for none.", label="Place")
        + '<p class="place-check" id="coords-check" aria-live="polite"></p></fieldset>')


def _data(limits: Limits) -> str:
    # The colour each role is drawn in (spacers hold 0s; terminator data and fill hold 1s).
    palettes = {name: {"one": hex_colour(pal.one), "zero": hex_colour(pal.zero),
                       "spacer": hex_colour(pal.spacer or pal.zero),
                       "terminator": hex_colour(pal.terminator or pal.one),
                       "fill": hex_colour(pal.fill or pal.one),
                       "seam": hex_colour(pal.seam_colour), "background": hex_colour(pal.background),
                       "text": hex_colour(pal.text_colour)}
                for name, pal in PALETTES.items()}
    data = {"palettes": palettes, "version": __version__,
            "limits": {"message_chars": limits.message_chars, "upload_bytes": limits.upload_bytes}}
    # Inside <script type="application/json">: "<" may not start a closing tag.
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")


def _template() -> str:
    return resources.files("chutecode.web").joinpath("static", "index.html").read_text(encoding="utf-8")


def page_html(values: Mapping[str, str], limits: Limits) -> str:
    """The page, its form filled with ``values`` (a share link's query, as written)."""
    datalist = "".join(f'<option value="{size}">' for size in PAGE_SIZES)
    left_out = "; ".join(f"{name}: {why}" for name, why in LEFT_OUT.items())
    html = _template()
    replacements: dict[str, Any] = {
        "<!--BASICS-->": _basics(values, limits),
        "<!--OPTIONS-->": _sections(values) + f'<datalist id="page-sizes">{datalist}</datalist>'
                          + f'<p class="left-out">Not here: {escape(left_out)}.</p>',
        "<!--DATA-->": _data(limits),
        "<!--VERSION-->": escape(__version__),
    }
    for marker, text in replacements.items():
        html = html.replace(marker, text)
    return html
