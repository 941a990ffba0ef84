"""Page text through Pango in every language: no missing glyphs, nothing overlapping the canopy or each
other, right-to-left text running right to left, Japanese broken into lines, and a clear error for
text no installed font covers."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

import chutecode
from chutecode import Design, FontError
from chutecode.drawing.composition import compose
from chutecode.drawing.text import measure, wrap_text
from chutecode.drawing.text.pango import (
    TextSpec,
    char_extents,
    measuring_context,
    new_layout,
    runs,
    unknown_glyphs,
)
from page_samples import POSTER, SAMPLES, sample_layout

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"poster": POSTER, "questions": dict(worksheet="questions"), "answers": dict(worksheet="answers")}


def composed(lang: str, kind: str):
    design = Design.create(lang=lang, **PAGES[kind])
    return compose(sample_layout(lang), design.resolved_page, design.resolved_style, design.resolved_palette)


def _layout(line):
    spec = TextSpec(line.text, line.font, line.bold, line.lang, line.rtl)
    return spec, new_layout(measuring_context(spec.rtl), spec)


@pytest.fixture(scope="module", params=[(lang, kind) for lang in SAMPLES for kind in PAGES],
                ids=lambda p: f"{p[0]}-{p[1]}")
def page(request):
    lang, kind = request.param
    return lang, kind, composed(lang, kind)


def test_no_glyph_is_the_missing_glyph_box(page):
    lang, kind, comp = page
    lines = comp.texts()
    assert len(lines) > 20
    boxes = [line.text for line in lines if unknown_glyphs(_layout(line)[1])]
    assert boxes == [], f"{lang} {kind}: .notdef glyphs in {boxes[:3]}"


def test_text_stays_off_the_canopy_and_inside_the_trim(page):
    lang, kind, comp = page
    for line in comp.texts():
        assert line.bbox.inside(comp.trim_box), (lang, kind, line.text)
        assert line.bbox.clear_of_disk(comp.canopy_centre, comp.canopy_radius), (lang, kind, line.text)


def test_text_boxes_never_overlap_each_other(page):
    lang, kind, comp = page
    lines = sorted((line for line in comp.texts() if line.text.strip()), key=lambda t: t.bbox.y0)
    overlapping = []
    for index, line in enumerate(lines):
        for other in lines[index + 1:]:
            if other.bbox.y0 >= line.bbox.y1:
                break
            if line.bbox.overlaps(other.bbox):
                overlapping.append((line.text, other.text))
    assert overlapping == [], f"{lang} {kind}: {overlapping[:3]}"


def test_the_page_is_in_its_language(page):
    lang, kind, comp = page
    text = " ".join(line.text for line in comp.texts())
    heading = {"en": "How to read", "de": "So liest man", "es": "Cómo leer", "fr": "Comment lire",
               "nl": "Zo lees je", "ru": "Как читать", "uk": "Як читати", "ar": "كيف تقرأ",
               "ja": "コードの読み方"}[lang]
    title = {"en": "Decode", "de": "Entschlüssle", "es": "Descifra", "fr": "Décode", "nl": "Ontcijfer",
             "ru": "Расшифруй", "uk": "Розшифруй", "ar": "فكّ", "ja": "解読"}[lang]
    if kind == "poster":
        assert heading in text
    elif kind == "questions":
        assert title in text
        assert SAMPLES[lang][0] not in text  # the worksheet never gives the message away


def test_right_to_left_lines_start_at_the_right():
    comp = composed("ar", "poster")
    checked = 0
    for line in comp.texts():
        visible = [(i, c) for i, c in enumerate(line.text) if unicodedata.category(c) != "Cf"]
        if not line.rtl or unicodedata.bidirectional(visible[0][1]) not in ("R", "AL"):
            continue
        spec, layout = _layout(line)
        x0, x1 = char_extents(layout, line.text, visible[0][0])
        width = line.advance / line.size * 100
        # The first character's glyph is the rightmost one.
        assert x1 == pytest.approx(width, abs=0.5) and x0 < x1, (line.text, x0, x1, width)
        checked += 1
    assert checked >= 8


@pytest.mark.parametrize(("message", "first_word", "last_word"), [
    ("نحو المريخ", "نحو", "المريخ"),
    ("שלום עולם", "שלום", "עולם"),
])
def test_rtl_caption_reads_from_the_right_in_the_pdf(tmp_path, message, first_word, last_word):
    """Poppler's pdftotext, reading the PDF, finds the first word's glyphs right of the last word's."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian poppler-utils) is a test dependency: apt-get install poppler-utils")
    out = tmp_path / "caption.pdf"
    chutecode.render(chutecode.encode(message, codec="utf8", flow="stream"), out, page="a6", caption=True)
    html = subprocess.run([pdftotext, "-bbox", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    import re

    word = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>'
    glyphs = [(float(x0), float(x1), text) for x0, x1, text in re.findall(word, html)]
    assert len(glyphs) >= 6
    rightmost = max(glyphs)[2]
    leftmost = min(glyphs)[2]
    # pdftotext names a ligature by one of its letters; it still belongs to its word.
    assert set(rightmost) <= set(first_word) and set(leftmost) <= set(last_word), (rightmost, leftmost)
    assert not set(rightmost) <= set(last_word) - set(first_word)


def test_japanese_breaks_between_characters():
    text = "各リングを時計回りに、いちばん内側のリングから読みます。色のついたゴアは1、無地のゴアは0です。"
    lines = wrap_text(text, 40.0, 3.0, lang="ja")
    assert len(lines) >= 3 and "".join(lines) == text
    assert all(measure(line, 3.0, lang="ja").right <= 40.0 + 1e-6 for line in lines)
    # kinsoku: no line starts with a closing mark
    assert not any(line[0] in "、。）」" for line in lines[1:])


def test_long_words_stay_whole_and_latin_wraps_at_spaces():
    lines = wrap_text("Supercalifragilistic expialidocious is long", 12.0, 3.0)
    assert lines[0] == "Supercalifragilistic"
    assert " ".join(lines) == "Supercalifragilistic expialidocious is long"


def test_fallback_fonts_come_from_fontconfig():
    spec = TextSpec("Mars 火星 مريخ 🚀", "DejaVu Sans", False, "ja", False)
    families = [run.family for run in runs(new_layout(measuring_context(False), spec), spec.text)]
    assert "DejaVu Sans" in families
    assert any("CJK JP" in f for f in families), families
    assert "Noto Color Emoji" in families


def test_han_in_a_latin_page_does_not_depend_on_the_environment():
    code = textwrap.dedent("""
        from chutecode.drawing.text.pango import TextSpec, measuring_context, new_layout, runs
        spec = TextSpec("直骨 to 海", "DejaVu Sans", False, "en", False)
        print([r.family for r in runs(new_layout(measuring_context(False), spec), spec.text)])
    """)
    found = set()
    for language in ("ja", "zh_CN", "zh_TW", "ko"):
        env = {**os.environ, "LANGUAGE": language, "PANGO_LANGUAGE": language}
        found.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                 check=True).stdout)
    assert len(found) == 1, found


