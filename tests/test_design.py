"""The Design value: one parser, one field table, exact round trips through dicts and URLs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chutecode
from chutecode import Design, DesignError, PaletteError, PrintError, StyleError, UnitError
from chutecode.batch.options import check_columns, split_options
from chutecode.cli import batch_cmd, render_cmd
from chutecode.cli.design_options import create_design, design_values, flags_of
from chutecode.design.design import FIELDS
from chutecode.design.units import Margins

#: One valid user value (as text, the way a CLI, a cell or a URL gives it) for every field,
#: with the typed value it must become. A field missing here fails test_every_field_has_a_sample.
SAMPLES: dict[str, tuple[str | None, object]] = {
    "style": ("disk", "disk"),
    "equal": ("area", "area"),
    "start_angle": ("-4.5", -4.5),
    "gore_offset": ("1", 1),
    "seam_width": ("0.3mm", 0.3),
    "seam_colour": ("#333", (0x33, 0x33, 0x33)),
    "vent": ("0.12", 0.12),
    "annotate": (None, True),
    "merge": ("no", False),
    "palette": ("midnight", "midnight"),
    "colours": ("one=#DF6A33", (("one", "#df6a33"),)),
    "transparent": (None, True),
    "size": ("20cm", 200.0),
    "dpi": ("150", 150.0),
    "page": ("a3", "a3"),
    "landscape": (None, True),
    "margin": ("10mm,20mm", Margins(10.0, 20.0, 10.0, 20.0)),
    "bleed": ("3mm", 3.0),
    "crop_marks": (None, True),
    "caption": (None, True),
    "subtitle": (None, True),
    "legend": (None, True),
    "footer": (None, True),
    "font": ("DejaVu Sans", "DejaVu Sans"),
    "lang": ("UK", "uk"),
    "text_as_paths": (None, True),
    "paper": ("white", (255, 255, 255)),
    "worksheet": (None, True),
    "title": ("My canopy", "My canopy"),
    "author": ("Ada", "Ada"),
    "subject": ("A test", "A test"),
    "timestamp": (None, True),
    "cmyk_profile": None,  # filled in by the fixture below: it needs a real ICC file
    "frame_rate": ("10", 10.0),
    "duration": ("2.5s", 2.5),
    "hold": ("1", 1.0),
    "pdfx": (None, True),
}

#: Fields that need another field to be valid on their own.
NEEDS = {"landscape": {"page": "a4"}, "margin": {"page": "a4"}, "equal": {"style": "disk"}}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    from cmyk_profile import build_cmyk_profile

    profile = tmp_path_factory.mktemp("icc") / "press.icc"
    profile.write_bytes(build_cmyk_profile())
    return {**SAMPLES, "cmyk_profile": (str(profile), str(profile))}


def _text(sample):
    return "yes" if sample[0] is None else sample[0]


def test_every_field_has_a_sample():
    assert set(SAMPLES) == set(FIELDS)


def test_defaults_are_the_documented_ones():
    design = Design()
    assert design.style == "dgb" and design.dpi == 300.0 and design.size is None and design.page is None
    assert design.resolved_palette.name == "perseverance"
    assert Design.create(annotate=True).resolved_palette.name == "explain"
    assert Design.create() == design and design.to_dict() == {} and design.to_query() == ""


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_field_is_reachable_from_api_cli_and_batch(name, samples, tmp_path):
    sample = samples[name]
    extra = NEEDS.get(name, {})
    text = _text(sample)
    wanted = Design.create(**extra, **{name: text})
    assert getattr(wanted, name) == sample[1]
    assert getattr(Design.create(**extra, **{name: sample[1]}), name) == sample[1]  # typed in, same value

    # The Python API: render()'s keyword options are design options.
    assert chutecode.renderers.as_design(**extra, **{name: text}) == wanted

    # A batch column of the same name, value as text.
    check_columns({name, *extra})
    _, design = split_options({"message": "A", **extra, name: text})
    assert design == wanted

    # The command line: the flag is the name with dashes.
    info = FIELDS[name]
    flag = flags_of(info)[0]
    assert flag.replace("--no-", "--").lstrip("-").replace("-", "_") == name
    args = [a for k, v in extra.items() for a in (flags_of(FIELDS[k])[0], v)]
    args += [flag] if info.option.cli in ("flag", "no_flag", "flag_text") else [flag, text]
    rows = tmp_path / "rows.csv"
    rows.write_text("message\nA\n", encoding="utf-8")
    for command, more in ((render_cmd.command, []), (batch_cmd.command, [str(rows), "-o", str(tmp_path)])):
        params = command.make_context(command.name, [*args, *more]).params
        assert create_design(design_values(dict(params))) == wanted


def test_cli_and_batch_refuse_the_same_bad_value_in_their_own_words():
    with pytest.raises(click.BadParameter) as cli_error:
        create_design({"seam_width": "0.3q"})
    assert cli_error.value.param_hint == "'--seam-width'"
    from chutecode.batch.options import RowOptionError

    with pytest.raises(RowOptionError, match=r"column 'seam_width' has '0.3q'"):
        split_options({"message": "A", "seam_width": "0.3q"})
    with pytest.raises(StyleError, match=r"seam_width '0.3q' is not valid"):
        Design.create(seam_width="0.3q")


@pytest.mark.parametrize(("values", "error", "fragment"), [
    ({"colour": "red"}, DesignError, "option 'colour' is not known: use style, equal"),
    ({"style": "round"}, StyleError, "style 'round' is not known: use one of dgb, disk"),
    ({"size": "20parsecs"}, UnitError, "unit 'parsecs'"),
    ({"dpi": "0"}, UnitError, "dpi '0' is not valid: give a positive number"),
    ({"dpi": -3}, UnitError, "dpi -3 is not valid"),
    ({"dpi": True}, UnitError, "dpi True is not valid"),
    ({"palette": "sunset"}, PaletteError, "palette 'sunset' is not known"),
    ({"colours": "one"}, PaletteError, "'one' is not ROLE=COLOUR"),
    ({"colours": "sky=blue"}, PaletteError, "'sky=blue' is not ROLE=COLOUR"),
    ({"caption": 3.5}, PrintError, "caption 3.5 is not valid"),
    ({"landscape": True}, PrintError, "landscape needs a page size"),
    ({"worksheet": "both"}, PrintError, "worksheet 'both' is not valid"),
    ({"bleed": "30mm"}, PrintError, "more than 25 mm"),
    ({"timestamp": "last week"}, PrintError, "timestamp 'last week' is not valid"),
    ({"vent": "0.9"}, StyleError, "vent 0.9 is not valid"),
    ({"gore_offset": "1.5"}, StyleError, "gore_offset '1.5' is not valid"),
    ({"annotate": "maybe"}, StyleError, "annotate 'maybe' is not valid: give True or False"),
    ({"transparent": "clear"}, PrintError, "transparent 'clear' is not valid: give True or False"),
    ({"background": None}, DesignError, "option 'background' is not known: for no background give "
                                        "transparent=True"),
    ({"frame_rate": "0"}, DesignError, "frame_rate '0' is not valid: give frames a second (e.g. 12), more "
                                       "than 0 and at most 50"),
    ({"duration": "2 min"}, DesignError, "duration '2 min' is not valid: give seconds"),
    ({"hold": 0}, DesignError, "hold 0 is not valid: give seconds (e.g. 4 or 2.5s), more than 0"),
    ({"frame_rate": 50, "duration": 100}, DesignError, "makes 5000 frames, more than 1500"),
    ({"lang": "klingon"}, PrintError, "lang 'klingon' is not a language chutecode writes: use one of en, de"),
    ({"lang": "pt-BR"}, PrintError, "use one of en, de, es, fr, nl, ru, uk, ar, ja"),
])
def test_bad_values_name_the_option_and_what_is_valid(values, error, fragment):
    with pytest.raises(error) as caught:
        Design.create(**values)
    assert fragment in str(caught.value)
    assert getattr(caught.value, "field", None) in values


def test_text_and_typed_values_make_one_design():
    as_text = Design.create(size="200mm", caption="yes", crop_marks="no", page="A3", palette="MIDNIGHT",
                            colours="one=#DF6A33;rings=red,gold")
    typed = Design.create(size=200, caption=True, crop_marks=False, page="a3", palette="midnight",
                          colours={"one": (223, 106, 51), "rings": ["#f00", "gold"]})
    assert as_text == typed
    assert as_text.resolved_palette.rings == ((255, 0, 0), (255, 215, 0))


def test_px_lengths_use_the_dpi_given_with_them():
    assert Design.create(size="7200px", dpi=600).size == pytest.approx(304.8)
    assert Design.create(dpi=600, size="7200px").size == pytest.approx(304.8)


def test_style_object_and_palette_mapping_are_sugar():
    design = Design.create(style=chutecode.Style(name="disk", equal="area", annotate=True),
                           palette={"base": "mono", "one": "navy"})
    assert (design.style, design.equal, design.annotate, design.palette) == ("disk", "area", True, "mono")
    assert design.resolved_palette.one == (0, 0, 128)


def test_worksheet_pages_are_made_in_one_place():
    design = Design.create(worksheet=True, annotate=True)
    questions, answers = design.pages()
    assert (questions.worksheet, answers.worksheet) == ("questions", "answers")
    assert questions.resolved_style.annotate is False  # the labels would give the answer away
    assert answers.resolved_style.annotate is True
    assert Design().pages() == (Design(),)


def test_render_refuses_unknown_keywords_with_the_valid_names(tmp_path):
    with pytest.raises(DesignError, match="option 'seam_color' is not known: use .*seam_colour"):
        chutecode.render(chutecode.encode("A"), tmp_path / "a.svg", seam_color="#333")
    assert not list(tmp_path.iterdir())


def test_render_takes_a_design_and_keyword_sugar(tmp_path):
    layout = chutecode.encode("HELLO")
    design = Design.create(palette="mono", size="5cm")
    chutecode.render(layout, tmp_path / "a.svg", design)
    chutecode.render(layout, tmp_path / "b.svg", palette="mono", size="5cm")
    chutecode.render(layout, tmp_path / "c.svg", Design.create(palette="mars"), palette="mono", size=50)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes() \
        == (tmp_path / "c.svg").read_bytes()


def test_batch_cells_take_cli_units(tmp_path):
    """seam_width=0.3mm and seam_colour=#333 in a cell, as on the command line."""
    rows = tmp_path / "rows.csv"
    rows.write_text("message,seam_width,seam_colour\nHELLO,0.3mm,#333\n", encoding="utf-8")
    report = chutecode.batch.run(rows, tmp_path / "out", formats=("svg",), size="5cm")
    assert report.ok, report.failed
    svg = (tmp_path / "out" / "0001.svg").read_text(encoding="utf-8")
    reference = tmp_path / "ref.svg"
    chutecode.render(chutecode.encode("HELLO"), reference, size="5cm", seam_width=0.3,
                     seam_colour=(51, 51, 51))
    assert svg == reference.read_text(encoding="utf-8")
    assert 'stroke="#333333"' in svg


