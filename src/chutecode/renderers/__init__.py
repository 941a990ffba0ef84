"""Drawing layouts: the :func:`render` entry point, the :class:`Renderer`
protocol and the format registry.

>>> import chutecode, io
>>> buffer = io.BytesIO()
>>> chutecode.render(chutecode.encode("DARE"), buffer, format="svg", size="10cm")
>>> buffer.getvalue()[:5]
b'<?xml'
"""

from __future__ import annotations

from chutecode.renderers.api import (
    DEFAULT_DPI,
    DEFAULT_SIZE,
    describe_layout,
    describe_scheme,
    make_drawing,
    numbered_paths,
    render,
    render_drawing,
    render_pages,
)
from chutecode.renderers.drawing import Drawing, Renderer, RingPaint
from chutecode.renderers.registry import (
    ENTRY_POINT_GROUP,
    RendererInfo,
    available_formats,
    broken_renderers,
    format_for_path,
    get_renderer,
    register_renderer,
    reload_plugins,
    unregister_renderer,
)

__all__ = [
    "render", "render_pages", "render_drawing", "make_drawing", "describe_layout", "describe_scheme",
    "numbered_paths",
    "DEFAULT_SIZE", "DEFAULT_DPI",
    "Drawing", "Renderer", "RingPaint",
    "ENTRY_POINT_GROUP", "RendererInfo", "available_formats", "broken_renderers", "format_for_path",
    "get_renderer", "register_renderer", "reload_plugins", "unregister_renderer",
]