def test_measured_and_drawn_widths_agree():
    """A line drawn at any scale covers the box it was measured with (hinting is off)."""
    import cairocffi as cairo

    from chutecode.drawing.shapes import text_line
    from chutecode.renderers.text_cairo import TextPainter

    line = text_line("Read each ring clockwise — Ёж, 火星, مرحبا", 5.0, 10.0, 4.0, (0, 0, 0))
    for scale in (3.0, 11.811, 40.0):  # px per mm: 76, 300 and 1016 dpi
        width, height = int(line.bbox.x1 * scale) + 20, int(16 * scale)
        surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, width, height)
        ctx = cairo.Context(surface)
        ctx.scale(scale, scale)
        TextPainter(ctx).line(line)
        surface.flush()
        data = bytes(surface.get_data())
        stride = surface.get_stride()
        columns = [x for x in range(width) if any(data[y * stride + x * 4 + 3] for y in range(height))]
        ink_left, ink_right = columns[0] / scale, (columns[-1] + 1) / scale
        assert ink_left >= line.bbox.x0 - 1.5 / scale and ink_right <= line.bbox.x1 + 1.5 / scale
        assert ink_right - ink_left > line.advance * 0.95


def _font_free_environment(tmp_path: Path) -> dict[str, str]:
    """fontconfig limited to DejaVu: what a machine without the Noto fonts has."""
    dejavu = next((p for p in (Path("/usr/share/fonts/truetype/dejavu"),) if p.exists()), None)
    if dejavu is None:
        pytest.fail("fonts-dejavu-core is part of the set-up (README)")
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