def test_batch_manifest_digest_uses_the_design_dict(tmp_path):
    rows = [{"message": "A", "palette": "mars", "size": "5cm"},
            {"message": "B", "palette": "mars", "size": 50}]
    chutecode.batch.run(rows, tmp_path, formats=("svg",))
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["rows"]
    assert manifest["0001"]["options"]["design"] == {"palette": "mars", "size": 50.0}
    assert manifest["0001"]["options"]["design"] == manifest["0002"]["options"]["design"]


def test_render_command_draws_each_page_once(tmp_path, monkeypatch):
    from chutecode.cli import main
    from chutecode.drawing import draw as draw_module

    calls = {"compose": 0, "geometry": 0}
    real_compose, real_geometry = draw_module.compose, draw_module.build_geometry

    def counting_compose(*args, **kwargs):
        calls["compose"] += 1
        return real_compose(*args, **kwargs)

    def counting_geometry(*args, **kwargs):
        calls["geometry"] += 1
        return real_geometry(*args, **kwargs)

    monkeypatch.setattr(draw_module, "compose", counting_compose)
    monkeypatch.setattr(draw_module, "build_geometry", counting_geometry)
    for args, pages in ((["--page", "a5", "--caption", "-o", str(tmp_path / "p.png"), "--dpi", "40"], 1),
                        (["--worksheet", "-o", str(tmp_path / "w.pdf")], 2)):
        calls.update(compose=0, geometry=0)
        with pytest.raises(SystemExit) as done:
            main(["render", *args])
        assert done.value.code == 0
        assert calls == {"compose": pages, "geometry": pages}


