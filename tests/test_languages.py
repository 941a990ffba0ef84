"""The catalogues of page text: every string of the source translated into every language, with the
English placeholders, compiled into the .mo files the package reads; numbers the language's way."""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import chutecode
from chutecode.design.language import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, get_language
from chutecode.drawing import wording

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "chutecode"
TRANSLATED = sorted(set(LANGUAGES) - {DEFAULT_LANGUAGE})


def _source_messages() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Every message the package's source asks gettext for, as Babel extracts it (not the catalogues)."""
    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    method_map = [("**.py", "python")]
    for _file, _line, message, _comments, context in extract_from_dir(str(PACKAGE), method_map):
        ids = (message,) if isinstance(message, str) else tuple(message)
        found[(context, ids[0])] = ids
    return found


SOURCE = _source_messages()


def _catalogue(lang: str):
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "chutecode.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_source_has_the_page_texts():
    assert len(SOURCE) >= 50
    assert (None, "Decode the parachute") in SOURCE
    assert ("legend: every group of", "{count} gore") in SOURCE


def test_every_language_has_a_catalogue_and_english_is_the_source():
    assert set(LANGUAGES) >= {"en", "de", "es", "fr", "nl", "ru", "uk", "ar", "ja"}
    on_disk = {p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/chutecode.po")}
    assert on_disk == set(TRANSLATED)


def test_the_template_lists_exactly_the_source_messages():
    with (LOCALE_DIR / "chutecode.pot").open("rb") as handle:
        template = read_po(handle)
    listed = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in template if m.id}
    assert listed == set(SOURCE), "run pybabel extract (docs/languages.md)"


def catalogue_problems(catalogue, source=SOURCE) -> list[str]:
    """What is wrong with a catalogue: strings missing, left over, fuzzy or untranslated, a wrong count
    of plural forms, and placeholders that differ from the English."""
    problems = []
    entries = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalogue if m.id}
    problems += [f"missing {key}" for key in sorted(set(source) - set(entries), key=str)]
    problems += [f"stale {key}" for key in sorted(set(entries) - set(source), key=str)]
    for key, message in entries.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy {key}")
        if not all(s.strip() for s in strings):
            problems.append(f"untranslated {key}")
        if isinstance(message.id, tuple):
            if len(strings) != catalogue.num_plurals:
                problems.append(f"{len(strings)} plural forms, not {catalogue.num_plurals}: {key}")
            english = _fields(message.id[0]) | _fields(message.id[1])
            forms = [_fields(s) for s in strings]
            # A plural form may leave the count out ("one gore") but never brings in another field,
            # and the forms together use every English one.
            if not all(form <= english for form in forms) or set().union(*forms) != english:
                problems.append(f"placeholders {forms} not {sorted(english)}: {key}")
        elif _fields(message.string) != _fields(message.id):
            problems.append(f"placeholders {sorted(_fields(message.string))} not "
                            f"{sorted(_fields(message.id))}: {key}")
    return problems


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_string_is_translated_with_the_english_placeholders(lang):
    problems = catalogue_problems(_catalogue(lang))
    assert not problems, f"{lang}: {problems[:5]}"


