"""Pango, through ``pangocffi`` and ``pangocairocffi``: the layouts page text is measured and drawn with.

One function, :func:`new_layout`, builds the layout of a :class:`TextSpec`
(text, font, weight, language, direction), for measuring on a context of its
own and for drawing on a cairo context alike, so what is drawn is what was
measured. Layouts are set at :data:`REFERENCE_SIZE` units; a line of another
size is drawn scaled. Hinting is off and glyph positions are not rounded, so
metrics scale exactly with the size and do not depend on the output's
resolution.

Pango does the shaping (HarfBuzz), the bidirectional ordering and the line
breaking, and fontconfig finds a font for every character the asked-for
family lacks. The bindings are loaded on first use: importing this module
costs nothing.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["REFERENCE_SIZE", "TextSpec", "Extents", "Run", "bindings", "font_options", "LOCK",
           "measuring_context", "new_layout", "cached_layout", "extents", "runs", "unknown_glyphs",
           "char_extents", "base_direction", "line_texts", "script_name"]

#: The size, in layout units, every layout is set at.
REFERENCE_SIZE = 100.0
_SCALE = 1024  # PANGO_SCALE: Pango units in a layout unit
_WEIGHT_NORMAL = 400
_WEIGHT_BOLD = 700
_DIRECTION_LTR = 0
_DIRECTION_RTL = 1
_WRAP_WORD = 0
_GLYPH_UNKNOWN_FLAG = 0x10000000
_GLYPH_IS_COLOR = 0x2

#: Held while Pango objects are made or read: Pango is not thread-safe.
LOCK = threading.RLock()

# The public structs of Pango that pangocffi declares opaque: a run's glyphs and its font.
_STRUCTS = """
typedef struct { int32_t width; int32_t x_offset; int32_t y_offset; } ChGlyphGeometry;
typedef struct { uint32_t glyph; ChGlyphGeometry geometry; uint32_t attr; } ChGlyphInfo;
typedef struct { int num_glyphs; ChGlyphInfo *glyphs; int *log_clusters; int space; } ChGlyphString;
typedef struct { void *shape_engine; void *lang_engine; void *font; uint8_t level; uint8_t gravity;
                 uint8_t flags; uint8_t script; void *language; void *extra_attrs; } ChAnalysis;
typedef struct { int offset; int length; int num_chars; ChAnalysis analysis; } ChItem;
typedef struct { ChItem *item; ChGlyphString *glyphs; int y_offset; int start_x_offset;
                 int end_x_offset; } ChGlyphItem;