# -- round trips -------------------------------------------------------------------------------------

_lengths = st.floats(min_value=0.5, max_value=2000, allow_nan=False, allow_infinity=False)
_colour = st.tuples(*[st.integers(0, 255)] * 3)
_text_values = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and t.lower() not in ("1", "0", "true", "false", "yes", "no", "y", "n", "on",
                                                      "off"))
_flag_or_text = st.one_of(st.booleans(), _text_values)

designs = st.fixed_dictionaries({}, optional={
    "style": st.sampled_from(["dgb", "disk"]),
    "start_angle": st.floats(-720, 720, allow_nan=False),
    "gore_offset": st.integers(-100, 100),
    "seam_width": st.one_of(st.just(0.0), st.floats(0.01, 5)),
    "seam_colour": _colour,
    "vent": st.floats(0, 0.7),
    "annotate": st.booleans(),
    "merge": st.booleans(),
    "palette": st.sampled_from(sorted(chutecode.PALETTES)),
    "colours": st.dictionaries(st.sampled_from(["one", "zero", "seam", "background", "text"]), _colour,
                               max_size=3),
    "size": _lengths.filter(lambda mm: mm >= 1),   # MIN_PAGE_MM
    "dpi": st.floats(10, 2400, allow_nan=False),
    "page": st.sampled_from(["a4", "a3", "letter", "500x500mm", "24x36in"]),
    "bleed": st.floats(0, 25),
    "crop_marks": st.booleans(),
    "caption": _flag_or_text,
    "subtitle": _flag_or_text,
    "legend": st.booleans(),
    "footer": _flag_or_text,
    "paper": _colour,
    "worksheet": st.sampled_from([False, True, "questions", "answers"]),
    "lang": st.sampled_from(sorted(chutecode.design.language.LANGUAGES)),
    "text_as_paths": st.booleans(),
    "title": _text_values,
    "author": _text_values,
    "subject": _text_values,
    "timestamp": st.one_of(st.booleans(), st.datetimes(timezones=st.just(UTC)).map(
        lambda d: d.replace(microsecond=0))),
})


