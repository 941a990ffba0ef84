from __future__ import annotations

import io
import sys
import textwrap

import pytest

import chutecode
from chutecode import RenderError
from chutecode.drawing.drawing import Drawing
from chutecode.renderers import (
    Renderer,
    available_formats,
    broken_renderers,
    get_renderer,
    register_renderer,
    reload_plugins,
    unregister_renderer,
)


def bits_renderer(drawing: Drawing, stream) -> None:
    """A toy format: one line of 0/1 a ring, read from the drawing's shapes."""
    g = drawing.geometry
    for band in g.rings:
        stream.write("".join(str(s.bit) for s in g.ring_sectors(band.index)).encode() + b"\n")


@pytest.fixture()
def toy():
    register_renderer("toy", bits_renderer, extensions=["toy", "bits"], description="bits, one ring a line")
    yield
    unregister_renderer("toy")


def test_builtins_are_registered():
    formats = available_formats()
    assert {"svg", "png", "pdf", "eps", "ps"} <= set(formats)
    assert formats["png"].extensions == ("png",)
    assert isinstance(bits_renderer, Renderer)


def test_toy_renderer_by_extension(toy, tmp_path, perseverance, reference):
    target = tmp_path / "canopy.bits"
    chutecode.render(perseverance, target)
    assert target.read_text().split() == [ring["bits"] for ring in reference["rings"]]
    out = io.BytesIO()
    chutecode.render(perseverance, out, format="toy")
    assert out.getvalue() == target.read_bytes()
    assert get_renderer("toy").description == "bits, one ring a line"


def test_registering_twice_needs_replace(toy):
    with pytest.raises(RenderError, match="already registered"):
        register_renderer("toy", bits_renderer)
    register_renderer("toy", bits_renderer, ["toy"], replace=True)
    with pytest.raises(RenderError, match="not valid"):
        register_renderer("thing", "not callable")  # type: ignore[arg-type]


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(RenderError) as info:
        get_renderer("webp")
    assert "'webp'" in str(info.value) and "svg" in str(info.value) and "png" in str(info.value)


@pytest.fixture()
def plugin_dist(tmp_path, monkeypatch):
    """A fake installed distribution declaring two chutecode.renderers entry points:
    one that works and one whose module fails to import."""
    (tmp_path / "toyplug.py").write_text(textwrap.dedent("""
        def render_lines(drawing, stream):
            stream.write(b"toyplug %d rings" % len(drawing.geometry.rings))
        render_lines.extensions = ["lines"]
    """))
    (tmp_path / "brokenplug.py").write_text("raise ImportError('needs libfoo')\n")
    info = tmp_path / "toyplug-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toyplug\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[chutecode.renderers]\nlines = toyplug:render_lines\nfancy = brokenplug:render\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    reload_plugins()
    yield tmp_path
    monkeypatch.undo()
    sys.modules.pop("toyplug", None)
    reload_plugins()


def test_entry_point_plugins(plugin_dist, tmp_path, perseverance):
    formats = available_formats()
    assert "lines" in formats and formats["lines"].origin == "plugin toyplug:render_lines"
    target = tmp_path / "canopy.lines"
    chutecode.render(perseverance, target)
    assert target.read_bytes() == b"toyplug 4 rings"
    # the broken plugin is reported, not fatal
    assert "fancy" not in formats
    assert "needs libfoo" in broken_renderers()["fancy"]
    with pytest.raises(RenderError, match="failed to load.*needs libfoo"):
        chutecode.render(perseverance, io.BytesIO(), format="fancy")
    chutecode.render(perseverance, tmp_path / "still.svg")
    assert (tmp_path / "still.svg").exists()


def test_plugins_are_gone_after_reload(plugin_dist):
    assert "lines" in available_formats()


def test_plugin_state_restored():
    assert "lines" not in available_formats() and "fancy" not in broken_renderers()


def test_render_pages_uses_a_plugins_page_writer(tmp_path):
    """A format registered with a page writer gets every page at once, through the registry."""
    calls = []

    def pages(drawings, stream):
        calls.append(len(drawings))
        for drawing in drawings:
            bits_renderer(drawing, stream)
            stream.write(b"--\n")

    register_renderer("book", bits_renderer, extensions=["book"], pages=pages)
    try:
        layouts = [chutecode.encode("A"), chutecode.encode("B")]
        written = chutecode.render_pages(layouts, tmp_path / "two.book")
        assert written == [str(tmp_path / "two.book")] and calls == [2]
        text = (tmp_path / "two.book").read_text()
        assert text.count("--\n") == 2
        assert text.splitlines()[0] == chutecode.encode("A").rings[0].bits
    finally:
        unregister_renderer("book")


def test_render_pages_writes_one_file_a_page_for_a_one_page_format(tmp_path, toy):
    written = chutecode.render_pages([chutecode.encode("A"), chutecode.encode("B")], tmp_path / "p.toy")
    assert written == [str(tmp_path / "p-1.toy"), str(tmp_path / "p-2.toy")]
    assert (tmp_path / "p-2.toy").read_text().splitlines()[0] == chutecode.encode("B").rings[0].bits


def test_a_plugin_replacing_pdf_is_used_for_multi_page_output(tmp_path):
    original = get_renderer("pdf")
    register_renderer("pdf", bits_renderer, extensions=["pdf"], replace=True)
    try:
        written = chutecode.render(chutecode.encode("HELLO"), tmp_path / "w.pdf", worksheet=True)
        assert written == [str(tmp_path / "w-1.pdf"), str(tmp_path / "w-2.pdf")]
        assert (tmp_path / "w-1.pdf").read_text().startswith(chutecode.encode("HELLO").rings[0].bits)
    finally:
        register_renderer("pdf", original.renderer, original.extensions, description=original.description,
                          replace=True, origin=original.origin, pages=original.pages)
    assert get_renderer("pdf").pages is not None