def test_a_broken_catalogue_is_caught():
    from babel.messages.catalog import Catalog

    catalogue = Catalog(locale="ru")
    catalogue.add("Ring {number}", "Кольцо {nummer}")
    catalogue.add("Decode the parachute", "")
    catalogue.add(("{count} ring", "{count} rings"), ("{count} кольцо", "{count} кольца"),
                  context="description")
    catalogue.add("Old text", "Старый текст")
    source = {(None, "Ring {number}"): (), (None, "Decode the parachute"): (),
              ("description", "{count} ring"): (), (None, "How to read the code"): ()}
    problems = catalogue_problems(catalogue, source)
    assert any(p.startswith("missing") and "How to read the code" in p for p in problems)
    assert any(p.startswith("stale") and "Old text" in p for p in problems)
    assert any(p.startswith("untranslated") and "Decode the parachute" in p for p in problems)
    assert any(p.startswith("placeholders ['nummer']") for p in problems)
    assert any(p.startswith("2 plural forms, not 3") for p in problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_shipped_mo_is_its_po_compiled(lang):
    buffer = io.BytesIO()
    write_mo(buffer, _catalogue(lang))
    shipped = (LOCALE_DIR / lang / "LC_MESSAGES" / "chutecode.mo").read_bytes()
    assert shipped == buffer.getvalue(), "run pybabel compile -d src/chutecode/locale -D chutecode"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "12,345"), ("de", "12.345"), ("es", "12.345"), ("fr", "12\u202f345"), ("nl", "12.345"),
    ("ru", "12\u00a0345"), ("uk", "12\u00a0345"), ("ar", "12,345"), ("ja", "12,345"),
])
def test_numbers_are_written_the_languages_way(lang, expected):
    # CLDR's conventions: a narrow no-break space in French, a no-break space in Russian and
    # Ukrainian; Arabic (ar, not ar-EG) writes Western digits.
    assert get_language(lang).number(12345) == expected
    assert get_language(lang).number(5, digits=2) == "05"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_small_numbers_written_without_babel_are_what_babel_writes(lang):
    from babel.numbers import format_decimal

    words = get_language(lang)
    for value in (*range(0, 130), 255, 999):
        assert words.number(value) == format_decimal(value, locale=lang, numbering_system="default")
        assert words.number(value, digits=2) == format_decimal(value, format="00", locale=lang,
                                                               numbering_system="default")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "34° 11′ 58″ N\u2003118° 10′ 31″ W"),
    ("de", "34° 11′ 58″ N\u2003118° 10′ 31″ W"),
    ("fr", "34° 11′ 58″ N\u2003118° 10′ 31″ O"),
    ("es", "34° 11′ 58″ N\u2003118° 10′ 31″ O"),
    ("nl", "34° 11′ 58″ N\u2003118° 10′ 31″ W"),
    ("ru", "34° 11′ 58″\u00a0с.\u00a0ш.\u2003118° 10′ 31″\u00a0з.\u00a0д."),
    ("uk", "34° 11′ 58″\u00a0пн.\u00a0ш.\u2003118° 10′ 31″\u00a0зх.\u00a0д."),
    ("ja", "北緯34度11分58秒\u3000西経118度10分31秒"),
    ("ar", "\u206634° 11′ 58″\u2069 شمالًا\u2003\u2066118° 10′ 31″\u2069 غربًا"),
])
def test_the_place_is_written_the_languages_way(perseverance, lang, expected):
    assert wording.place_text(get_language(lang), perseverance.coordinates) == expected


def test_east_is_o_where_the_language_says_ost():
    place = chutecode.encode("HI", coords="48 51 30 N 2 17 40 E").coordinates
    assert wording.place_text(get_language("de"), place).endswith("2° 17′ 40″ O")
    assert wording.place_text(get_language("nl"), place).endswith("2° 17′ 40″ O")
    south = chutecode.encode("HI", coords="36 50 54 S 174 45 48 E").coordinates
    assert wording.place_text(get_language("nl"), south).startswith("36° 50′ 54″ Z")


def test_plural_forms_follow_the_count():
    layout = chutecode.encode("HELLO", codec="utf8", flow="stream")  # 2 spacer + 8 data bits
    ru = wording.legend_explanation(get_language("ru"), layout)
    assert "2 клина-разделителя" in ru and "8 бит данных" in ru and "из 10 клиньев" in ru
    uk = wording.legend_explanation(get_language("uk"), layout)
    assert "2 клини-роздільники" in uk and "8 бітів даних" in uk
    letters = chutecode.encode("HELLO")  # 3 spacer + 7 data bits
    assert "3 клина-разделителя" in wording.legend_explanation(get_language("ru"), letters)
    assert "شريحتين فاصلتين" in wording.legend_explanation(get_language("ar"), layout)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_language_reads_its_catalogue(lang):
    words = get_language(lang)
    title = wording.worksheet_title(words)
    if lang == DEFAULT_LANGUAGE:
        assert title == "Decode the parachute"
    else:
        assert title != "Decode the parachute" and title.strip()


def test_unknown_language_is_a_clear_error():
    with pytest.raises(chutecode.ChutecodeError, match="lang 'xx' is not a language chutecode writes"):
        chutecode.Design.create(lang="xx")