@settings(max_examples=150, deadline=None)
@given(designs)
def test_dict_round_trip(values):
    design = Design.create(**values)
    data = design.to_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON data
    assert Design.from_dict(data) == design
    assert all(getattr(design, name) != FIELDS[name].default for name in data)  # only non-defaults


@settings(max_examples=150, deadline=None)
@given(designs)
def test_query_round_trip(values):
    design = Design.create(**values)
    assert Design.from_query(design.to_query()) == design
    assert Design.from_query("?" + design.to_query()) == design


def test_custom_palette_round_trips():
    palette = chutecode.Palette.create("sunrise", one="#ff8800", zero="white", background="black")
    design = Design.create(palette=palette, caption="Dare & do")
    assert Design.from_dict(design.to_dict()) == design
    assert Design.from_query(design.to_query()) == design
    assert design.resolved_palette == palette


def test_query_refuses_unknown_and_malformed_input():
    with pytest.raises(DesignError, match="option 'path' is not known"):
        Design.from_query("path=/etc/passwd")
    with pytest.raises(UnitError):
        Design.from_query("size=1e999mm")
    with pytest.raises(DesignError):
        Design.from_dict(["size", 20])  # type: ignore[arg-type]


def test_a_known_query_reads_as_documented():
    design = Design.from_query("palette=midnight&size=150&caption=yes&colours=one%3D%23df6a33"
                               "&margin=5.0%2C5.0%2C5.0%2C5.0&page=a4"
                               "&timestamp=2021-02-18T20%3A55%3A00%2B00%3A00")
    assert design.palette == "midnight" and design.size == 150.0 and design.caption is True
    assert design.colours == (("one", "#df6a33"),) and design.margin == Margins(5, 5, 5, 5)
    assert design.timestamp == datetime(2021, 2, 18, 20, 55, tzinfo=UTC)


def test_a_query_takes_margins_as_a_person_types_them():
    """One to four lengths, as on the command line, not only the four that to_query() writes."""
    assert Design.from_query("page=a4&margin=12mm").margin == Margins(12.0, 12.0, 12.0, 12.0)
    assert Design.from_query("page=a4&margin=10mm,20mm").margin == Margins(10.0, 20.0, 10.0, 20.0)
    design = Design.create(page="a4", margin="1in,2cm,1in")
    assert Design.from_query(design.to_query()) == design
