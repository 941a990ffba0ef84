"""Batch input: rows from CSV, JSON Lines and TOML; safe names; the manifest."""

from __future__ import annotations

import pytest

from chutecode.batch.manifest import Manifest, file_sha256, options_digest
from chutecode.batch.naming import NameBook, check_template, expand_template, safe_stem
from chutecode.batch.options import RowOptionError, check_columns, split_options
from chutecode.batch.rows import BatchError, parse_rows, read_rows


def test_csv_rows_keep_line_numbers_and_drop_empty_cells():
    text = 'message,coords,name\nDARE MIGHTY THINGS,"34 11 58 N 118 10 31 W",jpl\n\n"TWO\nLINES",,x\nGO,,\n'
    rows = parse_rows(text, "csv")
    assert [r.fields for r in rows] == [
        {"message": "DARE MIGHTY THINGS", "coords": "34 11 58 N 118 10 31 W", "name": "jpl"},
        {"message": "TWO\nLINES", "name": "x"},
        {"message": "GO"},
    ]
    assert [r.line for r in rows] == [2, 5, 6]      # a quoted newline spans lines 4-5
    assert [r.index for r in rows] == [1, 2, 3]


def test_jsonl_and_toml_rows(tmp_path):
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"message": "A", "rings": 3}\n\n{"message": "B", "coords": null}\n', encoding="utf-8")
    rows = read_rows(jsonl)
    assert [(r.line, r.fields) for r in rows] == [(1, {"message": "A", "rings": 3}), (3, {"message": "B"})]
    toml = tmp_path / "rows.toml"
    toml.write_text('title = "x"\n\n[[poster]]\nmessage = "A"\n\n'
                    '[[poster]]\nmessage = "B"\npalette = "mars"\n', encoding="utf-8")
    rows = read_rows(toml)
    assert [(r.line, r.fields) for r in rows] == [
        (3, {"message": "A"}), (6, {"message": "B", "palette": "mars"})]


@pytest.mark.parametrize("text, kind, fragment", [
    ("", "csv", "no header row"),
    ("message\n", "csv", "holds no rows"),
    ("message,\nA,\n", "csv", "empty column name"),
    ('{"message": "A"}\n[1]\n', "jsonl", "line 2 is not a JSON object"),
    ('{"message": \n', "jsonl", "line 1 is not JSON"),
    ("message = 'A'\n", "toml", "no [[poster]] tables"),
    ("[[poster]\n", "toml", "not valid TOML"),
    ("message\nA\n", "xlsx", "use a .csv, .jsonl or .toml"),
])
def test_bad_rows_files(text, kind, fragment):
    with pytest.raises(BatchError, match=fragment.replace("[", r"\[")):
        parse_rows(text, kind)


@pytest.mark.parametrize("raw, stem", [
    ("../../escaped", "escaped"),
    ("/etc/passwd", "etc_passwd"),
    ("a/b\\c", "a_b_c"),
    ("..", "0007"),
    ("  .hidden  ", "hidden"),
    ("tab\tand\nnewline\x00nul", "tab-and-newline-nul"),
    ("Zoë & Øyvind", "Zoë_Øyvind"),
    ("CON", "_CON"),
    ("x" * 300, "x" * 80),
    ("", "0007"),
])
def test_safe_stems(raw, stem):
    result = safe_stem(raw, fallback="0007")
    assert result == stem
    assert "/" not in result and "\\" not in result and ".." not in result
    assert len(result.encode("utf-8")) <= 80


def test_names_are_unique_case_insensitively():
    book = NameBook()
    assert [book.claim(s) for s in ["jpl", "JPL", "jpl", "jpl-2"]] == ["jpl", "JPL-2", "jpl-3", "jpl-2-2"]


def test_templates():
    check_template("{index:04d}-{message}")
    assert expand_template("{index:04d}-{message}-{missing}", {"message": "HI"}, 7) == "0007-HI-"
    for bad in ("{message.__class__}", "{0}", "{message[0]}", "{", "{}"):
        with pytest.raises(BatchError, match="name template"):
            check_template(bad)


def test_options_are_converted_and_split():
    encode_options, design = split_options(
        {"message": "X", "rings": "5", "transliterate": "no", "palette": "mars", "dpi": "150",
         "annotate": "yes"})
    assert encode_options == {"rings": 5, "transliterate": False}
    assert design.to_dict() == {"palette": "mars", "dpi": 150.0, "annotate": True}
    with pytest.raises(RowOptionError, match="column 'rings' has 'five': use a whole number"):
        split_options({"rings": "five"})
    with pytest.raises(BatchError, match="column 'colour' is not a design option"):
        check_columns({"message", "colour"})


def test_manifest_knows_finished_rows(tmp_path):
    poster = tmp_path / "a.svg"
    poster.write_bytes(b"<svg/>")
    digest = options_digest({"message": "A", "palette": "mars"})
    assert digest == options_digest({"palette": "mars", "message": "A"})
    manifest = Manifest(tmp_path)
    manifest.record("a", digest, {"message": "A"}, [{"format": "svg", "file": "a.svg",
                                                     "sha256": file_sha256(poster)}])
    manifest.save()
    again = Manifest(tmp_path)
    assert again.is_done("a", digest)
    assert not again.is_done("a", options_digest({"message": "B"}))
    assert not again.is_done("b", digest)
    poster.write_bytes(b"<svg>changed</svg>")
    assert not again.is_done("a", digest)
    poster.unlink()
    assert not again.is_done("a", digest)


def test_journal_keeps_rows_recorded_before_a_kill(tmp_path):
    manifest = Manifest(tmp_path)
    manifest.record("a", "d1", {}, [])
    manifest.record("b", "d2", {}, [])
    with open(tmp_path / "manifest.journal", "a", encoding="utf-8") as handle:
        handle.write('["c", {"digest": "d3"')            # cut short by a kill
    again = Manifest(tmp_path)                            # no manifest.json was ever saved
    assert sorted(again.entries) == ["a", "b"]
    again.save()
    assert not (tmp_path / "manifest.journal").exists()
    assert sorted(Manifest(tmp_path).entries) == ["a", "b"]


def test_encode_columns_are_encode_options():
    import inspect

    from chutecode import encode
    from chutecode.batch.options import ENCODE_COLUMNS

    keywords = {name for name, p in inspect.signature(encode).parameters.items()
                if p.kind is p.KEYWORD_ONLY}
    assert set(ENCODE_COLUMNS) <= keywords
