"""The playground's query: one vocabulary with the API, the command line and batch rows."""

from __future__ import annotations

import inspect

import pytest

import chutecode
from chutecode import Design
from chutecode.batch.options import ENCODE_COLUMNS
from chutecode.cli import render_cmd
from chutecode.design.design import FIELDS
from chutecode.errors import ChutecodeError
from chutecode.web.limits import Limits
from chutecode.web.page import SECTIONS, control_names
from chutecode.web.query import ENCODE_OPTIONS, LEFT_OUT, parse_query
from test_design import SAMPLES


def test_ring_code_options_are_named_as_encode_the_cli_and_batch_name_them():
    params = inspect.signature(chutecode.encode).parameters
    assert list(ENCODE_OPTIONS) == [name for name in params if name not in ("message", "coords")]
    for name, option in ENCODE_OPTIONS.items():
        assert option.default == params[name].default, name
    assert set(ENCODE_OPTIONS) == set(ENCODE_COLUMNS)
    cli_options = {p.name for p in render_cmd.command.params}
    assert set(ENCODE_OPTIONS) <= cli_options


def test_choices_are_the_library_s():
    assert ENCODE_OPTIONS["codec"].choices == ("letters", "ascii", "utf8")
    assert ENCODE_OPTIONS["flow"].choices == ("words", "stream")


def test_the_form_places_every_option_once():
    names = control_names()
    assert len(names) == len(set(names))
    assert set(names) == set(ENCODE_OPTIONS) | (set(FIELDS) - set(LEFT_OUT))
    assert all(name in FIELDS or name in ENCODE_OPTIONS for _, _, shown, more in SECTIONS
               for name in (*shown, *more))


@pytest.mark.parametrize("name", [name for name in FIELDS if name not in LEFT_OUT])
def test_every_design_option_goes_through_a_share_link(name):
    text, typed = SAMPLES[name]
    needs = {"landscape": {"page": "a4"}, "margin": {"page": "a4"}, "equal": {"style": "disk"}}.get(name, {})
    values = {**needs, name: "yes" if text is None else text}
    query = parse_query({"message": "HELLO", "coords": "", **values})
    assert getattr(query.design, name) == typed
    assert query.design == Design.create(**values)
    again = parse_query(query.to_query())
    assert again == query
    assert again.to_query() == query.to_query()


def test_defaults_and_the_place():
    default = parse_query("")
    assert (default.message, default.coords) == ("DARE MIGHTY THINGS", "34 11 58 N 118 10 31 W")
    assert default.design == Design() and default.encode_options == {}
    assert default.layout() == chutecode.encode("DARE MIGHTY THINGS", chutecode.PERSEVERANCE_PLACE)
    no_place = parse_query("message=HELLO")
    assert no_place.place is None and no_place.to_query() == "message=HELLO&coords="
    assert parse_query("coords=10+N+20+E").message == ""


def test_encode_options_keep_only_what_differs_from_the_defaults():
    query = parse_query("message=A&codec=letters&gores=120&rings=&spacer=none&transliterate=no&strict=yes")
    assert query.encode_options == {"gores": 120, "transliterate": False, "strict": True}
    assert query.to_query() == "message=A&coords=&gores=120&transliterate=no&strict=yes"


def test_the_one_margin_a_person_types_in_a_url():
    assert parse_query("message=A&page=a4&margin=12mm").design.margin == (12.0, 12.0, 12.0, 12.0)


@pytest.mark.parametrize(("query", "field", "fragment"), [
    ("message=A&gores=12.5", "gores", "whole number"),
    ("message=A&gores=0", "gores", "from 1 to 400"),
    ("message=A&rings=21", "rings", "from 1 to 20"),
    ("message=A&flow=spiral", "flow", "words, stream"),
    ("message=A&strict=maybe", "strict", "yes or no"),
    ("message=A&group=7&gores=70", "group", "group 7"),
    ("message=A&group=7", "gores", "multiple of the group size 7"),
    ("message=A&spacer=9", "spacer", "spacer 9"),
    ("message=A&gores=85", "gores", "multiple"),
    ("message=HELLO+WORLD&rings=1", "rings", "rings=1"),
    ("message=Éa€&transliterate=no", "message", "€"),
    ("message=A&coords=1+2+3", "coords", "1 2 3"),
    ("message=A&coords=200+0+0+N+0+0+0+E&strict=yes", "coords", "200"),
    ("message=A&title=" + "t" * 201, "title", "201 characters"),
    ("message=A&font=DejaVu:bold", "font", "family name"),
    ("message=A&seam_width=99999mm", "seam_width", "5000"),
    ("message=A&bleed=30mm", "bleed", "30mm"),
])
def test_errors_name_their_option(query, field, fragment):
    with pytest.raises(ChutecodeError) as info:
        parse_query(query).layout()
    assert getattr(info.value, "field", None) == field
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_limits_are_the_playground_s_own():
    small = Limits(message_chars=5, rings=2, gores=40)
    with pytest.raises(ChutecodeError, match="at most 5"):
        parse_query("message=HELLO+MARS", small)
    with pytest.raises(ChutecodeError, match="from 1 to 40"):
        parse_query("message=A&gores=80", small)
    with pytest.raises(ChutecodeError, match=r"needs 3 rings, more than the playground draws \(2\)"):
        parse_query("message=A+B+C&gores=40", small).layout()