@pytest.mark.parametrize(("text", "names"), [
    ("火星へ", ["'火' (U+706B)", "fonts-noto-cjk"]),
    ("Hi 🚀", ["'🚀' (U+1F680)", "fonts-noto-color-emoji"]),
    ("नमस्ते", ["U+0928", "Noto Sans Devanagari", "fonts-noto-core"]),
])
def test_text_no_font_covers_is_an_error_naming_the_characters_and_the_font(tmp_path, text, names):
    code = textwrap.dedent(f"""
        import json, chutecode
        try:
            layout = chutecode.encode({text!r}, codec="utf8", flow="stream")
            chutecode.render(layout, {str(tmp_path / 'x.pdf')!r}, page="a5", caption=True)
        except chutecode.FontError as exc:
            print(json.dumps(str(exc)))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_font_free_environment(tmp_path), check=True)
    message = json.loads(done.stdout)
    for name in names:
        assert name in message, message
    assert "\n" not in message
    assert not (tmp_path / "x.pdf").exists()  # nothing left behind


def test_private_use_characters_are_refused_here_too(tmp_path):
    with pytest.raises(FontError, match=r"U\+E000.*give a font that has them"):
        chutecode.render(chutecode.encode("HI"), tmp_path / "x.svg", page="a5", caption="Hi \ue000")
    assert not list(tmp_path.iterdir())


def test_cli_lang_writes_the_page_in_the_language(tmp_path):
    from chutecode.cli import main

    out = tmp_path / "p.svg"
    with pytest.raises(SystemExit) as done:
        main(["render", "HELLO", "--page", "a5", "--legend", "--lang", "de", "-o", str(out)])
    assert done.value.code == 0
    assert "So liest man den Code" in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as bad:
        main(["render", "HELLO", "--lang", "xx", "-o", str(tmp_path / "q.svg")])
    assert bad.value.code == 2


def test_batch_column_lang(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("message,lang\nHELLO,fr\nHALLO,nl\n", encoding="utf-8")
    report = chutecode.batch.run(rows, tmp_path / "out", formats=("svg",), page="a5", legend=True)
    assert report.ok, report.failed
    assert "Comment lire le code" in (tmp_path / "out" / "0001.svg").read_text(encoding="utf-8")
    assert "Zo lees je de code" in (tmp_path / "out" / "0002.svg").read_text(encoding="utf-8")


def test_pages_in_every_script_are_reproducible():
    layout = sample_layout("ar")
    first, second = io.BytesIO(), io.BytesIO()
    for out in (first, second):
        chutecode.render(layout, out, format="pdf", lang="ar", **POSTER)
    assert first.getvalue() == second.getvalue()


def test_a_canopy_without_page_text_loads_no_text_library(tmp_path):
    code = textwrap.dedent(f"""
        import sys, chutecode
        layout = chutecode.encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W")
        for name in ("a.png", "a.svg", "a.pdf"):
            chutecode.render(layout, {str(tmp_path)!r} + "/" + name, size="5cm")
        print(sorted(m for m in ("pangocffi", "pangocairocffi", "babel") if m in sys.modules))
        chutecode.render(layout, {str(tmp_path)!r} + "/b.png", size="5cm", page="a6", subtitle=True)
        print(sorted(m for m in ("pangocffi", "pangocairocffi", "babel") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # Babel is for numbers of four digits and more (or digits other than Western ones).
    assert out.splitlines() == ["[]", "['pangocairocffi', 'pangocffi']"]