"""


@dataclass(frozen=True)
class TextSpec:
    """What makes a layout: the text, the font family, bold or not, the language and the direction."""

    text: str
    font: str
    bold: bool = False
    lang: str = "en"
    rtl: bool = False

    def __post_init__(self) -> None:
        # Control characters draw nothing on a page (Pango would draw them as hex boxes): leave them out,
        # so measuring, drawing and the glyph check see the same visible text.
        visible = _CONTROLS.sub("", self.text)
        if visible != self.text:
            object.__setattr__(self, "text", visible)


#: C0 and C1 control characters other than tab and newline.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Extents:
    """A layout's extents at :data:`REFERENCE_SIZE`, y down from the layout's top.

    ``ink`` and ``logical`` are ``(x, y, width, height)``; ``baseline`` is the
    first line's baseline from the top.
    """

    ink: tuple[float, float, float, float]
    logical: tuple[float, float, float, float]
    baseline: float


@dataclass(frozen=True)
class Run:
    """A run of glyphs in one font: characters ``start`` to ``end`` of the text, the font's family,
    whether its glyphs are colour bitmaps (emoji), and its left and right edge at :data:`REFERENCE_SIZE`."""

    start: int
    end: int
    family: str
    colour: bool
    x0: float
    x1: float


class _Bindings:
    """The loaded libraries: pango and pangocairo, their cffi modules, and the struct reader."""

    def __init__(self) -> None:
        import cffi
        import pangocairocffi
        import pangocffi

        self.pango: Any = pangocffi.pango
        self.gobject: Any = pangocffi.gobject
        self.ffi: Any = pangocffi.ffi
        self.pangocairo: Any = pangocairocffi.pangocairo
        self.cairo_ffi: Any = pangocairocffi.ffi
        self.structs = cffi.FFI()
        self.structs.cdef(_STRUCTS)

    def glyph_item(self, pointer: Any) -> Any:
        """A ``PangoGlyphItem *`` of pangocffi read through the full struct."""
        return self.structs.cast("ChGlyphItem *", int(self.ffi.cast("uintptr_t", pointer)))


@functools.lru_cache(maxsize=1)
def bindings() -> _Bindings:
    """The Pango bindings, loaded once."""
    return _Bindings()


def font_options() -> Any:
    """cairo font options of page text: no hinting, unhinted metrics (so metrics scale with the size)."""
    import cairocffi as cairo

    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    options.set_hint_style(cairo.HINT_STYLE_NONE)
    return options


_OPTIONS: list[Any] = []  # the font options given to contexts, kept alive as long as they are


def _prepare(context: Any, rtl: bool) -> Any:
    b = bindings()
    if not _OPTIONS:
        _OPTIONS.append(font_options())
    b.pangocairo.pango_cairo_context_set_font_options(context, _OPTIONS[0]._pointer)
    b.pango.pango_context_set_round_glyph_positions(context, False)
    b.pango.pango_context_set_base_dir(context, _DIRECTION_RTL if rtl else _DIRECTION_LTR)
    return context


@functools.lru_cache(maxsize=2)
def measuring_context(rtl: bool) -> Any:
    """The context text is measured on (no target, identity transform), one a direction."""
    b = bindings()
    font_map = b.pangocairo.pango_cairo_font_map_get_default()
    context = b.ffi.gc(b.pango.pango_font_map_create_context(font_map), b.gobject.g_object_unref)
    return _prepare(context, rtl)


def new_layout(context: Any, spec: TextSpec, width: float | None = None) -> Any:
    """The layout of ``spec`` on ``context`` (made for ``spec.rtl``), wrapped at ``width``
    reference units when given."""
    b = bindings()
    pango = b.pango
    layout = b.ffi.gc(pango.pango_layout_new(context), b.gobject.g_object_unref)
    desc = pango.pango_font_description_from_string(spec.font.encode("utf-8"))
    try:
        pango.pango_font_description_set_absolute_size(desc, REFERENCE_SIZE * _SCALE)
        pango.pango_font_description_set_weight(desc, _WEIGHT_BOLD if spec.bold else _WEIGHT_NORMAL)
        pango.pango_layout_set_font_description(layout, desc)
    finally:
        pango.pango_font_description_free(desc)
    pango.pango_layout_set_auto_dir(layout, False)
    attrs = pango.pango_attr_list_new()
    try:
        language = pango.pango_language_from_string(spec.lang.encode("ascii"))
        pango.pango_attr_list_insert(attrs, pango.pango_attr_language_new(language))
        pango.pango_attr_list_insert(attrs, pango.pango_attr_insert_hyphens_new(False))
        for start, end, lang in _cjk_spans(spec):
            attr = pango.pango_attr_language_new(pango.pango_language_from_string(lang.encode("ascii")))
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_insert(attrs, attr)
        pango.pango_layout_set_attributes(layout, attrs)
    finally:
        pango.pango_attr_list_unref(attrs)
    if width is not None:
        pango.pango_layout_set_width(layout, max(int(width * _SCALE), 1))
        pango.pango_layout_set_wrap(layout, _WRAP_WORD)
    data = spec.text.encode("utf-8")
    pango.pango_layout_set_text(layout, data, len(data))
    return layout


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CJK = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                  "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]+")
_CJK_LANGUAGES = ("ja", "ko", "zh")


def _cjk_spans(spec: TextSpec) -> list[tuple[int, int, str]]:
    """Byte ranges of Chinese, Japanese and Korean characters in a text whose language is none of
    them, with the language their font is chosen for: Japanese when the text has kana, Korean when
    it has hangul, else Chinese. (Left to Pango, the choice would follow the environment.)"""
    if spec.lang.split("-")[0] in _CJK_LANGUAGES or spec.text.isascii():
        return []
    found = list(_CJK.finditer(spec.text))
    if not found:
        return []
    lang = "ja" if _KANA.search(spec.text) else "ko" if _HANGUL.search(spec.text) else "zh-cn"
    return [(len(spec.text[:m.start()].encode("utf-8")), len(spec.text[:m.end()].encode("utf-8")), lang)
            for m in found]


@functools.lru_cache(maxsize=1024)
def cached_layout(spec: TextSpec) -> Any:
    """The layout of ``spec`` on the measuring context, made once: the very layout that is measured
    is the one drawn (hinting is off, so it draws the same under any transformation)."""
    return new_layout(measuring_context(spec.rtl), spec)


def _rect(rect: Any) -> tuple[float, float, float, float]:
    return (rect.x / _SCALE, rect.y / _SCALE, rect.width / _SCALE, rect.height / _SCALE)


def extents(layout: Any) -> Extents:
    """The ink and logical extents and the baseline of ``layout``."""
    b = bindings()
    ink = b.ffi.new("PangoRectangle *")
    logical = b.ffi.new("PangoRectangle *")
    b.pango.pango_layout_get_extents(layout, ink, logical)
    return Extents(_rect(ink), _rect(logical), b.pango.pango_layout_get_baseline(layout) / _SCALE)


def unknown_glyphs(layout: Any) -> int:
    """How many glyphs of ``layout`` are the missing-glyph box (no installed font has the character)."""
    return int(bindings().pango.pango_layout_get_unknown_glyphs_count(layout))


def _iter_runs(layout: Any) -> Iterator[tuple[Any, Any]]:
    b = bindings()
    pango = b.pango
    it = pango.pango_layout_get_iter(layout)
    try:
        while True:
            run = pango.pango_layout_iter_get_run_readonly(it)
            if run != b.ffi.NULL:
                logical = b.ffi.new("PangoRectangle *")
                pango.pango_layout_iter_get_run_extents(it, b.ffi.NULL, logical)
                yield run, logical
            if not pango.pango_layout_iter_next_run(it):
                break
    finally:
        pango.pango_layout_iter_free(it)


def runs(layout: Any, text: str) -> list[Run]:
    """The runs of the first line of ``layout`` (of ``text``), left to right as drawn."""
    b = bindings()
    data = text.encode("utf-8")
    out: list[Run] = []
    for run, logical in _iter_runs(layout):
        item = b.glyph_item(run)
        font = b.ffi.cast("PangoFont *", int(b.structs.cast("uintptr_t", item.item.analysis.font)))
        desc = b.pango.pango_font_describe(font)
        try:
            family_ptr = b.pango.pango_font_description_get_family(desc)
            family = b.ffi.string(family_ptr).decode("utf-8") if family_ptr != b.ffi.NULL else ""
        finally:
            b.pango.pango_font_description_free(desc)
        glyphs = item.glyphs
        colour = any(glyphs.glyphs[i].attr & _GLYPH_IS_COLOR and
                     not glyphs.glyphs[i].glyph & _GLYPH_UNKNOWN_FLAG for i in range(glyphs.num_glyphs))
        start = len(data[: item.item.offset].decode("utf-8", "ignore"))
        end = start + item.item.num_chars
        x0 = logical.x / _SCALE
        out.append(Run(start, end, family, bool(colour), x0, x0 + logical.width / _SCALE))
    return out


def char_extents(layout: Any, text: str, index: int) -> tuple[float, float]:
    """Left and right edge (reference units) of the character ``index`` of ``text`` as laid out."""
    b = bindings()
    byte = len(text[:index].encode("utf-8"))
    pos = b.ffi.new("PangoRectangle *")
    b.pango.pango_layout_index_to_pos(layout, byte, pos)
    x0, x1 = pos.x / _SCALE, (pos.x + pos.width) / _SCALE
    return (min(x0, x1), max(x0, x1))


def base_direction(text: str) -> bool | None:
    """True when ``text``'s first strong character is right to left, False for left to right,
    None when it has none (digits and punctuation only)."""
    b = bindings()
    data = text.encode("utf-8")
    direction = int(b.pango.pango_find_base_dir(data, len(data)))
    if direction == _DIRECTION_RTL:
        return True
    if direction == _DIRECTION_LTR:
        return False
    return None


def line_texts(layout: Any, text: str) -> list[str]:
    """The text of every line of a wrapped ``layout`` of ``text``, trailing spaces dropped."""
    b = bindings()
    data = text.encode("utf-8")
    lines = []
    for number in range(b.pango.pango_layout_get_line_count(layout)):
        line = b.pango.pango_layout_get_line_readonly(layout, number)
        start = b.pango.pango_layout_line_get_start_index(line)
        length = b.pango.pango_layout_line_get_length(line)
        lines.append(data[start:start + length].decode("utf-8").rstrip())
    return lines


def script_name(char: str) -> str:
    """The Unicode script of ``char`` as Pango names it (``HAN``, ``ARABIC``, ``COMMON``, ``UNKNOWN``)."""
    b = bindings()
    script = b.pango.pango_script_for_unichar(ord(char))
    name = b.ffi.string(b.ffi.cast("PangoScript", script))
    return str(name).removeprefix("PANGO_SCRIPT_")
